"""Conflict copies that sync tools leave beside a file both machines changed, found so the practitioner is told.

When two machines change the same file before they sync, the tools keep
both, naming the second after the first:

- Syncthing: ``<name>.sync-conflict-<yyyymmdd>-<hhmmss>-<device>.<ext>``;
- Dropbox: ``<name> (<someone>'s conflicted copy <date>).<ext>``;
- Nextcloud and ownCloud: ``<name> (conflicted copy <date> <time>).<ext>``;
- OneDrive: ``<name>-<machine name>.<ext>`` (recognised for session files
  only, whose names have a fixed shape: a client record's code may itself
  end in ``-SOMETHING``).

Such a copy is not a session the app lists (its name is not a session id),
so without this it would sit unseen. It is never opened, changed or
deleted here: it is named, with the file it is a copy of.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from interview_tui.core.ids import SESSION_ID_PATTERN
from interview_tui.store.paths import CLIENTS_FOLDER

_ID = SESSION_ID_PATTERN.strip("^$")
_TOOLS = (
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

    def message(self) -> str:
        return (f"{self.path.name}: a {self.tool} conflict copy of {self.original.name} (both machines changed it); "
                f"left as it is in {self.path.parent}: compare the two and keep what you need")


def recognise(path: Path) -> ConflictCopy | None:
    """The conflict copy ``path`` is, or None if its name is not one a sync tool gives."""
    for tool, pattern in _TOOLS:
        match = pattern.match(path.name)
        if match:
            return ConflictCopy(path, path.with_name(match["base"] + (match["ext"] or "")), tool)
    return None


def conflict_copies(sessions_dir: Path) -> list[ConflictCopy]:
    """Every conflict copy among the session files and client records (names only: nothing is opened)."""
    found = []
    for folder in (sessions_dir, sessions_dir / CLIENTS_FOLDER):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.startswith("."):
                continue  # an index's or a temporary file's copy: rebuilt or removed, never client work
            copy = recognise(folder / name)
            if copy is not None and not (folder == sessions_dir / CLIENTS_FOLDER and copy.tool == "OneDrive"):
                found.append(copy)
    return found
