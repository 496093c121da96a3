"""The clients list: every client with a session or a record, searchable by code or display name."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from interview_tui.casework.cases import ClientCase, matches
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.widgets.fitting_footer import FittingFooter

NARROW_WIDTH = 100


class ClientsScreen(OfInterviewApp, Screen[None]):
    CSS_PATH = style_sheet("clients")
    BINDINGS = [
        Binding("escape", "close", "Back", id="close_clients", tooltip="Back to the sessions."),
        Binding("enter", "open_client", "Open", id="open_client", tooltip="Open the selected client's case."),
        Binding("ctrl+f", "search", "Search", id="search_clients", tooltip="Filter clients by code or name."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cases: list[ClientCase] = []
        self.shown: list[ClientCase] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("interview-tui · clients"), id="clients-title")
        yield Input(placeholder="Search: client code or name", id="clients-search")
        yield Static(id="clients-hint")
        yield DataTable(id="clients", cursor_type="row", zebra_stripes=True)
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#clients-search", Input).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        from interview_tui.ui.casework import cases

        self.cases = cases(self.app)
        self._fill()

    @on(Input.Changed, "#clients-search")
    def _filter(self) -> None:
        self._fill()

    @on(Input.Submitted, "#clients-search")
    def _search_done(self) -> None:
        if self.shown:
            self.query_one("#clients", DataTable).focus()
            self.action_open_client()

    def _fill(self) -> None:
        text = self.query_one("#clients-search", Input).value
        self.shown = [c for c in self.cases if matches(c, text)]
        table = self.query_one("#clients", DataTable)
        table.clear(columns=True)
        narrow = self.size.width < NARROW_WIDTH
        columns = ["Client", "Name", "Sessions", "Last", "Flags", "Case", "Next appt."]
        if narrow:
            columns.remove("Name")
        table.add_columns(*columns)
        for case in self.shown:
            cells = [
                Text(case.code),
                Text(case.display_name),
                str(len(case.sessions)),
                f"{case.last_session:%Y-%m-%d}" if case.last_session else "",
                Text(case.flags_text()),
                case.status_word,
                case.next_appointment.isoformat() if case.next_appointment else "",
            ]
            if narrow:
                del cells[1]
            table.add_row(*cells, key=case.code)
        count = len(self.cases)
        hint = (
            "No clients yet: a client appears when their first session starts."
            if not count
            else f"{len(self.shown)} of {count} client(s). Type to search; Enter opens the client."
        )
        self.query_one("#clients-hint", Static).update(Content(hint))

    def on_resize(self) -> None:
        if self.is_mounted and self.cases:
            self._fill()

    def action_search(self) -> None:
        self.query_one("#clients-search", Input).focus()

    def action_open_client(self) -> None:
        table = self.query_one("#clients", DataTable)
        if not self.shown or table.cursor_row is None:
            return
        from interview_tui.ui.screens.client_view import ClientViewScreen

        self.app.push_screen(ClientViewScreen(self.shown[table.cursor_row].code))

    @on(DataTable.RowSelected, "#clients")
    def _row_selected(self) -> None:
        self.action_open_client()

    def action_close(self) -> None:
        self.dismiss()
