"""The due list: next appointments and plan items due of open cases, and plan items whose review date has come."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable, Literal

from interview_tui.store.sessions import SessionStore, StoreError

if TYPE_CHECKING:
    from interview_tui.casework.cases import ClientCase, RecordT


def plan_actions(store: SessionStore, entries: Iterable["DueEntry"]) -> dict[tuple[str, str], str]:
    """The plan items' own words for the due list (the index keeps no client text), read from their session
    files as plain JSON; a file that cannot be read just leaves its items without words."""
    found: dict[tuple[str, str], str] = {}
    for session_id in dict.fromkeys(e.session_id for e in entries if e.kind in ("plan_item", "plan_review")):
        try:
            items = store.load_data(session_id).get("plan_items") or []
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("action"), str):
                    found[(session_id, item["id"])] = item["action"]
        except (OSError, ValueError, AttributeError, StoreError):
            continue
    return found


DueState = Literal["overdue", "today", "upcoming"]


@dataclass(frozen=True)
class DueEntry:
    day: date
    kind: Literal["appointment", "plan_item", "plan_review"]
    client: str
    display_name: str
    session_id: str
    item_id: str | None
    """The plan item's id (None for an appointment); a ``plan_review`` is a plan item whose review date has come."""
    state: DueState

    @property
    def word(self) -> str:
        return {"overdue": "overdue", "today": "today", "upcoming": "due"}[self.state]

    @property
    def what(self) -> str:
        return {"appointment": "Next appointment", "plan_item": "Plan item", "plan_review": "Plan item review"}[self.kind]


def _state(day: date, today: date) -> DueState:
    return "overdue" if day < today else "today" if day == today else "upcoming"


def due_list(cases: Iterable[ClientCase[RecordT]], today: date) -> list[DueEntry]:
    """Next appointments and plan items due of open cases, and plan items whose review date has come (today or
    earlier), by date (overdue first), then client."""
    entries: list[DueEntry] = []
    for case in cases:
        if case.is_closed or not case.sessions:
            continue
        if case.next_appointment is not None:
            source = next(s for s in case.sessions if s.facts.next_appointment)
            entries.append(
                DueEntry(case.next_appointment, "appointment", case.code, case.display_name, source.id, None,
                         _state(case.next_appointment, today))
            )  # fmt: skip
        plan = next((s for s in case.sessions if s.facts.keeps_plan), None)
        if plan is None:
            continue
        for item in plan.facts.plan_dues:
            day = date.fromisoformat(item.due)
            entries.append(
                DueEntry(day, "plan_item", case.code, case.display_name, plan.id, item.item_id, _state(day, today))
            )
        for item in plan.facts.plan_reviews:
            day = date.fromisoformat(item.due)
            if day <= today:
                entries.append(DueEntry(day, "plan_review", case.code, case.display_name, plan.id, item.item_id,
                                        _state(day, today)))
    entries.sort(key=lambda e: (e.day, e.client, e.kind, e.item_id or ""))
    return entries
