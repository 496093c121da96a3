"""A one-line answer that wraps and grows, so a long goal or action is read whole while it is typed.

An ``Input`` scrolls sideways: a goal in the client's words ("to get back to work part time
by the spring, without losing the carer's allowance") showed only its last forty characters
at 80 columns. This field wraps at its width and grows to a few lines, then scrolls. It holds
one paragraph: enter is the form's (next field), and a pasted line break becomes a space.
"""

from __future__ import annotations

from textual.widgets import TextArea

MAX_LINES = 4
"""Lines shown before the field scrolls."""


class LineArea(TextArea):
    DEFAULT_CSS = f"""
    LineArea {{ height: auto; min-height: 1; max-height: {MAX_LINES}; }}
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(" ".join(text.splitlines()), id=id, soft_wrap=True, compact=True, tab_behavior="focus",
                         show_line_numbers=False, highlight_cursor_line=False)

    @property
    def value(self) -> str:
        return self.text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if "\n" in self.text:  # (a paste): one paragraph, the cursor where it was
            row, column = self.cursor_location
            offset = sum(len(line) + 1 for line in self.text.split("\n")[:row]) + column
            self.load_text(" ".join(self.text.split("\n")))
            self.move_cursor((0, offset))  # (one line now: the offset is the column)
