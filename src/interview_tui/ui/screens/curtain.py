"""The privacy curtain: hides every client detail at once; lifting it brings back the exact screen.

Without encryption the curtain is a screen guard (Enter lifts it). With
encryption on, the key has been dropped before the curtain shows, and only
the passphrase lifts it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from interview_tui.store.encryption import EncryptionError, WrongPassphrase
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.styles import style_sheet


class CurtainScreen(OfInterviewApp, ModalScreen[None]):
    """Covers the whole terminal with nothing from the session on it."""

    CSS_PATH = style_sheet("curtain")
    BINDINGS = [Binding("enter", "lift", "Show the screen", id="lift_curtain", tooltip="Show the screen again.")]

    def __init__(self, needs_passphrase: bool) -> None:
        super().__init__()
        self.needs_passphrase = needs_passphrase

    def compose(self) -> ComposeResult:
        with Vertical(id="curtain"):
            yield Static(Content("interview-tui · screen hidden"), id="curtain-title")
            if self.needs_passphrase:
                yield Static(Content("The notes are locked. Type the passphrase and press Enter."), id="curtain-hint")
                yield Input(password=True, placeholder="Passphrase", id="curtain-passphrase")
                yield Static(Content(""), id="curtain-problem")
            else:
                yield Static(Content("Press Enter to show the screen again."), id="curtain-hint")

    def on_mount(self) -> None:
        if self.needs_passphrase:
            self.query_one("#curtain-passphrase", Input).focus()

    def action_lift(self) -> None:
        if not self.needs_passphrase:
            self.dismiss(None)

    @on(Input.Submitted, "#curtain-passphrase")
    def _unlock(self, event: Input.Submitted) -> None:
        field = event.input
        passphrase = field.value
        field.value = ""
        if not passphrase:
            return
        problem = self.query_one("#curtain-problem", Static)
        try:
            self.app.store.keyring.unlock(passphrase)
        except WrongPassphrase:
            problem.update(Content("Wrong passphrase."))
            self.app.unlock_failed()
            return
        except EncryptionError as exc:
            problem.update(Content(str(exc)))
            return
        self.dismiss(None)
