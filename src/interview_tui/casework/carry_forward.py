"""Carrying a case forward: what a follow-up (or ending) session starts with from the client's earlier sessions.

A protocol carries forward when one of its phases shows the "carried" panel
(``shows = ["carried"]`` in its phase file: the shipped follow-up and
termination protocols do). Starting such a session for a client:

- the open goals (status open or partly achieved) and the plan items not yet
  done or dropped are copied from the client's most recent earlier session
  that has any goals or plan items, with the same ids and ``carried_from``
  set to that session's id (a plan item whose goal is not carried keeps going
  without a goal);
- each carried goal's latest 0-10 rating (its newest review's, or its
  baseline if no review rated it) and its first (its baseline, or its oldest
  review's) are kept in ``session.carried``;
- the context is kept in ``session.carried``: the date, protocol, summary and
  agreed next steps (the notes of its prompts marked ``carry = "summary"`` /
  ``carry = "next_steps"``) of the client's latest earlier session that has
  a summary or next steps (an unfinished crisis session without them is
  passed over, never shown as "no summary"); the risk and safety plan
  (prompts marked ``carry = "risk"`` / ``"safety_plan"``) of the latest
  session that recorded either, a crisis session, shown as such; the risk
  level of the latest session that rated one (any protocol); every
  complete instrument score (PHQ-9, GAD-7...) of the earlier sessions, the
  start of each trend; and every goal and plan-item id used so far.

"Earlier" means started before the new session, newest first; a session
that cannot be read is passed over (the store reports it where it lists).

A client seen for years may have hundreds of sessions. Every one of them is
looked at for the ids used so far and the goals' latest ratings, but as plain
JSON (a client with 1,128 sessions: 0.63 s instead of 1.47 s); only the
sessions the context and the carried goals come from are loaded as sessions
(``EarlierSession``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from interview_tui.core.answers import answer_text
from interview_tui.core.instruments import Instrument
from interview_tui.core.score_history import instrument_score, session_scores
from interview_tui.core.risk_rating import risk_rating_of_data
from interview_tui.core.session_carried import CarriedContext, CarriedCrisis, CarriedNote, CarriedRisk, InstrumentScore
from interview_tui.core.protocol import Protocol
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore, SessionSummary, StoreError

OPEN_GOAL_STATUSES = ("open", "partly")
"""Goals still being worked on: carried into the next session."""
OPEN_PLAN_STATUSES = ("not_started", "in_progress")
"""Plan items not done (nor dropped): carried into the next session."""

ProtocolLookup = Callable[[str], "Protocol | None"]

SUMMARY_KINDS = ("summary", "next_steps")
"""What the latest session that has any of it gives the next session's preparation."""
CRISIS_KINDS = ("risk", "safety_plan")
"""What the latest crisis session (one that recorded any of it) gives, shown as such."""


def carries_forward(protocol: Protocol) -> bool:
    """Whether sessions of this protocol start with the client's open goals, plan items and last summary."""
    return any("carried" in phase.shows for phase in protocol.phases)


class EarlierSession:
    """An earlier session as carrying forward looks at it: what it needs of every session (ids used, goal
    ratings, whether it has goals or plan items) read from its JSON; the session itself loaded only if asked."""

    def __init__(self, session: Session | None = None, store: SessionStore | None = None, summary: Any = None) -> None:
        self._session = session
        self._store = store
        self._data: dict[str, Any] | None = None
        self.id: str = session.id if session is not None else summary.id
        self.client_code: str = session.client_code if session is not None else summary.client
        self.started_at: datetime = session.started_at if session is not None else summary.started_at

    def session(self) -> Session:
        """The whole session (StoreError if it cannot be read)."""
        if self._session is None:
            self._session = self._store.load(self.id)  # type: ignore[union-attr]
        return self._session

    def _json(self) -> dict[str, Any]:
        """The stored session's JSON data (only for one not given whole: those are asked directly)."""
        if self._data is None:
            self._data = self._store.load_data(self.id)  # type: ignore[union-attr]
        return self._data

    def has_goals_or_plan(self) -> bool:
        if self._session is not None:
            return bool(self._session.goals or self._session.plan_items)
        data = self._json()
        return bool(data.get("goals") or data.get("plan_items"))

    def ids_used(self) -> list[str]:
        """Goal and plan-item ids: its own, those changed after it was finished, those it knew were taken."""
        if self._session is not None:
            s = self._session
            ids = [g.id for g in s.goals] + [p.id for p in s.plan_items]
            ids += [a.item_id for a in s.amendments if a.kind in ("goal", "plan_item") and a.item_id]
            return ids + (s.carried.ids_taken if s.carried is not None else [])
        data = self._json()
        ids = [str(x["id"]) for x in _dicts(data.get("goals")) + _dicts(data.get("plan_items")) if x.get("id")]
        ids += [str(a["item_id"]) for a in _dicts(data.get("amendments"))
                if a.get("kind") in ("goal", "plan_item") and a.get("item_id")]  # fmt: skip
        carried = data.get("carried")
        if isinstance(carried, dict):
            ids += [str(i) for i in carried.get("ids_taken") or []]
        return ids

    def rating(self, goal_id: str) -> int | None:
        """Its review's 0-10 rating of the goal, if it rated it."""
        if self._session is not None:
            review = self._session.goal_review(goal_id)
            return review.rating if review is not None else None
        stored = next((r for r in _dicts(self._json().get("goal_reviews")) if r.get("goal_id") == goal_id), None)
        rating = stored.get("rating") if stored is not None else None
        return rating if type(rating) is int else None

    def may_carry(self, kinds: tuple[str, ...], lookup: ProtocolLookup | None) -> bool:
        """Whether any of its prompts marked ``carry`` with one of ``kinds`` holds something (from its JSON: only
        such a session is loaded whole to take what it carries)."""
        if self._session is not None:
            return any(carried_parts(self._session, kind, lookup) for kind in kinds)
        data = self._json()
        protocol = data.get("protocol") if isinstance(data.get("protocol"), dict) else {}
        phases = _dicts(protocol.get("phases"))  # type: ignore[union-attr]
        records = data.get("phases") if isinstance(data.get("phases"), dict) else {}
        for kind in kinds:
            marked = [(str(ph.get("id")), str(pr.get("id"))) for ph in phases for pr in _dicts(ph.get("prompts"))
                      if pr.get("carry") == kind]  # fmt: skip
            if not marked and lookup is not None:
                current = lookup(str(protocol.get("id")))  # type: ignore[union-attr]
                marked = [(ph.id, pr.id) for ph in current.phases for pr in ph.prompts if pr.carry == kind] if current else []
            for phase_id, prompt_id in marked:
                record = records.get(phase_id)  # type: ignore[union-attr]
                if not isinstance(record, dict):
                    continue
                note = (record.get("notes") or {}).get(prompt_id)
                answer = (record.get("answers") or {}).get(prompt_id)
                if (isinstance(note, str) and note.strip()) or answer not in (None, "", [], {}):
                    return True
        return False

    def scores(self) -> list[InstrumentScore]:
        """Its complete instrument scores (from its JSON: the instruments and answers it holds)."""
        if self._session is not None:
            return session_scores(self._session)
        data = self._json()
        protocol = data.get("protocol") if isinstance(data.get("protocol"), dict) else {}
        records = data.get("phases") if isinstance(data.get("phases"), dict) else {}
        out = []
        for phase in _dicts(protocol.get("phases")):  # type: ignore[union-attr]
            record = records.get(str(phase.get("id")))  # type: ignore[union-attr]
            answers = record.get("instrument") if isinstance(record, dict) else None
            if not isinstance(phase.get("instrument"), dict) or not isinstance(answers, dict) or not answers:
                continue
            try:
                instrument = Instrument.model_validate(phase["instrument"])
                found = instrument_score(self.id, self.started_at.date(), instrument, answers)
            except (ValueError, TypeError):  # (a damaged definition: the whole load would refuse it too)
                continue
            if found is not None:
                out.append(found)
        return out

    def risk(self) -> CarriedRisk | None:
        """The risk level it rated (from its JSON), if it rated one."""
        data = self._session.model_dump(mode="json") if self._session is not None else self._json()
        rating = risk_rating_of_data(data)
        if rating is None:
            return None
        protocol = data.get("protocol")
        title = protocol.get("title") if isinstance(protocol, dict) else None
        return CarriedRisk(session_id=self.id, date=self.started_at.date(), protocol_title=str(title or ""),
                           value=rating.value, label=rating.label)

    def baseline(self, goal_id: str) -> int | None:
        """The goal's 0-10 baseline as this session holds it (given where the goal was set, carried with it)."""
        if self._session is not None:
            goal = next((g for g in self._session.goals if g.id == goal_id), None)
            return goal.baseline if goal is not None else None
        stored = next((g for g in _dicts(self._json().get("goals")) if g.get("id") == goal_id), None)
        baseline = stored.get("baseline") if stored is not None else None
        return baseline if type(baseline) is int else None


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def earlier_sessions(store: SessionStore, client_code: str, summaries: list[SessionSummary] | None = None) -> Iterator[EarlierSession]:
    """The client's sessions, newest first, as ``EarlierSession``s (those written by a newer version left out),
    from ``summaries`` if the caller has just listed them (``SessionStore.client_summaries``)."""
    if summaries is None:
        summaries = store.client_summaries(client_code)
    for summary in sorted(summaries, key=lambda s: s.started_at, reverse=True):
        if summary.read_only or summary.client != client_code:
            continue
        yield EarlierSession(store=store, summary=summary)


def _marked(session: Session, kind: str, lookup: ProtocolLookup | None) -> list[tuple[str, str, str]]:
    """(phase id, prompt id, prompt text) of ``session``'s prompts marked ``carry = kind``, in phase order.

    A session saved before its phase file marked any prompt with this kind takes
    the marks from the protocol as it is defined now (by ``lookup``), matched by id.
    """
    marked = [
        (phase.id, prompt.id, prompt.text)
        for phase in session.protocol.phases
        for prompt in phase.prompts
        if prompt.carry == kind
    ]
    if marked or lookup is None:
        return marked
    current = lookup(session.protocol.id)
    if current is None:
        return []
    out = []
    for phase in current.phases:
        copy = session.protocol.phase(phase.id)
        for prompt in phase.prompts:
            kept = copy.prompt(prompt.id) if copy is not None else None
            if prompt.carry == kind and kept is not None:
                out.append((phase.id, prompt.id, kept.text))
    return out


def carried_parts(session: Session, kind: str, lookup: ProtocolLookup | None = None) -> list[CarriedNote]:
    """The answers of ``session``'s prompts marked ``carry = kind`` (the empty ones left out), each with its prompt."""
    found = ((text, answer_text(session, phase_id, prompt_id).strip()) for phase_id, prompt_id, text in
             _marked(session, kind, lookup))
    return [CarriedNote(prompt=prompt, text=answer) for prompt, answer in found if answer]


def carried_notes(session: Session, kind: str, lookup: ProtocolLookup | None = None) -> str:
    """The notes of ``session``'s prompts marked ``carry = kind``, one paragraph each, in phase order."""
    return "\n\n".join(part.text for part in carried_parts(session, kind, lookup))


def _has_summary(session: Session, lookup: ProtocolLookup | None) -> bool:
    return any(carried_parts(session, kind, lookup) for kind in SUMMARY_KINDS)


def _crisis_of(session: Session, lookup: ProtocolLookup | None) -> CarriedCrisis | None:
    """The session's risk and safety plan (its prompts marked ``risk`` / ``safety_plan``), if it recorded either."""
    risk, plan = (carried_parts(session, kind, lookup) for kind in CRISIS_KINDS)
    if not risk and not plan:
        return None
    return CarriedCrisis(
        session_id=session.id,
        date=session.started_at.date(),
        protocol_title=session.protocol.title,
        finished=session.status == "completed",
        risk=risk,
        safety_plan=plan,
    )


def carry_forward(
    new: Session, earlier: Iterable["Session | EarlierSession"], lookup: ProtocolLookup | None = None
) -> CarriedContext:
    """Copy open goals and unfinished plan items into ``new`` and record the context; returns it (also in ``new.carried``)."""
    views = (s if isinstance(s, EarlierSession) else EarlierSession(session=s) for s in earlier)
    candidates = sorted(
        (s for s in views if s.id != new.id and s.client_code == new.client_code and s.started_at <= new.started_at),
        key=lambda s: (s.started_at, s.id),
        reverse=True,
    )
    readable = [s for s in candidates if _readable(s)]  # (read as JSON: an unreadable one is passed over)
    last = next((s.session() for s in readable if s.may_carry(SUMMARY_KINDS, lookup) and _loads(s)
                 and _has_summary(s.session(), lookup)), None)  # fmt: skip
    crisis = next((c for s in readable if s.may_carry(CRISIS_KINDS, lookup) and _loads(s)
                   and (c := _crisis_of(s.session(), lookup)) is not None), None)  # fmt: skip
    source = next((s.session() for s in readable if s.has_goals_or_plan() and _loads(s)), None)
    ids_taken: list[str] = []
    for s in readable:
        ids_taken += s.ids_used()
    context = CarriedContext(ids_taken=sorted(set(ids_taken)))
    context.last_risk = next((r for s in readable if (r := s.risk()) is not None), None)
    context.scores = sorted((score for s in readable for score in s.scores()), key=lambda x: (x.date, x.session_id))
    if last is not None:
        context.last_session_id = last.id
        context.last_date = last.started_at.date()
        context.last_protocol_id = last.protocol.id
        context.last_protocol_title = last.protocol.title
        context.summary = carried_notes(last, "summary", lookup)
        context.next_steps = carried_notes(last, "next_steps", lookup)
    context.crisis = crisis
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
        for goal in goals:
            ratings = [r for r in (s.rating(goal.id) for s in readable) if r is not None]  # newest first
            baseline = goal.baseline if goal.baseline is not None else next(
                (b for b in (s.baseline(goal.id) for s in reversed(readable)) if b is not None), None
            )
            latest = ratings[0] if ratings else baseline
            first = baseline if baseline is not None else (ratings[-1] if ratings else None)
            if latest is not None:
                context.last_ratings[goal.id] = latest
            if first is not None:
                context.first_ratings[goal.id] = first
        new.goals = goals + [g for g in new.goals if g.id not in carried_ids]
        new.plan_items = items + [p for p in new.plan_items if p.id not in {i.id for i in items}]
    new.carried = context
    return context


def _readable(s: EarlierSession) -> bool:
    if s._session is not None:
        return True
    try:
        s._json()
    except (OSError, ValueError, StoreError):
        return False
    return True


def _loads(s: EarlierSession) -> bool:
    """Whether the session loads whole (its JSON read, but the file damaged in a way only the model sees)."""
    try:
        s.session()
    except (StoreError, ValueError):
        return False
    return True


def start_session(
    store: SessionStore,
    client_code: str,
    protocol: Protocol,
    lookup: ProtocolLookup | None = None,
    at: datetime | None = None,
    summaries: list[SessionSummary] | None = None,
) -> Session:
    """A new session for the client; a carrying protocol starts with what the earlier sessions left open.

    ``summaries``: the client's sessions, if the caller has just listed them (a closed-case check has). The
    caller saves the session (as with ``Session.start``).
    """
    from interview_tui.casework.carried_flags import case_open_flags, keeps_flags

    session = Session.start(client_code, protocol, at=at)
    if summaries is None and (carries_forward(protocol) or keeps_flags(protocol)):
        summaries = store.client_summaries(client_code)
    if carries_forward(protocol):
        carry_forward(session, earlier_sessions(store, client_code, summaries), lookup)
    if keeps_flags(protocol):
        flags = case_open_flags(store, client_code, summaries)
        if session.carried is None:
            session.carried = CarriedContext()
        session.carried.open_flags = flags
    return session
