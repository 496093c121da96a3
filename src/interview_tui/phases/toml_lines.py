"""Find the line of a TOML file that holds a value, from a path such as ``('contacts', 1, 'phone')``.

Error messages about a TOML file (pydantic's error locations) name keys and
list indexes; the person fixing the file needs a line number. This is a
best-effort reading of the lines, not a TOML parser: it knows table headers
(``[keymap]``, ``[a.b]``), arrays of tables (``[[contacts]]``), and
``key = value`` lines (bare, quoted or dotted keys). Anything it cannot place
gives the line of the nearest enclosing key or table it could find, or None.
"""

from __future__ import annotations

import re
from typing import Any

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*(?P<name>[^\[\]]+?)\s*\]\]\s*(#.*)?$")
_TABLE_HEADER = re.compile(r"^\s*\[\s*(?P<name>[^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY_LINE = re.compile(r"""^\s*(?P<key>(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*=""")
_KEY_PART = re.compile(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""")


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _KEY_PART.findall(dotted))


def key_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Every table header and key of ``text`` by its path, with its 1-based line number.

    Arrays of tables get their index: the second ``[[contacts]]`` is ``('contacts', 1)``.
    Lines inside multi-line strings are skipped.
    """
    found: dict[tuple[Any, ...], int] = {}
    array_counts: dict[tuple[str, ...], int] = {}
    table: tuple[Any, ...] = ()
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        if m := _ARRAY_HEADER.match(line):
            names = _split_key(m.group("name"))
            index = array_counts.get(names, -1) + 1
            array_counts[names] = index
            # Arrays nested in an array of tables belong to its latest element: [[a]] then [[a.b]].
            table = _resolve(names, array_counts) + (index,)
            found.setdefault(table, number)
            continue
        if m := _TABLE_HEADER.match(line):
            table = _resolve(_split_key(m.group("name")), array_counts)
            for end in range(1, len(table) + 1):  # [a.b] makes table a too, if nothing made it before
                found.setdefault(table[:end], number)
            continue
        if m := _KEY_LINE.match(line):
            path = table + _split_key(m.group("key"))
            found.setdefault(path, number)
            rest = line[m.end():]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2 == 1:
                    in_string = quotes
    return found


def _resolve(names: tuple[str, ...], array_counts: dict[tuple[str, ...], int]) -> tuple[Any, ...]:
    """``('a', 'b')`` inside the latest ``[[a]]`` becomes ``('a', 2, 'b')``."""
    path: list[Any] = []
    for n in range(1, len(names) + 1):
        path.append(names[n - 1])
        prefix = names[:n]
        if n < len(names) and prefix in array_counts:
            path.append(array_counts[prefix])
    return tuple(path)


def line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line of the longest leading part of ``loc`` found in ``text``; None if no part is found."""
    lines = key_lines(text)
    for end in range(len(loc), 0, -1):
        line = lines.get(tuple(loc[:end]))
        if line is not None:
            return line
    return None
