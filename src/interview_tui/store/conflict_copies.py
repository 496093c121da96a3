"""Conflict copies that sync tools leave beside a file both machines changed, found so the practitioner is told.

When two machines change the same file before they sync, the tools keep
both, naming the second after the first:

- Syncthing: ``<name>.sync-conflict-<yyyymmdd>-<hhmmss>-<device>.<ext>``;
- Dropbox: ``<name> (<someone>'s conflicted copy <date>).<ext>``;
- Nextcloud and ownCloud: ``<name> (conflicted copy <date> <time>).<ext>``;
- OneDrive: ``<name>-<machine name>.<ext>`` (recognised for session files
  only, whose names have a fixed shape: a client record's code may itself
  end in ``-SOMETHING``);
- this app itself: ``<name> (conflict copy from <machine> <date> <time>).<ext>``,
  where it kept what was typed here when another machine had changed the
  file (``check_before_write``).

Such a copy is not a session the app lists (its name is not a session id),
so without this it would sit unseen. It is never opened, changed or
deleted here: it is named, with the file it is a copy of.

With encryption on, a copy holds the bytes the other machine wrote for the
original, sealed for the original's name: the keyring opens it as that file
(``keyring.file_identity``), and a change of key, ``encrypt`` and
``decrypt`` seal or open it with the rest under a name that still says what
it copies (``record_names.destination``), never over its original.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_tui.core.ids import SESSION_ID_PATTERN, is_session_id
from interview_tui.store.paths import CLIENTS_FOLDER

_ID = SESSION_ID_PATTERN.strip("^$")
APP_TOOL = "interview-tui"
APP_INFIX = "conflict copy from"
"""What this app puts in the name of a copy it makes itself: `` (conflict copy from <machine> <date time>)``."""
_TOOLS = (
    (APP_TOOL, re.compile(rf"^(?P<base>.+?) \({APP_INFIX} [^()]*\)(?P<ext>\.[^.]+)?$")),
    ("Syncthing", re.compile(r"^(?P<base>.+?)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?(?P<ext>\.[^.]+)?$")),
    ("Dropbox", re.compile(r"^(?P<base>.+?) \([^()]*'s conflicted copy[^()]*\)(?P<ext>\.[^.]+)?$", re.I)),
    ("Nextcloud", re.compile(r"^(?P<base>.+?) \(conflicted copy[^()]*\)(?P<ext>\.[^.]+)?$", re.I)),
    ("OneDrive", re.compile(rf"^(?P<base>{_ID})-(?P<machine>[A-Za-z0-9][A-Za-z0-9_-]{{0,62}})(?P<ext>\.json)$")),
)


@dataclass(frozen=True)
class ConflictCopy:
    path: Path
    original: Path
    """The file it is a copy of (which may be gone)."""
    tool: str
    infix: str = ""
    """What the tool put between the original's name and its extension (`` (conflicted copy 2026-03-03)``)."""
    ext: str = ""
    """The extension the copy and its original share (``.json``), or ""."""

    def renamed_after(self, original: Path) -> Path:
        """This copy's name once its original is called ``original`` (a client record renamed with a new key)."""
        base = original.name.removesuffix(self.ext) if self.ext else original.name
        return original.with_name(base + self.infix + self.ext)

    def message(self) -> str:
        if self.tool == APP_TOOL:
            return (f"{self.path.name}: what was typed on this machine in {self.original.name} after another machine "
                    f"had changed it, kept apart in {self.path.parent}: compare the two and keep what you need")
        return (f"{self.path.name}: a {self.tool} conflict copy of {self.original.name} (both machines changed it); "
                f"left as it is in {self.path.parent}: compare the two and keep what you need")


def recognise(path: Path) -> ConflictCopy | None:
    """The conflict copy ``path`` is, or None if its name is not one a sync tool gives."""
    for tool, pattern in _TOOLS:
        match = pattern.match(path.name)
        if match:
            ext = match["ext"] or ""
            infix = path.name[match.end("base"): len(path.name) - len(ext)]
            return ConflictCopy(path, path.with_name(match["base"] + ext), tool, infix, ext)
    return None


def in_store(sessions_dir: Path, path: Path) -> ConflictCopy | None:
    """The conflict copy ``path`` is if it is one the store holds (a session's or a client record's, beside them),
    else None: names only, as ``conflict_copies`` lists them."""
    folder = path.parent
    if folder not in (sessions_dir, sessions_dir / CLIENTS_FOLDER) or path.name.startswith("."):
        return None  # an index's or a temporary file's copy: rebuilt or removed, never client work
    if is_session_id(path.name.removesuffix(".json")):
        return None
    copy = recognise(path)
    if copy is None or (folder == sessions_dir / CLIENTS_FOLDER and copy.tool == "OneDrive"):
        return None
    return copy


_ROOT = Path("/sessions")


def original_of(parts: Sequence[str]) -> str | None:
    """The name of the file that the store file ``parts`` (its path inside the sessions folder) is a conflict copy
    of, or None if it is not one."""
    copy = in_store(_ROOT, _ROOT.joinpath(*parts)) if parts else None
    return None if copy is None else copy.original.name


def conflict_copies(sessions_dir: Path) -> list[ConflictCopy]:
    """Every conflict copy among the session files and client records (names only: nothing is opened)."""
    found = []
    for folder in (sessions_dir, sessions_dir / CLIENTS_FOLDER):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            copy = in_store(sessions_dir, folder / name)
            if copy is not None:
                found.append(copy)
    return found
