"""Reading phase files: TOML in, validated protocols out, clear messages on error.

A bad file never stops the app: it is skipped, and a ``PhaseFileError``
says which file, where in it (line and the ids around it) and what is wrong.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from pydantic import ValidationError

from interview_tui.core.protocol_checks import protocol_problems
from interview_tui.core.protocol import Protocol, Technique, TechniqueFile
from interview_tui.phases.toml_lines import line_of
from interview_tui.phases.toml_text import BOM, TextProblem, toml_of

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


@dataclass(frozen=True)
class PhaseFileError:
    """One problem in one file, phrased for the person who wrote the file."""

    path: Path
    problem: str
    line: int | None = None
    place: str = ""

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        place = f" ({self.place})" if self.place else ""
        return f"{where}{place}: {self.problem}"


@dataclass
class Catalogue:
    """Everything found in the phase folders: protocols by id, technique cards by id, errors."""

    protocols: dict[str, Protocol] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    techniques: dict[str, Technique] = field(default_factory=dict)
    errors: list[PhaseFileError] = field(default_factory=list)
    replaced: dict[str, Path] = field(default_factory=dict)
    """Protocols of an earlier folder (the built-in ones) that a later folder's file replaces: id -> that earlier file."""

    def protocol(self, protocol_id: str) -> Protocol | None:
        return self.protocols.get(protocol_id)

    def techniques_for(self, protocol: Protocol, technique_ids: Iterable[str]) -> list[Technique]:
        local = {t.id: t for t in protocol.technique}
        found = []
        for tid in technique_ids:
            card = local.get(tid) or self.techniques.get(tid)
            if card is not None:
                found.append(card)
        return found


# ---------------------------------------------------------------- locating


_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]\s*(#.*)?$")


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number for a pydantic error location such as ``('phase', 2, 'prompt', 0, 'id')``.

    Works for the shapes phase files use: arrays of tables (``[[phase]]``,
    ``[[phase.prompt]]``) and ``key = value`` lines inside them.
    """
    lines = text.splitlines()
    start, end = 0, len(lines)
    table = ""
    i = 0
    while i < len(loc):
        key = loc[i]
        if not isinstance(key, str):
            break
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        name = f"{table}.{key}" if table else key
        if isinstance(nxt, int):
            count = -1
            found = None
            for n in range(start, end):
                m = _HEADER.match(lines[n])
                if not m:
                    continue
                header = m.group(1)
                if header == name:
                    count += 1
                    if count == nxt:
                        found = n
                        break
            if found is None:
                return _key_line(lines, start, end, key)
            block_end = end
            for n in range(found + 1, end):
                m = _HEADER.match(lines[n])
                if m and not m.group(1).startswith(name + "."):
                    block_end = n
                    break
            start, end, table = found + 1, block_end, name
            i += 2
            continue
        if isinstance(nxt, str):  # a plain table ([protocol], [choices]): look for the key inside it
            block = _table_block(lines, start, end, name)
            if block is not None:
                start, end = block
                table = name
                i += 1
                continue
        return _key_line(lines, start, end, key) or (start if start else None)
    return start if start else None


def _table_block(lines: list[str], start: int, end: int, name: str) -> tuple[int, int] | None:
    """The lines of the plain table ``[name]`` (after its header, up to the next header), if it is there."""
    header = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]\s*(#.*)?$")
    for n in range(start, end):
        if header.match(lines[n]):
            for m in range(n + 1, end):
                if lines[m].lstrip().startswith("["):
                    return n + 1, m
            return n + 1, end
    return None


def _key_line(lines: list[str], start: int, end: int, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    table = re.compile(rf"^\s*\[\s*([A-Za-z0-9_.\-]+\.)?{re.escape(key)}\s*\]\s*(#.*)?$")  # [choices], [phase.instrument]
    for n in range(start, end):
        if pattern.match(lines[n]) or table.match(lines[n]):
            return n + 1
        if lines[n].lstrip().startswith("[") and n > start and _HEADER.match(lines[n]):
            break
    return None


def _place(data: Any, loc: tuple[Any, ...]) -> str:
    """Name the spot with the ids a writer knows, e.g. ``phase 'assessment', prompt 2``.

    The last key is left out: the problem itself names the field.
    """
    if loc and isinstance(loc[-1], str):
        loc = loc[:-1]
    parts: list[str] = []
    node = data
    i = 0
    while i < len(loc):
        key = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(key, str) and isinstance(nxt, int):
            label = f"{key} {nxt + 1}"
            try:
                item = node[key][nxt]
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    label = f"{key} '{item['id']}'"
                node = item
            except (KeyError, IndexError, TypeError):
                node = None
            parts.append(label)
            i += 2
            continue
        if isinstance(key, str):
            parts.append(f"'{key}'")
            try:
                node = node[key]
            except (KeyError, TypeError):
                node = None
        i += 1
    return ", ".join(parts)


def _describe(err: ErrorDetails) -> str:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    field_name = next((k for k in reversed(loc) if isinstance(k, str)), "")
    if kind == "missing":
        return f"'{field_name}' is missing"
    if kind == "extra_forbidden":
        return f"unknown key '{field_name}'"
    if kind == "string_pattern_mismatch":
        return f"'{field_name}' must be a lower-case id (letters, digits, '-' and '_')"
    msg = str(err.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    if field_name and kind not in ("value_error", "assertion_error"):
        return f"'{field_name}': {msg}"
    return msg


def validation_errors(path: Path, text: str, data: Any, exc: ValidationError) -> list[PhaseFileError]:
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = tuple(err.get("loc", ()))
        # Tagged-union and model-level errors add noise segments that are not keys in the file.
        out.append(
            PhaseFileError(
                path=path, problem=_describe(err), line=_line_of(text, loc) or line_of(text, loc), place=_place(data, loc)
            )
        )
    return out


# ---------------------------------------------------------------- loading


def read_toml(path: Path) -> tuple[str, dict[str, Any]] | PhaseFileError:
    """The file's text and TOML data, or a located error (see ``toml_text.py``)."""
    result = toml_of(path)
    if isinstance(result, TextProblem):
        return PhaseFileError(path=path, problem=result.problem, line=result.line)
    return result


def parse_file(path: Path) -> Protocol | TechniqueFile | list[PhaseFileError]:
    """Parse one phase file: a protocol (has ``[protocol]``) or a technique card file."""
    result = read_toml(path)
    if isinstance(result, PhaseFileError):
        return [result]
    text, data = result
    model: type[Protocol] | type[TechniqueFile] = Protocol if "protocol" in data or "phase" in data else TechniqueFile
    if model is TechniqueFile and "technique" not in data:
        return [
            PhaseFileError(
                path=path,
                problem="neither a protocol (needs a [protocol] table and [[phase]] tables) "
                "nor a technique file (needs [[technique]] tables)",
            )
        ]
    try:
        parsed = model.model_validate(data, context={"located_checks": True})
    except ValidationError as exc:
        return validation_errors(path, text, data, exc)
    if isinstance(parsed, Protocol):
        problems = protocol_problems(parsed)
        if problems:
            return [
                PhaseFileError(path=path, problem=p.message, line=_line_of(text, p.loc), place=p.place)
                for p in problems
            ]
    return parsed


def _toml_files(folder: Path) -> list[Path]:
    return _folder_files(folder)[0]


def _folder_files(folder: Path) -> tuple[list[Path], list[PhaseFileError]]:
    """The phase files of ``folder`` (sorted; hidden ones left out), and a problem for each ``.toml`` name that is
    a link to nothing (said, never silently skipped)."""
    if not folder.is_dir():
        return [], []
    files: list[Path] = []
    problems: list[PhaseFileError] = []
    for path in sorted(folder.iterdir()):
        if path.suffix != ".toml" or path.name.startswith("."):
            continue
        if path.is_file():
            files.append(path)
        elif path.is_symlink() and not path.exists():
            problems.append(PhaseFileError(path=path, problem=f"a link to {os.readlink(path)}, which does not exist"))
    return files, problems


def folder_problems(folder: Path, named: bool) -> list[PhaseFileError]:
    """What is wrong with a folder of phase files as such: it is a file, or (when the user named it, with
    ``--phases-dir`` or the environment) it does not exist. The default user folder may be missing."""
    if folder.is_dir():
        return []
    if folder.exists():
        return [PhaseFileError(path=folder, problem="not a folder (phase files are read from a folder of .toml files)")]
    if named:
        return [PhaseFileError(path=folder, problem="no such folder; only the built-in phase files are read")]
    return []


def load_catalogue(folders: Iterable[Path], named: Iterable[Path] = ()) -> Catalogue:
    """Load every phase file of ``folders`` in order; later folders override earlier ones by id.

    Technique references are checked once everything is read, so a protocol
    may use cards from any file. A protocol naming an unknown technique is
    skipped with an error, like any other bad file. A folder that is a file, a ``named`` folder (one the user
    chose) that does not exist, and a link to nothing in a folder are errors too.
    """
    cat = Catalogue()
    named = set(named)
    for folder in folders:
        in_this_folder: dict[str, Path] = {}
        files, problems = _folder_files(folder)
        cat.errors.extend(folder_problems(folder, folder in named) + problems)
        for path in files:
            parsed = parse_file(path)
            if isinstance(parsed, list):
                cat.errors.extend(parsed)
            elif isinstance(parsed, Protocol):
                if parsed.id in in_this_folder:  # two files of one folder: the first (by name) is kept, both are named
                    cat.errors.append(same_id_error(path, parsed.id, in_this_folder[parsed.id]))
                    continue
                in_this_folder[parsed.id] = path
                if parsed.id in cat.sources:
                    cat.replaced[parsed.id] = cat.replaced.get(parsed.id, cat.sources[parsed.id])
                cat.protocols[parsed.id] = parsed
                cat.sources[parsed.id] = path
            else:
                cat.techniques.update({t.id: t for t in parsed.technique})
    for pid, protocol in list(cat.protocols.items()):
        problems = technique_errors(cat.sources[pid], protocol, cat.techniques)
        if problems:
            cat.errors.extend(problems)
            del cat.protocols[pid]
            del cat.sources[pid]
    return cat


def same_id_error(path: Path, protocol_id: str, first: Path) -> PhaseFileError:
    """``path`` gives its protocol the id ``first`` already gives one (found on the ``id`` line of its [protocol])."""
    read = read_toml(path)
    line = line_of(read[0], ("protocol", "id")) if isinstance(read, tuple) else None
    return PhaseFileError(
        path=path,
        problem=f"protocol id '{protocol_id}' is also the id of {first}; this file is skipped (give it an id of its own)",
        line=line,
    )


def technique_errors(path: Path, protocol: Protocol, shared: dict[str, Technique]) -> list[PhaseFileError]:
    """An error for every technique id a phase names that no card defines."""
    local = {t.id for t in protocol.technique}
    missing = [
        (index, phase.id, tid)
        for index, phase in enumerate(protocol.phase)
        for tid in phase.techniques
        if tid not in local and tid not in shared
    ]
    if not missing:
        return []
    text = path.read_text(encoding="utf-8").removeprefix(BOM)
    return [
        PhaseFileError(
            path=path,
            problem=f"unknown technique '{tid}' (define it in a [[technique]] table)",
            line=_line_of(text, ("phase", index, "techniques")),
            place=f"phase '{phase_id}'",
        )
        for index, phase_id, tid in missing
    ]


def check_files(paths: Iterable[Path], shared_folders: Iterable[Path]) -> list[PhaseFileError]:
    """Validate the given files (or folders of files) for ``phases check``.

    Technique ids may refer to cards in ``shared_folders`` (the built-in and
    user folders) or in the files being checked.
    """
    files: list[Path] = []
    errors: list[PhaseFileError] = []
    for p in paths:
        if p.is_dir():
            found, problems = _folder_files(p)
            files.extend(found)
            errors.extend(problems)
        elif p.exists():
            files.append(p)
        else:
            errors.append(PhaseFileError(path=p, problem="no such file or folder"))
    shared_folders = list(shared_folders)
    shared = load_catalogue(shared_folders).techniques
    built_in = shared_folders[0].resolve() if shared_folders else None
    parsed: list[tuple[Path, Protocol]] = []
    ids: dict[str, Path] = {}
    for path in files:
        result = parse_file(path)
        if isinstance(result, list):
            errors.extend(result)
        elif isinstance(result, Protocol):
            first = ids.get(result.id)
            if first is not None and first.resolve().parent != built_in:  # (a user file may replace a built-in one)
                errors.append(same_id_error(path, result.id, first))
                continue
            ids[result.id] = path
            parsed.append((path, result))
        else:
            shared.update({t.id: t for t in result.technique})
    for path, protocol in parsed:
        errors.extend(technique_errors(path, protocol, shared))
    return errors
