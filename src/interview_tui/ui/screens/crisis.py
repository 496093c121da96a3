"""f2: the crisis protocol beside the session on screen, and back to exactly where the practitioner was.

From any phase of a session (or its review screen) f2 saves the session,
starts a crisis session for the same client (or reopens the one already
linked to this session), and puts it on top. The session underneath keeps
its screen as it was: phase, focused field, cursor and text. The original
records ``crisis_session_id`` and when the crisis step began; the crisis
session records ``opened_from``. f2 again, escape or ctrl+o in the crisis
session saves it and returns.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from interview_tui.casework.closing import CRISIS_PROTOCOL
from interview_tui.core.errors import os_reason
from interview_tui.core.session import Session
from interview_tui.store.autosave import Autosaver, PhaseClock
from interview_tui.store.lock import SessionBusy, SessionLock
from interview_tui.store.sessions import StoreError
from interview_tui.ui.of_app import app_of
from interview_tui.ui.screens.session import SessionScreen


def _crisis_session(screen: Screen, session: Session) -> Session | None:
    """The crisis session linked to ``session``, started (and linked) if there is none yet."""
    app = app_of(screen)
    if session.crisis_session_id is not None:
        try:
            return app.store.load(session.crisis_session_id)
        except StoreError as exc:
            screen.notify(f"Cannot open the linked crisis session: {exc}", severity="error", timeout=10)
            return None
    protocol = app.catalogue.protocol(CRISIS_PROTOCOL)
    if protocol is None:
        screen.notify(
            f"No '{CRISIS_PROTOCOL}' protocol is loaded (see `interview-tui phases check`).", severity="error", timeout=10
        )
        return None
    crisis = Session.start(session.client_code, protocol)
    crisis.opened_from = session.id
    try:
        app.store.save(crisis)
    except (OSError, StoreError) as exc:
        screen.notify(f"Cannot create the crisis session file: {os_reason(exc)}",
                      severity="error", timeout=10)
        return None
    session.crisis_session_id = crisis.id
    session.crisis_began_at = crisis.started_at
    session.touch()
    return crisis


def open_crisis_beside(screen: Screen, session: Session, saver: Autosaver | None) -> None:
    """Open (or reopen) the crisis session linked to ``session`` on top of ``screen``."""
    app = app_of(screen)
    if session.opened_from is not None or session.protocol.id == CRISIS_PROTOCOL:
        screen.notify("This is a crisis session already.", timeout=4)
        return
    if saver is None:
        screen.notify("This session is read-only here: start a crisis session from the home screen.",
                      severity="warning", timeout=6)
        return
    saver.phase_clock.book(session)
    crisis = _crisis_session(screen, session)
    if crisis is None:
        return
    saver.changed()
    if not saver.save_now():
        screen.notify("NOT SAVED: " + (saver.last_problem or "") + " (it stays open underneath and keeps retrying).",
                      severity="error", timeout=10)
    if crisis.id not in app.session_locks:
        try:
            app.hold_lock(SessionLock(app.store.folder, crisis.id).acquire())
        except SessionBusy as exc:
            screen.notify(str(exc), severity="error", timeout=10)
            return
    app.log_event("session_opened", crisis.id)

    def back(_result: None) -> None:
        app.active_saver = saver
        saver.phase_clock = PhaseClock(app.clock)  # time in the crisis session is not this phase's time
        saver.save_in_background()

    app.push_screen(CrisisSessionScreen(crisis), back)


class CrisisSessionScreen(SessionScreen):
    """A crisis session opened beside another session: f2, escape or ctrl+o save it and return there."""

    BINDINGS = [
        Binding(
            "f2", "crisis", "Return", id="crisis",
            tooltip="Crisis protocol: open it beside the session (from the crisis session: save and return).",
            priority=True,
        ),
        Binding(
            "escape", "return_to_session", "Return", id="crisis_return",
            tooltip="Save the crisis session and return to the session it was opened from.", show=False,
        ),
    ]

    async def action_crisis(self) -> None:  # type: ignore[override]  # Textual awaits an action that is async
        await self.action_close_session()

    async def action_return_to_session(self) -> None:
        await self.action_close_session()

    async def action_close_session(self) -> None:
        """Save, then return to the session underneath (dismiss, so it takes its autosaver back)."""
        if self.saver is not None and not self.saver.save_now():
            self.notify("NOT SAVED: " + (self.saver.last_problem or "") + ". Staying here.", severity="error")
            return
        self.dismiss(None)
