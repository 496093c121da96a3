"""One prompt on screen: its text (marked "required" in words), hint, the field for its type, and under
the field the core's message when a value was refused, and "amended" once changed after finishing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from interview_tui.core.fields import scale_bounds
from interview_tui.core.session import PromptCopy
from interview_tui.ui.widgets.date_field import DATE_HINT, DateField
from interview_tui.ui.widgets.list_field import ListField
from interview_tui.ui.widgets.multi_field import MultiField
from interview_tui.ui.widgets.note_field import NoteField
from interview_tui.ui.widgets.pick_one import PickOne
from interview_tui.ui.widgets.scale_field import ScaleField
from interview_tui.ui.widgets.short_field import ShortField

REQUIRED = "required"
PROBLEM = "⚠ "
AMENDED = "✎ amended"

TYPE_HINTS = {
    "choice": "↑↓ then enter, or the first letter",
    "multi": "↑↓, space ticks",
    "scale": "type a number, or ← →",
    "date": DATE_HINT,
    "yes_no": "y or n",
}


def field_for(prompt: PromptCopy, phase_id: str, number: int, value: Any) -> Widget:
    """The widget that takes an answer of ``prompt``'s type (a note field for free text)."""
    kind = prompt.type
    if kind == "short":
        return ShortField(value, phase_id, prompt.id)
    if kind == "choice":
        return PickOne.for_choices(prompt.choices, value, phase_id, prompt.id)
    if kind == "yes_no":
        return PickOne.yes_no(value, phase_id, prompt.id)
    if kind == "multi":
        return MultiField(prompt.choices, value, phase_id, prompt.id)
    if kind == "scale":
        low, high = scale_bounds(prompt)
        return ScaleField(low, high, prompt.min_label, prompt.max_label, value, phase_id, prompt.id)
    if kind == "date":
        return DateField(value, phase_id, prompt.id)
    if kind == "list":
        return ListField(value, phase_id, prompt.id)
    return NoteField(value or "", phase_id, prompt.id, f"note {number}")


class PromptBlock(Vertical):
    DEFAULT_CSS = """
    PromptBlock .field-problem { color: $error; text-style: bold; height: auto; }
    PromptBlock .field-amended { color: $warning; height: auto; }
    PromptBlock .required-mark { color: $warning; }
    """

    def __init__(
        self, prompt: PromptCopy, text: str, hint: str | None, number: int, phase_id: str, value: Any,
        amended: datetime | None = None,
    ) -> None:
        super().__init__(classes="prompt")
        self.prompt = prompt
        self.text = text
        self.hint = hint
        self.number = number
        self.phase_id = phase_id
        self.prompt_id = prompt.id
        self.value = value
        self.amended = amended

    def compose(self) -> ComposeResult:
        title = Content(f"{self.number}. {self.text}")
        if self.prompt.required:
            title = Content.assemble(title, ("  · ", "dim"), (REQUIRED, "bold $warning"))
        yield Static(title, classes="prompt-text")
        hint = " · ".join(h for h in (self.hint, TYPE_HINTS.get(self.prompt.type)) if h)
        if hint:
            yield Static(Content(hint), classes="prompt-hint")
        yield field_for(self.prompt, self.phase_id, self.number, self.value)
        yield Static(classes="field-problem")
        yield Static(classes="field-amended")

    def on_mount(self) -> None:
        self.show_problem(None)
        self.show_amended(self.amended)

    def show_problem(self, message: str | None) -> None:
        problem = self.query_one(".field-problem", Static)
        problem.update(Content(PROBLEM + message) if message else Content(""))
        problem.display = bool(message)

    def show_amended(self, at: datetime | None) -> None:
        mark = self.query_one(".field-amended", Static)
        mark.update(Content(f"{AMENDED} {at.astimezone():%d %b %H:%M}") if at else Content(""))
        mark.display = at is not None

    @property
    def field(self) -> Widget:
        return self.query_one(".answer-field")
