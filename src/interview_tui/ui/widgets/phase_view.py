"""One phase on screen: purpose, guidance, a note field per prompt, other notes, checklist, cues.

Everything from phase files and everything typed is user text: it is shown
through ``Content`` (never parsed as markup), so "[supports]" stays "[supports]".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Static, TextArea

if TYPE_CHECKING:  # (NoteField and ChecklistBox are drawn before pydantic is loaded: see ui/screens/opening.py)
    from interview_tui.protocol import Phase, Technique
    from interview_tui.session import Session


def plain(text: str) -> Content:
    """User text, shown exactly as written."""
    return Content(text)


class NoteField(TextArea):
    """A multi-line note for one prompt (or the phase's other notes, when ``prompt_id`` is None)."""

    def __init__(self, text: str, phase_id: str, prompt_id: str | None, label: str) -> None:
        suffix = prompt_id if prompt_id is not None else "other"
        super().__init__(
            text,
            id=f"note-{phase_id}-{suffix}",
            classes="note",
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            compact=True,
        )
        self.phase_id = phase_id
        self.prompt_id = prompt_id
        self.border_title = label


class ChecklistBox(Checkbox):
    def __init__(self, text: str, value: bool, phase_id: str, item_id: str) -> None:
        super().__init__(plain(text), value, id=f"check-{phase_id}-{item_id}", compact=True)
        self.phase_id = phase_id
        self.item_id = item_id


class PhaseView(Vertical):
    """The body of the session screen for one phase."""

    def __init__(
        self, phase: Phase, number: int, count: int, session: Session, techniques: list[Technique]
    ) -> None:
        super().__init__(id=f"phase-{phase.id}", classes="phase-view")
        self.phase = phase
        self.number = number
        self.count = count
        self.session = session
        self.techniques = techniques

    def compose(self) -> ComposeResult:
        phase = self.phase
        record = self.session.record(phase.id)
        with VerticalScroll(classes="phase-main"):
            yield Static(plain(f"{self.number}/{self.count}  {phase.title}"), classes="phase-title")
            yield Static(plain(phase.purpose), classes="phase-purpose")
            if phase.guidance:
                yield Static(self._guidance_text(), classes="guidance guidance-inline")
            for n, prompt in enumerate(phase.prompts, 1):
                with Vertical(classes="prompt"):
                    yield Static(plain(f"{n}. {prompt.text}"), classes="prompt-text")
                    if prompt.hint:
                        yield Static(plain(prompt.hint), classes="prompt-hint")
                    yield NoteField(record.notes.get(prompt.id, ""), phase.id, prompt.id, f"note {n}")
            with Vertical(classes="prompt"):
                yield Static(plain("Other notes for this phase"), classes="prompt-text")
                yield NoteField(record.other_notes, phase.id, None, "other notes")
            if phase.checklist:
                yield Static(plain("Checklist"), classes="section-title")
                for item in phase.checklist:
                    yield ChecklistBox(item.text, record.checklist.get(item.id, False), phase.id, item.id)
            if self.number == self.count:
                with Vertical(classes="review-offer"):
                    yield Static(
                        plain("Before the client leaves: review the notes, fill any gaps, then finish and export."),
                        classes="prompt-hint",
                    )
                    yield Button(plain("Review and finish (ctrl+r)"), id="review-session", variant="primary")
        if self.techniques or phase.guidance:
            with VerticalScroll(classes="cues", can_focus=False):
                if phase.guidance:
                    yield Static(plain("Guidance"), classes="section-title")
                    yield Static(self._guidance_text(), classes="guidance")
                if self.techniques:
                    yield Static(plain("Technique cues"), classes="section-title")
                for card in self.techniques:
                    yield Static(plain(card.name), classes="cue-name")
                    yield Static(plain(card.what), classes="cue-what")
                    if card.example:
                        yield Static(plain(f"“{card.example}”"), classes="cue-example")

    def _guidance_text(self) -> Content:
        return plain("\n".join(f"• {line}" for line in self.phase.guidance))

    def first_field(self) -> NoteField | None:
        return next(iter(self.query(NoteField)), None)
