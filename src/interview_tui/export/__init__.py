"""Session exports: a summary of the session in a note style, rendered in a file format.

``render(session, format, style)`` gives the text; ``write_export`` puts it in
a private file (0600) without replacing an existing one unless asked to.
JSON is the session file itself (valid against ``interview-tui schema``), so
the note style does not apply to it.
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

FORMATS: tuple[str, ...] = ("markdown", "text", "html", "json")
"""File formats, the default first."""

EXTENSIONS = {"markdown": "md", "text": "txt", "html": "html", "json": "json"}

_RENDERERS: dict[str, Callable[[Summary], str]] = {
    "markdown": render_markdown,
    "text": render_text,
    "html": render_html,
}

__all__ = [
    "EXTENSIONS",
    "ExportError",
    "FORMATS",
    "NARRATIVE",
    "STYLES",
    "UnknownFormat",
    "UnknownStyle",
    "export_filename",
    "render",
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
    summary = build_summary(session, style, practitioner, agency)  # checks the style even for JSON
    if notices:
        from dataclasses import replace

        from interview_tui.export.model import Notice

        flags = tuple(Notice("Flag", text) for text in notices)
        summary = replace(summary, notices=flags + tuple(summary.notices))
    if fmt == "json":
        return json_visible(session.to_json().decode("utf-8")) + "\n"
    return visible(_RENDERERS[fmt](summary))  # a note's ESC, BEL or C1 shows as a symbol, in every format


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
