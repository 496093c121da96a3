"""Ask for a client code and a protocol; dismisses with (client, protocol id) or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from interview_tui.phases.files import Catalogue
from interview_tui.core.session import CLIENT_CODE_RULE, is_valid_client_code
from interview_tui.ui.styles import style_sheet


class NewSessionDialog(ModalScreen[tuple[str, str] | None]):
    CSS_PATH = style_sheet("new_session")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without starting a session.")]

    def __init__(self, catalogue: Catalogue, default_protocol: str = "intake") -> None:
        super().__init__()
        self.catalogue = catalogue
        self.default_protocol = default_protocol if default_protocol in catalogue.protocols else None

    def compose(self) -> ComposeResult:
        options = [(Content(p.title), pid) for pid, p in self.catalogue.protocols.items()]
        with Vertical(id="new-session"):
            yield Label("New session")
            yield Input(placeholder="Client code, e.g. C-0142 (not a name)", id="client-code")
            yield Static(Content(""), id="client-code-problem")
            yield Select(
                options,
                value=self.default_protocol or options[0][1],
                allow_blank=False,
                id="protocol",
            )
            with Horizontal(id="new-session-buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#client-code", Input).focus()

    @on(Input.Changed, "#client-code")
    def _check_code(self, event: Input.Changed) -> None:
        code = event.value.strip()
        problem = "" if not code or is_valid_client_code(code) else f"Use {CLIENT_CODE_RULE}."
        self.query_one("#client-code-problem", Static).update(Content(problem))

    @on(Input.Submitted, "#client-code")
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        code = self.query_one("#client-code", Input).value.strip()
        if not is_valid_client_code(code):
            self.query_one("#client-code-problem", Static).update(Content(f"Use {CLIENT_CODE_RULE}."))
            self.query_one("#client-code", Input).focus()
            return
        self.dismiss((code, str(self.query_one("#protocol", Select).value)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
