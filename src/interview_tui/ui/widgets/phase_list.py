"""The sidebar: every phase shown now, where you are, which phases hold notes, which are optional.

Phases hidden by ``show_if`` are left out until an answer shows them.
"""

from __future__ import annotations

import textwrap

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview_tui.core.answers import Visibility
from interview_tui.core.session import Session

HERE = "▶"
HAS_NOTES = "✎"
OPTIONAL = "(optional)"
LINE_WIDTH = 30
"""Characters of a line inside the list (34 columns less the border and the option's padding)."""


class PhaseList(OptionList):
    """Pick a phase with the arrows and enter; the marks are symbols and words, not colour alone."""

    typing_hint = "This is the list of phases (↑ ↓, enter opens one; ctrl+t hides it)."

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
            notes = HAS_NOTES if self.session.phase_notes(phase.id).has_notes() else " "
            lead = f"{here}{notes} {n}. "
            title = f"{phase.title} {OPTIONAL}" if phase.optional else phase.title
            # Long titles wrap under the title, not under the marks (the list is narrow).
            lines = textwrap.wrap(title, width=LINE_WIDTH - len(lead), break_long_words=True) or [""]
            line = lead + ("\n" + " " * len(lead)).join(lines)
            self.add_option(Option(Content(line), id=phase.id))
            listed.append(phase.id)
        index = listed.index(self.session.current_phase) if self.session.current_phase in listed else 0
        self.highlighted = highlighted if highlighted is not None and self.has_focus and highlighted < len(listed) else index
