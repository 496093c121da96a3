"""A client's flags: each raised by a session's answers, open until the client record holds a clearance for it.

Nothing is stored twice: the flags come from the sessions (see
core/case_facts.py); the record holds only the clearances.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Iterable

from interview_tui.core.case_facts import RaisedFlag
from interview_tui.store.sessions import SessionSummary

if TYPE_CHECKING:  # (the record model loads pydantic)
    from interview_tui.casework.clients import ClientRecord
    from interview_tui.casework.glance import ClientGlance


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
