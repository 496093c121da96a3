"""One phase on screen: purpose, guidance, a note field per prompt, other notes, checklist, cues.

Everything from phase files and everything typed is user text: it is shown
through ``Content`` (never parsed as markup), so "[supports]" stays "[supports]".
"""

from __future__ import annotations


from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Static

from interview_tui.core.answers import Visibility, score_of
from interview_tui.core.protocol import Phase, Technique
from interview_tui.core.session import PromptCopy, Session
from interview_tui.ui.widgets.carried_panels import casework_panels
from interview_tui.ui.widgets.checklist_box import ChecklistBox
from interview_tui.ui.widgets.goals_editor import GoalsEditor
from interview_tui.ui.widgets.guidance_fold import folded_guidance
from interview_tui.ui.widgets.instrument_grid import InstrumentGrid, InstrumentSummary
from interview_tui.ui.widgets.item_editor import ItemEditor, ItemList
from interview_tui.ui.widgets.list_field import ListField
from interview_tui.ui.widgets.note_field import NoteField
from interview_tui.ui.widgets.plan_editor import PlanEditor
from interview_tui.ui.widgets.prompt_block import PromptBlock

__all__ = ["ChecklistBox", "NoteField", "PhaseView", "PromptBlock"]


def plain(text: str) -> Content:
    """User text, shown exactly as written."""
    return Content(text)


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
        record = self.session.phase_notes(phase.id)
        copy = self.session.protocol.phase(phase.id)
        summary = None
        if copy is not None and copy.instrument is not None:
            # Docked on the phase, outside the scrolling page: stays above the grid while it is answered.
            summary = InstrumentSummary(copy.instrument, phase.id, score_of(self.session, phase.id))
            yield summary
        with VerticalScroll(classes="phase-main", can_focus=False):  # focus goes to fields, not the page
            yield Static(plain(f"{self.number}/{self.count}  {phase.title}"), classes="phase-title")
            yield Static(plain(phase.purpose), classes="phase-purpose")
            if phase.guidance:
                yield Static(self._guidance_text(), classes="guidance guidance-inline")
                yield Static(folded_guidance(len(phase.guidance), self._guidance_key()), classes="guidance-folded")
            yield from casework_panels(self.session, phase.id)
            if copy is not None and copy.optional:
                yield Static(plain("Optional: use it only if it fits the work and the client agrees."),
                             classes="prompt-hint")
            if copy is not None and copy.instrument is not None and summary is not None:
                yield InstrumentGrid(copy.instrument, dict(record.instrument), summary.score, phase.id, summary)
            if copy is not None and copy.collects == "goals":
                yield GoalsEditor(self.session, id=f"goals-{phase.id}")
            if copy is not None and copy.collects == "plan":
                yield PlanEditor(self.session, id=f"plan-{phase.id}")
            shown = Visibility(self.session)
            for n, prompt in enumerate(phase.prompts, 1):
                prompt_copy = copy.prompt(prompt.id) if copy is not None else None
                if prompt_copy is None:
                    prompt_copy = PromptCopy(id=prompt.id, text=prompt.text)
                block = PromptBlock(
                    prompt_copy, prompt.text, prompt.hint, n, phase.id, self.session.answer(phase.id, prompt.id),
                    self.session.last_amended(phase.id, prompt.id),
                )
                block.display = shown.prompt_shown(phase.id, prompt.id)
                yield block
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

    def _guidance_key(self) -> str:
        """The key that unfolds the guidance, as remapped (``toggle_guidance``, f3 unless the keymap says)."""
        from textual.binding import Binding

        keys = getattr(self.app, "_keymap", {}).get("toggle_guidance", "f3")
        return self.app.get_key_display(Binding(keys.split(",")[0].strip(), ""))

    def _guidance_text(self) -> Content:
        return plain("\n".join(f"• {line}" for line in self.phase.guidance))

    def first_field(self) -> Widget | None:
        """The first field that takes typing or an answer, among those shown (a goal review's first row first)."""
        for widget in self.query(".answer-field, .instrument, .review-row, ItemEditor"):
            if widget.display and (widget.parent is None or widget.parent.display):
                return widget
        return None

    def apply_visibility(self, shown: Visibility) -> None:
        """Show or hide prompts whose show_if depends on answers (nothing typed in them is lost)."""
        for block in self.query(PromptBlock):
            block.display = shown.prompt_shown(block.phase_id, block.prompt_id)


def focus_target(widget: Widget) -> Widget:
    """The widget that actually takes focus for a field (a list's entry line, an instrument's first open item)."""

    if isinstance(widget, ListField):
        return widget.line
    if isinstance(widget, ItemEditor):
        return widget.query_one(ItemList)
    return widget

