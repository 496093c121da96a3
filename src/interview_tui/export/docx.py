"""Word export: the summary as a .docx document, for agencies that file or paste Word documents.

Built from the same summary as the other formats (header, alerts, sections, entries), with Word's own
styles: the title, a two-column table for the header, a heading per section, the prompt in bold, the note
as typed (its paragraphs and line breaks kept), lists as bullets, an instrument's items numbered (the numbers the alerts name), an
amendment in italics. Text goes into the document as text, never as markup, so nothing needs escaping
but the characters a document cannot hold: every control character but newline and tab is shown as a
symbol (``visible``), as in every export.

``python-docx`` is imported only when a document is made, so the command line stays light.
"""

from __future__ import annotations

import io
import re
from typing import Any

from interview_tui.core.visible_text import visible
from interview_tui.export.model import NOTICE_MARK, NOTICES_TITLE, Entry, Notice, Summary
from interview_tui.export.summary import NO_NOTES

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
PRODUCER = "interview-tui"


def _clean(text: str) -> str:
    return visible(text)


def _lines(paragraph: Any, text: str, bold: bool = False, italic: bool = False) -> None:
    """``text`` as runs of ``paragraph``, with a line break where it had one."""
    for n, line in enumerate(_LINE_BREAK.split(_clean(text))):
        if n:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold, run.italic = bold or None, italic or None


def _note(document: Any, text: str) -> None:
    """A note: blank lines separate paragraphs; single line breaks stay line breaks."""
    paragraphs: list[list[str]] = [[]]
    for raw in _LINE_BREAK.split(text):
        if not raw.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(raw.rstrip())
    for lines in paragraphs:
        if lines:
            _lines(document.add_paragraph(), "\n".join(lines))


def _labelled(paragraph: Any, label: str, value: str) -> None:
    _lines(paragraph, f"{label}: ", bold=True)
    _lines(paragraph, value)


def _entry(document: Any, entry: Entry) -> None:
    label = f"{entry.context}: {entry.label}" if entry.context else entry.label
    _lines(document.add_paragraph(), " ".join(label.split()), bold=True)
    if entry.text.strip():
        _note(document, entry.text)
    for n, item in enumerate(entry.items, 1):
        if entry.numbered:  # (written out: Word's own numbering would run on from one instrument to the next)
            _lines(document.add_paragraph(style="List Paragraph"), f"{n}. {item}")
        else:
            _lines(document.add_paragraph(style="List Bullet"), item)
    for field in entry.fields:
        _labelled(document.add_paragraph(style="List Bullet"), field.label, field.value)
    if entry.amendment_line:
        _lines(document.add_paragraph(), entry.amendment_line, italic=True)


def _notice(document: Any, notice: Notice) -> None:
    paragraph = document.add_paragraph(style="List Bullet")
    _lines(paragraph, f"{NOTICE_MARK} {notice.label}: ", bold=True)
    _lines(paragraph, notice.text)
    if notice.detail:
        _lines(paragraph, "\n" + notice.detail)


def render_docx(summary: Summary) -> bytes:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.title = _clean(summary.title)
    properties.author = properties.last_modified_by = PRODUCER
    properties.comments = ""
    document.add_heading(_clean(summary.title), level=0)
    table = document.add_table(rows=0, cols=2)
    for field in summary.header:
        cells = table.add_row().cells
        _lines(cells[0].paragraphs[0], field.label, bold=True)
        _lines(cells[1].paragraphs[0], field.value)
    if summary.notices:
        document.add_heading(_clean(NOTICES_TITLE), level=1)
        for notice in summary.notices:
            _notice(document, notice)
    if not summary.sections:
        document.add_paragraph(NO_NOTES)
    for section in summary.sections:
        document.add_heading(_clean(section.title), level=1)
        if not section.entries:
            _lines(document.add_paragraph(), section.empty_message, italic=True)
        for entry in section.entries:
            _entry(document, entry)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
