"""The plan items of the session (phases that collect the plan): who does what, by when, for which goal."""

from __future__ import annotations

from typing import Any

from interview_tui.core.dates import show_date
from interview_tui.core.goals import PLAN_STATUS_LABELS, WHO_LABELS, PlanItem
from interview_tui.ui.screens.item_form import FormField
from interview_tui.ui.widgets.item_editor import ItemEditor


def plan_line(item: PlanItem, order: str = "iso") -> str:
    """One plan item on a line; its dates in the practitioner's ``order``, the review date with its weekday."""
    who = WHO_LABELS.get(item.who, item.who)
    if item.agency_contact:
        who += f" ({item.agency_contact})"
    parts = [f"{item.id}: {item.action}", who]
    if item.goal_id:
        parts.append(f"for {item.goal_id}")
    if item.due:
        parts.append(f"due {item.due.isoformat()}")
    if item.review_on:
        parts.append(f"review {show_date(item.review_on, order)}")
    parts.append(PLAN_STATUS_LABELS.get(item.status, item.status))
    return " · ".join(parts)


class PlanEditor(ItemEditor):
    noun = "plan item"
    title = "Plan items"

    def items(self) -> list[PlanItem]:
        return list(self.session.plan_items)

    def line(self, record: PlanItem) -> str:
        return plan_line(record, str(getattr(getattr(self.app, "settings", None), "date_order", "iso")))

    def form_fields(self) -> list[FormField]:
        goals = [("No goal", None)] + [(f"{g.id}: {g.what}", g.id) for g in self.session.goals]
        return [
            FormField("action", "Action or service (needed)"),
            FormField("who", "Who does it", "select", [(label, value) for value, label in WHO_LABELS.items()]),
            FormField("agency_contact", "Agency and contact (if another agency)"),
            FormField("goal_id", "Goal it serves", "select", goals),
            FormField("due", "Due (a date in your order, or today, +7)", "date"),
            FormField("review_on", "Review on (when you look at it again together; a date, or today, +14)", "date"),
            FormField("status", "Status", "select", [(label, value) for value, label in PLAN_STATUS_LABELS.items()]),
        ]

    def values_of(self, record: PlanItem | None) -> dict[str, Any]:
        if record is None:
            return {"who": "client", "status": "not_started"}
        return record.model_dump(include={"action", "who", "agency_contact", "goal_id", "due", "review_on", "status"})

    def create(self, values: dict[str, Any]) -> None:
        self.session.add_plan_item(**values)

    def change(self, record_id: str, values: dict[str, Any]) -> None:
        self.session.update_plan_item(record_id, **values)

    def delete(self, record_id: str) -> None:
        self.session.remove_plan_item(record_id)
