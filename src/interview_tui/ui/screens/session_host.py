"""What the session screen's mixins (``SaveStatus``, ``AnswerHandling``) need of the screen they are mixed into.

``SessionHost`` names it; ``SessionScreenMixin`` is their base: to the type checker a Screen of this app that
has a ``SessionHost``'s attributes, so their methods are checked against them; when the app runs, nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.screen import Screen

    from interview_tui.core.session import Session
    from interview_tui.store.autosave import Autosaver
    from interview_tui.ui.of_app import OfInterviewApp


class SessionHost(Protocol):
    """What the mixins use of ``SessionScreen`` besides its being a Screen (it sets them in ``__init__``)."""

    session: Session
    saver: Autosaver | None
    """Writes the session as it changes; None when it is read-only."""
    read_only: bool

    def show_alert_mark(self) -> None:
        """Mark (or clear) a raised instrument alert in the session bar."""


if TYPE_CHECKING:

    class SessionScreenMixin(OfInterviewApp, Screen[None], SessionHost): ...

else:
    SessionScreenMixin = object
