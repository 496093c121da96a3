"""The Textual application: a thin shell over the core.

``make_app`` builds it for the command line and the tests alike.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from interview_tui.paths import Locations
from interview_tui.storage import SessionStore

if TYPE_CHECKING:  # loaded when needed: the home screen draws before pydantic and the protocols are read
    from interview_tui.autosave import Autosaver
    from interview_tui.phase_files import Catalogue
    from interview_tui.session import Session

BENCH_READY_ENV = "INTERVIEW_TUI_BENCH_READY_FILE"
"""Benchmarks only: when set, the app writes "<wall-clock ns> <process CPU ns>" to this file once the first
screen the user asked for (home, or the session) has been drawn. See benchmarks/README.md."""


class InterviewApp(App[int]):
    """Home screen and session screens; owns signal handling and crash output."""

    TITLE = "interview-tui"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Save & quit",
            id="quit",
            tooltip="Save everything and close the app.",
            priority=True,
        ),
    ]

    def __init__(
        self,
        locations: Locations,
        catalogue: Catalogue | None,
        store: SessionStore,
        session: Session | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.clock = clock
        """Monotonic clock for time spent in phases (tests pass a fixed one)."""
        self.locations = locations
        self._catalogue = catalogue
        self.store = store
        self._first_session = session
        self.active_saver: Autosaver | None = None
        """The autosaver of the session on screen, if any (signals and crashes save through it)."""
        self._ready_marked = False

    def on_mount(self) -> None:
        from interview_tui.ui.screens.home import HomeScreen

        self._install_signal_handlers()
        self.push_screen(HomeScreen())
        if self._first_session is not None:
            self.open_session(self._first_session)

    @property
    def catalogue(self) -> Catalogue:
        """The protocols and technique cards; read from the phase folders on first use if not given."""
        if self._catalogue is None:
            from interview_tui.paths import builtin_phases_dir
            from interview_tui.phase_files import load_catalogue

            self._catalogue = load_catalogue([builtin_phases_dir(), self.locations.user_phases_dir])
        return self._catalogue

    @catalogue.setter
    def catalogue(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    @property
    def catalogue_loaded(self) -> bool:
        return self._catalogue is not None

    def screen_ready(self, screen: Screen) -> None:
        """A screen has finished its first layout; if it is the first one the user sees, tell a waiting benchmark."""
        path = os.environ.get(BENCH_READY_ENV)
        if path and screen is self.screen and not self._ready_marked:
            self._ready_marked = True
            screen.call_after_refresh(lambda: Path(path).write_text(f"{time.time_ns()} {time.process_time_ns()}"))

    def open_session(self, session: Session) -> None:
        from interview_tui.ui.screens.session import SessionScreen

        self.push_screen(SessionScreen(session))

    def save_open_session(self) -> bool:
        """Write the session on screen now and wait for it. True if nothing is left unsaved."""
        saver = self.active_saver
        return saver.save_now() if saver is not None else True

    async def action_quit(self) -> None:
        if self.save_open_session():
            self.exit(0)
        else:
            problem = self.active_saver.last_problem if self.active_saver else None
            self.notify(
                f"Could not save ({problem}). Your notes are still here; free space or fix the folder, "
                "then press ctrl+q again. ctrl+c quits without saving.",
                severity="error",
                timeout=15,
            )

    # ------------------------------------------------------------ signals

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGTERM, self._on_terminate)
            loop.add_signal_handler(signal.SIGHUP, self._on_hangup)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no such signal
            pass

    def _on_terminate(self) -> None:
        """SIGTERM: save, then close the app normally (the terminal is still there)."""
        saved = self.save_open_session()
        self.exit(0 if saved else 1)

    def _on_hangup(self) -> None:
        """SIGHUP: the terminal is gone. Save, then leave without touching it."""
        saved = self.save_open_session()
        os._exit(0 if saved else 1)

    # ------------------------------------------------------------ crashes

    def _fatal_error(self) -> None:
        """Replace Textual's crash report (which prints local variables) with one that shows no client text."""
        self.bell()
        exc_type, _exc, tb = sys.exc_info()
        saved_note = self._emergency_save()
        self._exit_renderables.append(Text(crash_message(exc_type, tb, saved_note)))
        self._close_messages_no_wait()

    def _emergency_save(self) -> str:
        saver = self.active_saver
        if saver is None:
            return "No session was open."
        try:
            ok = saver.save_now()
        except Exception:  # noqa: BLE001 - the report below must still be shown
            ok = False
        path = self.store.path_for(saver.session.id)
        if ok:
            return f"The session was saved to {path}."
        return f"The last save could not be written; the last good copy is {path}."


def crash_message(exc_type: type[BaseException] | None, tb, saved_note: str) -> str:
    """Name the error's type and where it happened, never its message or variables (they may hold notes)."""
    name = exc_type.__name__ if exc_type else "Error"
    where = ""
    if tb is not None:
        frames = traceback.extract_tb(tb)
        if frames:
            last = frames[-1]
            where = f" in {Path(last.filename).name}, line {last.lineno} ({last.name})"
    return (
        f"interview-tui stopped because of an internal error: {name}{where}.\n"
        f"{saved_note}\n"
        "The error's details are not shown because they could contain client text."
    )


def make_app(
    locations: Locations,
    catalogue: Catalogue | None = None,
    store: SessionStore | None = None,
    session: Session | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> InterviewApp:
    """Build the app; the command line and the tests both use this.

    Without a catalogue, the app reads the phase folders when it first needs them (just after the home
    screen's first frame)."""
    return InterviewApp(
        locations=locations,
        catalogue=catalogue,
        store=store or SessionStore(locations.sessions_dir),
        session=session,
        clock=clock,
    )
