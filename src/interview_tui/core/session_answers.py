"""The session's answer methods: typed answers, instrument answers, goals and plan items.

Mixed into ``Session`` (session.py) to keep each file to one idea. Every
method validates what it is given (``ValueError`` with a message for the
practitioner), changes the session, and, once the session is finished,
records the change as an amendment with the value before and after.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from interview_tui.core.fields import check_answer
from interview_tui.core.goals import Goal, PlanItem, changed_goal, changed_plan_item, new_goal, new_plan_item, next_id
from interview_tui.core.instruments import check_points, score

if TYPE_CHECKING:
    from interview_tui.core.amendments import Amendment, AmendmentKind
    from interview_tui.core.session import PhaseCopy, PhaseNotes, PromptCopy, ProtocolCopy
    from interview_tui.core.session_carried import CarriedContext


def _json(model: Goal | PlanItem | None) -> dict[str, Any] | None:
    return None if model is None else model.model_dump(mode="json")


class AnswerMethods:
    """Methods of ``Session``; ``self`` is always a Session."""

    if TYPE_CHECKING:
        # What these methods use of the Session they are mixed into (Session defines them; mypy checks that they agree).
        protocol: ProtocolCopy
        phases: dict[str, PhaseNotes]
        goals: list[Goal]
        plan_items: list[PlanItem]
        amendments: list[Amendment]
        carried: CarriedContext | None

        def phase_notes(self, phase_id: str) -> PhaseNotes: ...
        def edit_note(self, phase_id: str, prompt_id: str | None, text: str, at: datetime | None = None) -> bool: ...
        def _amend(
            self,
            kind: AmendmentKind,
            phase_id: str | None,
            prompt_id: str | None,
            item_id: str | None,
            before: object,
            after: object,
            at: datetime | None,
        ) -> None: ...

    # ------------------------------------------------------------ answers

    def _phase_copy(self, phase_id: str) -> "PhaseCopy":
        phase = self.protocol.phase(phase_id)
        if phase is None:
            raise ValueError(f"this session has no phase '{phase_id}'")
        return phase

    def prompt_copy(self, phase_id: str, prompt_id: str) -> "PromptCopy":
        """The prompt as this session knows it (type, choices...); ValueError if there is none."""
        prompt = self._phase_copy(phase_id).prompt(prompt_id)
        if prompt is None:
            raise ValueError(f"phase '{phase_id}' has no prompt '{prompt_id}'")
        return prompt

    def answer(self, phase_id: str, prompt_id: str) -> Any:
        """A prompt's answer: the stored typed value, the note for a text prompt; None if it has none."""
        rec = self.phases.get(phase_id)
        if rec is None:
            return None
        phase = self.protocol.phase(phase_id)
        prompt = phase.prompt(prompt_id) if phase else None
        if prompt is not None and prompt.type != "text":
            return rec.answers.get(prompt_id)
        note = rec.notes.get(prompt_id, "")
        return note if note.strip() else None

    def set_answer(self, phase_id: str, prompt_id: str, value: object, at: datetime | None = None) -> bool:
        """Set a prompt's answer, checked against its field type; None or empty clears it.

        A ``text`` prompt's value is its note (same as ``edit_note``). Raises
        ValueError with a clear message for an invalid value (e.g. "scale
        answer must be 0-10"). Returns False if nothing changed.
        """
        prompt = self.prompt_copy(phase_id, prompt_id)
        if prompt.type == "text":
            if value is not None and not isinstance(value, str):
                raise ValueError("a text answer must be text")
            return self.edit_note(phase_id, prompt_id, value or "", at=at)
        stored = check_answer(prompt, value)
        record = self.phase_notes(phase_id)
        before = record.answers.get(prompt_id)
        if before == stored:
            return False
        if stored is None:
            del record.answers[prompt_id]
        else:
            record.answers[prompt_id] = stored
        self._amend("answer", phase_id, prompt_id, None, before, stored, at)
        return True

    def set_instrument_answer(
        self, phase_id: str, item_id: str, points: int | None, at: datetime | None = None
    ) -> bool:
        """Answer one instrument item with an option's points (None clears it); the score is recomputed and stored."""
        instrument = self._phase_copy(phase_id).instrument
        if instrument is None:
            raise ValueError(f"phase '{phase_id}' has no instrument")
        if points is not None:
            check_points(instrument, item_id, points)
        elif instrument.item(item_id) is None:
            raise ValueError(f"instrument '{instrument.id}' has no item '{item_id}'")
        record = self.phase_notes(phase_id)
        before = record.instrument.get(item_id)
        if before == points:
            return False
        if points is None:
            del record.instrument[item_id]
        else:
            record.instrument[item_id] = points
        self.rescore(phase_id)
        self._amend("instrument", phase_id, None, item_id, before, points, at)
        return True

    def rescore(self, phase_id: str) -> None:
        """Recompute and store the phase's instrument score (None when nothing is answered)."""
        from interview_tui.core.session import InstrumentResult

        instrument = self._phase_copy(phase_id).instrument
        record = self.phase_notes(phase_id)
        if instrument is None or not record.instrument:
            record.instrument_score = None
            return
        result = score(instrument, record.instrument)
        record.instrument_score = InstrumentResult(
            total=result.total,
            answered=result.answered,
            of=result.of,
            band=result.band,
            alerts=[a.message for a in result.alerts],
        )

    # ------------------------------------------------------------ goals

    def _ids_used(self, kind: str, current: list[Any]) -> list[str]:
        """Ids in use, named by an amendment or used by the client's earlier sessions: never given to a new one."""
        carried = self.carried.ids_taken if self.carried is not None else []
        return [x.id for x in current] + [a.item_id for a in self.amendments if a.kind == kind and a.item_id] + carried

    def goal(self, goal_id: str) -> Goal:
        found = next((g for g in self.goals if g.id == goal_id), None)
        if found is None:
            raise ValueError(f"this session has no goal '{goal_id}'")
        return found

    def add_goal(self, at: datetime | None = None, **fields: Any) -> Goal:
        """A new goal (``what`` required; measure, by_when, why_it_matters, client_words, status optional)."""
        from interview_tui.core.session import now

        goal = new_goal(next_id("goal", self._ids_used("goal", self.goals)), at or now(), fields)
        self.goals.append(goal)
        self._amend("goal", None, None, goal.id, None, _json(goal), at)
        return goal

    def update_goal(self, goal_id: str, at: datetime | None = None, **changes: Any) -> Goal:
        old = self.goal(goal_id)
        goal = changed_goal(old, changes)
        if goal != old:
            self.goals[self.goals.index(old)] = goal
            self._amend("goal", None, None, goal_id, _json(old), _json(goal), at)
        return goal

    def remove_goal(self, goal_id: str, at: datetime | None = None) -> None:
        """Remove a goal; plan items that served it keep going, no longer linked to a goal."""
        old = self.goal(goal_id)
        for item in list(self.plan_items):
            if item.goal_id == goal_id:
                self.update_plan_item(item.id, at=at, goal_id=None)
        self.goals.remove(old)
        self._amend("goal", None, None, goal_id, _json(old), None, at)

    # ------------------------------------------------------------ plan items

    def plan_item(self, item_id: str) -> PlanItem:
        found = next((p for p in self.plan_items if p.id == item_id), None)
        if found is None:
            raise ValueError(f"this session has no plan item '{item_id}'")
        return found

    def _check_goal_link(self, fields: dict[str, Any]) -> None:
        goal_id = fields.get("goal_id")
        if goal_id is not None:
            self.goal(goal_id)

    def add_plan_item(self, at: datetime | None = None, **fields: Any) -> PlanItem:
        """A new plan item (``action`` required; who, agency_contact, goal_id, due, status optional)."""
        self._check_goal_link(fields)
        item = new_plan_item(next_id("plan", self._ids_used("plan_item", self.plan_items)), fields)
        self.plan_items.append(item)
        self._amend("plan_item", None, None, item.id, None, _json(item), at)
        return item

    def update_plan_item(self, item_id: str, at: datetime | None = None, **changes: Any) -> PlanItem:
        old = self.plan_item(item_id)
        self._check_goal_link(changes)
        item = changed_plan_item(old, changes)
        if item != old:
            self.plan_items[self.plan_items.index(old)] = item
            self._amend("plan_item", None, None, item_id, _json(old), _json(item), at)
        return item

    def remove_plan_item(self, item_id: str, at: datetime | None = None) -> None:
        old = self.plan_item(item_id)
        self.plan_items.remove(old)
        self._amend("plan_item", None, None, item_id, _json(old), None, at)
