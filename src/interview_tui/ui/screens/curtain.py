"""The privacy curtain: hides every client detail at once; lifting it brings back the exact screen.

Without encryption the curtain is a screen guard (Enter lifts it). Keys
typed under it are held (never shown on it), and go into the session in
the order they came when it lifts, as if typed there: the practitioner
who keeps writing while looking at the client loses nothing. Esc forgets
them (someone else touched the keyboard). With encryption on, the key has
been dropped before the curtain shows, and only the passphrase lifts it:
typing goes into the passphrase field, and the curtain says that typing
into the notes is paused until then.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from interview_tui.store.encryption import EncryptionError, WrongPassphrase
from interview_tui.ui.styles import style_sheet


HELD_LIMIT = 10_000
"""Keys held at most (then the bell rings for each key refused)."""
HOLDS = "Typing is kept: it goes where you were when you press Enter."
PAUSED = "Typing into the notes is paused while they are locked."


class CurtainScreen(ModalScreen[list[events.Event]]):
    """Covers the whole terminal with nothing from the session on it. Dismissed with the keys held under it."""

    CSS_PATH = style_sheet("curtain")
    BINDINGS = [Binding("enter", "lift", "Show the screen", id="lift_curtain", tooltip="Show the screen again.")]

    def __init__(self, needs_passphrase: bool) -> None:
        super().__init__()
        self.needs_passphrase = needs_passphrase
        self.held: list[events.Event] = []
        """Keys and pastes typed under the curtain (without encryption), in the order they came."""

    def compose(self) -> ComposeResult:
        with Vertical(id="curtain"):
            yield Static(Content("interview-tui · screen hidden"), id="curtain-title")
            if self.needs_passphrase:
                yield Static(Content(f"{PAUSED} Type the passphrase and press Enter to go back to the session."),
                             id="curtain-hint")
                yield Input(password=True, placeholder="Passphrase", id="curtain-passphrase")
                yield Static(Content(""), id="curtain-problem")
            else:
                yield Static(Content(f"Press Enter to show the screen again. {HOLDS}"), id="curtain-hint")
                yield Static(Content(""), id="curtain-held")

    def on_mount(self) -> None:
        if self.needs_passphrase:
            self.query_one("#curtain-passphrase", Input).focus()

    def action_lift(self) -> None:
        if not self.needs_passphrase:
            self.dismiss(self.held)

    # ------------------------------------------------------------ typing under the curtain

    def on_key(self, event: events.Key) -> None:
        if self.needs_passphrase or event.key == "enter":
            return
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.held = []
        else:
            self._hold(events.Key(event.key, event.character))
        self._show_held()

    def on_paste(self, event: events.Paste) -> None:
        if not self.needs_passphrase:
            event.stop()
            self._hold(events.Paste(event.text))
            self._show_held()

    def _hold(self, event: events.Event) -> None:
        if len(self.held) < HELD_LIMIT:
            self.held.append(event)
        else:
            self.app.bell()

    def _show_held(self) -> None:
        count = len(self.held)
        text = f"{count} keys typed are held for the session (Esc forgets them)." if count else ""
        self.query_one("#curtain-held", Static).update(Content(text))

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
        self.dismiss([])
