"""A yes-or-no question in a small dialog; dismisses with True only when the practitioner confirms."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from interview_tui.ui.styles import style_sheet


class ConfirmDialog(ModalScreen[bool]):
    CSS_PATH = style_sheet("confirm")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without doing it.")]

    def __init__(self, question: str, yes: str, focus_yes: bool = False, no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.focus_yes = focus_yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(self.yes), variant="warning", id="confirm-yes")
                yield Button(Content(self.no), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self.focus_yes else "#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_cancel(self) -> None:
        self.dismiss(False)
