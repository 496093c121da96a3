"""A stop signal at any moment of start-up (issue 14, item 5): the process ends cleanly, never by the signal's
default action, never in an internal error, with the terminal's echo back and the alternate screen left."""

from __future__ import annotations

import os
import signal
import termios
import time

import pytest
from harness.terminal import Terminal, installed_app

DELAYS = (0.15, 0.3, 0.5, 0.9)
"""From just after Python starts (the command's first line) to the app's first frame and just after."""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGQUIT"])
def test_a_stop_signal_early_in_start_up_ends_cleanly_and_gives_the_terminal_back(tmp_path, name):
    signum = int(getattr(signal, name))
    for n, delay in enumerate(DELAYS):
        env = dict(os.environ, INTERVIEW_TUI_CONFIG_DIR=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"))
        term = Terminal([installed_app(), "--data-dir", str(tmp_path / f"data-{n}"), "new", "C-1"], env=env)
        try:
            time.sleep(delay)
            term.signal(signum)
            code = term.wait(timeout=60)
            local_modes = termios.tcgetattr(term.fd)[3]
            out = term.output
        finally:
            term.close()
        where = f"{name} after {delay} s"
        said = [line for line in out.decode("utf-8", "replace").splitlines() if "interview-tui:" in line]
        if code == -signum and not out:
            # Killed before Python ran any of the app's code (on a loaded machine the interpreter's own start can
            # take longer than 0.15 s): nothing was drawn, the terminal never left its modes, nothing was typed.
            assert local_modes & termios.ECHO, f"{where}: the terminal's echo was left off"
            continue
        assert code in (0, 128 + signum), f"{where}: exit {code}; {said[-3:]!r}"  # (negative: killed by the default action)
        assert b"internal error" not in out and b"Traceback" not in out, where
        assert local_modes & termios.ECHO, f"{where}: the terminal's echo was left off"
        assert out.count(b"\x1b[?1049h") == out.count(b"\x1b[?1049l"), f"{where}: left on the alternate screen"
