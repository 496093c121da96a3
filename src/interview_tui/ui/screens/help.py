"""f1: the keys (as remapped), how to answer each kind of field, how the phases work, the technique cue cards
and local contacts, searchable."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from interview_tui.core.protocol import Phase, Protocol, Technique
from interview_tui.settings.model import Contact
from interview_tui.ui.field_keys import FIELD_KEYS
from interview_tui.ui.keys import KeyHelp, display_keys, key_help
from interview_tui.ui.widgets.phase_list import HAS_NOTES, HERE
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.of_app import OfInterviewApp

MARKS = f"Marks: {HERE} the phase you are in · {HAS_NOTES} a phase with notes · ✓ saved · ⚠ NOT SAVED (the words say what is wrong)."


def how_it_works(keys) -> str:
    """The short guide, naming the keys the practitioner really has (``keys(binding_id)``)."""
    return (
        "The phases are a guide, not a script: open any phase at any time from the phase list "
        f"({keys('toggle_phases')} shows or hides it), with {keys('next_phase')} / {keys('previous_phase')}, "
        f"or with the command palette ({keys('command_palette')}, then type the phase). "
        "Each prompt has its own note field; tab moves to the next field. Notes are saved as you type "
        "(within about a second) and whenever you change phase or leave. "
        f"Change the colours with {keys('command_palette')}, then Theme."
    )


class Searchable(Vertical):
    """A block of help that the search box shows or hides by its words."""

    def __init__(self, words: str, *children: Widget, **kwargs) -> None:
        super().__init__(*children, **kwargs)
        self.words = words.lower()

    def matches(self, terms: list[str]) -> bool:
        return all(term in self.words for term in terms)


class HelpScreen(OfInterviewApp, ModalScreen[None]):
    CSS_PATH = style_sheet("help")
    BINDINGS = [
        Binding("escape,f1", "close", "Close", id="close_help", tooltip="Back to where you were."),
    ]

    def __init__(self, protocol: Protocol | None, phase: Phase | None) -> None:
        super().__init__()
        self.protocol = protocol
        self.phase = phase

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        with Vertical(id="help"):
            yield Static(Content("Help"), classes="phase-title")
            yield Input(placeholder="Search keys, cue cards and contacts (e.g. reflect, scaling, save)", id="help-search")
            with VerticalScroll(id="help-body"):
                guide = how_it_works(lambda binding_id: display_keys(self.app, binding_id))
                with Searchable(guide + " " + MARKS, classes="help-block", id="help-guide"):
                    yield Static(Content(guide), classes="phase-purpose")
                    yield Static(Content(MARKS), classes="guidance")
                yield Static(Content("Keys"), classes="section-title", id="help-keys-title")
                for entry in self._keys():
                    yield self._key_line(entry)
                yield Static(Content("Answering fields"), classes="section-title", id="help-fields-title")
                for kind, keys in FIELD_KEYS:
                    text = f"{kind}: {keys}"
                    yield Searchable(text, Static(Content(text)), classes="help-block help-field")
                cards = self._cards()
                if cards:
                    yield Static(Content("Technique cue cards"), classes="section-title", id="help-cards-title")
                    for card in cards:
                        yield self._card(card)
                yield Static(Content("Local contacts"), classes="section-title", id="help-contacts-title")
                contacts = [("Emergency", c) for c in settings.emergency_contacts]
                contacts += [("Referral", c) for c in settings.referral_contacts]
                for kind, contact in contacts:
                    yield self._contact(kind, contact)
                if not contacts:
                    yield Searchable(
                        "contacts emergency referral",
                        Static(Content(
                            "No local contacts set. Add your service's emergency and referral contacts to the "
                            "settings file: `interview-tui config --init` writes an example, `interview-tui config` "
                            "shows where it is."
                        ), classes="guidance"),
                        classes="help-block help-contact",
                    )
                yield Static(Content(""), id="help-nothing")

    def on_mount(self) -> None:
        self.query_one("#help-nothing", Static).display = False
        self.query_one("#help-search", Input).focus()

    # ------------------------------------------------------------ content

    def _keys(self) -> list[KeyHelp]:
        """The keys of the screen underneath and the app's own, as remapped."""
        stack = self.app.screen_stack
        index = stack.index(self) if self in stack else len(stack)
        below = stack[index - 1] if index > 0 else None
        nodes = [node for node in (below, self.app) if node is not None]
        return key_help(self.app, nodes)

    @staticmethod
    def _key_line(entry: KeyHelp) -> Searchable:
        text = f"{entry.keys:>12}  {entry.description}: {entry.tooltip}" if entry.tooltip else (
            f"{entry.keys:>12}  {entry.description}"
        )
        return Searchable(text, Static(Content(text)), classes="help-block help-key")

    def _cards(self) -> list[Technique]:
        """This phase's cards first, then the protocol's, then every other card in the phase files."""
        catalogue = self.app.catalogue
        ids: list[str] = []
        if self.protocol is not None:
            phases = [self.phase] if self.phase else []
            phases += [p for p in self.protocol.phases if p is not self.phase]
            for phase in phases:
                ids += [t for t in phase.techniques if t not in ids]
            cards = catalogue.techniques_for(self.protocol, ids)
        else:
            cards = []
        seen = {card.id for card in cards}
        return cards + [card for card in catalogue.techniques.values() if card.id not in seen]

    @staticmethod
    def _card(card: Technique) -> Searchable:
        parts = [Static(Content(card.name), classes="cue-name"), Static(Content(card.what), classes="cue-what")]
        if card.example:
            parts.append(Static(Content(f"“{card.example}”"), classes="cue-example"))
        words = " ".join([card.id, card.name, card.what, card.example or ""])
        return Searchable(words, *parts, classes="help-block help-card")

    @staticmethod
    def _contact(kind: str, contact: Contact) -> Searchable:
        parts = [Static(Content(f"{kind}: {contact.name}"), classes="cue-name")]
        if contact.phone:
            parts.append(Static(Content(contact.phone), classes="cue-what"))
        if contact.notes:
            parts.append(Static(Content(contact.notes), classes="cue-example"))
        words = " ".join(["contacts", kind, contact.name, contact.phone, contact.notes])
        return Searchable(words, *parts, classes="help-block help-contact")

    # ------------------------------------------------------------ search

    @on(Input.Changed, "#help-search")
    def _search(self, event: Input.Changed) -> None:
        terms = event.value.lower().split()
        shown = 0
        for block in self.query(Searchable):
            block.display = block.matches(terms)
            shown += block.display
        for title, kind in (
            ("#help-keys-title", ".help-key"),
            ("#help-fields-title", ".help-field"),
            ("#help-cards-title", ".help-card"),
            ("#help-contacts-title", ".help-contact"),
        ):
            for widget in self.query(title):
                widget.display = not terms or any(block.display for block in self.query(kind))
        nothing = self.query_one("#help-nothing", Static)
        nothing.update(Content(f"Nothing matches “{event.value.strip()}”." if terms and not shown else ""))
        nothing.display = bool(terms) and not shown
        self.query_one("#help-body", VerticalScroll).scroll_home(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
