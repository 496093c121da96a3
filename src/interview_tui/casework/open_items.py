"""What is still to do in a case: the open goals and plan items, each with the session and phase that keep it.

The goals are those of the newest session that has any, the plan items those
of the newest session keeping a plan (as carrying forward takes them); goals
achieved, not achieved or dropped and plan items done or dropped are left out.
Each item knows where it is kept, so the client's view opens that session at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, Sequence

from interview_tui.core.goals import STATUS_LABELS, WHO_LABELS
from interview_tui.store.sessions import StoreError

if TYPE_CHECKING:
    from interview_tui.core.session import Session
    from interview_tui.store.sessions import SessionStore, SessionSummary

CLOSED_GOALS = frozenset({"achieved", "dropped", "not_achieved"})
CLOSED_PLAN = frozenset({"done", "dropped"})


@dataclass(frozen=True)
class OpenItem:
    kind: Literal["goal", "plan_item"]
    item_id: str
    what: str
    status: str
    """In words, e.g. "Partly achieved"."""
    due: date | None
    """A goal's "by when", a plan item's due date."""
    session_id: str
    phase_id: str | None
    """The phase of that session that collects goals (or plan items); None if its protocol has none."""
    who: str = ""
    review_on: date | None = None
    """A plan item's review date, if it has one."""


def _collecting_phase(session: Session, what: str) -> str | None:
    return next((p.id for p in session.protocol.phases if p.collects == what), None)


def _by_due(items: list[OpenItem]) -> list[OpenItem]:
    """Soonest due first, items without a date after them (in the session's order)."""
    return sorted(items, key=lambda i: (i.due is None, i.due or date.max))


def open_items(
    store: SessionStore, sessions: Sequence[SessionSummary], look_at: int = 20
) -> tuple[list[OpenItem], list[OpenItem]]:
    """The open goals and the open plan items, soonest due first, from the newest ``look_at`` sessions."""
    goals: list[OpenItem] | None = None
    plan: list[OpenItem] | None = None
    for summary in sessions[:look_at]:
        if goals is not None and plan is not None:
            break
        try:
            session = store.load(summary.id)
        except StoreError:
            continue
        if goals is None and session.goals:
            phase = _collecting_phase(session, "goals")
            goals = [
                OpenItem("goal", g.id, g.what, STATUS_LABELS.get(g.status, g.status), g.by_when, session.id, phase)
                for g in session.goals
                if g.status not in CLOSED_GOALS
            ]
        if plan is None and summary.facts.keeps_plan:
            phase = _collecting_phase(session, "plan")
            plan = [
                OpenItem("plan_item", p.id, p.action, STATUS_LABELS.get(p.status, p.status), p.due, session.id, phase,
                         WHO_LABELS.get(p.who, p.who), p.review_on)
                for p in session.plan_items
                if p.status not in CLOSED_PLAN
            ]  # fmt: skip
    return _by_due(goals or []), _by_due(plan or [])
