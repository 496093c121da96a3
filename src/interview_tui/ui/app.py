"""The Textual application: a thin shell over the core.

``make_app`` builds it for the command line and the tests alike.

Launch is kept short: the first screen is drawn before the phase files are
read (see ``phases/catalogue.py``) and before pydantic is imported; screens
and the modules they need are imported when they are first shown.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from interview_tui.core.errors import os_reason
from interview_tui.phases.catalogue import LazyCatalogue
from interview_tui.store.paths import Locations
from interview_tui.settings.defaults import DefaultSettings, LoadedSettings, settings_path
from interview_tui.store.sessions import SessionStore
from interview_tui.ui import start_up_collector
from interview_tui.ui.app_curtain import CurtainMixin
from interview_tui.ui.app_crash import CrashReportMixin, crash_message  # noqa: F401 - crash_message re-exported
from interview_tui.ui.app_opening import SessionOpeningMixin
from interview_tui.ui.app_phase_files import PhaseFilesMixin
from interview_tui.ui.app_stopping import StoppingMixin
from interview_tui.ui.last_keys import settle_typing
from interview_tui.ui.rescue_offer import offer_rescue_copies
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.visible_filter import SHOW_CONTROL_CHARACTERS

if TYPE_CHECKING:
    from interview_tui.casework.clients import ClientBook
    from interview_tui.store.autosave import Autosaver
    from interview_tui.phases.files import Catalogue
    from interview_tui.phases.outline import PendingStart
    from interview_tui.core.session import Session
    from interview_tui.ui.screens.go_to import GoTo
    from textual.filter import LineFilter
    from interview_tui.store.lock import SessionLock
    from interview_tui.settings.model import Settings
    from interview_tui.ui.screens.home import HomeScreen
    from interview_tui.ui.screens.session import SessionScreen

BENCH_READY_ENV = "INTERVIEW_TUI_BENCH_READY_FILE"
"""Benchmarks only: when set, the app writes "<wall-clock ns> <process CPU ns>" to this file once the first
screen the user asked for (home, or the session) has been drawn. See benchmarks/README.md."""


FROM_SETTINGS = object()
"""Default of ``idle_lock_minutes``: take it from the settings (None turns the lock off)."""


class InterviewApp(CurtainMixin, PhaseFilesMixin, SessionOpeningMixin, StoppingMixin, CrashReportMixin, App[int]):
    """Home screen and session screens; owns signal handling and crash output."""

    TITLE = "interview-tui"
    CSS_PATH = [  # noqa: RUF012 - Textual's
        style_sheet("app"), style_sheet("home"), style_sheet("opening"), style_sheet("new_session"),
    ]
    """The app's styles, those of the screens that can be the first one drawn, and the new-session dialog's (the
    home screen's first key, most days): read with the widgets' own at start. (A screen's CSS_PATH read when it
    is first shown makes Textual parse every style sheet again, from scratch, before that screen's first frame;
    these screens keep their CSS_PATH, then already read.)"""
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",  # short: at 80 columns the session footer has no room for more (every quit saves first)
            id="quit",
            tooltip="Save everything and close the app.",
            priority=True,
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="command_palette",
            tooltip="Search every command of this screen, go to a phase, change the theme.",
            show=False,
            priority=True,
        ),
        Binding(
            "ctrl+l,f12",
            "curtain",
            "Hide screen",
            id="curtain",
            tooltip="Hide everything at once (someone walks in). With encryption on, the passphrase brings it back.",
            priority=True,
            show=False,  # listed in help (f1), the command palette and the README; the footer has no room at 80 columns
        ),
    ]
    IDLE_CHECK_SECONDS = 1.0

    def __init__(
        self,
        locations: Locations,
        catalogue: "Catalogue | LazyCatalogue",
        store: SessionStore,
        session: "Session | None" = None,
        settings: "Settings | LoadedSettings | None" = None,
        clock: Callable[[], float] = time.monotonic,
        idle_lock_minutes: float | None | object = FROM_SETTINGS,
        pending_start: "PendingStart | None" = None,
    ) -> None:
        loaded = settings if isinstance(settings, LoadedSettings) else None
        given = None if isinstance(settings, LoadedSettings) else settings
        self.settings: Settings | DefaultSettings = loaded.settings if loaded else (given or DefaultSettings())
        """A ``settings.Settings``, or ``DefaultSettings`` (same fields) when nothing was set."""
        self.settings_file = settings_path(locations.config_dir)
        self.settings_problems: list[str] = [str(p) for p in loaded.problems] if loaded else []
        """What was wrong in the settings (file or environment); shown on the home screen."""
        keymap: dict[str, str] = {}
        if self.settings.keymap:  # the usual case has none: no need to import every screen to list bindings
            from textual.keys import _normalize_key_list

            from interview_tui.ui.keys import check_keymap

            keymap, key_problems = check_keymap(self.settings.keymap, self.settings_file)
            self.settings_problems += key_problems
            if "command_palette" in keymap:  # the footer finds the palette's binding by this key
                # (Textual declares it a ClassVar but reads it from the app: set for this window only)
                self.COMMAND_PALETTE_BINDING = _normalize_key_list(keymap["command_palette"]).split(",")[0]  # type: ignore[misc]
        super().__init__()
        self.clock = clock
        """Monotonic clock for time spent in phases (tests pass a fixed one)."""
        self.idle_lock_minutes: float | None = (
            self.settings.idle_lock_minutes if idle_lock_minutes is FROM_SETTINGS else idle_lock_minutes  # type: ignore[assignment]
        )
        """Minutes without a key or mouse press before the curtain comes down (None: never)."""
        self._last_activity = time.monotonic()
        self.curtain_down = False
        self._store_state: tuple[bool, str | None] = (False, None)
        """The store's encryption as last seen (``Keyring.state``): a change from another terminal is noticed."""
        self.locations = locations
        self._catalogue = catalogue if isinstance(catalogue, LazyCatalogue) else LazyCatalogue.of(catalogue)
        self.store = store
        self._client_book: ClientBook | None = None
        """The client records of ``store``, made when first needed (see ``ui.casework.client_book``)."""
        self.casework_today: Callable[[], date] = date.today
        """Today, as the due list sees it (tests give a fixed day)."""
        self._first_session = session
        self._pending_start = pending_start
        """``new CLIENT`` before its protocol is validated: shown by the opening screen (see app_opening.py)."""
        self.active_saver: Autosaver | None = None
        """The autosaver of the session on screen, if any (signals and crashes save through it)."""
        self.session_locks: dict[str, SessionLock] = {}
        """Sessions this window has open: no other window may open them meanwhile."""
        self._ready_marked = False
        self.hold_keys(from_the_start=True)  # keys typed ahead wait for the first screen (see app_opening.py)
        self.set_keymap(keymap)
        self.default_protocol: str | None = self.settings.default_protocol
        """The protocol the new-session dialog offers first (checked once the protocols are known)."""
        self._protocol_source = loaded.from_env.get("default_protocol", str(self.settings_file)) if loaded else "settings"
        if self._catalogue.loaded:
            self._check_default_protocol()
        self._theme_env = loaded.from_env.get("theme") if loaded else None
        self._apply_theme_setting()

    def _apply_theme_setting(self) -> None:
        from interview_tui.ui.themes import APP_THEMES

        for theme in APP_THEMES:
            self.register_theme(theme)
        wanted = self.settings.theme
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            source = self._theme_env or str(self.settings_file)
            known = ", ".join(sorted(self.available_themes))
            self.settings_problems.append(f"{source}: theme '{wanted}' does not exist (known: {known}); using {self.theme}")
        self._remembered_theme = self.theme

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen in the app is written to the settings file, keeping the file's comments."""
        from interview_tui.settings.file import SettingsWriteError, remember_setting

        if theme.name == self._remembered_theme:
            return
        self._remembered_theme = theme.name
        try:
            remember_setting(self.settings_file, "theme", theme.name)
        except SettingsWriteError as exc:
            self.notify(f"Theme not remembered: {exc}", severity="warning", timeout=8)
            return
        if self._theme_env:
            self.notify(
                f"Theme saved in {self.settings_file}, but {self._theme_env} is set and will win next time.",
                timeout=8,
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, then every key action of the current screen (keys as remapped).

        A command is named by its binding's tooltip ("Go to the next phase"),
        which says more than the footer's short label ("Next"). Textual's
        "Screenshot" is left out: it writes the screen, client text and all,
        as an unencrypted SVG outside the store (see ``deliver_screenshot``).
        """
        from interview_tui.ui.keys import key_help

        yield from (c for c in super().get_system_commands(screen) if c.title != "Screenshot")
        skip = {"quit", "command_palette"}  # Textual lists Quit already (it runs our save-first quit)
        for entry in key_help(self, [screen]):
            if entry.action in skip:
                continue
            title = entry.tooltip.rstrip(".") or entry.description
            yield SystemCommand(title, f"{entry.description} ({entry.keys})", partial(screen.run_action, entry.action))

    def get_line_filters(self) -> "Sequence[LineFilter]":
        """Textual's filters, then the one that shows control characters as symbols (never sent raw)."""
        return [*super().get_line_filters(), SHOW_CONTROL_CHARACTERS]

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.deliver_screenshot(filename, path)

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> str | None:  # type: ignore[override]
        """Never: a screenshot is client text in a file outside the store, unencrypted. (Tests use
        ``export_screenshot``, which only returns the picture.)"""
        self.bell()
        self.notify("Screenshots are switched off: they would write client notes to an unencrypted file.",
                    severity="warning")
        return None

    def save_screenshot(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        """Never either (TEXTUAL_SCREENSHOT=... would call it): nothing is written."""
        self.deliver_screenshot()
        return ""

    def on_mount(self) -> None:
        self.set_timer(start_up_collector.LATEST_SECONDS, start_up_collector.resume)
        self.start_hold_limit()
        self._install_signal_handlers()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._pending_start is not None:
            # (The home screen is made when the session is closed: see pop_screen.)
            from interview_tui.ui.screens.opening import OpeningScreen

            self.push_screen(OpeningScreen(self._pending_start))
        else:
            from interview_tui.ui.screens.home import HomeScreen

            self.push_screen(HomeScreen())  # (beneath a session opened from the command line, it reads nothing)
            if self._first_session is not None:
                self._hold_until = self.open_session(self._first_session)
        if self.store.keyring.locked:
            self.action_curtain()
            # The first screen is the passphrase: keys typed ahead go there once it is shown (its field focused).
            self._hold_until = self.screen_stack[-1]
            self.call_after_refresh(self.call_later, self._stop_holding)
        self._store_state = self.store.keyring.state()
        self.set_interval(self.IDLE_CHECK_SECONDS, self._check_idle)

    def pop_screen(self):  # type: ignore[override]
        """Back to the screen below; from the last screen (a session opened first), back to a new home screen."""
        from interview_tui.ui.screens.home import HomeScreen

        stack = self.screen_stack
        if len(stack) == 2 and not isinstance(stack[-1], HomeScreen):  # (stack[0] is Textual's blank screen)
            return self.switch_screen(HomeScreen())
        return super().pop_screen()

    def screen_ready(self, screen: Screen) -> None:
        """A screen has finished its first layout. If it is the first one the user sees: tell a waiting
        benchmark, and once it is drawn, find out what is wrong in the phase files (``check_phase_files``)."""
        self.screen_shown(screen)
        if screen is not self.screen or self._ready_marked:
            return
        self._ready_marked = True
        path = os.environ.get(BENCH_READY_ENV)
        if path:
            screen.call_after_refresh(lambda: Path(path).write_text(f"{time.time_ns()} {time.process_time_ns()}"))
        screen.call_after_refresh(self.check_phase_files)
        screen.call_after_refresh(self._offer_rescue_copies)
        screen.call_after_refresh(start_up_collector.resume)

    @work(exclusive=True, group="rescue")
    async def _offer_rescue_copies(self) -> None:
        await offer_rescue_copies(self)

    def open_session(
        self, session: "Session", read_only: bool = False, replace: Screen | None = None, go_to: "GoTo | None" = None
    ) -> Screen | None:
        """Show a session (locked for this window unless read-only), on top of the stack or in place of
        ``replace`` if that is the current screen, at ``go_to`` if given (else where it was left). Returns the
        session screen, or None if it cannot be opened."""
        from interview_tui.store.lock import SessionBusy
        from interview_tui.store.opening import lock_for_this_window
        from interview_tui.ui.screens.session import SessionScreen

        read_only = read_only or self.store.is_read_only(session.id)
        if not read_only and session.id not in self.session_locks:
            try:
                lock = lock_for_this_window(self.store, session.id)
            except SessionBusy as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return None
            if lock is None:
                read_only = True
            else:
                self.hold_lock(lock)
        self.log_event("session_opened", session.id)
        screen = SessionScreen(session, read_only=read_only, go_to=go_to)
        if replace is not None and self.screen is replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return screen

    def log_event(self, event: str, session_id: str | None = None) -> None:
        """Add to the audit log (event and session id only); a failure is shown, and the work goes on."""
        from interview_tui.store.audit import AuditError, AuditLog

        try:
            AuditLog(self.locations.data_dir).log(event, session_id)
        except (OSError, AuditError) as exc:
            self.notify(f"Could not write the audit log: {os_reason(exc)}", severity="warning")

    def hold_lock(self, lock: "SessionLock") -> None:
        """Keep a session's lock until its screen closes (the command line takes it before the app starts)."""
        self.session_locks[lock.session_id] = lock

    def release_lock(self, session_id: str) -> None:
        lock = self.session_locks.pop(session_id, None)
        if lock is not None:
            lock.release()

    def save_open_session(self) -> bool:
        """Write the session on screen now and wait for it. True if nothing is left unsaved."""
        opening = self.opening_screen()
        if opening is not None:  # typed before the session was made: make it now (waits for the phase files)
            return opening.start_session(hand_over=False)
        others_saved = True
        for screen in self._session_screens():
            screen.take_in_notes()  # (a note's change message may still be on its way)
            beneath = screen.saver
            if beneath is not None and beneath is not self.active_saver and beneath.unsaved:
                others_saved = beneath.save_now() and others_saved  # a session under a crisis session
        saver = self.active_saver
        if saver is None:
            return others_saved
        if self.store.keyring.locked and not saver.unsaved:
            return others_saved  # saved before the key was dropped; nothing typed since (the curtain was down)
        return saver.save_now() and others_saved

    def _session_screens(self) -> "list[SessionScreen]":
        module = sys.modules.get("interview_tui.ui.screens.session")
        if module is None:  # no session screen was ever made here: nothing to import (it loads the data models)
            return []
        return [screen for screen in self.screen_stack if isinstance(screen, module.SessionScreen)]

    async def action_quit(self) -> None:
        await self._take_keys_held_under_the_curtain()
        await settle_typing(self.screen)  # the keys typed just before ctrl+q are still on their way
        if self.save_open_session():
            self.exit(0)
        else:
            opening = self.opening_screen()
            problem = self.active_saver.last_problem if self.active_saver else (opening.problem if opening else None)
            self.notify(
                f"Could not save ({problem}). Your notes are still here; free space or fix the folder, "
                "then press ctrl+q again. ctrl+c quits without saving.",
                severity="error",
                timeout=15,
            )

    def home_screen(self) -> "HomeScreen | None":
        from interview_tui.ui.screens.home import HomeScreen

        return next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)


def make_app(
    locations: Locations,
    catalogue: "Catalogue | LazyCatalogue",
    store: SessionStore | None = None,
    session: "Session | None" = None,
    settings: "Settings | LoadedSettings | None" = None,
    clock: Callable[[], float] = time.monotonic,
    idle_lock_minutes: float | None | object = FROM_SETTINGS,
    pending_start: "PendingStart | None" = None,
) -> InterviewApp:
    """Build the app; the command line and the tests both use this.

    ``catalogue``: the phase files as read (``load_catalogue``), or a
    ``LazyCatalogue`` to read them after the first screen is drawn.
    ``settings`` as loaded by ``load_settings`` (its problems are shown on the
    home screen), or a ``Settings`` built in code; None means the defaults.
    ``pending_start``: a session to start as soon as its protocol is read,
    drawn before that (``interview-tui new CLIENT``; see ``phases/outline.py``).
    """
    if store is None:
        store = SessionStore(locations.sessions_dir)
    return InterviewApp(
        locations=locations,
        catalogue=catalogue,
        store=store,
        session=session,
        settings=settings,
        clock=clock,
        idle_lock_minutes=idle_lock_minutes,
        pending_start=pending_start,
    )
