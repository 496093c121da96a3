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
removed unasked. Beside each copy is what it was based on (rescue_base.py):
it is put back only over that file; if another machine changed the file
since (a synced folder), the rescued notes go to a conflict copy beside it.
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
from interview_tui.store.check_before_write import FileWatch, digest_on_disk
from interview_tui.store.encryption import EncryptionError
from interview_tui.store.paths import Locations, default_cache_dir
from interview_tui.store.private_files import write_private_atomic
from interview_tui.store.rescue_base import (
    RescueBase,
    base_path,
    read_base,
    watch_to_bring_back,
    write_base,
)
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
    base: RescueBase | None = None
    """What the copy was based on (rescue_base.py); None for a copy kept without one (an older version's)."""
    seen: bytes | None = None
    """A SHA-256 of the session's file when the copy was listed (offered); None if there was none, b"" if it
    could not be read."""


def rescue_places(locations: Locations) -> list[Path]:
    """Where rescue copies of this data folder's sessions go, in the order they are tried."""
    key = hashlib.sha256(str(locations.data_dir.expanduser().resolve()).encode("utf-8")).hexdigest()[:16]
    bases: list[Path] = [locations.cache_dir or default_cache_dir(), locations.config_dir]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        bases.append(Path(runtime) / APP_NAME)
    bases.append(Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}")
    return [base / RESCUE_FOLDER / key for base in bases]


def keep_rescue_copy(
    store: SessionStore, locations: Locations, session_id: str, plain: bytes, based_on: FileWatch | None = None
) -> Path | None:
    """Write ``plain`` (the session's JSON) to the first rescue place that takes it; None if none does.
    ``based_on``: the session's saves' own watch (``Autosaver.based_on``), recorded beside the copy."""
    for folder in rescue_places(locations):
        if not _ours_or_missing(folder):
            continue
        path = folder / f"{session_id}.json"
        try:
            write_base(store, path, plain, based_on)
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
            try:
                seen = digest_on_disk(store.path_for(copy.session_id))
            except OSError:
                seen = b""  # cannot be read now: never taken for the file the copy was based on or offered over
            base = read_base(store, path, copy.session_id, copy.plain)
            copy = replace(copy, base=base, seen=seen)
            on_disk = _saved_at(store, copy.session_id)
            if on_disk is not None and on_disk >= copy.saved_at and not _based_on_it(store, copy):
                copy = replace(copy, newer_than_file=False)
            found.append(copy)
    return sorted(found, key=lambda c: c.saved_at, reverse=True)


def bring_back(store: SessionStore, copy: RescueCopy) -> Path:
    """Write the rescue copy into its session's file (OSError or StoreError if it cannot be), then remove it; the
    path written. Checked before writing: a file changed since the copy's base (or, without one, since it was
    offered, or newer than it) is left as it is, and the copy goes to a conflict copy beside it (see
    ``goes_apart``)."""
    written = store.save_bytes(copy.session_id, copy.plain, watch=_watch(store, copy))
    forget(copy)
    return written


def goes_apart(store: SessionStore, copy: RescueCopy) -> bool:
    """Whether ``bring_back`` would write the copy anywhere but its session's own file now (a conflict copy)."""
    watch = _watch(store, copy)
    try:
        return watch.target() != store.path_for(copy.session_id)
    except OSError:
        return True


def forget(copy: RescueCopy) -> None:
    """Remove the rescue copy and what it was based on (put back, or removed at the practitioner's word)."""
    _remove(copy.path)
    _remove(base_path(copy.path))


def _watch(store: SessionStore, copy: RescueCopy) -> FileWatch:
    return watch_to_bring_back(store, copy.session_id, copy.base, copy.seen, copy.newer_than_file)


def _based_on_it(store: SessionStore, copy: RescueCopy) -> bool:
    """The session's file is just what the copy was based on: the copy is newer, whatever the clocks say."""
    own = store.path_for(copy.session_id)
    base = copy.base
    return base is not None and base.digest is not None and base.file == own.name and copy.seen == base.digest


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
