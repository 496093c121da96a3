"""A client's case, derived from their sessions (via the session index) and their client record: one client as
the lists show them (``all_cases``, ``client_case``) and the home screen's board (``board``).

Nothing here is stored twice: flags come from the sessions' answers (see
case_facts.py) and stay open until the record holds a clearance for them;
the next appointment is the newest session's; plan items due come from the
client's current plan (the newest session that keeps one); the case is
closed by the last closing or reopening event, an ending session that
answered "close the case" counting as a closing event. The parts live beside
it, one idea each: flags.py, appointments.py, closing_events.py, due.py
(the due list), notices.py (an export's header lines) and
protocol_choice.py (which protocol a new session starts with).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable, Generic, Iterable, Iterator, Sequence, TypeVar

from interview_tui.casework.appointments import case_appointment
from interview_tui.casework.closing_events import apply_closing_sessions, closed_by, closing_events_missing
from interview_tui.casework.flags import CaseFlag, ClientFlag, flag_groups, open_flags
from interview_tui.casework.glance import ClientGlance, ClientGlances, ClientRecordError
from interview_tui.store.sessions import SessionSummary

if TYPE_CHECKING:  # (the record model loads pydantic: only the functions that change records need it)
    from interview_tui.casework.clients import ClientBook, ClientRecord


RecordT = TypeVar("RecordT", bound="ClientRecord | ClientGlance")
"""What a case holds of the client's record: the whole ``ClientRecord`` (``all_cases``, ``client_case``), or
only a ``ClientGlance`` (the home screen's ``board``, which writes nothing)."""


@dataclass
class ClientCase(Generic[RecordT]):
    """One client as lists show them."""

    code: str
    record: RecordT
    sessions: list[SessionSummary]
    """Newest first (for the home screen's board: only those its case rests on, see ``case_sessions``)."""
    open_flags: list[ClientFlag] = field(default_factory=list)
    next_appointment: date | None = None
    problem: str | None = None
    """Why the client record could not be read (the case is shown from the sessions alone)."""

    @property
    def display_name(self) -> str:
        return self.record.display_name

    @property
    def is_closed(self) -> bool:
        return self.record.is_closed

    @property
    def last_session(self) -> datetime | None:
        return self.sessions[0].started_at if self.sessions else None

    @property
    def status_word(self) -> str:
        return "closed" if self.is_closed else "open"

    @property
    def flags(self) -> list[CaseFlag]:
        """The open flags, one per kind with the sessions that raised it."""
        return flag_groups(self.open_flags)

    def flags_text(self) -> str:
        return ", ".join(f.text for f in self.flags)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "display_name": self.display_name,
            "sessions": len(self.sessions),
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "flags": [f.as_json() for f in self.flags],
            "case": self.status_word,
            "next_appointment": self.next_appointment.isoformat() if self.next_appointment else None,
        }


def client_case(
    book: "ClientBook", code: str, sessions: list[SessionSummary], save: bool = True
) -> ClientCase[ClientRecord]:
    """One client's case. A stored record gains the closing events of finished ending sessions (written if
    ``save``); a client without a record gets one made from their sessions (written only when changed)."""
    from interview_tui.casework.clients import ClientRecord
    from interview_tui.core.session import now

    first_seen = min((s.started_at for s in sessions), default=None)
    problem = None
    try:
        record = book.get(code, first_seen)
    except ClientRecordError as exc:
        record, problem = ClientRecord(client_code=code, created_at=first_seen or now()), str(exc)
    if apply_closing_sessions(record, sessions) and save and problem is None:
        try:
            book.save(record)
        except ClientRecordError as exc:
            problem = str(exc)
    return _case(code, record, sessions, problem)


def _case(code: str, record: RecordT, sessions: list[SessionSummary], problem: str | None) -> ClientCase[RecordT]:
    return ClientCase(
        code=code,
        record=record,
        sessions=sessions,
        open_flags=open_flags(record, sessions),
        next_appointment=case_appointment(record, sessions),
        problem=problem,
    )


def all_cases(
    book: "ClientBook", summaries: Sequence[SessionSummary], save: bool = True
) -> list[ClientCase[ClientRecord]]:
    """Every client with a session or a record, most recently seen first (then by code)."""
    by_client: dict[str, list[SessionSummary]] = {}
    for s in summaries:  # newest first already
        by_client.setdefault(s.client, []).append(s)
    for code in book.codes():
        by_client.setdefault(code, [])
    cases = [client_case(book, code, sessions, save) for code, sessions in by_client.items()]
    cases.sort(key=lambda c: c.code)
    cases.sort(key=lambda c: c.last_session.timestamp() if c.last_session else 0.0, reverse=True)
    return cases


# ------------------------------------------------------------ the home screen's board


def _board_keeper() -> Callable[[str, str], bool]:
    """Says, row by row (newest first), whether a session is one a client's flags and due list rest on: the
    client's newest (its date settles whether an appointment already took place), every session that raises a
    flag or closes the case, the newest that gives an appointment and the newest that keeps a plan."""
    newest: set[str] = set()
    appointment: set[str] = set()
    plan: set[str] = set()

    def keep(client: str, text: str) -> bool:
        wanted = client not in newest
        newest.add(client)
        if text:
            flags, given, closes, _dues, keeps_plan, _reviews = json.loads(text)
            wanted = wanted or bool(flags) or bool(closes)
            if given and client not in appointment:
                appointment.add(client)
                wanted = True
            if keeps_plan and client not in plan:
                plan.add(client)
                wanted = True
        return wanted

    return keep


def case_sessions(summaries: Iterable[SessionSummary]) -> Iterator[SessionSummary]:
    """Of every session (newest first), those the home screen's board rests on (see ``_board_keeper``).

    From the index's lazy list, the others are never made into summaries (``Summaries.where``)."""
    keep = _board_keeper()
    # The index's lazy list (``store.index.Summaries``) filters its rows before making summaries.
    where: Callable[[Callable[[str, str], bool]], Iterator[SessionSummary]] | None = getattr(summaries, "where", None)
    if where is not None:
        return where(keep)
    return (s for s in summaries if keep(s.client, s.case_text))


def board(glances: ClientGlances, summaries: Iterable[SessionSummary]) -> list[ClientCase[ClientGlance]]:
    """Every client with sessions, as the home screen's flags and due list need them: from the sessions their
    case rests on and a glance at their record (no record model, nothing written). Flags, appointments, plan
    items and open or closed come out as ``all_cases`` would give them; ``sessions`` holds only those sessions."""
    by_client: dict[str, list[SessionSummary]] = {}
    for s in case_sessions(summaries):
        by_client.setdefault(s.client, []).append(s)
    cases = []
    for code, sessions in by_client.items():
        problem = None
        try:
            record = glances.get(code)
        except ClientRecordError as exc:
            record, problem = ClientGlance(code), str(exc)
        for s in closing_events_missing(record, sessions):
            record.add_closing(s.updated_at, closed_by(s), s.id)
        cases.append(_case(code, record, sessions, problem))
    return cases


def matches(case: ClientCase[RecordT], text: str) -> bool:
    """The search box of the client list: code or display name contains the text, ignoring case."""
    needle = text.strip().casefold()
    return not needle or needle in case.code.casefold() or needle in case.display_name.casefold()




