"""A client's case, derived from their sessions (via the session index) and their client record.

Nothing here is stored twice: flags come from the sessions' answers (see
case_facts.py) and stay open until the record holds a clearance for them;
the next appointment is the newest session's; plan items due come from the
client's current plan (the newest session that keeps one); the case is
closed by the last closing or reopening event, an ending session that
answered "close the case" counting as a closing event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Generic,
    Iterable,
    Iterator,
    Literal,
    Sequence,
    TypeVar,
)

from interview_tui.casework.glance import ClientGlance, ClientGlances, ClientRecordError
from interview_tui.core.case_facts import RaisedFlag, facts_of
from interview_tui.store.sessions import SessionStore, SessionSummary, StoreError

if TYPE_CHECKING:  # (the record model loads pydantic: only the functions that change records need it)
    from collections.abc import Mapping

    from interview_tui.casework.clients import ClientBook, ClientRecord
    from interview_tui.core.protocol import Protocol
    from interview_tui.core.session import Session

CLOSED_BY_SESSION = "Closed by the ending session of {day}"


@dataclass(frozen=True)
class ClientFlag:
    flag_id: str
    """``session_id/phase_id/prompt_id``"""
    session_id: str
    raised_on: date
    flag: RaisedFlag

    @property
    def text(self) -> str:
        """A word, not a colour: e.g. ``⚑ RISK High``."""
        return f"⚑ {self.flag.name.upper()} {self.flag.label}"


@dataclass(frozen=True)
class CaseFlag:
    """One flag of a kind (a name and value, e.g. RISK Medium) as lists show it, with every session that raised it
    and is not cleared: a crisis session and the session it was opened from rating the same risk give one flag."""

    sources: tuple[ClientFlag, ...]
    """Newest session first (never empty)."""

    @property
    def flag(self) -> RaisedFlag:
        return self.sources[0].flag

    @property
    def flag_id(self) -> str:
        """The newest source's id: the flag's key in a table."""
        return self.sources[0].flag_id

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(f.flag_id for f in self.sources)

    @property
    def session_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.session_id for f in self.sources))

    @property
    def raised_on(self) -> date:
        """When it was last raised (the newest source's session)."""
        return self.sources[0].raised_on

    @property
    def first_raised_on(self) -> date:
        return min(f.raised_on for f in self.sources)

    @property
    def text(self) -> str:
        return self.sources[0].text

    @property
    def sources_text(self) -> str:
        """Which sessions raised it: ``session 20260302-…`` or ``2 sessions: 20260302-…, 20260302-…``."""
        ids = self.session_ids
        return f"session {ids[0]}" if len(ids) == 1 else f"{len(ids)} sessions: " + ", ".join(ids)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.flag_id, "name": self.flag.name, "value": self.flag.value, "label": self.flag.label,
            "raised_on": self.raised_on.isoformat(),
            "sources": [{"id": f.flag_id, "session_id": f.session_id, "raised_on": f.raised_on.isoformat()}
                        for f in self.sources],
        }  # fmt: skip


def flag_groups(flags: Iterable[ClientFlag]) -> list[CaseFlag]:
    """One ``CaseFlag`` per kind (name and value), in the order of each kind's newest source."""
    by_kind: dict[tuple[str, str], list[ClientFlag]] = {}
    for f in flags:
        by_kind.setdefault((f.flag.name, f.flag.value), []).append(f)
    return [CaseFlag(tuple(sources)) for sources in by_kind.values()]


def clear_case_flag(record: "ClientRecord", flag: CaseFlag, reason: str, at: datetime | None = None) -> None:
    """Clear the flag for every session that raised it (one clearance each, the same reason and moment)."""
    from interview_tui.core.session import now

    if not reason.strip():
        raise ValueError("say why the flag is cleared")
    at = at or now()
    for source in flag.sources:
        if record.clearance(source.flag_id, source.flag.value) is None:
            record.clear_flag(source.flag_id, source.flag.value, reason, at=at)


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


def flag_id(session_id: str, flag: RaisedFlag) -> str:
    return f"{session_id}/{flag.phase_id}/{flag.prompt_id}"


def raised_flags(sessions: Iterable[SessionSummary]) -> list[ClientFlag]:
    """Every flag the sessions raise, newest session first."""
    return [
        ClientFlag(flag_id(s.id, f), s.id, s.started_at.date(), f)
        for s in sessions
        for f in s.facts.flags
    ]


def open_flags(record: "ClientRecord | ClientGlance", sessions: Iterable[SessionSummary]) -> list[ClientFlag]:
    return [f for f in raised_flags(sessions) if record.clearance(f.flag_id, f.flag.value) is None]


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc)


def last_closed_at(record: "ClientRecord | ClientGlance") -> datetime | None:
    """When the case was last closed (None if it never was)."""
    closings = [e.at for e in record.case_events if e.kind == "closed"]
    return closings[-1] if closings else None


def next_appointment(sessions: list[SessionSummary], closed_at: datetime | None = None) -> date | None:
    """The date the newest session that gave one gave, unless a later session has taken place on or after it, or
    the session that gave it began before ``closed_at`` (the case's last closing: closing a case ends what was
    booked, so a reopened case does not show a date made before the closing as due again)."""
    for index, s in enumerate(sessions):
        given = s.facts.next_appointment
        if given:
            if closed_at is not None and _aware(s.started_at) < _aware(closed_at):
                return None
            day = date.fromisoformat(given)
            later = sessions[:index]
            if any(other.started_at.date() >= day for other in later):
                return None
            return day
    return None


def case_appointment(record: "ClientRecord | ClientGlance", sessions: list[SessionSummary]) -> date | None:
    """The case's next appointment: none while the case is closed, none made before its last closing."""
    return None if record.is_closed else next_appointment(sessions, last_closed_at(record))


def closing_events_missing(record: "ClientRecord | ClientGlance", sessions: Iterable[SessionSummary]) -> list[SessionSummary]:
    """Finished ending sessions that closed the case but are not yet in the record's history."""
    known = {e.session_id for e in record.case_events if e.session_id}
    return sorted(
        (s for s in sessions if s.status == "completed" and s.facts.closes_case and s.id not in known),
        key=lambda s: s.updated_at,
    )


def apply_closing_sessions(record: "ClientRecord", sessions: Iterable[SessionSummary]) -> bool:
    """Record a closing event for each finished session that closed the case; True if the record changed."""
    from interview_tui.casework.clients import CaseEvent

    changed = False
    for s in closing_events_missing(record, sessions):
        at = s.updated_at
        if record.is_closed:
            # Already closed (from the client view, say): keep the session in the history all the same.
            record.case_events.append(
                CaseEvent(at=at, kind="closed", reason=_closed_by(s), session_id=s.id)
            )
            record.case_events.sort(key=lambda e: e.at)
        else:
            record.close_case(_closed_by(s), at=at, session_id=s.id)
        changed = True
    return changed


def _closed_by(s: SessionSummary) -> str:
    return CLOSED_BY_SESSION.format(day=s.started_at.date().isoformat())


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
            record.add_closing(s.updated_at, _closed_by(s), s.id)
        cases.append(_case(code, record, sessions, problem))
    return cases


def plan_actions(store: SessionStore, entries: Iterable["DueEntry"]) -> dict[tuple[str, str], str]:
    """The plan items' own words for the due list (the index keeps no client text), read from their session
    files as plain JSON; a file that cannot be read just leaves its items without words."""
    found: dict[tuple[str, str], str] = {}
    for session_id in dict.fromkeys(e.session_id for e in entries if e.kind in ("plan_item", "plan_review")):
        try:
            items = store.load_data(session_id).get("plan_items") or []
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("action"), str):
                    found[(session_id, item["id"])] = item["action"]
        except (OSError, ValueError, AttributeError, StoreError):
            continue
    return found


def matches(case: ClientCase[RecordT], text: str) -> bool:
    """The search box of the client list: code or display name contains the text, ignoring case."""
    needle = text.strip().casefold()
    return not needle or needle in case.code.casefold() or needle in case.display_name.casefold()


# ------------------------------------------------------------ due and overdue

DueState = Literal["overdue", "today", "upcoming"]


@dataclass(frozen=True)
class DueEntry:
    day: date
    kind: Literal["appointment", "plan_item", "plan_review"]
    client: str
    display_name: str
    session_id: str
    item_id: str | None
    """The plan item's id (None for an appointment); a ``plan_review`` is a plan item whose review date has come."""
    state: DueState

    @property
    def word(self) -> str:
        return {"overdue": "overdue", "today": "today", "upcoming": "due"}[self.state]

    @property
    def what(self) -> str:
        return {"appointment": "Next appointment", "plan_item": "Plan item", "plan_review": "Plan item review"}[self.kind]


def _state(day: date, today: date) -> DueState:
    return "overdue" if day < today else "today" if day == today else "upcoming"


def due_list(cases: Iterable[ClientCase[RecordT]], today: date) -> list[DueEntry]:
    """Next appointments and plan items due of open cases, and plan items whose review date has come (today or
    earlier), by date (overdue first), then client."""
    entries: list[DueEntry] = []
    for case in cases:
        if case.is_closed or not case.sessions:
            continue
        if case.next_appointment is not None:
            source = next(s for s in case.sessions if s.facts.next_appointment)
            entries.append(
                DueEntry(case.next_appointment, "appointment", case.code, case.display_name, source.id, None,
                         _state(case.next_appointment, today))
            )  # fmt: skip
        plan = next((s for s in case.sessions if s.facts.keeps_plan), None)
        if plan is None:
            continue
        for item in plan.facts.plan_dues:
            day = date.fromisoformat(item.due)
            entries.append(
                DueEntry(day, "plan_item", case.code, case.display_name, plan.id, item.item_id, _state(day, today))
            )
        for item in plan.facts.plan_reviews:
            day = date.fromisoformat(item.due)
            if day <= today:
                entries.append(DueEntry(day, "plan_review", case.code, case.display_name, plan.id, item.item_id,
                                        _state(day, today)))
    entries.sort(key=lambda e: (e.day, e.client, e.kind, e.item_id or ""))
    return entries


def session_notices(store: SessionStore, session: Session) -> tuple[str, ...]:
    """What goes at the top of every export of ``session``: each flag it raised that is not cleared."""
    from interview_tui.casework.clients import ClientBook

    crisis = crisis_notices(store, session)
    flags = facts_of(session).flags
    if not flags:
        return crisis
    try:
        record = ClientBook(store).load(session.client_code)
    except ClientRecordError:
        record = None  # unreadable: every flag counts as open
    notices = []
    for flag in flags:
        fid = flag_id(session.id, flag)
        if record is None or record.clearance(fid, flag.value) is None:
            notices.append(f"{flag.name.upper()} {flag.label}: raised in this session and not cleared.")
    return crisis + tuple(notices)


def crisis_notices(store: SessionStore, session: Session) -> tuple[str, ...]:
    """For a session with a crisis step beside it: when it began, its risk level and its safety plan in brief."""
    from interview_tui.core.answers import answer_text
    from interview_tui.core.errors import InterviewError

    if session.crisis_session_id is None:
        return ()
    try:
        crisis = store.load(session.crisis_session_id)
    except (InterviewError, OSError, ValueError):
        return (f"CRISIS: the crisis session {session.crisis_session_id} could not be read.",)
    began = session.crisis_began_at or crisis.started_at
    risk, plan = "", []
    for phase in crisis.protocol.phases:
        for prompt in phase.prompts:
            text = answer_text(crisis, phase.id, prompt.id)
            if not text:
                continue
            if prompt.carry == "risk" and prompt.type == "choice":
                risk = text
            elif prompt.carry == "safety_plan":
                plan.append(text.replace("\n", " ").strip())
    line = f"CRISIS step began {began.astimezone(session.started_at.tzinfo):%Y-%m-%d %H:%M}"
    line += f"; risk level: {risk or 'not rated'}"
    line += f"; safety plan: {'; '.join(plan) if plan else 'not written'}."
    return (line,)


def has_open_case(store: SessionStore, code: str) -> bool:
    """Whether ``code`` is a returning client whose case is open: seen before, and not closed since (by the
    client view, or by a finished ending session not yet in the record). An unreadable record counts as open."""
    sessions = store.client_summaries(code)
    if not sessions:
        return False
    try:
        glance = ClientGlances(store).get(code)
    except ClientRecordError:
        return True
    return not glance.is_closed and not closing_events_missing(glance, sessions)


def fitting_protocol(protocols: "Mapping[str, Protocol]", open_case: bool, default: str | None) -> str | None:
    """The protocol a new session starts with: for an open case, the one whose phase file says
    ``default_for = "open-case"``; otherwise the settings' ``default``, else the one for a new client."""
    return fitting_protocol_id({pid: p.protocol.default_for for pid, p in protocols.items()}, open_case, default)


def fitting_protocol_id(default_for: "Mapping[str, str | None]", open_case: bool, default: str | None) -> str | None:
    """``fitting_protocol`` from each protocol's ``default_for`` alone (protocol id -> its value, or None): what
    ``new CODE`` knows from the remembered check of the phase files, before any protocol is loaded."""
    if open_case:
        for protocol_id, kind in default_for.items():
            if kind == "open-case":
                return protocol_id
    if default in default_for:
        return default
    return next((pid for pid, kind in default_for.items() if kind == "new-client"), None)
