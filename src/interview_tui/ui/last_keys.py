"""Before the last save (ctrl+q, a signal): every key the app has already received is in the session.

A key goes a long way from the terminal to the session file: the terminal's
buffer, Textual's input thread, the app's queue, the focused field's queue
(where it is typed into the field), then the field's change message, up
through its containers to the session screen, which puts the text in the
session. A stop that saves at once loses the last keys of a fast burst:
ctrl+q is handled while the keys before it still wait in the field's queue,
and a signal may arrive before they were even read. So before the last save:

- ``wait_for_unread_input`` (a signal only): until the terminal holds
  nothing unread, and a moment more for the input thread to pass on what it
  read. The caller then goes through the app's queue (``call_later``), so it
  comes after those keys, as ctrl+q does.
- ``settle_typing``: the focused widget handles the keys it was given, and
  the messages they made travel up to the screen, one queue after another.

The session screen then also takes every note field's text as it is
(``SessionScreen.take_in_notes``), whatever may still be on its way.
"""

from __future__ import annotations

import asyncio
import sys
import time

from textual.message_pump import MessagePump
from textual.screen import Screen

QUEUE_SECONDS = 0.5
"""At most this long for one queue to reach a marker (a widget stuck in a handler does not stop the save)."""
UNREAD_SECONDS = 1.0
"""At most this long for the input thread to read what the terminal holds."""
HAND_OVER_SECONDS = 0.05
"""After the terminal holds nothing unread: time for the input thread to parse and post what it read."""


def unread_input_bytes() -> int:
    """How many bytes the terminal holds that nobody has read yet (0 when stdin is not a terminal)."""
    stdin = sys.__stdin__
    try:
        if stdin is None or not stdin.isatty():
            return 0
        import fcntl
        import struct
        import termios

        found = fcntl.ioctl(stdin.fileno(), termios.FIONREAD, b"\0\0\0\0")
        return struct.unpack("i", found)[0]
    except (OSError, ValueError, ImportError):  # (closed, or not a POSIX terminal)
        return 0


async def wait_for_unread_input() -> None:
    end = time.monotonic() + UNREAD_SECONDS
    while unread_input_bytes() and time.monotonic() < end:
        await asyncio.sleep(0.01)
    await asyncio.sleep(HAND_OVER_SECONDS)


async def through_queue(pump: MessagePump) -> None:
    """Return once ``pump`` has handled every message it had when called (or after QUEUE_SECONDS)."""
    reached = asyncio.Event()
    if not pump.call_later(reached.set):
        return  # (closing: it takes nothing more)
    try:
        await asyncio.wait_for(reached.wait(), timeout=QUEUE_SECONDS)
    except asyncio.TimeoutError:
        pass


async def settle_typing(screen: Screen) -> None:
    """The focused widget's keys handled, and the messages they made handled all the way up to ``screen``.

    Queues are first in, first out, and a message bubbles to the parent's queue once handled: a marker
    through each queue in turn, from the focused widget up, comes after every message on its way up."""
    focused = screen.focused
    if focused is None:
        return
    await through_queue(focused)  # the keys it was given (their change messages are queued behind this marker)
    for node in [focused, *focused.ancestors]:
        await through_queue(node)
        if node is screen:
            break
