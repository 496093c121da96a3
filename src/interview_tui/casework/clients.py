"""Client records: what the app keeps about a client beyond their sessions.

A client is known by a code (pseudonymous; the app never asks for a real
name). The record adds an optional display name, the practitioner's notes,
when the client was first seen, the flags the practitioner cleared (with a
reason) and the history of the case being closed and reopened.

Records live one per client in ``sessions/clients/<code>.json`` (a keyed name with encryption on, so no
code shows in a listing: ``store.record_names``), written
like session files (atomically, 0600) and sealed with the session store's
key when encryption is on: a display name and notes are client text. They
are created when a client's first session starts; a client whose sessions
predate records (an older store) gets a record made on the fly from their
sessions, written the first time something is saved to it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, ValidationError

from interview_tui.core.errors import os_reason
from interview_tui.casework.glance import ClientRecordError as ClientRecordError  # what changing a record raises
from interview_tui.casework.glance import record_file
from interview_tui.store import record_names
from interview_tui.store.encryption import EncryptionError, Tampered
from interview_tui.store.paths import CLIENTS_FOLDER
from interview_tui.core.session import ClientCode, is_valid_client_code, now
from interview_tui.store.sessions import SessionStore, is_session_id
from interview_tui.store.private_files import write_private_atomic

RECORD_VERSION: Final = 1

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FlagClearance(_Model):
    """The practitioner cleared a flag, and why. A flag raised again with another value shows again."""

    flag_id: str
    """``session_id/phase_id/prompt_id`` (see casework/cases.py)."""
    value: str
    """The value the flag had when cleared (e.g. ``high``)."""
    cleared_at: datetime
    reason: Reason


class CaseEvent(_Model):
    at: datetime
    kind: Literal["closed", "reopened"]
    reason: Reason
    session_id: str | None = None
    """The ending session that closed the case (None when closed or reopened from the client view)."""


class ClientRecord(_Model):
    schema_version: Literal[1] = RECORD_VERSION
    client_code: ClientCode
    display_name: str = ""
    """Optional; whatever the practitioner wants to see beside the code."""
    notes: str = ""
    created_at: datetime
    flag_clearances: list[FlagClearance] = Field(default_factory=list)
    case_events: list[CaseEvent] = Field(default_factory=list)
    """Closing and reopening, oldest first."""
    _as_read: "ClientRecord | None" = PrivateAttr(default=None)
    """The record as it was on disk when this copy was read or last saved (what another window may have changed
    since is told from it: see ``ClientBook.save``)."""

    @property
    def is_closed(self) -> bool:
        return bool(self.case_events) and self.case_events[-1].kind == "closed"

    @property
    def case_closed_at(self) -> datetime | None:
        return self.case_events[-1].at if self.is_closed else None

    @property
    def closed_reason(self) -> str | None:
        return self.case_events[-1].reason if self.is_closed else None

    def clearance(self, flag_id: str, value: str) -> FlagClearance | None:
        return next((c for c in self.flag_clearances if c.flag_id == flag_id and c.value == value), None)

    # ------------------------------------------------------------ changing

    def clear_flag(self, flag_id: str, value: str, reason: str, at: datetime | None = None) -> FlagClearance:
        if not reason.strip():
            raise ValueError("say why the flag is cleared")
        clearance = FlagClearance(flag_id=flag_id, value=value, cleared_at=at or now(), reason=reason)
        self.flag_clearances.append(clearance)
        return clearance

    def close_case(self, reason: str, at: datetime | None = None, session_id: str | None = None) -> CaseEvent:
        if self.is_closed:
            raise ValueError("the case is already closed")
        return self._event("closed", reason, at, session_id)

    def reopen_case(self, reason: str, at: datetime | None = None) -> CaseEvent:
        if not self.is_closed:
            raise ValueError("the case is open")
        return self._event("reopened", reason, at, None)

    def _event(
        self, kind: Literal["closed", "reopened"], reason: str, at: datetime | None, session_id: str | None
    ) -> CaseEvent:
        if not reason.strip():
            raise ValueError(f"say why the case is {'closed' if kind == 'closed' else 'reopened'}")
        event = CaseEvent(at=at or now(), kind=kind, reason=reason, session_id=session_id)
        self.case_events.append(event)
        self.case_events.sort(key=lambda e: e.at)
        return event

    def to_json(self) -> bytes:
        return self.model_dump_json(indent=1).encode("utf-8")


EDITABLE_FIELDS: Final = ("display_name", "notes")
"""The fields a practitioner edits in place (events and clearances are only ever added)."""


class RecordConflict(ClientRecordError):
    """The record was changed in another window, or on another machine (its file synced in), since it was read,
    and the same fields were changed here too.

    The record was saved with both sides' events and clearances and the other side's value of ``fields``;
    ``mine`` holds this window's values, to be kept with ``save(record, keep_mine=fields)`` if the practitioner
    says so."""

    def __init__(self, path: Path, fields: list[str], mine: dict[str, str]) -> None:
        self.fields = fields
        self.mine = mine
        names = " and ".join(f.replace("_", " ") for f in fields)
        super().__init__(
            f"{path}: the {names} also changed in another window or on another machine since this one read them; "
            "the other one's are kept for now (nothing else of either is lost)"
        )


def merged(base: ClientRecord | None, mine: ClientRecord, theirs: ClientRecord, keep_mine: frozenset[str]) -> tuple[ClientRecord, list[str]]:
    """``mine`` and ``theirs`` (the record as now on disk), both from ``base``: every event and clearance of both,
    each edited field from the side that changed it; the fields both changed differently, which take ``theirs``
    unless named in ``keep_mine``."""
    data = theirs.model_dump()
    events = list(theirs.case_events) + [e for e in mine.case_events if e not in theirs.case_events]
    clearances = list(theirs.flag_clearances) + [c for c in mine.flag_clearances if c not in theirs.flag_clearances]
    conflicts = []
    for name in EDITABLE_FIELDS:
        was = getattr(base, name) if base is not None else ""
        here, there = getattr(mine, name), getattr(theirs, name)
        if here == there or here == was:
            continue
        if there == was or name in keep_mine:
            data[name] = here
        else:
            conflicts.append(name)
    data["case_events"] = sorted((e.model_dump() for e in events), key=lambda e: e["at"])
    data["flag_clearances"] = [c.model_dump() for c in clearances]
    return ClientRecord.model_validate(data), conflicts


class ClientBook:
    """The folder of client records, sealed and opened with the session store's key."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
        self.folder = store.folder / CLIENTS_FOLDER
        self._damaged: set[str] = set()

    def path_for(self, code: str) -> Path:
        """Where the record is written now: named by the code, or by a keyed name in an encrypted store."""
        return self.folder / self._names(code)[0]

    def _names(self, code: str) -> list[str]:
        if not is_valid_client_code(code):
            raise ClientRecordError(f"'{code}' is not a client code")
        try:
            return record_names.every_name(self.store.keyring, code)
        except EncryptionError as exc:
            raise ClientRecordError(str(exc)) from None

    def load(self, code: str) -> ClientRecord | None:
        """The stored record, or None if there is none yet. ClientRecordError if it cannot be read."""
        found = record_file(self.folder, self._names(code))
        if found is None:
            return None
        path, raw = found
        try:
            record = ClientRecord.model_validate_json(self.store.keyring.open(raw, path))
        except Tampered as exc:  # damaged, cut short (a sync tool's transfer), or another file put in its place
            self._damaged.add(code)
            raise ClientRecordError(f"{path}: {exc}; left as it is") from None
        except EncryptionError as exc:
            self._damaged.add(code)
            raise ClientRecordError(f"{path}: {exc}") from None
        except (ValidationError, ValueError):
            self._damaged.add(code)
            raise ClientRecordError(f"{path}: not a readable client record; left as it is") from None
        if record.client_code != code:
            self._damaged.add(code)
            raise ClientRecordError(f"{path}: the code inside is not the file's name; left as it is")
        self._damaged.discard(code)
        record._as_read = record.model_copy(deep=True)
        return record

    def get(self, code: str, first_seen: datetime | None = None) -> ClientRecord:
        """The stored record, or a new one (not yet written) dated ``first_seen`` (the client's first session)."""
        record = self.load(code)
        if record is None:
            record = ClientRecord(client_code=code, created_at=first_seen or now())
        return record

    def save(self, record: ClientRecord, keep_mine: "frozenset[str] | set[str]" = frozenset()) -> Path:
        """Write the record. If another window saved it since this copy was read, or another machine's version
        synced in, both are merged (``merged``): events are never lost; ``record`` becomes the merged record, and RecordConflict (after saving) says which
        fields both windows changed."""
        code = record.client_code
        path = self.path_for(code)
        if code in self._damaged:
            raise ClientRecordError(f"{path}: could not be read, so it is not written over")
        on_disk = self.load(code)  # raises if damaged: not written over
        conflicts: list[str] = []
        if on_disk is not None and (record._as_read is None or on_disk.model_dump() != record._as_read.model_dump()):
            mine = {name: getattr(record, name) for name in EDITABLE_FIELDS}
            result, conflicts = merged(record._as_read, record, on_disk, frozenset(keep_mine))
            for name in type(record).model_fields:
                setattr(record, name, getattr(result, name))
            conflict = RecordConflict(path, conflicts, {n: mine[n] for n in conflicts}) if conflicts else None
        else:
            conflict = None
        self._write(record, path, on_disk)
        if conflict is not None:
            raise conflict
        return path

    def _write(self, record: ClientRecord, path: Path, before: ClientRecord | None) -> None:
        code = record.client_code
        try:
            sealed = self.store.keyring.seal(record.to_json(), path)
        except EncryptionError as exc:
            raise ClientRecordError(str(exc)) from None
        try:
            write_private_atomic(path, sealed)
        except OSError as exc:
            raise ClientRecordError(f"{path}: cannot write ({os_reason(exc)})") from None
        for stale in self._names(code)[1:]:  # the same record under a name of before a change of key
            try:
                (self.folder / stale).unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass  # left for the next save or 'change-passphrase' to remove; the current one is read first
        record._as_read = record.model_copy(deep=True)
        self._audit(before, record)

    def _audit(self, before: ClientRecord | None, after: ClientRecord) -> None:
        """Changes to a client record go in the audit log: what kind of change, and a session id where there is one
        (never the client code, a name or a reason)."""
        from interview_tui.store.audit import AuditError, AuditLog

        events: list[tuple[str, str | None]] = []
        old_events = before.case_events if before is not None else []
        for event in after.case_events:
            if event not in old_events:
                events.append(("case_closed" if event.kind == "closed" else "case_reopened", event.session_id))
        old_clearances = before.flag_clearances if before is not None else []
        for clearance in after.flag_clearances:
            if clearance not in old_clearances:
                session_id = clearance.flag_id.split("/")[0]
                events.append(("flag_cleared", session_id if is_session_id(session_id) else None))
        if before is not None and (before.display_name, before.notes) != (after.display_name, after.notes):
            events.append(("client_record_changed", None))
        log = AuditLog(self.store.folder.parent)
        for name, subject in events:
            try:
                log.log(name, subject)
            except (OSError, AuditError):
                pass  # the record is saved; the log is checked by 'interview-tui audit verify'


    def ensure(self, code: str, at: datetime | None = None) -> ClientRecord:
        """The client's record, written now if there was none (called when a session starts)."""
        record = self.load(code)
        if record is None:
            record = ClientRecord(client_code=code, created_at=at or now())
            self.save(record)
        return record

    def codes(self) -> list[str]:
        """Codes of the clients that have a record file (in an encrypted store, read from inside each record:
        unreadable ones are left out, as they are when loaded)."""
        from interview_tui.casework.glance import ClientGlances

        return ClientGlances(self.store).codes()
