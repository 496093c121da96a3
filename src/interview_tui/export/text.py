"""Plain-text export: wrapped to a width a web form or an email takes without mangling it.

No markup at all: headings are capitals underlined with rules, the header is
an aligned list. Notes keep their words, their paragraphs and their line
breaks; only long lines are wrapped, at spaces (a long word such as a web
address is never split).
"""

from __future__ import annotations

import re
import textwrap

from interview_tui.export.summary import NO_NOTES, Entry, Summary, format_moment

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


def _entry(entry: Entry) -> list[str]:
    """The prompt on its own line, then the note indented under it so the two never run together."""
    label = f"{entry.context}: {entry.label}" if entry.context else entry.label
    out = wrap(" ".join(label.split()))
    body = _strip_blank_edges(wrap(entry.text, WIDTH - len(NOTE_INDENT)))
    if entry.amended_at is not None:
        body += wrap(
            f"(Amended after the session was finished, last on {format_moment(entry.amended_at)}.)",
            WIDTH - len(NOTE_INDENT),
        )
    out += [NOTE_INDENT + line if line else "" for line in body]
    return out


def render_text(summary: Summary) -> str:
    out = _heading(summary.title.upper(), "=")
    out.append("")
    for notice in summary.notices:
        out += wrap(f"!! {notice}", hanging="   ") + [""]
    width = max(len(f.label) for f in summary.header) + 2
    for field in summary.header:
        out += wrap(f"{field.label + ':':<{width}}{field.value}", hanging=" " * width)
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
