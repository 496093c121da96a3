"""Carrying a case forward: what a follow-up (or ending) session starts with from the client's earlier sessions.

A protocol carries forward when one of its phases shows the "carried" panel
(``shows = ["carried"]`` in its phase file: the shipped follow-up and
termination protocols do). Starting such a session for a client:

- the open goals (status open or partly achieved) and the plan items not yet
  done or dropped are copied from the client's most recent earlier session
  that has any goals or plan items, with the same ids and ``carried_from``
  set to that session's id (a plan item whose goal is not carried keeps going
  without a goal);
- the context of the client's last earlier session with anything recorded
  is kept in ``session.carried``: its date and protocol, its summary and
  agreed next steps (the notes of its prompts marked ``carry = "summary"`` /
  ``carry = "next_steps"``), and every goal and plan-item id used so far.

"Earlier" means started before the new session, newest first; a session
that cannot be read is passed over (the store reports it where it lists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from interview_tui.capture import answer_text
from interview_tui.session_carried import CarriedContext
from interview_tui.protocol import Protocol
from interview_tui.session import Session
from interview_tui.storage import SessionStore, StoreError

OPEN_GOAL_STATUSES = ("open", "partly")
"""Goals still being worked on: carried into the next session."""
OPEN_PLAN_STATUSES = ("not_started", "in_progress")
"""Plan items not done (nor dropped): carried into the next session."""

ProtocolLookup = Callable[[str], "Protocol | None"]


def carries_forward(protocol: Protocol) -> bool:
    """Whether sessions of this protocol start with the client's open goals, plan items and last summary."""
    return any("carried" in phase.shows for phase in protocol.phases)


def earlier_sessions(store: SessionStore, client_code: str) -> Iterator[Session]:
    """The client's sessions, newest first, read one at a time (unreadable ones passed over)."""
    for summary in sorted(store.client_summaries(client_code), key=lambda s: s.started_at, reverse=True):
        if summary.read_only or summary.client != client_code:
            continue
        try:
            yield store.load(summary.id)
        except StoreError:
            continue


def _has_anything(session: Session) -> bool:
    return bool(session.goals or session.plan_items) or any(r.has_notes() for r in session.phases.values())


def carried_notes(session: Session, kind: str, lookup: ProtocolLookup | None = None) -> str:
    """The notes of ``session``'s prompts marked ``carry = kind``, one paragraph each, in phase order.

    A session saved before its phase file marked any prompt takes the marks
    from the protocol as it is defined now (by ``lookup``), matched by id.
    """
    marked = [
        (phase.id, prompt.id)
        for phase in session.protocol.phases
        for prompt in phase.prompts
        if prompt.carry == kind
    ]
    if not any(p.carry for phase in session.protocol.phases for p in phase.prompts) and lookup is not None:
        current = lookup(session.protocol.id)
        if current is not None:
            marked = [
                (phase.id, prompt.id)
                for phase in current.phases
                for prompt in phase.prompts
                if prompt.carry == kind and session.protocol.phase(phase.id) is not None
                and session.protocol.phase(phase.id).prompt(prompt.id) is not None  # type: ignore[union-attr]
            ]
    texts = [answer_text(session, phase_id, prompt_id).strip() for phase_id, prompt_id in marked]
    return "\n\n".join(t for t in texts if t)


def carry_forward(new: Session, earlier: Iterable[Session], lookup: ProtocolLookup | None = None) -> CarriedContext:
    """Copy open goals and unfinished plan items into ``new`` and record the context; returns it (also in ``new.carried``)."""
    candidates = sorted(
        (s for s in earlier if s.id != new.id and s.client_code == new.client_code and s.started_at <= new.started_at),
        key=lambda s: (s.started_at, s.id),
        reverse=True,
    )
    last = next((s for s in candidates if _has_anything(s)), None)
    source = next((s for s in candidates if s.goals or s.plan_items), None)
    ids_taken: list[str] = []
    for s in candidates:
        ids_taken += [g.id for g in s.goals] + [p.id for p in s.plan_items]
        ids_taken += [a.item_id for a in s.amendments if a.kind in ("goal", "plan_item") and a.item_id]
        if s.carried is not None:
            ids_taken += s.carried.ids_taken
    context = CarriedContext(ids_taken=sorted(set(ids_taken)))
    if last is not None:
        context.last_session_id = last.id
        context.last_date = last.started_at.date()
        context.last_protocol_id = last.protocol.id
        context.last_protocol_title = last.protocol.title
        context.summary = carried_notes(last, "summary", lookup)
        context.next_steps = carried_notes(last, "next_steps", lookup)
    if source is not None:
        context.goals_from = source.id
        goals = [g.model_copy(update={"carried_from": source.id}) for g in source.goals if g.status in OPEN_GOAL_STATUSES]
        carried_ids = {g.id for g in goals}
        items = [
            p.model_copy(
                update={"carried_from": source.id, "goal_id": p.goal_id if p.goal_id in carried_ids else None}
            )
            for p in source.plan_items
            if p.status in OPEN_PLAN_STATUSES
        ]
        for goal_id in carried_ids:
            rated = (s.goal_review(goal_id) for s in candidates)
            rating = next((r.rating for r in rated if r is not None and r.rating is not None), None)
            if rating is not None:
                context.last_ratings[goal_id] = rating
        new.goals = goals + [g for g in new.goals if g.id not in carried_ids]
        new.plan_items = items + [p for p in new.plan_items if p.id not in {i.id for i in items}]
    new.carried = context
    return context


def start_session(
    store: SessionStore,
    client_code: str,
    protocol: Protocol,
    lookup: ProtocolLookup | None = None,
    at: datetime | None = None,
) -> Session:
    """A new session for the client; a carrying protocol starts with what the earlier sessions left open.

    The caller saves it (as with ``Session.start``).
    """
    session = Session.start(client_code, protocol, at=at)
    if carries_forward(protocol):
        carry_forward(session, earlier_sessions(store, client_code), lookup)
    return session
