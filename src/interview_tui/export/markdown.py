"""Markdown export: a title, the header as a list, one ``##`` heading per section.

Notes and prompt texts are escaped only where a character would change the
document's structure (a heading, list, quote, code, link, emphasis, HTML tag
or entity), so the Markdown stays readable as plain text and renders to
exactly what was typed. Line breaks inside a note are kept as hard breaks.
"""

from __future__ import annotations

import re

from interview_tui.export.summary import NO_NOTES, Entry, Summary, format_moment

_INLINE = re.compile(r"([\\`*_\[\]<|~])|&(?=#?[0-9A-Za-z]+;)")
"""Characters that mean something anywhere in a line: emphasis, code, links, HTML, tables,
and an ``&`` only where it would start an entity (``&amp;``, ``&#35;``)."""

_LINE_START = re.compile(r"^([#=+>-])")
"""Characters that start a heading, quote, list item or setext underline at the start of a line."""

_ORDERED = re.compile(r"^(\d{1,9})([.)])")
"""``12.`` or ``12)`` at the start of a line starts an ordered list."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INDENT = re.compile(r"^[ \t]+")
NBSP = "\u00a0"
NBSP_ENTITY = "&nbsp;"


def escape_inline(text: str) -> str:
    """Escape one line of user text so Markdown shows it as written (line breaks become spaces)."""
    return _INLINE.sub(lambda m: "\\" + m.group(0), " ".join(text.splitlines()))


def escape_heading(text: str) -> str:
    """Heading text: also every ``#``, so a title ending in " #" keeps it."""
    return escape_inline(text).replace("#", "\\#")


def escape_line(line: str) -> str:
    """A whole line: inline characters, then what would matter at its start.

    Leading spaces and tabs become ``&nbsp;`` (a tab four of them): Markdown would
    otherwise read an indented line as code or drop the indentation.
    """
    indent_match = _INDENT.match(line)
    indent = ""
    if indent_match:
        indent = indent_match.group(0).replace("\t", "    ").replace(" ", NBSP_ENTITY)
        line = line[indent_match.end():]
    line = _INLINE.sub(lambda m: "\\" + m.group(0), line)
    line = _LINE_START.sub(r"\\\1", line)
    line = _ORDERED.sub(r"\1\\\2", line)
    return indent + line


def escape_block(text: str) -> str:
    """A note: paragraphs stay paragraphs, single line breaks become hard breaks (a trailing backslash)."""
    paragraphs: list[list[str]] = [[]]
    for raw in _LINE_BREAK.split(text):
        line = raw.rstrip()
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(escape_line(line))
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def _entry(entry: Entry) -> str:
    label = escape_inline(entry.label)
    if entry.context:
        label = f"{escape_inline(entry.context)}: {label}"
    parts = [f"**{label}**", escape_block(entry.text)]
    if entry.amended_at is not None:
        parts.append(f"*Amended after the session was finished, last on {format_moment(entry.amended_at)}.*")
    return "\n\n".join(parts)


def render_markdown(summary: Summary) -> str:
    out = [f"# {escape_heading(summary.title)}", ""]
    out += [f"> **{escape_inline(notice)}**\n" for notice in summary.notices]
    out += [f"- **{field.label}:** {escape_inline(field.value)}" for field in summary.header]
    if not summary.sections:
        out += ["", NO_NOTES]
    for section in summary.sections:
        out += ["", f"## {escape_heading(section.title)}", ""]
        if section.entries:
            out.append("\n\n".join(_entry(entry) for entry in section.entries))
        else:
            out.append(f"*{section.empty_message}*")
    return "\n".join(out) + "\n"
