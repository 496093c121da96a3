"""Where a session screen opens or goes back to: a phase, and the field to put the cursor in there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GoTo:
    """A phase, and the note or checklist item to focus there (None: the phase's first field)."""

    phase_id: str
    widget_id: str | None = None
    item_id: str | None = None
    """In a goals or plan list (``widget_id`` names it), the goal or plan item to highlight."""
