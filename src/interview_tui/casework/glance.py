"""A glance at a client's record: what the home screen's casework panel needs, read without the record model.

The home screen shows open flags and what is due for every client. Loading
every client record through ``clients.ClientRecord`` would load pydantic's
machinery (about 10 MiB) before anything is typed. A glance reads the same
file as plain JSON (opened with the store's key when encrypted) and keeps
only the display name, the closing and reopening history and the cleared
flags; it checks their shape, and a record it cannot read is reported the
way ``ClientBook.load`` reports it. It never writes: editing a record goes
through ``clients.ClientBook``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from interview_tui.core.errors import os_reason
from interview_tui.core.ids import is_valid_client_code
from interview_tui.store import record_names
from interview_tui.store.conflict_copies import in_store
from interview_tui.store.encryption import EncryptionError
from interview_tui.store.paths import CLIENTS_FOLDER
from interview_tui.store.sessions import SessionStore, StoreError

CASE_EVENT_KINDS = ("closed", "reopened")


class ClientRecordError(StoreError):
    """A client record could not be read or written; the message says which and why (never its content)."""


class EventGlance(NamedTuple):
    at: datetime
    kind: str
    """``closed`` or ``reopened``"""
    reason: str
    session_id: str | None


class ClientGlance:
    """A client record's display name, case history and cleared flags (duck-types ``ClientRecord`` for
    ``casework``: ``display_name``, ``case_events``, ``is_closed``, ``clearance``)."""

    def __init__(
        self,
        code: str,
        display_name: str = "",
        case_events: list[EventGlance] | None = None,
        cleared: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.client_code = code
        self.display_name = display_name
        self.case_events = sorted(case_events or [], key=lambda e: e.at)
        self.cleared = cleared

    @property
    def is_closed(self) -> bool:
        return bool(self.case_events) and self.case_events[-1].kind == "closed"

    @property
    def closed_reason(self) -> str | None:
        return self.case_events[-1].reason if self.is_closed else None

    def clearance(self, flag_id: str, value: str) -> bool | None:
        """True if the practitioner cleared this flag at this value, else None (as ``ClientRecord.clearance``)."""
        return True if (flag_id, value) in self.cleared else None

    def add_closing(self, at: datetime, reason: str, session_id: str) -> None:
        """A finished ending session closed the case (as ``casework.apply_closing_sessions`` records it)."""
        self.case_events.append(EventGlance(at, "closed", reason, session_id))
        self.case_events.sort(key=lambda e: e.at)


def glance_of_data(code: str, data: Any) -> ClientGlance:
    """The glance of a record given as its JSON data; ValueError if it is not a client record of ``code``."""
    if not isinstance(data, dict) or data.get("client_code") != code:
        raise ValueError("not a client record of this code")
    name = data.get("display_name", "")
    events_data = data.get("case_events", [])
    cleared_data = data.get("flag_clearances", [])
    if not isinstance(name, str) or not isinstance(events_data, list) or not isinstance(cleared_data, list):
        raise ValueError("not a client record")
    events = []
    for event in events_data:
        if not isinstance(event, dict) or event.get("kind") not in CASE_EVENT_KINDS:
            raise ValueError("not a case event")
        at, reason, session_id = event.get("at"), event.get("reason"), event.get("session_id")
        if not isinstance(at, str) or not isinstance(reason, str) or not isinstance(session_id, (str, type(None))):
            raise ValueError("not a case event")
        events.append(EventGlance(datetime.fromisoformat(at), event["kind"], reason, session_id))
    cleared = set()
    for clearance in cleared_data:
        if not isinstance(clearance, dict):
            raise ValueError("not a flag clearance")
        flag_id, value = clearance.get("flag_id"), clearance.get("value")
        if not isinstance(flag_id, str) or not isinstance(value, str):
            raise ValueError("not a flag clearance")
        cleared.add((flag_id, value))
    return ClientGlance(code, name, events, frozenset(cleared))


class ClientGlances:
    """Reads glances of the client records of one session store."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.folder = store.folder / CLIENTS_FOLDER

    def get(self, code: str) -> ClientGlance:
        """The client's glance; an empty one if they have no record yet. ClientRecordError if it cannot be read."""
        try:
            names = record_names.every_name(self.store.keyring, code)
        except EncryptionError as exc:
            raise ClientRecordError(str(exc)) from None
        found = record_file(self.folder, names)
        if found is None:
            return ClientGlance(code)
        path, raw = found
        try:
            return glance_of_data(code, json.loads(self.store.keyring.open(raw, path)))
        except EncryptionError as exc:
            raise ClientRecordError(f"{path}: {exc}") from None
        except ValueError:  # (json.JSONDecodeError and UnicodeDecodeError are ValueErrors)
            raise ClientRecordError(f"{path}: not a readable client record; left as it is") from None


    def codes(self) -> list[str]:
        """Codes of the clients that have a record file, sorted (in an encrypted store, read from inside each
        record: unreadable ones are left out, as they are when loaded). ``ClientBook.codes`` is this."""
        if not self.folder.is_dir():
            return []
        if not self.store.keyring.enabled:
            return sorted(p.stem for p in self._records("*.json") if is_valid_client_code(p.stem))
        codes = set()
        for path in self._records(f"{record_names.KEYED_PREFIX}*.json"):
            try:
                code = json.loads(self.store.keyring.open(path.read_bytes(), path)).get("client_code")
            except (OSError, EncryptionError, ValueError, AttributeError):
                continue
            if isinstance(code, str) and is_valid_client_code(code):
                codes.add(code)
        return sorted(codes)


    def _records(self, pattern: str) -> list[Path]:
        """The files of the folder named by ``pattern`` but for a sync tool's conflict copies: a copy's name may be
        shaped like a code (``A1.sync-conflict-20261208-101010-ABCDEFG.json``), and it is never a client of its own
        (``conflict_copies`` lists it)."""
        return [p for p in self.folder.glob(pattern) if in_store(self.store.folder, p) is None]


def record_file(folder: Path, names: list[str]) -> tuple[Path, bytes] | None:
    """The first of ``names`` that exists in ``folder``, and its bytes; None if none does. ClientRecordError if one
    exists but cannot be read."""
    for name in names:
        path = folder / name
        try:
            return path, path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ClientRecordError(f"{path}: cannot read ({os_reason(exc)})") from None
    return None
