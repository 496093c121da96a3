"""Describing an unexpected error without its message or variables, which could hold client text."""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType


def where_it_failed(tb: TracebackType | None) -> str:
    """`` in file.py, line N (function)`` for the innermost frame, or '' when unknown."""
    if tb is None:
        return ""
    frames = traceback.extract_tb(tb)
    if not frames:
        return ""
    last = frames[-1]
    return f" in {Path(last.filename).name}, line {last.lineno} ({last.name})"


def describe_error(exc_type: type[BaseException] | None, tb: TracebackType | None) -> str:
    """The error's type and place, never its message: ``RuntimeError in app.py, line 3 (run)``."""
    name = exc_type.__name__ if exc_type else "Error"
    return f"{name}{where_it_failed(tb)}"
