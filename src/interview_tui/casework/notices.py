"""What goes at the top of an export: the session's flags not cleared, and a crisis step beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.casework.flags import flag_id
from interview_tui.casework.glance import ClientRecordError
from interview_tui.core.case_facts import facts_of
from interview_tui.store.sessions import SessionStore

if TYPE_CHECKING:
    from interview_tui.core.session import Session


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
