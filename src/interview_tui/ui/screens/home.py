"""The home screen: start a session, or pick one to resume or open, newest first."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from interview_tui.storage import SessionSummary

PAGE = 60
"""Rows added to the table at a time: enough to fill a tall terminal. A DataTable lays out every row it
holds (10,000 rows took seconds, 200 rows about 70 ms at launch), so rows are added as the list is
scrolled or the cursor nears the end."""


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("n", "new_session", "New session", id="new_session", tooltip="Start a session for a client."),
        Binding("enter", "open_session", "Open", id="open_session", tooltip="Resume or open the selected session."),
        Binding("f1", "help", "Help", id="help", tooltip="Keys and how the app works."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        self.rows_shown = 0
        self._shown_once = False
        self._unreadable: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("interview-tui · sessions"), id="home-title")
        yield Static(id="home-hint")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-problems")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Started", "Client", "Protocol", "Status", "Last change")
        self.watch(table, "scroll_y", self._scrolled, init=False)

    def on_screen_resume(self) -> None:
        # The list is read when the screen is shown (after mounting, and on coming back from a session),
        # not while a session opened from the command line covers it.
        if self.app.screen is not self:  # (is_current is also true for a screen seen behind another)
            return
        first_time = not self._shown_once
        self._shown_once = True
        if not first_time:
            self.refresh_sessions()
        elif (quick := self.app.store.newest_summaries(PAGE)) is not None:
            # Draw at once from the index, then check it against the session files right after.
            newest, count = quick
            self._fill(newest, count, [])
            self._first_frame_shown(check_list=True)
        elif self.app.store.folder.is_dir():
            # No usable index (first launch of this version, or it was lost): reading every session file
            # takes seconds with thousands of them, so say so on screen first.
            self.query_one("#home-hint", Static).update(Content("Reading the list of sessions…"))
            self.call_after_refresh(self._first_full_list)
        else:
            self.refresh_sessions()
            self._first_frame_shown(check_list=False)

    def _first_full_list(self) -> None:
        self.refresh_sessions()
        self._first_frame_shown(check_list=False)

    def _first_frame_shown(self, check_list: bool) -> None:
        """The list is on screen: tell a waiting benchmark, then do what can wait until after this frame."""
        self.app.screen_ready(self)
        if check_list:
            self.call_after_refresh(self.refresh_sessions)
        if not self.app.catalogue_loaded:
            self.call_after_refresh(self._read_phase_files)

    def _read_phase_files(self) -> None:
        """Read the protocols (just after the first frame), and show any phase file that was skipped."""
        self.app.catalogue  # noqa: B018 - reads them
        self._show_problems(self._unreadable)

    def refresh_sessions(self) -> None:
        summaries, unreadable = self.app.store.summaries()
        if summaries[: self.rows_shown] == self.summaries[: self.rows_shown] and self.rows_shown:
            # What is on screen is right: keep the table (and the cursor), take the full list.
            self.summaries = summaries
            self._show_hint(len(summaries))
            self._show_problems(unreadable)
            return
        self._fill(summaries, len(summaries), unreadable)

    def _fill(self, summaries: list[SessionSummary], count: int, unreadable: list[str]) -> None:
        self.summaries = summaries
        table = self.query_one("#sessions", DataTable)
        table.clear()
        self.rows_shown = 0
        self._show_more_rows()
        self._show_hint(count)
        self._show_problems(unreadable)

    def _show_hint(self, count: int) -> None:
        hint = (
            "No sessions yet. Press n to start one."
            if not count
            else f"{count} session(s). Enter opens the selected one; n starts a new one."
        )
        self.query_one("#home-hint", Static).update(Content(hint))

    def _show_more_rows(self) -> None:
        table = self.query_one("#sessions", DataTable)
        start = self.rows_shown
        for s in self.summaries[start : start + PAGE]:
            status = "✓ finished" if s.status == "completed" else "… in progress"
            table.add_row(
                f"{s.started_at:%Y-%m-%d %H:%M}",
                Content(s.client),
                Content(s.protocol_title),
                status,
                f"{s.updated_at:%Y-%m-%d %H:%M}",
                key=s.id,
            )
        self.rows_shown = min(len(self.summaries), start + PAGE)

    @on(DataTable.RowHighlighted, "#sessions")
    def _cursor_moved(self, event: DataTable.RowHighlighted) -> None:
        if self.rows_shown < len(self.summaries) and event.cursor_row >= self.rows_shown - PAGE // 4:
            self._show_more_rows()

    def _scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#sessions", DataTable)
        if self.rows_shown < len(self.summaries) and scroll_y >= table.max_scroll_y - PAGE // 4:
            self._show_more_rows()

    def _show_problems(self, unreadable: list[str]) -> None:
        self._unreadable = unreadable
        lines = []
        if self.app.catalogue_loaded:
            catalogue = self.app.catalogue
            lines += [f"Skipped phase file {e}" for e in catalogue.errors]
            if not catalogue.protocols:
                lines.append("No usable protocol: every phase file has errors, so no session can be started.")
        lines += [f"Could not read {p}" for p in unreadable]
        box = self.query_one("#home-problems", Static)
        box.update(Content("\n".join(lines)))
        box.display = bool(lines)

    def action_open_session(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.summaries or table.cursor_row is None:
            return
        summary = self.summaries[table.cursor_row]
        from interview_tui.storage import StoreError

        try:
            session = self.app.store.load(summary.id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.app.open_session(session)

    @on(DataTable.RowSelected, "#sessions")
    def _row_selected(self) -> None:
        self.action_open_session()

    @work
    async def action_new_session(self) -> None:
        from interview_tui.ui.screens.new_session import NewSessionDialog

        if not self.app.catalogue.protocols:
            self.notify("No usable protocol: fix the phase files listed on this screen.", severity="error", timeout=10)
            return
        choice = await self.app.push_screen_wait(NewSessionDialog(self.app.catalogue))
        if choice is None:
            return
        client, protocol_id = choice
        from interview_tui.session import Session

        session = Session.start(client, self.app.catalogue.protocols[protocol_id])
        try:
            self.app.store.save(session)
        except OSError as exc:
            self.notify(f"Cannot create the session file: {exc.strerror or exc}", severity="error", timeout=10)
            return
        self.app.open_session(session)

    def action_help(self) -> None:
        from interview_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(None, None))
