"""Closing events that finished ending sessions bring to a client's record ("close the case" answered yes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from interview_tui.store.sessions import SessionSummary

if TYPE_CHECKING:  # (the record model loads pydantic)
    from interview_tui.casework.clients import ClientRecord
    from interview_tui.casework.glance import ClientGlance


CLOSED_BY_SESSION = "Closed by the ending session of {day}"


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
                CaseEvent(at=at, kind="closed", reason=closed_by(s), session_id=s.id)
            )
            record.case_events.sort(key=lambda e: e.at)
        else:
            record.close_case(closed_by(s), at=at, session_id=s.id)
        changed = True
    return changed


def closed_by(s: SessionSummary) -> str:
    return CLOSED_BY_SESSION.format(day=s.started_at.date().isoformat())
