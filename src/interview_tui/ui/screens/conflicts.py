"""The conflict copies of the store, listed: choosing one sets it beside its original (``conflict_compare``)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from interview_tui.core.visible_text import visible
from interview_tui.store.conflict_copies import ConflictCopy
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.widgets.fitting_footer import FittingFooter


class ConflictsScreen(OfInterviewApp, Screen[None]):
    CSS_PATH = style_sheet("conflicts")
    BINDINGS = [
        Binding("escape", "close", "Back", id="close_conflicts", tooltip="Back to the sessions."),
        Binding("enter", "compare", "Compare", id="compare_copy",
                tooltip="Set the selected conflict copy beside its original, to keep one or both."),
        Binding("f1", "help", "Help", id="help", tooltip="Keys and how the app works."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.copies: list[ConflictCopy] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("interview-tui · conflict copies"), id="conflicts-title")
        yield Static(id="conflicts-hint")
        yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        yield FittingFooter()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        from interview_tui.store.conflict_comparison import copy_name, origin_words
        from interview_tui.store.conflict_copies import conflict_copies

        self.copies = conflict_copies(self.app.store.folder)
        table = self.query_one("#conflicts", DataTable)
        table.clear(columns=True)
        table.add_columns("A copy of", "From", "Copy")  # the copy's long name last: cut first on a narrow screen
        for copy in self.copies:
            table.add_row(Text(visible(copy.original.name)), Text(visible(origin_words(copy))),
                          Text(visible(copy_name(copy))))
        hint = (
            "No conflict copies: nothing to resolve."
            if not self.copies
            else f"{len(self.copies)} conflict copy(ies). Enter sets the selected one beside its original."
        )
        self.query_one("#conflicts-hint", Static).update(Content(hint))
        table.focus()

    def action_compare(self) -> None:
        table = self.query_one("#conflicts", DataTable)
        if not self.copies or table.cursor_row is None or table.cursor_row >= len(self.copies):
            return
        from interview_tui.store.conflict_comparison import ConflictError, compare

        try:
            comparison = compare(self.app.store, self.copies[table.cursor_row])
        except ConflictError as exc:
            self.notify(visible(str(exc)), severity="error", timeout=10)
            return
        from interview_tui.ui.screens.conflict_compare import ConflictCompareScreen

        self.app.push_screen(ConflictCompareScreen(comparison))

    @on(DataTable.RowSelected, "#conflicts")
    def _row_selected(self) -> None:
        self.action_compare()

    def action_help(self) -> None:
        from interview_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(None, None))

    def action_close(self) -> None:
        self.dismiss()
