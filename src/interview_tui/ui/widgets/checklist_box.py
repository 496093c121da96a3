"""A checklist item of a phase: a tick box (drawn before pydantic is loaded, see ui/screens/opening.py).

A long item wraps onto as many lines as it needs (Textual's check box keeps one line and cuts the rest: "Reviewed
the referral and any available re"), its lines after the first under the first one's words.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Checkbox

HANGING = 4
"""The room the box takes before the words ("▐X▌ "): wrapped lines start under the words."""


class ChecklistBox(Checkbox):
    DEFAULT_CSS = """
    ChecklistBox { width: auto; max-width: 100%; height: auto; text-wrap: wrap; text-overflow: fold; }
    """

    def __init__(self, text: str, value: bool, phase_id: str, item_id: str) -> None:
        super().__init__(Content(text), value, id=f"check-{phase_id}-{item_id}", compact=True)
        self.phase_id = phase_id
        self.item_id = item_id

    def _label_lines(self, width: int) -> list[Content]:
        return self._label.wrap(max(1, width - HANGING))

    def render(self) -> Content:
        first = super().render()
        width = self.content_region.width or self.size.width
        lines = self._label_lines(width)
        if len(lines) <= 1 or width <= HANGING:
            return first
        style = self.get_visual_style("toggle--label")
        head = Content.assemble(self._button, " ", lines[0].stylize_before(style))
        rest = [Content.assemble(" " * HANGING, line.stylize_before(style)) for line in lines[1:]]
        return Content("\n").join([head, *rest])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._label_lines(width)))
