"""Which command lines open the app, told without building the parser (see ``cli/entry.py``)."""

from __future__ import annotations

from typing import Sequence

APP_COMMANDS = frozenset({"new", "resume"})
"""The commands that open the app (as does no command at all)."""
_VALUED_OPTIONS = frozenset({"--data-dir", "--phases-dir"})


def opens_the_app(argv: Sequence[str]) -> bool:
    words = iter(argv)
    for word in words:
        if word in _VALUED_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word in APP_COMMANDS
    return True
