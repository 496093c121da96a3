"""A progress bar on stderr while many files are read: the session index rebuilt, a backup made or restored."""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

WIDTH = 30
AFTER_S = 0.5
"""Nothing is drawn for a rebuild that ends before this: only a rebuild that takes more than a moment shows."""


def terminal_progress(
    stream: TextIO | None = None, label: str = "Reading the session files"
) -> Callable[[int, int], None] | None:
    """A callback for ``SessionStore.reading_progress`` drawing on ``stream`` (stderr), or None when it is not a
    terminal (a pipe or a log gets no bar)."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        return None
    started = time.monotonic()
    drawn = False

    def show(done: int, total: int) -> None:
        nonlocal drawn
        if not drawn and (done >= total or time.monotonic() - started < AFTER_S):
            return
        filled = WIDTH * done // max(total, 1)
        out.write(f"\r{label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total}")
        if done >= total:
            out.write("\n")
        out.flush()
        drawn = True

    return show
