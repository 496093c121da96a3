"""The one way a saved session is opened, by the command line and by every screen.

Locked first (another window may be writing it), then read; a session a
newer version wrote, or one in a folder that cannot hold a lock, opens
read-only, and the store says why (``SessionStore.read_only_reason``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_tui.core.ids import is_session_id
from interview_tui.store.lock import CannotLock, SessionLock
from interview_tui.store.sessions import ReadOnlySession, SessionStore, StoreError

if TYPE_CHECKING:
    from interview_tui.core.session import Session


@dataclass
class Opened:
    session: "Session"
    lock: SessionLock | None
    """This window's lock on the session; None when it is read-only, or was locked by this window before."""
    read_only: bool
    why: str
    """Why it is read-only ("" when it is not)."""


def lock_for_this_window(store: SessionStore, session_id: str) -> SessionLock | None:
    """This window's lock on a session; None, and the session read-only from now on (with why), when the data
    folder cannot hold a lock. SessionBusy if another window has it open."""
    try:
        return SessionLock(store.folder, session_id).acquire()
    except CannotLock as exc:  # a read-only data folder: the session is shown, never saved
        store.open_read_only(session_id, str(exc))
        return None


def open_saved(store: SessionStore, session_id: str, already_locked: bool = False) -> Opened:
    """Lock and read a saved session. SessionBusy if it is open in another window, StoreError if it is missing
    or cannot be read (a damaged file is quarantined, and said)."""
    lock = None
    if not already_locked and is_session_id(session_id):
        lock = lock_for_this_window(store, session_id)
    try:
        try:
            session = store.load(session_id)
        except ReadOnlySession:
            session = store.load_read_only(session_id)
    except StoreError:
        if lock is not None:
            lock.release()
        raise
    read_only = store.is_read_only(session_id)
    if read_only and lock is not None:  # nothing will be written: another window may have it
        lock.release()
        lock = None
    return Opened(session, lock, read_only, store.read_only_reason(session_id) if read_only else "")
