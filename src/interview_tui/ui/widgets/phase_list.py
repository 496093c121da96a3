"""The sidebar: every phase shown now, where you are, which phases hold notes, which are optional.

Phases hidden by ``show_if`` are left out until an answer shows them.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview_tui.capture import Visibility
from interview_tui.session import Session

HERE = "▶"
HAS_NOTES = "✎"
OPTIONAL = "(optional)"


class PhaseList(OptionList):
    """Pick a phase with the arrows and enter; the marks are symbols and words, not colour alone."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="phase-list")
        self.session = session
        self.border_title = "Phases"
        self.refresh_marks()

    def refresh_marks(self, shown: Visibility | None = None) -> None:
        shown = shown or Visibility(self.session)
        highlighted = self.highlighted
        self.clear_options()
        listed: list[str] = []
        for n, phase in enumerate(self.session.protocol.phases, 1):
            if not shown.phase_shown(phase.id) and phase.id != self.session.current_phase:
                continue
            here = HERE if phase.id == self.session.current_phase else " "
            notes = HAS_NOTES if self.session.record(phase.id).has_notes() else " "
            line = f"{here}{notes} {n}. {phase.title}"
            if phase.optional:  # on a line of its own, indented under the title (the list is narrow)
                line += f" {OPTIONAL}" if len(line) + len(OPTIONAL) < 31 else f"\n{' ' * (len(str(n)) + 5)}{OPTIONAL}"
            self.add_option(Option(Content(line), id=phase.id))
            listed.append(phase.id)
        index = listed.index(self.session.current_phase) if self.session.current_phase in listed else 0
        self.highlighted = highlighted if highlighted is not None and self.has_focus and highlighted < len(listed) else index
