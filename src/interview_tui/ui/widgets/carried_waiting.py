"""The opening screen's stand-in for the "Carried forward" panel, while the client's earlier sessions are read.

A protocol whose first phase shows what the last sessions left (``shows =
["carried"]``) opens on the opening screen like any other (``screens/opening.py``):
the panel's frame is drawn at once, saying what is being read, never an
empty or guessed content. The session screen, which takes the opening screen's
place once the session is made, shows the panel itself (``carried_panels.py``).
No session model here: nothing of pydantic before the first frame.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

READING = "Reading what the client's earlier sessions left…"
NOT_READ = "Not read: the session could not be started."


class CarriedWaiting(Vertical):
    """Framed and titled as ``CarriedPanel``; one line saying it is being read (or why it was not)."""

    DEFAULT_CSS = """
    CarriedWaiting { height: auto; border: round $secondary; padding: 0 1; margin-bottom: 1; }
    CarriedWaiting .panel-line { color: $text-muted; text-style: italic; }
    """

    HEIGHT = 4
    """Lines it takes on the screen (its frame, its line and the margin below)."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, classes="session-panel")
        self.border_title = "Carried forward"

    def compose(self) -> ComposeResult:
        yield Static(Content(READING), classes="panel-line")

    def not_read(self) -> None:
        """The session could not be made: nothing will be read (the reason is shown by the screen)."""
        self.query_one(Static).update(Content(NOT_READ))
