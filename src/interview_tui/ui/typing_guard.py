"""No typing is dropped without a sign: a key that no field took is refused with a bell and a notice.

A printable key (or a paste) reaches the screen only when the focused
widget did not take it: a note or a one-line field stops the keys it
types, a scale stops its digits, a choice the first letters of its options.
What reaches the screen would vanish (a list of entries, a button, the
phase list, nothing focused), unless a key binding of the focused widget or
one of its containers is about to use it (a checklist's space, a goal
list's ``a``: Textual runs those after the key has passed the screen).

Such a key is refused: the bell rings and a notice says where typing goes.
One notice for a burst of keys, not one per key. Mixed into the session
screen, the goal and plan-item form and the client view; a widget may say in ``typing_hint``
what it takes instead.
"""

from __future__ import annotations

import time

from textual import events

DEFAULT_HINT = "Typing goes into the note and answer fields: tab moves to the next one, shift+tab back."
NOTICE_SECONDS = 4.0
"""How long the notice stays; keys refused meanwhile ring no bell and post no second notice."""


def typing_hint(widget, where: str = DEFAULT_HINT) -> str:
    """What the focused widget takes, and where typing goes (the widget's ``typing_hint``, then ``where``)."""
    from textual.widgets import Button

    hint = getattr(widget, "typing_hint", None)
    if hint is None and isinstance(widget, Button):
        hint = "This is a button: enter presses it."
    return f"{hint} {where}" if hint else where


class TypingGuard:
    """For screens (``self`` is a Screen): refuse the typing no field took."""

    _last_refused: float | None = None
    TYPING_GOES = DEFAULT_HINT
    """Where typing goes on this screen (said with the notice)."""

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or not event.character:
            return
        for _namespace, bindings in self._modal_binding_chain:  # type: ignore[attr-defined]
            if any(not b.priority for b in bindings.key_to_bindings.get(event.key, ())):
                return  # a binding of the focused widget (or above) is about to use it
        event.stop()
        event.prevent_default()
        self.refuse_typing()

    def on_paste(self, event: events.Paste) -> None:
        if event.text:
            event.stop()
            self.refuse_typing()

    def refuse_typing(self) -> None:
        now = time.monotonic()
        if self._last_refused is not None and now - self._last_refused < NOTICE_SECONDS:
            return  # the notice is still showing
        self._last_refused = now
        self.app.bell()  # type: ignore[attr-defined]
        hint = typing_hint(self.focused, self.TYPING_GOES)  # type: ignore[attr-defined]
        self.app.notify("Not typed. " + hint, severity="warning", timeout=NOTICE_SECONDS)  # type: ignore[attr-defined]
