"""A checklist item of a phase: a tick box (drawn before pydantic is loaded, see ui/screens/opening.py)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class ChecklistBox(Checkbox):
    def __init__(self, text: str, value: bool, phase_id: str, item_id: str) -> None:
        super().__init__(Content(text), value, id=f"check-{phase_id}-{item_id}", compact=True)
        self.phase_id = phase_id
        self.item_id = item_id
