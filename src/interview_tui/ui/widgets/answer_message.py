"""The one message every typed-answer widget sends: "this prompt's answer is now this value".

The session screen handles it: it hands the value to ``session.set_answer``
(the core checks it), shows the core's message next to the field when the
value is invalid (nothing is saved then), and saves through the autosaver.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.widget import Widget


class AnswerChanged(Message):
    """``value`` as the core takes it (see fields.check_answer); ``quiet``: don't show a problem yet (still typing)."""

    def __init__(self, field: Widget, phase_id: str, prompt_id: str, value: Any, quiet: bool = False) -> None:
        super().__init__()
        self.field = field
        self.phase_id = phase_id
        self.prompt_id = prompt_id
        self.value = value
        self.quiet = quiet


class AnswerField:
    """Mixed into each answer widget: which prompt it answers, and how it reports a new value."""

    phase_id: str
    prompt_id: str

    def send_answer(self, value: Any, quiet: bool = False) -> None:
        """Hand the value to the screen at once (so a prompt it shows is there for the next key), or post it."""
        assert isinstance(self, Widget)
        message = AnswerChanged(self, self.phase_id, self.prompt_id, value, quiet)
        take = getattr(self.screen, "take_answer", None)
        if take is not None:
            take(message)
        else:
            self.post_message(message)


async def settle(widget: Widget) -> None:
    """Let the focused field handle the keys it already has (see SessionScreen.settle_focused)."""
    wait = getattr(widget.screen, "settle_focused", None)
    if wait is not None:
        await wait()


async def next_field(widget: Widget) -> None:
    """Move on to the next field the way tab does."""
    move = getattr(widget.screen, "action_next_field", None)
    if move is not None:
        await move()
    else:
        widget.screen.focus_next()


def field_id(phase_id: str, prompt_id: str) -> str:
    """The widget id of a prompt's field (the review screen goes back to it by this id)."""
    return f"note-{phase_id}-{prompt_id}"


FIELD_CSS = """
    border: round $primary 40%;
    padding: 0 1;
    height: auto;
"""
