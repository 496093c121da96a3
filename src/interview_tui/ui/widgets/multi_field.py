"""Several of a list (``multi`` prompts): a SelectionList; space or enter ticks and unticks."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from interview_tui.core.fields import Choice
from interview_tui.ui.widgets.answer_message import AnswerField, field_id
from interview_tui.ui.widgets.keys_in_order import KeysInOrder


class MultiField(AnswerField, KeysInOrder, SelectionList[str]):
    DEFAULT_CSS = """
    MultiField { border: round $primary 40%; height: auto; max-height: 14; width: auto; min-width: 30; padding: 0; }
    MultiField:focus { border: round $accent; }
    """

    def __init__(self, choices: list[Choice], value: list[str] | None, phase_id: str, prompt_id: str) -> None:
        chosen = set(value or [])
        super().__init__(
            *[Selection(Content(c.label), c.value, c.value in chosen) for c in choices],
            id=field_id(phase_id, prompt_id),
            classes="answer-field",
            compact=True,
        )
        self.phase_id = phase_id
        self.prompt_id = prompt_id
        self.order = [c.value for c in choices]

    def _message_changed(self) -> None:
        """Send the answer while the key is handled (not from a message handled later)."""
        super()._message_changed()
        if self._send_messages:
            chosen = set(self.selected)
            self.send_answer([v for v in self.order if v in chosen])

    def _on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()  # already sent
