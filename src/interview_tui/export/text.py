"""Plain-text export: wrapped to a width a web form or an email takes without mangling it.

No markup at all: headings are capitals underlined with rules, the header is
an aligned list. Notes keep their words, their paragraphs and their line
breaks; only long lines are wrapped, at spaces (a long word such as a web
address is never split).
"""

from __future__ import annotations

import re
import textwrap

from interview_tui.export.summary import NO_NOTES, NOTICE_MARK, NOTICES_TITLE, Entry, Field, Notice, Summary

WIDTH = 76
NOTE_INDENT = "  "
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def wrap(text: str, width: int = WIDTH, hanging: str = "") -> list[str]:
    """Wrap each line of ``text`` on its own; blank lines and leading indentation are kept.

    ``hanging`` is added to the indentation of continuation lines (for aligned header values).
    """
    lines: list[str] = []
    for line in _LINE_BREAK.split(text):
        line = line.rstrip()
        if not line:
            lines.append("")
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines.extend(
            textwrap.wrap(
                line,
                width=width,
                subsequent_indent=indent + hanging,
                break_long_words=False,
                break_on_hyphens=False,
                replace_whitespace=False,
                drop_whitespace=True,
                expand_tabs=False,
            )
            or [""]
        )
    return lines


def _strip_blank_edges(lines: list[str]) -> list[str]:
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _heading(title: str, rule: str) -> list[str]:
    title = " ".join(title.split())
    return [title, rule * min(WIDTH, max(3, len(title)))]


def hanging(prefix: str, text: str, width: int = WIDTH) -> list[str]:
    """``prefix`` then ``text`` wrapped beside it, every further line (and line break) aligned under the text."""
    lines = [line for line in wrap(text, max(20, width - len(prefix))) if line.strip()] or [""]
    return [prefix + lines[0]] + [" " * len(prefix) + line for line in lines[1:]]


def _items(items: tuple[str, ...], numbered: bool, width: int) -> list[str]:
    marker_width = len(f"{len(items)}. ")
    out = []
    for n, item in enumerate(items, 1):
        marker = f"{n}. ".rjust(marker_width) if numbered else "- "
        out += hanging(marker, item, width)
    return out


def _fields(fields: tuple[Field, ...], width: int) -> list[str]:
    column = max(len(f.label) for f in fields) + 2
    out = []
    for field in fields:
        out += hanging(f"{field.label + ':':<{column}}", field.value, width)
    return out


def _entry(entry: Entry) -> list[str]:
    """The prompt on its own line, then the note (answer, items, parts) indented under it so the two never run together."""
    label = f"{entry.context}: {entry.label}" if entry.context else entry.label
    out = wrap(" ".join(label.split()))
    width = WIDTH - len(NOTE_INDENT)
    body = _strip_blank_edges(wrap(entry.text, width)) if entry.text.strip() else []
    if entry.items:
        body += _items(entry.items, entry.numbered, width)
    if entry.fields:
        body += _fields(entry.fields, width)
    if entry.amendment_line:
        body += wrap(f"({entry.amendment_line})", width)
    out += [NOTE_INDENT + line if line else "" for line in body]
    return out


def _notices(notices: tuple[Notice, ...]) -> list[str]:
    out = ["", ""] + _heading(NOTICES_TITLE.upper(), "-")
    for notice in notices:
        out.append("")
        out += wrap(f"{NOTICE_MARK} {notice.label.upper()}: {notice.text}", hanging=NOTE_INDENT)
        if notice.detail:
            out += [NOTE_INDENT + line for line in wrap(notice.detail, WIDTH - len(NOTE_INDENT))]
    return out


def render_text(summary: Summary) -> str:
    out = _heading(summary.title.upper(), "=")
    out.append("")
    width = max(len(f.label) for f in summary.header) + 2
    for field in summary.header:
        out += wrap(f"{field.label + ':':<{width}}{field.value}", hanging=" " * width)
    if summary.notices:
        out += _notices(summary.notices)
    if not summary.sections:
        out += ["", NO_NOTES]
    for section in summary.sections:
        out += ["", ""] + _heading(section.title.upper(), "-") + [""]
        if not section.entries:
            out.append(section.empty_message)
        for n, entry in enumerate(section.entries):
            if n:
                out.append("")
            out += _entry(entry)
    return "\n".join(out) + "\n"
