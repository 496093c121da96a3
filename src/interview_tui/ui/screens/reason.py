"""Ask why (clearing a flag, closing or reopening a case); dismisses with the reason, or None if cancelled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from interview_tui.ui.styles import style_sheet


class ReasonDialog(ModalScreen[str | None]):
    CSS_PATH = style_sheet("reason")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without doing it.")]

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-box"):
            yield Static(Content(self.question), id="reason-question")
            yield Input(placeholder="Reason (kept in the client's record)", id="reason")
            yield Static(Content(""), id="reason-problem")
            with Horizontal(id="reason-buttons"):
                yield Button(Content(self.yes), variant="warning", id="reason-yes")
                yield Button(Content("Cancel"), id="reason-no")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#reason-yes")
    def _yes(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#reason-problem", Static).update(Content("A reason is needed."))
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#reason-no")
    def action_cancel(self) -> None:
        self.dismiss(None)
