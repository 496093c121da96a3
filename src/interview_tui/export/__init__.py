"""Session exports: a summary of the session in a note style, rendered in a file format.

``render(session, format, style)`` gives the text; ``write_export`` puts it in
a private file (0600) without replacing an existing one unless asked to.
JSON is the session file itself (valid against ``interview-tui schema``), so
the note style does not apply to it. DOCX is a document, not text:
``render_file`` gives it (as bytes) and every text format alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from interview_tui.core.errors import InterviewError, os_reason
from interview_tui.export.html import render_html
from interview_tui.export.markdown import render_markdown
from interview_tui.export.summary import NARRATIVE, STYLES, Summary, UnknownStyle, build_summary
from interview_tui.export.text import render_text
from interview_tui.core.session import Session
from interview_tui.core.visible_text import json_visible, visible
from interview_tui.store.private_files import write_private_atomic

TEXT_FORMATS: tuple[str, ...] = ("markdown", "text", "html", "json")
"""The formats ``render`` gives as text, the default first."""
DOCUMENT_FORMATS: tuple[str, ...] = ("docx",)
"""The formats that are documents (bytes, not text): ``render_file`` gives them."""
FORMATS: tuple[str, ...] = TEXT_FORMATS + DOCUMENT_FORMATS
"""Every file format, the default first."""

EXTENSIONS = {"markdown": "md", "text": "txt", "html": "html", "json": "json", "docx": "docx"}

_RENDERERS: dict[str, Callable[[Summary], str]] = {
    "markdown": render_markdown,
    "text": render_text,
    "html": render_html,
}

__all__ = [
    "EXTENSIONS",
    "ExportError",
    "DOCUMENT_FORMATS",
    "FORMATS",
    "TEXT_FORMATS",
    "NARRATIVE",
    "STYLES",
    "UnknownFormat",
    "UnknownStyle",
    "export_filename",
    "render",
    "render_file",
    "write_export",
]


class ExportError(InterviewError):
    """An export could not be made or written; the message names the file and the problem."""


class UnknownFormat(InterviewError, ValueError):
    """A format that does not exist; the message names the known ones."""


def check_format(fmt: str) -> str:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")
    return fmt


def render(
    session: Session,
    fmt: str = "markdown",
    style: str = NARRATIVE,
    practitioner: str | None = None,
    agency: str | None = None,
    notices: tuple[str, ...] = (),
) -> str:
    """The export of ``session`` as text, safe to print: no control character but newline and tab.

    Raises UnknownFormat or UnknownStyle.

    ``notices`` (open client flags, from ``casework.session_notices``) come first among the alerts after the header.

    ``practitioner`` (name, and role if wanted) and ``agency`` go in the header when given.
    """
    fmt = check_format(fmt)
    if fmt in DOCUMENT_FORMATS:
        raise UnknownFormat(f"'{fmt}' is a document, not text: use render_file")
    summary = _summary(session, style, practitioner, agency, notices)  # checks the style even for JSON
    if fmt == "json":
        return json_visible(session.to_json().decode("utf-8")) + "\n"
    return visible(_RENDERERS[fmt](summary))  # a note's ESC, BEL or C1 shows as a symbol, in every format


def _summary(
    session: Session, style: str, practitioner: str | None, agency: str | None, notices: tuple[str, ...]
) -> Summary:
    summary = build_summary(session, style, practitioner, agency)
    if notices:
        from dataclasses import replace

        from interview_tui.export.model import Notice

        flags = tuple(Notice("Flag", text) for text in notices)
        summary = replace(summary, notices=flags + tuple(summary.notices))
    return summary


def render_file(
    session: Session,
    fmt: str = "markdown",
    style: str = NARRATIVE,
    practitioner: str | None = None,
    agency: str | None = None,
    notices: tuple[str, ...] = (),
) -> str | bytes:
    """The export as a file holds it: text for the text formats (as ``render``), bytes for a document (DOCX,
    built from the same summary, every control character shown as a symbol)."""
    if check_format(fmt) in DOCUMENT_FORMATS:
        from interview_tui.export.docx import render_docx

        return render_docx(_summary(session, style, practitioner, agency, notices))
    return render(session, fmt, style, practitioner, agency, notices)


def export_filename(session: Session, fmt: str, style: str = NARRATIVE) -> str:
    """``<client>_<session id>_<style>.<ext>``: unique per session and style, sortable, no names in it."""
    fmt = check_format(fmt)
    if fmt == "json":
        return f"{session.client_code}_{session.id}.json"
    return f"{session.client_code}_{session.id}_{style.lower()}.{EXTENSIONS[fmt]}"


def write_export(path: Path, text: str | bytes, force: bool = False) -> Path:
    """Write an export (text as UTF-8, or a document's bytes) as a private file (0600), atomically. An existing
    file is replaced only with ``force``; a folder or a file that cannot be written is an ExportError naming it."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists (use --force to replace it)")
    try:
        write_private_atomic(path, text.encode("utf-8") if isinstance(text, str) else text)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {os_reason(exc)}") from None
    return path
