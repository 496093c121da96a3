"""Everything typed before ctrl+q or a signal is in the final save, even the keys sent a moment before it.

tmux sends the text and the stop together, as a fast typist does: the keys are still on their way through
the app (read, not yet in the note field, or in it and not yet in the session) when it is told to stop.
"""

from __future__ import annotations

import os
import shutil
import signal
import time

import pytest

from harness.tmux import TmuxApp

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

BURST = "BURSTWORDS said just now"


def started(tmp_path, n: int) -> TmuxApp:
    app = TmuxApp(tmp_path / f"data-{n}")
    app.start("new", "CL-01")
    app.wait_for("✓ saved")
    return app


def note(app: TmuxApp) -> str:
    return app.only_session()["phases"]["preparation"]["notes"].get("record-review", "")


@pytest.mark.parametrize("trial", range(3))
def test_text_typed_just_before_ctrl_q_is_saved(tmp_path, trial):
    app = started(tmp_path, trial)
    try:
        app.type_then_key(BURST, "C-q")
        assert app.exit_code() == 0
        assert note(app) == BURST
    finally:
        app.close()


@pytest.mark.parametrize(
    "how", ["SIGTERM", "SIGTERM", "SIGTERM", "SIGHUP", "SIGINT"], ids=["term-1", "term-2", "term-3", "hup", "int"]
)
def test_text_typed_just_before_a_signal_is_saved(tmp_path, how):
    app = started(tmp_path, 0)
    try:
        pid = app.app_pid()
        app.type(BURST)
        os.kill(pid, getattr(signal, how))  # at once: the keys are still on their way through the app
        assert app.exit_code() == 0
        assert note(app) == BURST
    finally:
        app.close()


@pytest.mark.parametrize("trial", range(3))
def test_text_and_ctrl_q_typed_while_the_app_starts_are_saved(tmp_path, trial):
    """Typed as soon as enter was pressed on the command line, before the first screen: ctrl+q still quits
    (the terminal, not yet the app's, must not take it as flow control) and the text is saved."""
    app = TmuxApp(tmp_path / "data")
    try:
        app.start("new", "CL-01")
        end = time.monotonic() + 20
        # Keys typed before the app runs at all are the terminal's (with flow control on, it keeps ctrl+q to
        # itself): typed in the moment the app has the terminal's echo and flow control off, still line by line
        # ("icanon"), before Textual has taken it over.
        while not {"-echo", "-ixon", "icanon"} <= set(flags := app.tty_flags()):
            assert "-echo" not in flags or "icanon" in flags, "missed the moment: the app has taken over"
            assert time.monotonic() < end, "the terminal's flow control was never turned off"
        app.type_then_key(BURST, "C-q")
        assert app.exit_code() == 0
        assert note(app) == BURST
        assert {"echo", "ixon"} <= set(app.tty_flags())  # the terminal as the shell had it
    finally:
        app.close()
