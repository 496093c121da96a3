"""Keys typed before a screen can take them are held, then given to it; and ``new CLIENT``'s hand-over.

A practitioner may type as soon as they have pressed enter on the command
line, before the first screen exists (the terminal keeps those keys for the
app): from the start until the first screen is shown, every key and paste
is held here, then replayed to it in the order it came.

``interview-tui new CLIENT`` first shows the opening screen (see
``ui/screens/opening.py``), then the session screen in its place. While the
session screen is being built, keys are held the same way, then replayed to
it after the field the practitioner was in is focused again and any session
key pressed on the opening screen is done. Part of ``InterviewApp``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events

from interview_tui.ui.app_host import InterviewAppMixin

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from interview_tui.phases.outline import PendingStart
    from interview_tui.core.session import Session
    from interview_tui.ui.screens.opening import OpeningScreen

HOLD_LIMIT_SECONDS = 3.0
"""Keys are never held longer than this, whatever happens to the session screen."""

Where = "tuple[str, Any, Any] | None"


class SessionOpeningMixin(InterviewAppMixin):
    """Needs, from the app: ``open_session`` (see ``AppHost``), and Textual's ``screen_stack``, ``screen``,
    ``set_timer``, ``call_later``, ``call_next``, ``on_event``."""

    _pending_start: "PendingStart | None" = None
    _held_keys: list[events.Event] | None = None
    _hold_timer: "Timer | None" = None
    _hold_until: "Screen | None" = None
    """Keys are held until this screen is shown (None while holding: until the first screen is shown)."""
    _after_opening: tuple[Any, list[str], bool] | None = None

    quitting: bool = False
    """True once the app is closing: no screen is opened any more."""

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.quitting = True
        super().exit(*args, **kwargs)

    def opening_screen(self) -> "OpeningScreen | None":
        """The opening screen whose session is not made yet, if there is one."""
        from interview_tui.ui.screens.opening import OpeningScreen

        for screen in self.screen_stack:
            if isinstance(screen, OpeningScreen) and screen.session is None:
                return screen
        return None

    def catalogue_needed_soon(self) -> bool:
        """True while a session is waiting for its protocol to be read."""
        return self.opening_screen() is not None

    def open_new_session(
        self, opening: "Screen", session: "Session", where: Any, actions: list[str], reveal: bool = True
    ) -> None:
        """Called by the opening screen once its session is made and saved: the session screen takes its place.
        ``reveal``: scroll the field the practitioner was in into view (else the phase is shown from its top)."""
        self.hold_keys()
        self._after_opening = (where, list(actions), reveal)
        screen = self.open_session(session, replace=opening)
        if screen is None:  # (could not be opened: the reason is shown)
            self.call_next(self._stop_holding)
        else:
            self._hold_until = screen

    # ------------------------------------------------------------ holding keys

    def hold_keys(self, from_the_start: bool = False) -> None:
        """Hold keys until the awaited screen is shown (never longer than HOLD_LIMIT_SECONDS).

        ``from_the_start``: called before the app runs; the time limit starts with ``start_hold_limit``."""
        if self._held_keys is None:
            self._held_keys = []
            if not from_the_start:
                self.start_hold_limit()

    def start_hold_limit(self) -> None:
        if self._held_keys is not None and self._hold_timer is None:
            self._hold_timer = self.set_timer(HOLD_LIMIT_SECONDS, self._stop_holding)

    def holds(self, event: events.Event) -> bool:
        """Keep a key or paste for later, if keys are being held (called first thing for every app event)."""
        if self._held_keys is None or not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            return False
        self._held_keys.append(event)
        return True

    def screen_shown(self, screen: "Screen") -> None:
        """A screen has finished its first layout: if keys wait for it, replay them to it."""
        if self._held_keys is None:
            return
        if screen is self._hold_until or (self._hold_until is None and screen is self.screen):
            self._hold_until = screen
            # Queued behind the focus changes the screen asked for as it was shown (Widget.focus is deferred),
            # so that ours comes last; keys arriving meanwhile are still held.
            self.call_later(self._stop_holding)

    async def _stop_holding(self) -> None:
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        after, self._after_opening = self._after_opening, None
        target = self._hold_until or self.screen
        self._hold_until = None
        if not target.is_attached:  # (closed meanwhile)
            target = self.screen
            after = None
        if after is not None:
            where, actions, reveal = after
            self._focus_again(target, where, reveal)
            for action in actions:
                await target.run_action(action)
        held, self._held_keys = self._held_keys or [], None
        for event in held:
            await self.on_event(event)

    @staticmethod
    def _focus_again(screen: "Screen", where: Any, reveal: bool = True) -> None:
        """Focus the widget the practitioner was in on the opening screen, cursor and selection as they were."""
        if not where:
            return
        widget_id, selection, scroll = where
        found = screen.query(f"#{widget_id}")
        if not found:
            return
        widget = found.first()
        if widget.focusable:
            screen.set_focus(widget, scroll_visible=False)  # at once (not deferred): the held keys go to it next
        if selection is not None:
            widget.selection = selection  # type: ignore[attr-defined]  # the field it was saved from has one

        def show() -> None:
            widget.scroll_visible(animate=False)
            if scroll is not None:
                widget.scroll_to(scroll.x, scroll.y, animate=False)

        if reveal:
            screen.call_after_refresh(show)  # (after the session screen's own scroll to the phase's title)
