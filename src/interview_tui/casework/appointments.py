"""A case's next appointment: the newest session's date, unless it has passed or the case was closed since."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from interview_tui.store.sessions import SessionSummary

if TYPE_CHECKING:  # (the record model loads pydantic)
    from interview_tui.casework.clients import ClientRecord
    from interview_tui.casework.glance import ClientGlance


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
