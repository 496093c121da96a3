"""A phase file's bytes to TOML data, with a located message for everything that can go wrong on the way.

tomllib's own messages are kept (with their line), and what it cannot say well is said here:

- a byte-order mark at the start (some editors on Windows write one) is accepted: it is not part of the text;
- bytes that are not UTF-8 are named by line and column, not by byte offset;
- a value nested deeper than any phase file needs (``guidance = [[[[...]]]]``) is refused with the line where
  it starts, before the parser, which recurses once per level, can run out of stack.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from interview_tui.core.errors import os_reason

BOM = "\ufeff"
MAX_NESTING = 32
"""Arrays and inline tables inside each other: phase files need three at most (a list of inline tables)."""


class TextProblem(NamedTuple):
    problem: str
    line: int | None = None


def toml_of(path: Path) -> tuple[str, dict[str, Any]] | TextProblem:
    """The file's text (without a byte-order mark) and its TOML data, or what is wrong and on which line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return TextProblem(f"cannot read the file ({os_reason(exc)})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(raw, exc.start)
        return TextProblem(f"not UTF-8 text (column {column}); save the file as UTF-8", line)
    text = text.removeprefix(BOM)
    deep = deep_line(text)
    if deep is not None:
        return TextProblem(f"nested too deeply (more than {MAX_NESTING} levels of [ ] or {{ }})", deep)
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        if m:
            problem += f" (column {m.group(2)})"
        return TextProblem(f"TOML syntax error: {problem}", int(m.group(1)) if m else None)
    except RecursionError:  # (deep_line stops what phase files can hold; kept for any other nesting)
        return TextProblem("nested too deeply")


def _line_and_column(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


_SIGNIFICANT = re.compile(r"\"\"\"|'''|[\"'#\[\]{}]")
_BASIC_REST = re.compile(r'(?:[^"\\\n]|\\.)*"?')
"""The rest of a basic string after its opening quote, escapes included (a newline ends it: unclosed)."""


def deep_line(text: str, limit: int = MAX_NESTING) -> int | None:
    """The line where values nest more than ``limit`` deep (strings and comments left out), or None.

    A rough reading, not a parser: enough to find ``[[[[...`` before tomllib does. Table headers open and
    close on their line; strings (basic, literal, multi-line) and comments are skipped."""
    depth = 0
    i, n = 0, len(text)
    search = _SIGNIFICANT.search
    while True:
        m = search(text, i)
        if m is None:
            return None
        token, i = m.group(), m.end()
        if token == "[" or token == "{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, m.start()) + 1
        elif token == "]" or token == "}":
            depth = max(0, depth - 1)
        elif token == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif len(token) == 3:  # a multi-line string
            end = text.find(token, i)
            i = n if end < 0 else end + 3
        elif token == "'":
            end, newline = text.find("'", i), text.find("\n", i)
            i = n if end < 0 else (newline if 0 <= newline < end else end + 1)
        else:
            rest = _BASIC_REST.match(text, i)  # (always matches, if only the empty string)
            i = rest.end() if rest is not None else n
