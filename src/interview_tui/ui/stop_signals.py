"""Signals that end the app, from the first moment of the command that opens it to its last.

The app installs its own handlers once it is mounted (``InterviewApp._install_signal_handlers``: save what exists,
then stop and give the terminal back). Before that, a signal would end the process with the default action, with
the terminal's echo still off (see ``cli/tty_echo.py``), and after the app's loop has closed the same. So the
command that opens the app holds the stop signals first thing:

- before the app runs, a stop signal raises ``StopBeforeStart`` (nothing typed exists yet to save), which the
  command turns into a clean exit with the terminal as it was, exit code 128 + the signal's number;
- while the app is starting, before its own handlers are in place, the signal is noted, and the app acts on it
  as soon as they are (``take_pending``): it saves and stops as for a signal a minute later.

No Textual here: this is imported before it.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = ("SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP")

_pending: list[str] = []
_app_running = False
_raised: list[str] = []
"""Stop signals raised before the app ran. A library's import-time ``except:`` may swallow the raise (or turn it
into another error): the command then still ends as the signal asked (``raised_before_start``)."""


class StopBeforeStart(BaseException):
    """A stop signal before the app ran (a BaseException, like KeyboardInterrupt: nothing may swallow it)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
        self.exit_code = 128 + int(getattr(signal, name))


def hold() -> None:
    """From now on, a stop signal is handled here until the app's own handlers take over."""
    for name in STOP_SIGNALS:
        try:
            signal.signal(getattr(signal, name), _on_signal)
        except (ValueError, OSError, AttributeError):  # not the main thread, or no such signal here
            pass


def _on_signal(signum: int, frame: FrameType | None) -> None:
    name = signal.Signals(signum).name
    if _app_running:
        _pending.append(name)  # the app acts on it once its handlers are in place
        return
    _raised.append(name)
    raise StopBeforeStart(name)


def raised_before_start() -> StopBeforeStart | None:
    """The stop signal raised before the app ran, if any: an error after it is its consequence, not a fault."""
    return StopBeforeStart(_raised[0]) if _raised else None


@contextmanager
def app_running() -> Iterator[None]:
    """Around ``app.run()``: signals are noted for the app instead of raised; held again once it has closed."""
    global _app_running
    swallowed = raised_before_start()
    if swallowed is not None:  # (raised during start-up but caught on the way: stop now, before the app runs)
        raise swallowed
    _app_running = True
    try:
        yield
    finally:
        _app_running = False
        hold()  # (the app's loop, closing, gave the signals back to their default actions)


def take_pending() -> str | None:
    """The stop signal received while the app was starting, if any (once)."""
    return _pending.pop(0) if _pending else None
