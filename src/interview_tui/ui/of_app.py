"""``self.app`` as this app, for the type checker: screens and widgets that use the app's store, catalogue or
settings mix in ``OfInterviewApp``, and ``self.app`` is an ``InterviewApp`` to mypy. When the app runs the mixin
adds nothing (``self.app`` is Textual's own). Code handed a screen or widget asks ``app_of(screen)``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual import getters
    from textual.message_pump import MessagePump

    from interview_tui.ui.app import InterviewApp

    _Node = MessagePump
else:
    _Node = object


class OfInterviewApp(_Node):
    """Mixed in before the Textual base class: ``class HomeScreen(OfInterviewApp, Screen[None])``."""

    if TYPE_CHECKING:
        app = getters.app(InterviewApp)  # Textual's typed ``app`` (textual.getters)


def app_of(node: MessagePump) -> InterviewApp:
    """``node.app`` as this app, for code handed a screen or widget of it (``start_session(screen, ...)``)."""
    return cast("InterviewApp", node.app)
