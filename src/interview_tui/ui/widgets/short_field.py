"""A one-line answer (``short`` prompts): an Input, saved as you type."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import Input

from interview_tui.ui.widgets.answer_message import AnswerField, field_id, next_field
from interview_tui.ui.widgets.keys_in_order import KeysInOrder


class ShortField(AnswerField, KeysInOrder, Input):
    BINDINGS = [
        Binding(
            "enter", "enter_next_field", "Next field", id="enter_next_field", show=False, priority=True,
            tooltip="In a one-line answer or a date: done, go to the next field.",
        )
    ]
    DEFAULT_CSS = """
    ShortField { border: round $primary 40%; padding: 0 1; height: 3; }
    ShortField:focus { border: round $accent; }
    """

    def __init__(self, value: str | None, phase_id: str, prompt_id: str) -> None:
        super().__init__(value or "", id=field_id(phase_id, prompt_id), classes="answer-field")
        self.phase_id = phase_id
        self.prompt_id = prompt_id

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.send_answer(event.value)

    async def action_enter_next_field(self) -> None:
        await next_field(self)  # synchronous: the next key of a burst already goes to the next field
