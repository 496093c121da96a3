"""Keys typed before the app's first screen are not echoed onto the terminal.

A practitioner may start typing as soon as they press enter on the command
line. Until Textual takes the terminal over, the terminal itself echoes
those keys onto the normal screen, and they stay there (in the scrollback)
after the app has closed: client text left behind for the next person at
the laptop. So the command that opens the app turns the terminal's echo off
first thing (the keys are still kept for the app, which replays them), and
puts the terminal back as it found it when the app has closed. A prompt on
the command line before the app starts (reopening a closed case) echoes as
usual (``echoing``).

Flow control is turned off with the echo: a terminal that has it takes
ctrl+q and ctrl+s for itself (resume and pause output), so a ctrl+q typed
while the app starts would never reach it, and a ctrl+s would freeze the
screen. Both are the app's keys (quit, save).
"""

from __future__ import annotations

import atexit
import sys
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import termios
except ImportError:  # (not a POSIX terminal: nothing to do)
    termios = None  # type: ignore[assignment]

_found: list | None = None
"""The terminal's settings as the command found them, while its echo is off."""


def _fd() -> int | None:
    try:
        return sys.stdin.fileno() if sys.stdin is not None and sys.stdin.isatty() else None
    except (OSError, ValueError):
        return None


def quiet() -> None:
    """Turn the terminal's echo and flow control off (input already typed stays waiting for the app); restored at
    exit."""
    global _found
    fd = _fd()
    if termios is None or fd is None or _found is not None:
        return
    try:
        found = termios.tcgetattr(fd)
        silent = list(found)
        silent[3] &= ~(termios.ECHO | termios.ECHONL)  # the local modes; TCSANOW keeps what is typed already
        silent[0] &= ~termios.IXON  # ctrl+q and ctrl+s are the app's keys (quit, save), not flow control
        termios.tcsetattr(fd, termios.TCSANOW, silent)
    except (termios.error, OSError):
        return
    _found = found
    atexit.register(restore)


def restore() -> None:
    """The terminal's settings as they were found (nothing if ``quiet`` did nothing)."""
    global _found
    fd = _fd()
    if termios is None or _found is None or fd is None:
        _found = None
        return
    try:
        termios.tcsetattr(fd, termios.TCSANOW, _found)
    except (termios.error, OSError):
        pass
    _found = None


def is_quiet() -> bool:
    return _found is not None


@contextmanager
def echoing() -> Iterator[None]:
    """Echo on for a prompt on the command line, then off again (if it was off)."""
    if _found is None:
        yield
        return
    restore()
    try:
        yield
    finally:
        quiet()
