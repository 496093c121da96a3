"""The goals of the session (phases that collect goals): SMART goals in the client's own words."""

from __future__ import annotations

from typing import Any

from interview_tui.core.goals import GOAL_STATUS_LABELS, Goal
from interview_tui.ui.screens.item_form import FormField
from interview_tui.ui.widgets.item_editor import ItemEditor

GOAL_FIELDS = [
    FormField("what", "What the client wants to achieve (needed)"),
    FormField("measure", "How you will both know (measure)"),
    FormField("by_when", "By when (a date in your order, or today, +30)", "date"),
    FormField("why_it_matters", "Why it matters to the client"),
    FormField("client_words", "In the client's own words"),
    FormField("baseline", "Baseline: where the client is today, 0-10 (10 = goal reached)"),
    FormField("status", "Status", "select", [(label, value) for value, label in GOAL_STATUS_LABELS.items()]),
]


def goal_line(goal: Goal) -> str:
    parts = [f"{goal.id}: {goal.what}"]
    if goal.by_when:
        parts.append(f"by {goal.by_when.isoformat()}")
    if goal.baseline is not None:
        parts.append(f"baseline {goal.baseline}/10")
    parts.append(GOAL_STATUS_LABELS.get(goal.status, goal.status))
    return " · ".join(parts)


class GoalsEditor(ItemEditor):
    noun = "goal"
    title = "Goals"

    def items(self) -> list[Goal]:
        return list(self.session.goals)

    def line(self, record: Goal) -> str:
        return goal_line(record)

    def form_fields(self) -> list[FormField]:
        return GOAL_FIELDS

    def values_of(self, record: Goal | None) -> dict[str, Any]:
        if record is None:
            return {"status": "open"}
        return record.model_dump(include={f.name for f in GOAL_FIELDS})

    def create(self, values: dict[str, Any]) -> None:
        self.session.add_goal(**values)

    def change(self, record_id: str, values: dict[str, Any]) -> None:
        self.session.update_goal(record_id, **values)

    def delete(self, record_id: str) -> None:
        self.session.remove_goal(record_id)
