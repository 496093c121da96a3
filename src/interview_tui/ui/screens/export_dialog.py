"""Ask how to export: format, note style and folder. Dismisses with an ExportChoice or None."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from interview_tui.export import FORMATS
from interview_tui.export.summary import STYLE_TITLES, STYLES
from interview_tui.ui.styles import style_sheet

FORMAT_LABELS = {
    "markdown": "Markdown (.md)",
    "text": "Plain text, wrapped (.txt)",
    "html": "Web page for printing (.html)",
    "json": "JSON: the whole session (.json)",
    "docx": "Word document (.docx)",
}


def not_encrypted_warning(store_encrypted: bool) -> str:
    """Said plainly in the dialog: an export is never encrypted, whatever the store is."""
    if store_encrypted:
        return ("The file written is NOT encrypted, unlike the sessions: anyone who can open that folder can read it. "
                "Keep it safe and delete it when done.")
    return "The file written is plain text, not encrypted: keep it safe and delete it when done."


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    style: str
    folder: Path


class ExportDialog(ModalScreen[ExportChoice | None]):
    CSS_PATH = style_sheet("export_dialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without exporting.")]

    def __init__(
        self, folder: Path, style: str = "narrative", fmt: str = "markdown", finished: bool = True,
        store_encrypted: bool = False,
    ) -> None:
        super().__init__()
        self.store_encrypted = store_encrypted
        self.folder = folder
        self.style = style if style in STYLES else STYLES[0]
        self.fmt = fmt if fmt in FORMATS else FORMATS[0]
        self.finished = finished

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(Content("Export this session"), classes="section-title")
            if not self.finished:
                yield Static(
                    Content("The session is not finished: the export will say “in progress”."), id="export-note"
                )
            yield Static(Content(not_encrypted_warning(self.store_encrypted)), id="export-not-encrypted")
            yield Label("Format")
            yield Select(
                [(Content(FORMAT_LABELS[f]), f) for f in FORMATS], value=self.fmt, allow_blank=False, id="export-format",
                compact=True,
            )
            yield Label("Note style (not used by JSON)")
            yield Select(
                [(Content(STYLE_TITLES[s] if s != "narrative" else "Narrative, phase by phase"), s) for s in STYLES],
                value=self.style,
                allow_blank=False,
                id="export-style",
                compact=True,
            )
            yield Label("Folder")
            yield Input(str(self.folder), id="export-folder", compact=True)
            yield Static(Content(""), id="export-problem")
            with Horizontal(id="export-buttons"):
                yield Button(Content("Export"), variant="primary", id="export-go")
                yield Button(Content("Cancel"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    @on(Input.Submitted, "#export-folder")
    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        raw = self.query_one("#export-folder", Input).value.strip()
        folder = Path(raw).expanduser() if raw else None
        if folder is None or (folder.exists() and not folder.is_dir()):
            problem = "Give a folder." if folder is None else f"{folder} is a file, not a folder."
            self.query_one("#export-problem", Static).update(Content(problem))
            self.query_one("#export-folder", Input).focus()
            return
        fmt = str(self.query_one("#export-format", Select).value)
        style = str(self.query_one("#export-style", Select).value)
        self.dismiss(ExportChoice(fmt=fmt, style=style, folder=folder))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
