"""Ask for a client code and a protocol; dismisses with (client, protocol id) or None.

Once the code typed is a valid one, the protocol follows it (until the practitioner picks one by hand): a
returning client with an open case gets the phase files' ``default_for = "open-case"`` protocol (the
follow-up), anyone else the default one, and a line under the code says why."""

from __future__ import annotations

from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from interview_tui.casework.protocol_choice import fitting_protocol_id
from interview_tui.phases.outline import ProtocolChoice
from interview_tui.core.ids import CLIENT_CODE_RULE, is_valid_client_code
from interview_tui.ui.styles import style_sheet


class NewSessionDialog(ModalScreen[tuple[str, str] | None]):
    CSS_PATH = style_sheet("new_session")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without starting a session.")]

    def __init__(
        self,
        protocols: list[ProtocolChoice],
        default_protocol: str = "intake",
        open_case: Callable[[str], bool] = lambda code: False,
        when_shown: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._when_shown = when_shown
        """Called once the dialog is on screen (the home screen has the phase files read then)."""
        self.protocols = {p.id: p for p in protocols}
        """What the dialog offers (from the phase files' remembered check or the catalogue: no models needed)."""
        self._default_for = {p.id: p.default_for for p in protocols}
        self.default_protocol = fitting_protocol_id(self._default_for, False, default_protocol)
        self._open_case = open_case
        """Whether a (valid) client code is a returning client with an open case."""
        self._suggesting = True
        """The protocol follows the code typed until the practitioner picks one."""
        self._set_by_us: object = None
        """The protocol last set here (its Changed message is not the practitioner's choice)."""

    def compose(self) -> ComposeResult:
        options = [(Content(p.title), pid) for pid, p in self.protocols.items()]
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
        if self._when_shown is not None:
            self.call_after_refresh(self._when_shown)

    @on(Input.Changed, "#client-code")
    def _check_code(self, event: Input.Changed) -> None:
        code = event.value.strip()
        valid = bool(code) and is_valid_client_code(code)
        problem = "" if not code or valid else f"Use {CLIENT_CODE_RULE}."
        if valid and self._suggesting:
            problem = self._suggest_for(code)
        self.query_one("#client-code-problem", Static).update(Content(problem))

    def _suggest_for(self, code: str) -> str:
        """Set the protocol that fits ``code``'s case; the line saying so (empty for a new client)."""
        open_case = self._open_case(code)
        suggested = fitting_protocol_id(self._default_for, open_case, self.default_protocol)
        select = self.query_one("#protocol", Select)
        if suggested is not None and select.value != suggested:
            self._set_by_us = suggested
            select.value = suggested
        if open_case and suggested is not None:
            return f"{code} has an open case: {self.protocols[suggested].title}."
        return ""

    @on(Select.Changed, "#protocol")
    def _picked(self, event: Select.Changed) -> None:
        if event.value not in (self._set_by_us, self.default_protocol):
            self._suggesting = False  # the practitioner chose: the code no longer changes it

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
