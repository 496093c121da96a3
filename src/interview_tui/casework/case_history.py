"""A client's case history: one row per session and per case event, newest first (issue 19).

The events are read from what is already kept: the case opened when the
client was first seen (their record's ``created_at``), a flag raised by a
session's answer, a flag cleared (the record's clearances, with the reason),
the case closed and reopened (the record's case events, with the reason).
Each row says what it opens: the session it names or that caused it, else
its own detail (a reason typed in the client's view).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal, Sequence

from interview_tui.casework.flags import raised_flags

if TYPE_CHECKING:
    from interview_tui.casework.clients import ClientRecord
    from interview_tui.store.sessions import SessionSummary

HistoryKind = Literal["session", "opened", "flag_raised", "flag_cleared", "closed", "reopened"]

KIND_WORDS: dict[str, str] = {
    "session": "Session",
    "opened": "Case opened",
    "flag_raised": "Flag raised",
    "flag_cleared": "Flag cleared",
    "closed": "Case closed",
    "reopened": "Case reopened",
}


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    kind: HistoryKind
    what: str
    """The row's own words in one line (a reason in full: the table may cut it, the detail never does)."""
    session_id: str | None = None
    """The session the row names, or the one that caused the event: what the row opens."""
    phase_id: str | None = None
    prompt_id: str | None = None
    """Where in that session (a flag's answer)."""

    @property
    def key(self) -> str:
        """A row's key in the table, unique in one history."""
        return f"{self.kind}|{self.at.isoformat()}|{self.session_id or ''}|{self.what}"

    @property
    def opens_session(self) -> bool:
        return self.session_id is not None

    def detail(self) -> str:
        """The event in full, for a row that opens no session."""
        return f"{KIND_WORDS[self.kind]} {self.at:%Y-%m-%d %H:%M}\n{self.what}"


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def case_history(record: "ClientRecord", sessions: Sequence["SessionSummary"]) -> list[HistoryRow]:
    """Every session and case event of the client, newest first; at the same moment, an event above the
    session it happened in."""
    rows: list[tuple[HistoryRow, int]] = []
    for s in sessions:
        state = "finished" if s.status == "completed" else "in progress"
        rows.append((HistoryRow(s.started_at, "session", f"{s.protocol_title} · {state}", s.id), 0))
    flags = raised_flags(sessions)
    for flag in flags:
        started = next(s.started_at for s in sessions if s.id == flag.session_id)
        rows.append((HistoryRow(started, "flag_raised", flag.text, flag.session_id, flag.flag.phase_id,
                                flag.flag.prompt_id), 1))  # fmt: skip
    first = min(sessions, key=lambda s: s.started_at, default=None)
    rows.append((HistoryRow(record.created_at, "opened", "First seen", first.id if first else None), 1))
    by_id = {f.flag_id: f for f in flags}
    cleared: set[tuple[datetime, str]] = set()
    for clearance in record.flag_clearances:
        raised = by_id.get(clearance.flag_id)
        name = raised.text if raised is not None and raised.flag.value == clearance.value else f"⚑ {clearance.value}"
        what = f"{name}: {_one_line(clearance.reason)}"
        if (clearance.cleared_at, what) in cleared:
            continue  # one flag raised by several sessions is cleared for all at once: one event
        cleared.add((clearance.cleared_at, what))
        rows.append((HistoryRow(clearance.cleared_at, "flag_cleared", what), 1))
    for event in record.case_events:
        rows.append((HistoryRow(event.at, event.kind, _one_line(event.reason), event.session_id), 1))
    rows.sort(key=lambda pair: (_aware(pair[0].at), pair[1]), reverse=True)
    return [row for row, _rank in rows]
