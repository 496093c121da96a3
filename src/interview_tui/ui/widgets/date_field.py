"""A date (``date`` prompts and the dates of goals and plan items): an Input taking yyyy-mm-dd.

Shortcuts, turned into the date when you press enter or leave the field:
``today``, ``+7`` (seven days from today), ``-1`` (yesterday). A date is saved
as soon as it is complete and real; until then nothing is saved, and the
core's message shows under the field once you press enter or move on.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from textual.binding import Binding
from textual.events import Blur
from textual.widgets import Input

from interview_tui.ui.widgets.answer_message import AnswerField, field_id, next_field, settle
from interview_tui.ui.widgets.keys_in_order import KeysInOrder

DATE_HINT = "yyyy-mm-dd, or today, +7"
_DAYS = re.compile(r"^([+-])\s*(\d{1,4})\s*d?$")


def resolve_date_entry(text: str, today: date | None = None) -> str:
    """``today`` / ``+N`` / ``-N`` as yyyy-mm-dd; anything else unchanged (the core checks it)."""
    entry = text.strip().casefold()
    base = today or date.today()
    if entry in ("today", "t"):
        return base.isoformat()
    found = _DAYS.match(entry)
    if found:
        days = int(found.group(2)) * (1 if found.group(1) == "+" else -1)
        return (base + timedelta(days=days)).isoformat()
    return text.strip()


class DateInput(Input):
    """An Input for a date that turns the shortcuts into the date when done (enter or leaving it)."""

    def __init__(self, value: str, **kwargs) -> None:
        super().__init__(value, placeholder=DATE_HINT, **kwargs)

    def resolve(self) -> str:
        resolved = resolve_date_entry(self.value)
        if resolved != self.value:
            with self.prevent(Input.Changed):
                self.value = resolved
        return resolved


class DateField(AnswerField, KeysInOrder, DateInput):
    DEFAULT_CSS = """
    DateField { border: round $primary 40%; padding: 0 1; height: 3; width: 36; }
    DateField:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding(
            "enter", "enter_next_field", "Next field", id="enter_next_field", show=False, priority=True,
            tooltip="In a one-line answer or a date: done, go to the next field.",
        )
    ]

    def __init__(self, value: str | None, phase_id: str, prompt_id: str) -> None:
        super().__init__(value or "", id=field_id(phase_id, prompt_id), classes="answer-field")
        self.phase_id = phase_id
        self.prompt_id = prompt_id

    def _on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.send_answer(event.value, quiet=True)  # saved once valid; no message while still typing

    def _finish(self) -> None:
        self.send_answer(self.resolve())

    async def action_enter_next_field(self) -> None:
        await settle(self)  # the keys typed before enter are in the value first
        self._finish()
        await next_field(self)

    def _on_blur(self, event: Blur) -> None:
        self._finish()
