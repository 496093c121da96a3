"""Standard output and standard error that show control characters instead of obeying them.

``main`` puts :class:`VisibleStream` in front of ``sys.stdout`` and
``sys.stderr`` for the whole command, so every line any command prints (a
listing, an error naming a file, an argument echoed back) passes through
:func:`interview_tui.core.visible_text.visible`: a client code, a note or a
phase title holding ``ESC ] 0 ; ... BEL`` is shown as ``␛]0;...␇`` and never
retitles the window, sets the clipboard or clears the screen. The app's own
escape codes (the search highlight) go through :meth:`VisibleStream.write_trusted`,
whose callers make each piece of user text visible themselves.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from interview_tui.core.visible_text import json_visible, visible


class VisibleStream:
    """A text stream that writes everything through ``visible``; everything else is the wrapped stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def writelines(self, lines: "list[str]") -> None:
        for line in lines:
            self.write(line)

    def write_trusted(self, text: str) -> int:
        """Write the app's own escape codes; every piece of user text in ``text`` must already be visible."""
        return self._stream.write(text)

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def __getattr__(self, name: str) -> object:  # flush, fileno, isatty, encoding, buffer ...
        return getattr(self._stream, name)


def write_trusted(stream: object, text: str) -> None:
    """``text`` (user parts already made visible, with the app's own escape codes) to ``stream``."""
    if isinstance(stream, VisibleStream):
        stream.write_trusted(text)
    else:
        stream.write(text)  # type: ignore[attr-defined]


@contextmanager
def visible_output() -> Iterator[None]:
    """For the length of a command, ``sys.stdout`` and ``sys.stderr`` show control characters as symbols."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, VisibleStream):
        sys.stdout = VisibleStream(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, VisibleStream):
        sys.stderr = VisibleStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def print_json(data: object, ensure_ascii: bool = False) -> None:
    """``data`` as indented JSON on stdout, every control character escaped the way JSON does."""

    print(json_visible(json.dumps(data, indent=2, ensure_ascii=ensure_ascii)))
