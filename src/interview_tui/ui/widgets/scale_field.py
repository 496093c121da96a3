"""A number on a scale (``scale`` prompts): the row of numbers min..max between its end labels.

Digits set it (``1`` then ``0`` quickly gives 10 on a 0-10 scale), left and
right move it, home / end jump to the ends, delete clears it. The chosen
number is bracketed and written out after the row, never shown by colour alone.
"""

from __future__ import annotations

import time

from textual.content import Content
from textual.events import Key
from textual.widget import Widget

from interview_tui.ui.widgets.answer_message import AnswerField, field_id

TWO_DIGITS_SECONDS = 0.8
"""A second digit typed within this time extends the first one (1, 0 -> 10)."""


class ScaleField(AnswerField, Widget, can_focus=True):
    DEFAULT_CSS = """
    ScaleField { border: round $primary 40%; height: auto; width: 1fr; padding: 0 1; }
    ScaleField:focus { border: round $accent; }
    """

    def __init__(
        self,
        low: int,
        high: int,
        low_label: str | None,
        high_label: str | None,
        value: int | None,
        phase_id: str,
        prompt_id: str,
    ) -> None:
        super().__init__(id=field_id(phase_id, prompt_id), classes="answer-field")
        self.phase_id = phase_id
        self.prompt_id = prompt_id
        self.low, self.high = low, high
        self.low_label, self.high_label = low_label, high_label
        self.value = value
        self._last_digit: tuple[float, int] | None = None

    def render(self) -> Content:
        numbers = []
        for n in range(self.low, self.high + 1):
            numbers.append(f"[{n}]" if n == self.value else f" {n} ")
        row = "".join(numbers)
        ends = [f"{n} = {label}" for n, label in ((self.low, self.low_label), (self.high, self.high_label)) if label]
        chosen = f"answer: {self.value}" if self.value is not None else "no answer yet"
        return Content(row + "\n" + " · ".join([*ends, chosen]))

    def set_value(self, value: int | None) -> None:
        if value is not None:
            value = max(self.low, min(self.high, value))
        if value == self.value:
            return
        self.value = value
        self.refresh(layout=True)
        self.send_answer(value)

    def action_move(self, step: int) -> None:
        if self.value is None:
            self.set_value(self.low if step > 0 else self.high)
        else:
            self.set_value(self.value + step)

    def action_end(self, which: int) -> None:
        self.set_value(self.high if which else self.low)

    def action_clear(self) -> None:
        self.set_value(None)

    KEYS = {"left": ("move", -1), "right": ("move", 1), "home": ("end", 0), "end": ("end", 1),
            "delete": ("clear", 0), "backspace": ("clear", 0)}

    def on_key(self, event: Key) -> None:
        if event.key in self.KEYS:
            event.stop()
            event.prevent_default()
            action, arg = self.KEYS[event.key]
            if action == "move":
                self.action_move(arg)
            elif action == "end":
                self.action_end(arg)
            else:
                self.action_clear()
            return
        if event.character is None or not event.character.isdigit() or len(event.character) != 1:
            return
        event.stop()
        event.prevent_default()
        digit = int(event.character)
        moment = time.monotonic()
        if self._last_digit is not None and moment - self._last_digit[0] < TWO_DIGITS_SECONDS:
            both = self._last_digit[1] * 10 + digit
            if self.low <= both <= self.high:
                self._last_digit = None
                self.set_value(both)
                return
        self._last_digit = (moment, digit)
        if self.low <= digit <= self.high:
            self.set_value(digit)
