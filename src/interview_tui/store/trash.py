"""Deleting sessions: first into a trash folder (undoable), then for real when the trash is emptied.

The trash is ``sessions/trash/`` inside the store, so encryption covers it.
A session is moved with a rename (no copy of the notes is made). What
deleting can and cannot guarantee on an SSD is in the README ("Deleting").

A file set aside when a conflict copy is resolved (``conflict_resolution``)
goes there too, named after the file it is or copies (``<id>.<why>-<time>.json``;
a client record's in ``trash/clients/``), so it keeps the identity it is sealed
with and opens again once moved back.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from interview_tui.core.errors import os_reason
from interview_tui.store.paths import CLIENTS_FOLDER, ensure_private_dir
from interview_tui.store.private_files import write_private_atomic
from contextlib import ExitStack

from interview_tui.store.lock import SessionLock
from interview_tui.store.sessions import SessionStore, StoreError, is_session_id

TRASH_FOLDER = "trash"


def trash_folder(store: SessionStore) -> Path:
    return store.folder / TRASH_FOLDER


def move_to_trash(store: SessionStore, session_id: str) -> Path:
    """Move one session file into the trash. Refused while another window has it open."""
    if not is_session_id(session_id) or not store.path_for(session_id).exists():
        raise StoreError(f"no session with id '{session_id}' in {store.folder}")
    lock = SessionLock(store.folder, session_id).acquire()  # SessionBusy if open elsewhere
    try:
        folder = ensure_private_dir(trash_folder(store))
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = folder / f"{session_id}.deleted-{stamp}.json"
        os.rename(store.path_for(session_id), target)
        return target
    finally:
        lock.release()


def move_all_to_trash(store: SessionStore, session_ids: list[str]) -> list[Path]:
    """Move every one of these sessions into the trash, or none: each is locked first (SessionBusy names the first one
    open in another window, and nothing has moved); a move that fails puts back those already moved."""
    for session_id in session_ids:
        if not is_session_id(session_id) or not store.path_for(session_id).exists():
            raise StoreError(f"no session with id '{session_id}' in {store.folder}")
    with ExitStack() as locks:
        for session_id in session_ids:
            locks.callback(SessionLock(store.folder, session_id).acquire().release)  # SessionBusy if open elsewhere
        folder = ensure_private_dir(trash_folder(store))
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        moved: list[tuple[Path, Path]] = []
        try:
            for session_id in session_ids:
                target = folder / f"{session_id}.deleted-{stamp}.json"
                os.rename(store.path_for(session_id), target)
                moved.append((store.path_for(session_id), target))
        except OSError as exc:
            for original, target in reversed(moved):
                os.rename(target, original)
            raise StoreError(f"{store.folder}: cannot move to the trash ({os_reason(exc)}); nothing was deleted") from None
    return [target for _original, target in moved]


def set_aside(store: SessionStore, path: Path, name: str, why: str, *, data: bytes | None = None) -> Path:
    """Move the store file ``path`` into the trash by a rename, as ``<name>.<why>-<time>.json`` (``name``: the
    first part of the name of the file it is, or copies, so it keeps its identity): a client record's file into
    ``trash/clients/``. Never over a file already there. With ``data`` (the file's bytes as read), the file stays
    and a private copy of those bytes goes to the trash (then the file is saved over by the store's own save)."""
    record = path.parent == store.folder / CLIENTS_FOLDER
    folder = ensure_private_dir(trash_folder(store) / CLIENTS_FOLDER if record else trash_folder(store))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 1000):
        target = folder / f"{name}.{why}-{stamp}{'' if n == 1 else f'-{n}'}.json"
        if not target.exists():
            if data is None:
                os.rename(path, target)
            else:
                write_private_atomic(target, data)
            return target
    raise StoreError(f"{folder}: too many files named {name}.{why}-{stamp}")


def trashed(store: SessionStore) -> list[Path]:
    """Every file in the trash: sessions' and, in ``trash/clients/``, client records'."""
    folder = trash_folder(store)
    found = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    records = folder / CLIENTS_FOLDER
    return found + (sorted(p for p in records.iterdir() if p.is_file()) if records.is_dir() else [])


def empty_trash(store: SessionStore) -> int:
    """Delete every file in the trash (unlink: see README for what that does and does not erase).

    The search index held their notes too: it is told (``files_removed``) and forgets them.
    """
    count = 0
    for path in trashed(store):
        path.unlink()
        count += 1
    if count:
        store.files_removed()
    return count
