"""The sidebar: every phase of the protocol, where you are, and which phases hold notes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview_tui.session import Session

HERE = "▶"
HAS_NOTES = "✎"


class PhaseList(OptionList):
    """Pick a phase with the arrows and enter; the marks are symbols, not colour alone."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="phase-list")
        self.session = session
        self.border_title = "Phases"
        self.refresh_marks()

    def refresh_marks(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for n, phase in enumerate(self.session.protocol.phases, 1):
            here = HERE if phase.id == self.session.current_phase else " "
            notes = HAS_NOTES if self.session.record(phase.id).has_notes() else " "
            self.add_option(Option(Content(f"{here}{notes} {n}. {phase.title}"), id=phase.id))
        index = self.session.phase_ids.index(self.session.current_phase)
        self.highlighted = highlighted if highlighted is not None and self.has_focus else index
