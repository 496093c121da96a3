"""How the app stops on a signal: the keys already sent go in, the last save, a rescue copy if it fails.

Part of ``InterviewApp``. Before the app's own handlers are in place, ``stop_signals.py`` holds the signals.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, cast

from interview_tui.ui import stop_signals
from interview_tui.ui.app_host import InterviewAppMixin
from interview_tui.ui.last_keys import settle_typing, wait_for_unread_input
from interview_tui.ui.rescue_offer import keep_what_was_not_saved

if TYPE_CHECKING:
    from interview_tui.ui.app import InterviewApp


class StoppingMixin(InterviewAppMixin):
    STOP_SIGNALS = stop_signals.STOP_SIGNALS
    """Each saves everything received so far, then ends the app (SIGHUP: the terminal is gone, see below)."""
    HANG_UP_LIMIT_SECONDS = 5.0
    """After SIGHUP, the app leaves by then whatever happens (saving at once if it could not yet)."""

    _stopping = False

    def _install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for name in self.STOP_SIGNALS:
            try:
                loop.add_signal_handler(getattr(signal, name), self._on_stop_signal, name)
            except (NotImplementedError, RuntimeError, ValueError, AttributeError):  # not the main thread, or no such signal
                pass
        early = stop_signals.take_pending()  # came while the app was starting (see stop_signals.py)
        if early is not None:
            self._on_stop_signal(early)

    def _on_stop_signal(self, name: str) -> None:
        """A signal to stop: the keys already sent go in first (see ``last_keys.py``), then the last save.

        SIGHUP: the terminal is gone; the app saves, then leaves without touching it."""
        if self._stopping:
            return
        self._stopping = True
        hang_up = name == "SIGHUP"
        loop = asyncio.get_running_loop()
        loop.create_task(self._stop_after_input(hang_up))
        if hang_up:
            loop.call_later(self.HANG_UP_LIMIT_SECONDS, self._hang_up_now)

    async def _stop_after_input(self, hang_up: bool) -> None:
        await wait_for_unread_input()
        self.call_later(self._last_save_and_stop, hang_up)  # behind the keys in the app's queue

    async def _last_save_and_stop(self, hang_up: bool) -> None:
        await self._take_keys_held_under_the_curtain()
        await settle_typing(self.screen)
        saved = self.save_open_session()
        if not saved:
            self.rescued = keep_what_was_not_saved(cast("InterviewApp", self))  # said on stderr once the terminal is given back
        if hang_up:
            os._exit(0 if saved else 1)
        self.exit(return_code=0 if saved else 1)

    def _hang_up_now(self) -> None:
        saved = self.save_open_session()
        if not saved:
            keep_what_was_not_saved(cast("InterviewApp", self))
        os._exit(0 if saved else 1)

    rescued: "list[Path]" = []
    """Rescue copies kept because the last save failed (see ``rescue_offer.py``)."""
