"""The privacy curtain: the screen hidden on ctrl+l or after ``idle_lock_minutes`` without a key, the key dropped
with encryption on; keys typed under a curtain without a passphrase go to the screen when it is lifted; a change
of encryption made in another window brings it down too. Part of ``InterviewApp``; the screen itself is
``ui/screens/curtain.py``.
"""

from __future__ import annotations

import time
from textual import events

from interview_tui.ui.app_host import InterviewAppMixin


class CurtainMixin(InterviewAppMixin):
    """Needs, from the app: ``store``, ``save_open_session()``, ``log_event()``, ``holds()`` (keys kept for a
    session screen being built) and the attributes below, set in its ``__init__``."""

    idle_lock_minutes: float | None
    """Minutes without a key or mouse press before the curtain comes down (None: never)."""
    _last_activity: float
    curtain_down: bool
    _store_state: "tuple[bool, str | None]"


    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollUp, events.MouseScrollDown, events.Paste)):
            self._last_activity = time.monotonic()
        if self.holds(event):  # the session screen is being built: it gets this key when it is ready
            return
        await super().on_event(event)

    def _check_store_state(self) -> None:
        """Encryption turned on or off, or the passphrase changed, from another terminal: this app reads and writes
        nothing under the old state; it asks for the passphrase (or, turned off, carries on in plain text)."""
        if self.curtain_down:
            return  # looked at again once it is lifted
        keyring = self.store.keyring
        now = keyring.state()
        if now == self._store_state:
            return
        was, self._store_state = self._store_state, now
        unlocked = not keyring.locked and keyring.enabled
        if now[0] and (not was[0] or (unlocked and now[1] is not None and not keyring.is_current_id(now[1]))):
            keyring.lock()
            self.notify("The notes were encrypted, or the passphrase changed, in another window: type the passphrase.",
                        severity="warning", timeout=10)
            self.action_curtain()
        elif not now[0] and was[0]:
            keyring.lock()
            self.notify("Encryption was turned off in another window: the notes are plain text now.",
                        severity="warning", timeout=10)

    def _check_idle(self) -> None:
        self._check_store_state()
        if self.idle_lock_minutes is None or self.curtain_down:
            return
        if time.monotonic() - self._last_activity >= self.idle_lock_minutes * 60:
            self.action_curtain()

    def action_curtain(self) -> None:
        """Hide the screen now; with encryption on, save, drop the key and ask for the passphrase to come back."""
        if self.curtain_down:
            return
        from interview_tui.ui.screens.curtain import CurtainScreen

        keyring = self.store.keyring
        if keyring.enabled and not keyring.locked:
            self.save_open_session()
            keyring.lock()
        self.curtain_down = True
        self.push_screen(CurtainScreen(needs_passphrase=keyring.locked), callback=self._curtain_lifted)

    async def _curtain_lifted(self, held: "list[events.Event] | None") -> None:
        """The curtain is up: the keys typed under it go to the screen now, in order, as if typed there."""
        self.curtain_down = False
        self._last_activity = time.monotonic()
        for event in held or []:
            await self.on_event(event)

    def unlock_failed(self) -> None:
        """A wrong passphrase at the curtain (recorded in the audit log)."""
        self.log_event("unlock_failed")

    async def _take_keys_held_under_the_curtain(self) -> None:
        """Stopping while the curtain is down (without encryption): the keys held under it go in first, as
        Enter would have put them, so the last save has them."""
        from interview_tui.ui.screens.curtain import CurtainScreen

        curtain = self.screen
        if not isinstance(curtain, CurtainScreen) or curtain.needs_passphrase or not curtain.held:
            return
        held, curtain.held = curtain.held, []
        await self.pop_screen()
        await self._curtain_lifted(held)
