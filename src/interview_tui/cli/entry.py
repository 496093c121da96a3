"""The console script's first code: stop signals are held before anything else is imported.

A practitioner may close the window or press ctrl+c the moment they start the app. Until the stop signals are
held (``ui/stop_signals.py``), such a signal takes its default action and can leave the terminal without its
echo. Importing the command line and building its parser takes a good part of a second on a busy machine, so
the commands that open the app hold the signals here first, with nothing imported but ``signal``; every other
command (and a test that calls ``cli.main.main`` in its own process) is left alone.
"""

from __future__ import annotations

import sys


def main() -> int:
    from interview_tui.cli.app_commands import opens_the_app

    if not opens_the_app(sys.argv[1:]):
        from interview_tui.cli.main import main as run

        return run()
    from interview_tui.ui import start_up_collector, stop_signals

    stop_signals.hold()
    start_up_collector.pause()  # (resumed just after the first frame)
    try:
        from interview_tui.cli.main import main as run

        return run()
    except stop_signals.StopBeforeStart as stop:  # (before the app ran: nothing typed yet)
        return stop.exit_code
