"""A conflict copy beside its original, read through the store's key and set side by side, prompt by prompt.

Both files are opened as the store opens them (with encryption on, a copy
opens as the file it copies: ``keyring.file_identity``) and never changed
here. A session is compared phase by phase and prompt by prompt (each
answer as a reader sees it), then its goals and plan items; a client
record field by field. Rows where neither file holds anything are left out.
A file that cannot be read gives a ``ConflictError`` of one line naming
the file and why, never its content. The rows themselves: conflict_rows.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_tui.core.errors import os_reason
from interview_tui.core.session_format import NewerSession, UnreadableSession
from interview_tui.store.conflict_copies import APP_TOOL, ConflictCopy, conflict_copies
from interview_tui.store.conflict_rows import Row, record_rows, session_rows
from interview_tui.store.paths import CLIENTS_FOLDER
from interview_tui.store.store_errors import StoreError

if TYPE_CHECKING:
    from interview_tui.core.session import Session
    from interview_tui.store.sessions import SessionStore

NOTHING_CHANGED = "nothing was changed"


class ConflictError(StoreError):
    """A conflict copy that cannot be compared or resolved; the message names the file (never its content)."""


@dataclass(frozen=True)
class Comparison:
    copy: ConflictCopy
    rows: tuple[Row, ...]
    original_exists: bool
    original_updated: datetime | None
    copy_updated: datetime | None

    @property
    def is_record(self) -> bool:
        """A client record's copy (``clients/``): one file per client, so it cannot be kept as a second one."""
        return is_record_copy(self.copy)

    @property
    def differences(self) -> int:
        return sum(not row.same for row in self.rows)

    @property
    def origin(self) -> str:
        return origin_words(self.copy)

    def name(self) -> str:
        return copy_name(self.copy)


def is_record_copy(copy: ConflictCopy) -> bool:
    return copy.path.parent.name == CLIENTS_FOLDER


def copy_name(copy: ConflictCopy) -> str:
    """How the copy is named to the practitioner and on the command line: its file name, ``clients/`` before a
    client record's."""
    return f"{CLIENTS_FOLDER}/{copy.path.name}" if is_record_copy(copy) else copy.path.name


def find_copy(sessions_dir: Path, name: str) -> ConflictCopy:
    """The conflict copy called ``name`` (as ``copy_name`` gives it, or its bare file name); ConflictError if none."""
    copies = conflict_copies(sessions_dir)
    found = [c for c in copies if name in (copy_name(c), c.path.name)]
    if not found:
        raise ConflictError(f"{name}: no conflict copy of that name in {sessions_dir} ('interview-tui conflicts' "
                            f"lists them); {NOTHING_CHANGED}")
    return found[0]


_SYNCTHING = re.compile(r"\.sync-conflict-(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)(?:-([A-Z0-9]{7}))?")
_APP = re.compile(r" \(conflict copy from (.+) (\d{4}-\d\d-\d\d) (\d\d)(\d\d)(\d\d)(?:-\d+)?\)")


def origin_words(copy: ConflictCopy) -> str:
    """Who or which machine the copy comes from, and when, as far as its name tells."""
    infix = copy.infix
    if copy.tool == APP_TOOL and (app := _APP.fullmatch(infix)):
        machine, day, h, m, s = app.groups()
        return f"kept by this app on {machine}, {day} {h}:{m}:{s}"
    if copy.tool == "Syncthing" and (st := _SYNCTHING.fullmatch(infix)):
        y, mo, d, h, mi, s, device = st.groups()
        return f"Syncthing, {y}-{mo}-{d} {h}:{mi}:{s}" + (f", device {device}" if device else "")
    if copy.tool == "OneDrive":
        return f"OneDrive, machine {infix.lstrip('-')}"
    return f"{copy.tool}: {infix.strip(' ()')}"


# ------------------------------------------------------------ reading


def plain_bytes(store: SessionStore, path: Path) -> bytes:
    """The file's bytes opened with the store's key (a copy opens as its original); ConflictError if it cannot be."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConflictError(f"{path.name}: cannot read ({os_reason(exc)}); {NOTHING_CHANGED}") from None
    try:
        return store.unseal(raw, path)
    except UnreadableSession as exc:
        raise ConflictError(f"{path.name}: cannot be opened ({exc}); {NOTHING_CHANGED}") from None
    except StoreError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise ConflictError(f"{path.name}: cannot be opened ({reason}); {NOTHING_CHANGED}") from None


def read_session(store: SessionStore, path: Path, session_id: str) -> Session:
    """The session in ``path`` (a session file or a copy of the one of ``session_id``), read without changing it."""
    from interview_tui.store.session_file import decode_session

    plain = plain_bytes(store, path)
    try:
        session = decode_session(plain).session
    except NewerSession:
        raise ConflictError(f"{path.name}: written by a newer version of interview-tui; resolve it there; "
                            f"{NOTHING_CHANGED}") from None
    except UnreadableSession as exc:
        raise ConflictError(f"{path.name}: not a readable session ({exc}); {NOTHING_CHANGED}") from None
    if session.id != session_id:
        raise ConflictError(f"{path.name}: holds another session than {session_id}; {NOTHING_CHANGED}")
    return session


def read_record(store: SessionStore, path: Path) -> dict[str, Any]:
    """A client record's data as stored (``clients.ClientRecord``'s fields), read without changing it."""
    plain = plain_bytes(store, path)
    try:
        data = json.loads(plain)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("client_code"), str):
        raise ConflictError(f"{path.name}: not a readable client record; {NOTHING_CHANGED}")
    return data


def session_id_of(copy: ConflictCopy) -> str:
    return copy.original.name.removesuffix(".json")


def sides(store: SessionStore, copy: ConflictCopy) -> tuple[Any, Any]:
    """(the original, the copy), each a Session or a client record's data; the original None if it is gone.
    ConflictError if either cannot be read, or a record's copy is of another client."""
    if is_record_copy(copy):
        theirs = read_record(store, copy.path)
        mine = read_record(store, copy.original) if copy.original.exists() else None
        if mine is not None and mine["client_code"] != theirs["client_code"]:
            raise ConflictError(f"{copy.path.name}: a record of another client than {copy.original.name}; "
                                f"{NOTHING_CHANGED}")
        return mine, theirs
    session_id = session_id_of(copy)
    theirs_session = read_session(store, copy.path, session_id)
    original = read_session(store, copy.original, session_id) if copy.original.exists() else None
    return original, theirs_session


def compare(store: SessionStore, copy: ConflictCopy) -> Comparison:
    original, theirs = sides(store, copy)
    if is_record_copy(copy):
        rows = list(record_rows(original or {}, theirs))
        updated = (None, None)
    else:
        rows = list(session_rows(original, theirs))
        updated = (original.updated_at if original is not None else None, theirs.updated_at)
    rows = [row for row in rows if row.original.strip() or row.copy.strip()]
    return Comparison(copy, tuple(rows), copy.original.exists(), *updated)
