"""Closing a case: the reasons to think twice before closing it, and the case's status in one line.

A case closed while a risk flag is still open, or while a crisis session of
the client is not finished, loses the lists that would have shown them (a
closed case has no due items, and its flags leave the home screen). Closing
is still the practitioner's call: ``closing_concerns`` says what is open, the
client view shows it and asks before closing; finishing an ending that closes
the case asks the same (``finishing_concerns``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from interview_tui.casework.cases import ClientCase
    from interview_tui.core.session import Session
    from interview_tui.store.sessions import SessionStore

CRISIS_PROTOCOL: Final = "crisis"
"""The id of the protocol f2 opens beside a session (phases/crisis.toml, or the practitioner's own file with it)."""


def closing_concerns(case: ClientCase[Any]) -> list[str]:
    """What speaks against closing the case now, one sentence each (empty: nothing): every flag not cleared
    (with the sessions that raised it), every crisis session not finished."""
    concerns = [
        f"{flag.text} is not cleared (raised {flag.raised_on.isoformat()} in {flag.sources_text})."
        for flag in case.flags
    ]
    for s in case.sessions:
        if s.protocol == CRISIS_PROTOCOL and s.status != "completed":
            concerns.append(f"The crisis session of {s.started_at:%Y-%m-%d %H:%M} ({s.id}) is not finished.")
    return concerns


def case_line(case: ClientCase[Any]) -> str:
    """The case's status as the client view heads it: closed (when, why), or open (reopened when, why, if it was;
    since when; how many sessions)."""
    record = case.record
    if record.is_closed:
        return f"Case closed {record.case_closed_at:%Y-%m-%d}: {_one_line(record.closed_reason or '')}"
    parts = ["Case open"]
    last = record.case_events[-1] if record.case_events else None
    if last is not None and last.kind == "reopened":
        parts.append(f"reopened {last.at:%Y-%m-%d}: {_one_line(last.reason)}")
    parts.append(f"client since {record.created_at:%Y-%m-%d}")
    parts.append(f"{len(case.sessions)} session(s)")
    return " · ".join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def finishing_concerns(store: SessionStore, session: Session) -> list[str]:
    """What speaks against finishing ``session`` when its answers close the case (an ending that says so): the
    case's ``closing_concerns``, this session's own crisis aside. Empty when the session does not close the case."""
    from interview_tui.casework.cases import client_case
    from interview_tui.casework.clients import ClientBook
    from interview_tui.core.case_facts import facts_of

    if not facts_of(session).closes_case:
        return []
    summaries = [s for s in store.client_summaries(session.client_code) if s.id != session.id]
    case = client_case(ClientBook(store), session.client_code, summaries, save=False)
    return closing_concerns(case)
