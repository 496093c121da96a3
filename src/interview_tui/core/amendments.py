"""Amendments: every change made to a finished session, with its time, the original kept.

Once a session is finished its notes, answers, instrument answers, goals and
plan items can still be corrected, but each change is recorded: what changed
(``kind`` and ids), when, the value before and the value after. The first
amendment of an item keeps the original in ``before``.

Files of schema 1 only had note amendments; they load as ``kind = "note"``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

AmendmentKind = Literal["note", "answer", "instrument", "goal", "plan_item", "goal_review"]

AMENDMENT_MERGE_SECONDS = 300
"""A change to the same item within this many seconds of its last amendment extends it instead of adding one."""


class Amendment(BaseModel):
    """A change after the session was finished. The first amendment's ``before`` is the original."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    at: datetime
    """When the change was last made (changes of one item within a few minutes count as one amendment)."""
    kind: AmendmentKind = "note"
    phase_id: str | None
    """The phase of a note, answer or instrument answer; None for goals and plan items."""
    prompt_id: str | None
    """The prompt whose note or answer changed; None for the phase's other notes and for other kinds."""
    item_id: str | None = None
    """The instrument item, goal or plan item that changed, or the goal a review is of (None for notes and answers)."""
    before: Any
    """The value before: text for notes, the stored answer, points, or the whole goal / plan item as JSON data.
    None when the item did not exist (or had no answer)."""
    after: Any
    """The value after; None when the item was removed (or the answer cleared)."""

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.kind, self.phase_id, self.prompt_id, self.item_id)


def record_amendment(amendments: list[Amendment], change: Amendment) -> None:
    """Add ``change``, or fold it into the last amendment when it is the same item changed again soon after."""
    last = amendments[-1] if amendments else None
    if (
        last is not None
        and last.key == change.key
        and (change.at - last.at).total_seconds() <= AMENDMENT_MERGE_SECONDS
    ):
        if last.before == change.after:  # changed back to what it was: no amendment after all
            amendments.pop()
        else:
            last.after, last.at = change.after, change.at
        return
    amendments.append(change)
