"""The list of clients `interview-tui clients` prints, tallied by the session index instead of over every session.

``all_cases`` makes a whole case per client from every one of their sessions
and loads each record through the record model: right for one client's view,
linear in the store for a list of all of them. A line of the list needs only
the number of sessions, the newest, the sessions open flags and closing rest
on and the next appointment (``index_queries.client_tallies``, in SQL), and a
glance at the record (``glance.py``, no pydantic). Open flags, the case's
status and the next appointment come out of the same functions ``all_cases``
uses, so the list says what the client's case says (tests run both).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from interview_tui.casework.appointments import case_appointment
from interview_tui.casework.closing_events import closed_by, closing_events_missing
from interview_tui.casework.flags import CaseFlag, ClientFlag, flag_groups, open_flags
from interview_tui.casework.glance import ClientGlance, ClientGlances, ClientRecordError
from interview_tui.store.index_queries import ClientTally, client_tallies
from interview_tui.store.sessions import SessionStore


@dataclass
class ClientLine:
    """One client as the list shows them (the fields ``ClientCase`` gives a list, without its sessions)."""

    code: str
    record: ClientGlance
    session_count: int
    last_session: datetime | None
    open_flags: list[ClientFlag] = field(default_factory=list)
    next_appointment: date | None = None
    problem: str | None = None
    """Why the client record could not be read (the line is made from the sessions alone)."""

    @property
    def display_name(self) -> str:
        return self.record.display_name

    @property
    def status_word(self) -> str:
        return "closed" if self.record.is_closed else "open"

    @property
    def flags(self) -> list[CaseFlag]:
        """The open flags, one per kind with the sessions that raised it (as ``ClientCase.flags``)."""
        return flag_groups(self.open_flags)

    def flags_text(self) -> str:
        return ", ".join(f.text for f in self.flags)

    def as_json(self) -> dict[str, Any]:
        """As ``ClientCase.as_json``."""
        return {
            "code": self.code,
            "display_name": self.display_name,
            "sessions": self.session_count,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "flags": [f.as_json() for f in self.flags],
            "case": self.status_word,
            "next_appointment": self.next_appointment.isoformat() if self.next_appointment else None,
        }


def client_lines(store: SessionStore) -> tuple[list[ClientLine], list[str]]:
    """Every client with a session or a record, most recently seen first (then by code), as ``all_cases`` orders
    them, and a message for each session file that could not be read. Nothing is written."""
    tallies, problems = client_tallies(store._session_index())
    glances = ClientGlances(store)
    by_code = {t.code: t for t in tallies}
    for code in glances.codes():
        by_code.setdefault(code, ClientTally(code, 0, datetime.min, 0.0))
    with_file = _record_files(glances)
    lines = [_line(glances, tally, with_file) for tally in by_code.values()]
    lines.sort(key=lambda line: line.code)
    lines.sort(key=lambda line: by_code[line.code].newest_sort if line.session_count else 0.0, reverse=True)
    return lines, problems


def _record_files(glances: ClientGlances) -> set[str] | None:
    """The names in the records folder, to skip looking for records that are not there (None: look for each)."""
    if glances.store.keyring.enabled:
        return None
    try:
        return set(os.listdir(glances.folder))
    except FileNotFoundError:
        return set()
    except OSError:
        return None


def _line(glances: ClientGlances, tally: ClientTally, with_file: set[str] | None) -> ClientLine:
    problem = None
    try:
        try:
            looked = with_file is None or f"{tally.code}.json" in with_file
            record = glances.get(tally.code) if looked else ClientGlance(tally.code)
        except ClientRecordError:
            record = _glance_by_model(glances.store, tally.code)
    except ClientRecordError as exc:
        record, problem = ClientGlance(tally.code), str(exc)
    for s in closing_events_missing(record, tally.case_sessions):
        record.add_closing(s.updated_at, closed_by(s), s.id)
    given = [tally.appointment_session] if tally.appointment_session is not None else []
    return ClientLine(
        code=tally.code,
        record=record,
        session_count=tally.sessions,
        last_session=tally.newest_started_at if tally.sessions else None,
        open_flags=open_flags(record, tally.case_sessions),
        next_appointment=case_appointment(record, given),
        problem=problem,
    )


def _glance_by_model(store: SessionStore, code: str) -> ClientGlance:
    """The record as the record model reads it, for one the glance could not read (rare: the model, and the message
    ``all_cases`` gives, are loaded only then). ClientRecordError with that message if it cannot be read."""
    from interview_tui.casework.clients import ClientBook
    from interview_tui.casework.glance import glance_of_data

    record = ClientBook(store).load(code)
    return ClientGlance(code) if record is None else glance_of_data(code, record.model_dump(mode="json"))
