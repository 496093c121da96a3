"""One event of a case in full (a flag cleared, the case closed or reopened from the client's view, and why)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from interview_tui.core.visible_text import visible
from interview_tui.ui.styles import style_sheet


class EventDetail(ModalScreen[None]):
    CSS_PATH = style_sheet("event_detail")
    BINDINGS = [Binding("escape", "close", "Close", id="close_event", tooltip="Back to the client's view.")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="event-detail"):
            yield Static(Content(visible(self.text)), id="event-detail-text")
            with Horizontal(id="event-detail-buttons"):
                yield Button("Close", id="event-detail-close")

    def on_mount(self) -> None:
        self.query_one("#event-detail-close", Button).focus()

    @on(Button.Pressed, "#event-detail-close")
    def action_close(self) -> None:
        self.dismiss(None)
