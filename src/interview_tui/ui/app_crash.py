"""The app's crash report: the session saved first, and no client text shown. Part of ``InterviewApp``.

Textual's own crash screen prints the traceback with local variables, so a
note held in a variable would reach the terminal (and its scrollback).
"""

from __future__ import annotations

import sys

from interview_tui.core.error_report import describe_error
from interview_tui.ui.app_host import InterviewAppMixin


class CrashReportMixin(InterviewAppMixin):
    """Needs, from the app: ``active_saver``, ``store``, ``opening_screen``, ``save_open_session`` (see
    ``AppHost``), and Textual's ``bell``, ``_exit_renderables``, ``_close_messages_no_wait``."""

    def _fatal_error(self) -> None:
        """Replace Textual's crash report (which prints local variables) with one that shows no client text."""
        self.bell()
        from rich.text import Text

        exc_type, _exc, tb = sys.exc_info()
        saved_note = self._emergency_save()
        self._exit_renderables.append(Text(crash_message(exc_type, tb, saved_note)))
        self._close_messages_no_wait()

    def _emergency_save(self) -> str:
        saver = self.active_saver
        if saver is None and self.opening_screen() is not None:
            try:
                started = self.save_open_session()
            except Exception:  # noqa: BLE001 - the report below must still be shown
                started = False
            return "The new session was saved." if started else "The new session could not be started."
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
    return (
        f"interview-tui stopped because of an internal error: {describe_error(exc_type, tb)}.\n"
        f"{saved_note}\n"
        "The error's details are not shown because they could contain client text."
    )
