"""The screens' last line of defence: no control character from a note or a file reaches the terminal.

Textual passes every line it draws, of every widget, through the app's line
filters just before writing it. :class:`ShowControlCharacters` replaces a
control character found there (ESC, BEL, C1 ...) with the symbol that
:func:`interview_tui.core.visible_text.visible` gives it, so a note holding
``ESC ] 0 ; title BEL`` is shown as ``␛]0;title␇`` and never retitles the
window. Such characters take no room when Textual lays the line out, so the
line is cut back to its laid-out width afterwards (the cells lost are the
line's end, usually padding); widgets that hold such text for editing
(``NoteField``) show the symbols from the start, so their layout is exact.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from interview_tui.core.visible_text import CONTROL_CHARACTERS, visible


def _needs_symbols(text: str) -> bool:
    return not text.isprintable() and CONTROL_CHARACTERS.search(text) is not None


class ShowControlCharacters(LineFilter):
    """Control characters in a drawn line become visible symbols; the line keeps its width."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_needs_symbols(segment.text) for segment in segments if not segment.control):
            return segments
        width = Segment.get_line_length(segments)
        shown = [
            segment if segment.control or not _needs_symbols(segment.text)
            else Segment(visible(segment.text), segment.style)
            for segment in segments
        ]
        return Segment.adjust_line_length(shown, width, pad=False)


SHOW_CONTROL_CHARACTERS = ShowControlCharacters()
