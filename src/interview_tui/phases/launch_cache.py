"""What the last full reading of the phase files found, kept so a launch need not read them again to say so.

The home screen must say at once which phase files were skipped and why.
Finding out means reading and validating every phase file, which needs
pydantic and the protocol models: about a third of a launch's memory. So
after each full reading the result (the usable protocols, with their files,
the hash of the bytes validated and an outline of each for ``new CLIENT``
(see ``phases/outline.py``), and the error messages) is written to a small file in the cache folder, with a
fingerprint of everything it depends on: every file in the phase folders
(names and bytes) and the app's own code (a new version may judge a file
differently). A launch whose fingerprint matches shows the remembered
result; the phase files themselves are read when a session is started or
opened. Any difference, a missing or damaged cache file, or folders too big
to fingerprint cheaply: the files are read in full, as before.

The cache holds file paths, problems found in phase files and the phase
files' own texts (titles, prompts): no client text. It is written like a session file: atomically, 0600, in a 0700 folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from interview_tui import __version__

if TYPE_CHECKING:
    from interview_tui.phases.files import Catalogue

FORMAT = 6
MAX_FILES = 400
MAX_BYTES = 4 * 1024 * 1024
"""Phase folders larger than this are read in full at every launch rather than fingerprinted."""

_PACKAGE = Path(__file__).resolve().parents[1]


class PhaseCheck(NamedTuple):
    """The outcome of reading the phase files: usable protocols, and one message per problem."""

    sources: dict[str, tuple[str, str]]
    """Usable protocol id -> (its file, the SHA-256 of the bytes that were validated)."""
    errors: tuple[str, ...]
    outlines: dict[str, Any] = {}
    """Usable protocol id -> its outline as validated (``quick_start.outline_data``): for ``new CLIENT``."""

    @property
    def protocols(self) -> list[str]:
        return list(self.sources)


class Fingerprint(NamedTuple):
    digest: str
    files: dict[str, str]
    """Each phase file read (its path as text) -> the SHA-256 of its bytes."""


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(folders: Iterable[Path]) -> Fingerprint | None:
    """A digest of the phase folders' files (names and contents) and of the app's code; None if too big."""
    hashes: dict[str, str] = {}
    digest = hashlib.sha256(f"interview-tui {__version__}\n".encode())
    for path in _files(_PACKAGE, suffix=".py"):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"code {path.relative_to(_PACKAGE)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    files = total = 0
    for folder in folders:
        kind = b"folder" if folder.is_dir() else b"file" if folder.exists() else b"missing"  # (said when named)
        digest.update(kind + b" " + os.fsencode(folder) + b"\n")
        for path in _files(folder):
            files += 1
            try:
                data = path.read_bytes()
            except OSError as exc:
                digest.update(f"unreadable {exc.errno}\n".encode())
                continue
            total += len(data)
            if files > MAX_FILES or total > MAX_BYTES:
                return None
            hashes[str(path)] = file_digest(data)
            digest.update(b"file " + os.fsencode(path.relative_to(folder)) + b" " + hashes[str(path)].encode())
    return Fingerprint(digest.hexdigest(), hashes)


def _files(folder: Path, suffix: str = "") -> list[Path]:
    """Every file under ``folder`` (sorted, caches skipped); nothing if it is not a folder."""
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        try:
            if entry.is_dir():
                found += _files(Path(entry.path), suffix)
            elif entry.name.endswith(suffix):
                found.append(Path(entry.path))
        except OSError:
            continue
    return found


def remembered(check_file: Path, print_: Fingerprint) -> PhaseCheck | None:
    """The check written for the same fingerprint, if there is one (anything odd counts as none)."""
    try:
        data = json.loads(check_file.read_bytes())
        if data["format"] != FORMAT or data["fingerprint"] != print_.digest:
            return None
        sources, errors = data["sources"], data["errors"]
        if not (isinstance(sources, dict) and isinstance(errors, list)) or not all(type(x) is str for x in errors):
            return None
        found = {}
        for pid, source in sources.items():
            path, digest = source
            if type(path) is not str or type(digest) is not str:
                return None
            found[pid] = (path, digest)
        outlines = data["outlines"]
        if not isinstance(outlines, dict):
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return PhaseCheck(found, tuple(errors), outlines)


def check_of(catalogue: "Catalogue", print_: Fingerprint) -> PhaseCheck:
    """What a full reading found; a protocol whose file was not part of the fingerprint is left out."""
    from interview_tui.phases.outline import outline_data

    sources = {}
    outlines = {}
    for pid, path in catalogue.sources.items():
        digest = print_.files.get(str(path))
        if digest is not None:
            sources[pid] = (str(path), digest)
            outlines[pid] = outline_data(catalogue.protocols[pid])
    return PhaseCheck(sources, tuple(str(e) for e in catalogue.errors), outlines)


def remember(check_file: Path, print_: Fingerprint, check: PhaseCheck) -> None:
    """Write the check for next time; a cache that cannot be written only means a slower next launch."""
    from interview_tui.store.paths import ensure_private_dir
    from interview_tui.store.private_files import write_private_atomic

    data = {
        "format": FORMAT,
        "fingerprint": print_.digest,
        "sources": {pid: list(source) for pid, source in check.sources.items()},
        "errors": list(check.errors),
        "outlines": check.outlines,
    }
    try:
        ensure_private_dir(check_file.parent)
        write_private_atomic(check_file, json.dumps(data, separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass
