"""What the app's mixins (``CrashReportMixin``, ``CurtainMixin``, ``PhaseFilesMixin``, ``SessionOpeningMixin``) need
of the app.

``AppHost`` names it; ``InterviewAppMixin`` is their base: to the type checker a Textual App that has an
``AppHost``'s attributes, so the mixins' methods are checked against ``InterviewApp``'s; when the app runs,
nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.screen import Screen

    from interview_tui.core.session import Session
    from interview_tui.settings.defaults import DefaultSettings
    from interview_tui.settings.model import Settings
    from interview_tui.store.autosave import Autosaver
    from interview_tui.store.sessions import SessionStore
    from interview_tui.ui.screens.opening import OpeningScreen
    from interview_tui.ui.screens.go_to import GoTo


class AppHost(Protocol):
    """What the mixins use of ``InterviewApp`` besides its being a Textual App (set in its ``__init__``)."""

    store: SessionStore
    active_saver: Autosaver | None
    settings: Settings | DefaultSettings
    settings_problems: list[str]
    default_protocol: str | None
    _protocol_source: str
    """Where the default protocol was set (the settings file or an environment variable)."""

    def open_session(
        self, session: Session, read_only: bool = False, replace: Screen[Any] | None = None, go_to: GoTo | None = None
    ) -> Screen[Any] | None: ...
    def save_open_session(self) -> bool: ...
    def log_event(self, event: str, session_id: str | None = None) -> None: ...
    def holds(self, event: events.Event) -> bool: ...
    async def _take_keys_held_under_the_curtain(self) -> None: ...
    def opening_screen(self) -> OpeningScreen | None: ...
    def catalogue_needed_soon(self) -> bool: ...


if TYPE_CHECKING:

    class InterviewAppMixin(App[int], AppHost): ...

else:
    InterviewAppMixin = object
