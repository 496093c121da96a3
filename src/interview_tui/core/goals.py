"""Goals and plan items: what the client wants to achieve, and who does what by when to get there.

A goal is a SMART goal in the client's own words: what, how it is measured,
by when, why it matters to them. A plan item is one action or service: who
does it (the client, the practitioner, both together, another agency and its
contact), which goal it serves, when it is due, when it is looked at again
(its review date) and how far it got.

``new_goal`` / ``changed_goal`` (and the plan-item pair) validate what a
widget hands over and raise ``ValueError`` with a message for the
practitioner; the session keeps the records (see ``Session.add_goal``...).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

GoalStatus = Literal["open", "achieved", "partly", "not_achieved", "dropped"]
PlanStatus = Literal["not_started", "in_progress", "done", "dropped"]
Who = Literal["client", "practitioner", "other_agency", "both"]

RATING_MIN, RATING_MAX = 0, 10
"""A goal's progress rating, its baseline and every review's: 0 (nowhere near) to 10 (fully there)."""

WHO_LABELS: dict[str, str] = {
    "client": "Client",
    "practitioner": "Practitioner",
    "other_agency": "Other agency",
    "both": "Client and practitioner",
}
GOAL_STATUS_LABELS: dict[str, str] = {
    "open": "Open",
    "achieved": "Achieved",
    "partly": "Partly achieved",
    "not_achieved": "Not achieved",
    "dropped": "Dropped",
}
PLAN_STATUS_LABELS: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
STATUS_LABELS: dict[str, str] = {**GOAL_STATUS_LABELS, **PLAN_STATUS_LABELS}
"""Labels of every goal and plan-item status ('dropped' reads the same for both)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any, info: Any) -> Any:
        if info.field_name in ("by_when", "due", "review_on", "baseline") and isinstance(value, str) and not value.strip():
            return None
        if info.field_name == "baseline" and isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        return value



class Goal(_Record):
    id: str
    what: str = Field(min_length=1)
    """What the client wants to achieve, specifically."""
    measure: str = ""
    """How we will both know it is achieved."""
    by_when: date | None = None
    why_it_matters: str = ""
    client_words: str = ""
    """The goal as the client put it."""
    status: GoalStatus = "open"
    baseline: int | None = Field(default=None, ge=RATING_MIN, le=RATING_MAX, strict=True,
                                 exclude_if=lambda value: value is None)
    """The client's 0-10 rating when the goal was set (0 nowhere near, 10 reached): where its history starts."""
    created_at: datetime
    carried_from: str | None = Field(default=None, exclude_if=lambda value: value is None)
    """The id of the earlier session this goal was carried forward from (None: set in this session)."""


class PlanItem(_Record):
    id: str
    action: str = Field(min_length=1)
    """The action or service."""
    who: Who = "client"
    agency_contact: str = ""
    """The other agency and its contact (for who = other_agency, or anyone to reach)."""
    goal_id: str | None = None
    """The goal it serves."""
    due: date | None = None
    review_on: date | None = Field(default=None, exclude_if=lambda value: value is None)
    """When the client and practitioner look at it again (None: no review date; older files have none)."""
    status: PlanStatus = "not_started"
    carried_from: str | None = Field(default=None, exclude_if=lambda value: value is None)
    """The id of the earlier session this plan item was carried forward from (None: agreed in this session)."""


_MESSAGES = {
    "what": "a goal needs its 'what' (what the client wants to achieve)",
    "action": "a plan item needs its 'action' (what will be done)",
    "by_when": "'by_when' must be a date written yyyy-mm-dd, or empty",
    "due": "'due' must be a date written yyyy-mm-dd, or empty",
    "review_on": "'review_on' (the review date) must be a date written yyyy-mm-dd, or empty",
    "status": "'status' must be one of: {known}",
    "baseline": "a goal's baseline must be a whole number 0-10, or empty",
    "who": "'who' must be one of: " + ", ".join(WHO_LABELS),
}

M = TypeVar("M", Goal, PlanItem)


def _validated(model: type[M], data: dict[str, Any]) -> M:
    if isinstance(data.get("what"), str) and not data["what"].strip():
        data["what"] = ""
    if isinstance(data.get("action"), str) and not data["action"].strip():
        data["action"] = ""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False, include_input=False)[0]
        loc = err.get("loc", ())
        name = str(loc[0]) if loc else ""
        if err.get("type") == "extra_forbidden":
            raise ValueError(f"unknown field '{name}'") from None
        if name in _MESSAGES:
            known = ", ".join(GOAL_STATUS_LABELS if model is Goal else PLAN_STATUS_LABELS)
            raise ValueError(_MESSAGES[name].format(known=known)) from None
        raise ValueError(f"'{name}': {err.get('msg')}") from None


def next_id(prefix: str, taken: list[str]) -> str:
    """``goal-1``, ``goal-2``...: the first number after the highest in ``taken``."""
    numbers = [int(t.rsplit("-", 1)[1]) for t in taken if t.startswith(prefix + "-") and t.rsplit("-", 1)[1].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def new_goal(goal_id: str, created_at: datetime, fields: dict[str, Any]) -> Goal:
    return _validated(Goal, {**fields, "id": goal_id, "created_at": created_at})


def changed_goal(goal: Goal, changes: dict[str, Any]) -> Goal:
    if "id" in changes or "created_at" in changes or "carried_from" in changes:
        raise ValueError("a goal's id, creation time and origin cannot change")
    return _validated(Goal, {**goal.model_dump(), **changes})


def new_plan_item(item_id: str, fields: dict[str, Any]) -> PlanItem:
    return _validated(PlanItem, {**fields, "id": item_id})


def changed_plan_item(item: PlanItem, changes: dict[str, Any]) -> PlanItem:
    if "id" in changes or "carried_from" in changes:
        raise ValueError("a plan item's id and origin cannot change")
    return _validated(PlanItem, {**item.model_dump(), **changes})
