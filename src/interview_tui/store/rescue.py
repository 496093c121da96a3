"""A rescue copy of a session that could not be saved when the app had to stop, and bringing it back.

When the last save fails (the disk is full, the folder became read-only)
and the app must stop anyway (a signal, the terminal closed), what was
typed is written somewhere else: the first of the cache folder, the
settings folder, the runtime folder and a private folder in the temporary
folder that takes it. A rescue copy is a session file like any other
(0600 in a 0700 folder, sealed with the store's key when the store is
encrypted, bound to its session's identity), kept under a folder named
after the data folder it belongs to, so another store never offers it.

At the next start the app offers to put it back; a copy older than the
session file it came from (saved meanwhile) is offered for removal, never
removed unasked.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from interview_tui import APP_NAME
from interview_tui.core.ids import is_session_id
from interview_tui.store.encryption import EncryptionError
from interview_tui.store.paths import Locations, default_cache_dir
from interview_tui.store.private_files import write_private_atomic
from interview_tui.store.sessions import SessionStore

RESCUE_FOLDER = "rescue"


@dataclass(frozen=True)
class RescueCopy:
    path: Path
    session_id: str
    client: str
    saved_at: datetime
    plain: bytes
    newer_than_file: bool = True
    """False: the session's file was saved after the copy (its content may still differ: offered, never removed
    unasked)."""


def rescue_places(locations: Locations) -> list[Path]:
    """Where rescue copies of this data folder's sessions go, in the order they are tried."""
    key = hashlib.sha256(str(locations.data_dir.expanduser().resolve()).encode("utf-8")).hexdigest()[:16]
    bases: list[Path] = [locations.cache_dir or default_cache_dir(), locations.config_dir]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        bases.append(Path(runtime) / APP_NAME)
    bases.append(Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}")
    return [base / RESCUE_FOLDER / key for base in bases]


def keep_rescue_copy(store: SessionStore, locations: Locations, session_id: str, plain: bytes) -> Path | None:
    """Write ``plain`` (the session's JSON) to the first rescue place that takes it; None if none does."""
    for folder in rescue_places(locations):
        if not _ours_or_missing(folder):
            continue
        path = folder / f"{session_id}.json"
        try:
            write_private_atomic(path, store.keyring.seal(plain, path))
        except (OSError, EncryptionError):
            continue
        return path
    return None


def rescue_copies(store: SessionStore, locations: Locations) -> list[RescueCopy]:
    """The rescue copies of this store's sessions, newest first, each saying whether it is newer than its
    session's file. Copies that cannot be opened now (the store locked, damaged) are left for later."""
    found = []
    for folder in rescue_places(locations):
        if not folder.is_dir() or not _ours_or_missing(folder):
            continue
        for path in sorted(folder.glob("*.json")):
            if not is_session_id(path.stem):
                continue
            copy = _read(store, path)
            if copy is None:
                continue
            on_disk = _saved_at(store, copy.session_id)
            if on_disk is not None and on_disk >= copy.saved_at:
                copy = replace(copy, newer_than_file=False)
            found.append(copy)
    return sorted(found, key=lambda c: c.saved_at, reverse=True)


def bring_back(store: SessionStore, copy: RescueCopy) -> Path:
    """Write the rescue copy into its session's file (OSError or StoreError if it cannot be), then remove it."""
    written = store.save_bytes(copy.session_id, copy.plain)
    _remove(copy.path)
    return written


def _read(store: SessionStore, path: Path) -> RescueCopy | None:
    try:
        plain = store.keyring.open(path.read_bytes(), path)
        data = json.loads(plain)
        saved_at = datetime.fromisoformat(data["updated_at"])
        client = str(data["client_code"])
        if data["id"] != path.stem:
            return None
    except (OSError, EncryptionError, ValueError, KeyError, TypeError):
        return None
    return RescueCopy(path, path.stem, client, saved_at, plain)


def _saved_at(store: SessionStore, session_id: str) -> datetime | None:
    path = store.path_for(session_id)
    try:
        data = json.loads(store.keyring.open(path.read_bytes(), path))
        return datetime.fromisoformat(data["updated_at"])
    except (OSError, EncryptionError, ValueError, KeyError, TypeError):
        return None


def _ours_or_missing(folder: Path) -> bool:
    """Never write into, or read from, a folder someone else made or a link to elsewhere (the temporary folder is
    shared): every part of the path below the base folder (``<base>/rescue/<key>``) that exists is a real folder
    of this user's."""
    for part in (folder.parent.parent, folder.parent, folder):
        try:
            info = part.lstat()
        except FileNotFoundError:
            continue
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return False
    return True


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
