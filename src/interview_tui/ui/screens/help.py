"""f1: the keys, how the phases work, and the technique cue cards."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from interview_tui.protocol import Phase, Protocol

HOW_IT_WORKS = (
    "The phases are a guide, not a script: open any phase at any time from the sidebar, "
    "with ctrl+n / ctrl+b, or with the command palette (ctrl+p, then type the phase). "
    "Each prompt has its own note field; Tab moves to the next field. Notes are saved as you type "
    "(within about a second) and whenever you change phase or quit."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "close", "Close", id="close_help", tooltip="Back to where you were."),
    ]

    def __init__(self, protocol: Protocol | None, phase: Phase | None) -> None:
        super().__init__()
        self.protocol = protocol
        self.phase = phase

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content("Help"), classes="phase-title")
            yield Static(Content(HOW_IT_WORKS), classes="phase-purpose")
            yield Static(Content("Keys"), classes="section-title")
            yield Static(Content(self._keys_text()), id="help-keys")
            cards = self._cards()
            if cards:
                yield Static(Content("Technique cue cards"), classes="section-title")
                for card in cards:
                    yield Static(Content(card.name), classes="cue-name")
                    yield Static(Content(card.what), classes="cue-what")
                    if card.example:
                        yield Static(Content(f"“{card.example}”"), classes="cue-example")

    def _keys_text(self) -> str:
        """The keys of the screen underneath (as remapped, if a keymap is set) and the app's own."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        lines: list[str] = []
        seen: set[str] = set()
        for node in (below, self.app):
            if node is None:
                continue
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if not binding.description or binding.action in seen:
                        continue
                    seen.add(binding.action)
                    key = self.app.get_key_display(binding)
                    lines.append(f"{key:>10}  {binding.description}: {binding.tooltip}")
        lines.append(f"{'ctrl+p':>10}  Command palette: go to a phase, and every other command.")
        lines.append(f"{'tab':>10}  Next field (shift+tab: previous).")
        return "\n".join(lines)

    def _cards(self):
        catalogue = self.app.catalogue
        if self.protocol is None:
            return list(catalogue.techniques.values())
        ids: list[str] = []
        phases = [self.phase] if self.phase else []
        phases += [p for p in self.protocol.phases if p is not self.phase]
        for phase in phases:
            ids += [t for t in phase.techniques if t not in ids]
        return catalogue.techniques_for(self.protocol, ids)

    def action_close(self) -> None:
        self.dismiss(None)
