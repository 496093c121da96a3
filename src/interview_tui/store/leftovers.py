"""Temporary files left by a write that was killed, in every folder the app writes.

``write_private_atomic`` writes ``.<name>.tmp-<pid>-<random>`` beside the file
and renames it into place; a process killed in between leaves the temporary
file, which may hold client text (a session, a client record, an export).
Every command that opens the store removes those in the data folder, the
whole session store (client records, trash, quarantine, migrated copies),
the export folders, the settings folder and the cache. A temporary file of a
process still running (another window saving right now) is left alone
unless it is old enough that the process cannot still be writing it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from pathlib import Path

from interview_tui.store.paths import Locations
from interview_tui.store.private_files import TEMP_MARK

_TEMP_NAME = re.compile(r"^\..+" + re.escape(TEMP_MARK) + r"(?P<pid>[0-9]+)-[0-9a-f]+$")
STALE_AFTER_SECONDS = 600
"""A write takes milliseconds: a temporary file this old is a leftover whoever holds its process id now."""


def _writer_alive(name: str) -> bool:
    match = _TEMP_NAME.match(name)
    if match is None:
        return False
    pid = int(match["pid"])
    if pid == os.getpid():
        return False  # this process writes its temporary files whole before it does anything else
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_folder(folder: Path, now: float) -> int:
    try:
        names = os.listdir(folder)  # names only: the sessions folder may hold 10,000 files
    except OSError:
        return 0
    count = 0
    for name in names:
        if not name.startswith(".") or TEMP_MARK not in name:
            continue
        path = folder / name
        try:
            if path.is_symlink() or not path.is_file():
                continue
            if _writer_alive(name) and now - path.stat().st_mtime < STALE_AFTER_SECONDS:
                continue
            path.unlink()
            count += 1
        except OSError:
            continue
    return count


def _store_folders(sessions_dir: Path) -> list[Path]:
    """The sessions folder and every folder inside it (clients, trash, quarantine, migrated, ...)."""
    found = [sessions_dir]
    try:
        for entry in os.scandir(sessions_dir):
            if entry.is_dir(follow_symlinks=False):
                found += _store_folders(Path(entry.path))
    except OSError:
        pass
    return found


def remove_leftover_temp_files(locations: Locations, also: Iterable[Path | None] = ()) -> int:
    """Remove the temporary files of killed writes in every folder the app writes; how many were removed."""
    now = time.time()
    folders = [
        locations.data_dir,
        *_store_folders(locations.sessions_dir),
        locations.exports_dir,
        locations.config_dir,
        locations.phase_check_file.parent,
        *(folder for folder in also if folder is not None),
    ]
    seen: set[Path] = set()
    count = 0
    for folder in folders:
        folder = Path(folder).expanduser()
        if folder in seen:
            continue
        seen.add(folder)
        count += _clean_folder(folder, now)
    return count
