"""Pick one of a few options (``choice`` and ``yes_no`` prompts).

Arrows move, enter or space picks, the first letter of an option picks it
(``y`` / ``n`` for yes/no), delete clears. The picked option is marked with a
filled circle, so the answer never rests on colour.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.events import Key
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview_tui.core.fields import NO, YES, Choice
from interview_tui.ui.widgets.answer_message import AnswerField, field_id
from interview_tui.ui.widgets.keys_in_order import KeysInOrder

PICKED, NOT_PICKED = "◉", "○"


class PickOne(AnswerField, KeysInOrder, OptionList):
    DEFAULT_CSS = """
    PickOne { border: round $primary 40%; height: auto; max-height: 12; width: auto; min-width: 30; max-width: 100%; padding: 0; }
    PickOne:focus { border: round $accent; }
    """

    def __init__(self, options: list[tuple[Any, str]], value: Any, phase_id: str, prompt_id: str) -> None:
        """``options``: (value stored, label shown)."""
        super().__init__(id=field_id(phase_id, prompt_id), classes="answer-field", compact=True)
        self.phase_id = phase_id
        self.prompt_id = prompt_id
        self.values = [v for v, _ in options]
        self.labels = [label for _, label in options]
        self.value = value
        self._show()
        if value in self.values:
            self.highlighted = self.values.index(value)

    @classmethod
    def for_choices(cls, choices: list[Choice], value: Any, phase_id: str, prompt_id: str) -> "PickOne":
        return cls([(c.value, c.label) for c in choices], value, phase_id, prompt_id)

    @classmethod
    def yes_no(cls, value: Any, phase_id: str, prompt_id: str) -> "PickOne":
        return cls([(True, YES), (False, NO)], value, phase_id, prompt_id)

    def _show(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for v, label in zip(self.values, self.labels):
            mark = PICKED if v == self.value and self.value is not None else NOT_PICKED
            self.add_option(Option(Content(f"{mark} {label}")))
        if highlighted is not None:
            self.highlighted = highlighted

    def pick(self, index: int | None) -> None:
        value = None if index is None else self.values[index]
        if value == self.value:
            return
        self.value = value
        self._show()
        self.send_answer(value)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)

    def action_clear(self) -> None:
        self.pick(None)

    def on_key(self, event: Key) -> None:  # type: ignore[override]  # Textual calls every class's on_key (KeysInOrder's too)
        """Space picks, delete clears, the first letter of an option picks it (again: the next one)."""
        if event.key in ("space", "delete", "backspace"):
            event.stop()
            event.prevent_default()
            if event.key == "space":
                self.action_select()
            else:
                self.action_clear()
            return
        if not event.is_printable or not event.character or event.character == " ":
            return
        letter = event.character.casefold()
        matches = [i for i, label in enumerate(self.labels) if label[:1].casefold() == letter]
        if not matches:
            return
        event.stop()
        event.prevent_default()
        picked = self.values.index(self.value) if self.value in self.values else None
        index = matches[0]
        if picked in matches:  # the same letter again: the next option with that letter
            index = matches[(matches.index(picked) + 1) % len(matches)]
        self.highlighted = index
        self.pick(index)
