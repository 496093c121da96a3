"""The session screen's save status and clock: what the bar says about the notes on disk, and the time spent.

A mixin of ``SessionScreen`` (which owns ``session``, ``saver``, ``read_only``).
The autosave thread reports each write here without ever waiting for the UI.
"""

from __future__ import annotations

import asyncio
import threading

from textual.content import Content
from textual.widgets import Static

from interview_tui.core.visible_text import visible
from interview_tui.ui.screens.session_host import SessionScreenMixin


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"



def _show(label: Static, text: str) -> None:
    """Put ``text`` in a label of the bar. The clock changes every second and each save says so: a label whose
    text is the same is left alone, and one of the same length is redrawn without laying out the screen again
    (a layout of the session screen costs milliseconds, and a keystroke arriving then would wait for it)."""
    old = str(label.content)
    if old == text:
        return
    label.update(Content(text), layout=len(old) != len(text))


class SaveStatus(SessionScreenMixin):
    _last_save_ok: bool = True
    _ui_loop: asyncio.AbstractEventLoop | None = None
    _ui_thread: int | None = None

    def remember_ui_thread(self) -> None:
        """Call from ``on_mount``: where the autosave thread's reports must be handed over."""
        self._ui_loop, self._ui_thread = asyncio.get_running_loop(), threading.get_ident()

    def _tick(self) -> None:
        if self.saver is not None:
            self.saver.tick()
        self._update_elapsed()

    def _update_elapsed(self) -> None:
        seconds = self.session.total_seconds()
        if self.saver is not None and self.session.status != "completed":  # a finished session's clock stops
            seconds += self.saver.phase_clock.unbooked()
        _show(self.query_one("#bar-elapsed", Static), f"⏱ {format_duration(seconds)}")

    def _saved_from_thread(self, ok: bool, problem: str | None) -> None:
        """Told by the autosave thread after each write. Never waits for the UI: the UI may itself be waiting
        for this thread (closing the screen joins the writer), and ``call_from_thread`` would deadlock then."""
        loop = self._ui_loop
        if loop is None or threading.get_ident() == self._ui_thread:
            self._after_save(ok)  # on the app's own thread (save_now)
            return
        try:
            loop.call_soon_threadsafe(self._after_save, ok)
        except RuntimeError:  # the app has closed: nothing left to show it on
            pass

    def _after_save(self, ok: bool) -> None:
        self._last_save_ok = ok
        if self.is_attached:
            self._show_saved_state()

    def _show_saved_state(self) -> None:
        label = self.query_one("#bar-saved", Static)
        if self.read_only:
            _show(label, f"read-only: {self.app.store.read_only_reason(self.session.id)}; nothing is saved")
            label.set_class(True, "not-saved")
        elif self._last_save_ok:
            _show(label, "✓ saved to a copy" if self.saver and self.saver.kept_apart else "✓ saved")
            label.set_class(False, "not-saved")
        else:
            problem = self.saver.last_problem if self.saver else ""
            _show(label, f"⚠ NOT SAVED: {problem} (retrying)")
            label.set_class(True, "not-saved")
        self._show_kept_apart()

    def _show_kept_apart(self) -> None:
        """Once another machine has changed the session's file, a line under the bar says, for as long as the
        screen is open, that this version is kept in a copy and where (``check_before_write``)."""
        notice = self.saver.kept_apart_notice() if self.saver is not None else None
        line = self.query_one("#session-kept-apart", Static)
        if notice is not None:
            _show(line, visible(notice))
        line.set_class(notice is not None, "shown")
