"""The home screen: start a session, or pick one to resume or open, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from interview_tui.store.quarantine import list_quarantined, quarantine_folder
from interview_tui.store.sessions import SessionSummary, StoreError
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.widgets.casework_panel import CaseworkPanel
from interview_tui.ui.widgets.fitting_footer import FittingFooter

PAGE = 60
"""Rows added to the table at a time: enough to fill a tall terminal. A DataTable lays out every row it
holds (10,000 rows took seconds, 200 rows about 70 ms at launch), so rows are added as the list is
scrolled or the cursor nears the end."""

NARROW_WIDTH = 100

FolderNotes = tuple[int, list[str]]
"""What a look at the sessions folder's names finds besides sessions: how many damaged files are kept in the
quarantine folder, and one line per sync tool's conflict copy (see ``_look_at_folder``)."""


class HomeScreen(OfInterviewApp, Screen[None]):
    CSS_PATH = style_sheet("home")
    BINDINGS = [
        Binding("n", "new_session", "New session", id="new_session", tooltip="Start a session for a client."),
        Binding("enter", "open_session", "Open", id="open_session", tooltip="Resume or open the selected session."),
        Binding("y", "conflict_copies", "Conflicts", id="conflict_copies",
                tooltip="Compare the conflict copies sync tools made with their originals; keep one or both "
                        "(shown while there are some)."),
        Binding("f1", "help", "Help", id="help", tooltip="Keys and how the app works."),
        Binding("d", "delete_session", "Delete", id="delete_session", tooltip="Move the selected session to the trash."),
        Binding("slash", "search_notes", "Search", id="search_notes", tooltip="Search the notes of every session."),
        Binding("c", "clients", "Clients", id="clients", tooltip="List, search and open clients and their cases."),
        Binding("s", "narrow_status", "Status", id="narrow_status",
                tooltip="Narrow the sessions list: all, in progress, finished (kept for this run)."),
        Binding("p", "narrow_protocol", "Protocol", id="narrow_protocol",
                tooltip="Narrow the sessions list to each protocol in turn, then all (kept for this run)."),
        Binding("w", "narrow_client", "This client", id="narrow_client",
                tooltip="Narrow the sessions list to the selected session's client; again: every client."),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.summaries: Sequence[SessionSummary] = []
        self.rows_shown = 0
        self._shown_once = False
        self._unreadable: list[str] = []
        """Session files the last listing could not read (shown with the other problems)."""
        self._folder_notes: FolderNotes = (0, [])
        """What the last look at the folder found (nothing until the first look, just after the first frame); the
        "Conflicts" key shows only while it found conflict copies."""

    def compose(self) -> ComposeResult:
        yield Static(Content("interview-tui · sessions"), id="home-title")
        yield Static(id="home-hint")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-problems")
        yield CaseworkPanel(id="casework")
        yield FittingFooter()

    def on_mount(self) -> None:
        table = self.query_one("#sessions", DataTable)
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
            self._fill(newest, count, [], self._folder_notes)  # (the folder is looked at with the check below)
            self.app.screen_ready(self)
            # The check against the files reads every name, size and mtime: after the first frame, off the UI thread.
            self.call_after_refresh(self._check_in_background)
        elif self.app.store.folder.is_dir():
            # No usable index (first launch of this version, or it was lost): reading every session file
            # takes seconds with thousands of them, so say so on screen first.
            self.query_one("#home-hint", Static).update(Content("Reading the list of sessions…"))
            self._show_problems(self._phase_problems(), [], self._folder_notes)
            self.call_after_refresh(self._first_full_list)
        else:
            self.refresh_sessions()
            self.app.screen_ready(self)

    def _first_full_list(self) -> None:
        self.app.screen_ready(self)
        self.run_worker(self._read_first_listing, thread=True, exclusive=True, group="home-listing")

    def _read_first_listing(self) -> None:
        """Every session file read (no usable index): on a thread, with a bar in the hint line as it goes."""
        store = self.app.store
        store.reading_progress = lambda done, total: self.app.call_from_thread(self._show_reading, done, total)
        try:
            summaries, unreadable = store.summaries()
        finally:
            store.reading_progress = None
        self.app.call_from_thread(self._show_listing, summaries, unreadable, self._look_at_folder())

    def _show_reading(self, done: int, total: int) -> None:
        filled = 30 * done // max(total, 1)
        bar = "█" * filled + "░" * (30 - filled)
        self.query_one("#home-hint", Static).update(Content(f"Reading the list of sessions…  {bar}  {done:,} of {total:,}"))

    def _check_in_background(self) -> None:
        self.run_worker(self._read_listing, thread=True, exclusive=True, group="home-listing")

    def _read_listing(self) -> None:
        summaries, unreadable = self.app.store.summaries()
        self.app.call_from_thread(self._show_listing, summaries, unreadable, self._look_at_folder())

    def refresh_sessions(self) -> None:
        self._show_listing(*self.app.store.summaries())

    def _show_listing(
        self, every: Sequence[SessionSummary], unreadable: list[str], folder: FolderNotes | None = None
    ) -> None:
        """Show the list (``folder``: what a look at the folder found on the listing's thread; None: look now)."""
        from interview_tui.ui.widgets.session_narrowing import narrowed

        self._every = every
        self.query_one(CaseworkPanel).refresh_soon(every)
        summaries = narrowed(every, self._narrowing())
        self.sub_title = f"sessions: {self._narrowing().words()}" if self._narrowing().words() else ""
        table = self.query_one("#sessions", DataTable)
        shown = self.rows_shown
        if shown and summaries[:shown] == self.summaries[:shown] and self._columns_match(table):
            # What is on screen is right: keep the table (and the cursor), take the full list, and fill the
            # page if it has room (a session that sorts after every row shown: restored, or a kept conflict copy).
            self.summaries = summaries
            if self.rows_shown < min(len(summaries), PAGE):
                self._show_more_rows()
            self._show_hint(len(summaries))
            self._show_problems(self._phase_problems(), unreadable, folder)
            return
        self._fill(summaries, len(summaries), unreadable, folder)

    def _fill(
        self, summaries: Sequence[SessionSummary], count: int, unreadable: list[str], folder: FolderNotes | None
    ) -> None:
        self.summaries = summaries
        table = self.query_one("#sessions", DataTable)
        cursor = table.cursor_row
        if not self._columns_match(table):
            table.clear(columns=True)
            table.add_columns(*self._columns())
        else:
            table.clear()
        self.rows_shown = 0
        self._show_more_rows()
        if summaries and cursor:
            while self.rows_shown <= cursor and self.rows_shown < len(summaries):
                self._show_more_rows()
            table.move_cursor(row=min(cursor, self.rows_shown - 1))
        self._show_hint(count)
        self._show_problems(self._phase_problems(), unreadable, folder)

    def _show_hint(self, count: int) -> None:
        hint = (
            "No sessions yet. Press n to start one."
            if not count
            else f"{count} session(s). Enter opens the selected one; n starts a new one."
        )
        if not count:  # nothing to back up yet
            self.query_one("#home-hint", Static).update(Content(hint))
            return
        words, remind = self._backup_words()
        self.query_one("#home-hint", Static).update(
            Content.assemble(hint, "  ", (words, "bold $warning") if remind else words)
        )

    def _backup_words(self) -> tuple[str, bool]:
        """When the last backup was made, and whether that is long enough ago to remind (``backup_reminder_days``)."""
        from datetime import datetime

        from interview_tui.store.backup_marker import backup_words, last_backup_at

        made_at = last_backup_at(self.app.locations.data_dir)
        days = getattr(self.app.settings, "backup_reminder_days", 0)
        return backup_words(made_at, days, datetime.now().astimezone())

    def _show_more_rows(self) -> None:
        table = self.query_one("#sessions", DataTable)
        columns = len(table.columns)
        start = self.rows_shown
        for s in self.summaries[start : start + PAGE]:
            status = "✓ finished" if s.status == "completed" else "… in progress"
            if s.read_only:
                status = "read-only (newer app)"
            cells = (
                f"{s.started_at:%Y-%m-%d %H:%M}",
                Text(s.client),  # rich Text: DataTable measures it (a Content cell is cut to the header's width)
                status,
                Text(s.protocol_title),
                f"{s.updated_at:%Y-%m-%d %H:%M}",
            )
            table.add_row(*cells[:columns], key=s.id)
        self.rows_shown = min(len(self.summaries), start + PAGE)

    @on(DataTable.RowHighlighted, "#sessions")
    def _cursor_moved(self, event: DataTable.RowHighlighted) -> None:
        if self.rows_shown < len(self.summaries) and event.cursor_row >= self.rows_shown - PAGE // 4:
            self._show_more_rows()

    def _scrolled(self, scroll_y: float) -> None:
        table = self.query_one("#sessions", DataTable)
        if self.rows_shown < len(self.summaries) and scroll_y >= table.max_scroll_y - PAGE // 4:
            self._show_more_rows()

    def _columns_match(self, table: DataTable) -> bool:
        return tuple(str(c.label) for c in table.columns.values()) == self._columns()

    def _columns(self) -> tuple[str, ...]:
        """What matters first; "Last change" gives way on a narrow screen."""
        columns = ("Started", "Client", "Status", "Protocol", "Last change")
        return columns[:-1] if self.size.width < NARROW_WIDTH else columns

    def on_resize(self) -> None:
        self.query_one(FittingFooter).compact = self.size.width < NARROW_WIDTH
        table = self.query_one("#sessions", DataTable)
        if self._shown_once and not self._columns_match(table):  # (the first list is made when shown)
            self.refresh_sessions()

    def _phase_problems(self) -> list[str]:
        """The phase files skipped and why: known just after the first frame (see ``InterviewApp.check_phase_files``)."""
        return self.app.phase_problems() or []

    def phase_files_checked(self) -> None:
        """The app knows what is wrong in the phase files: show it (and any problem with the default protocol)."""
        if self._shown_once:
            self._show_problems(self._phase_problems(), self._unreadable, self._folder_notes)

    def _look_at_folder(self) -> FolderNotes:
        """Damaged files kept from earlier runs, and sync tools' conflict copies: every name in the sessions
        folder is read (thousands with a big store), so on the listing's thread where there is one."""
        from interview_tui.store.conflict_copies import conflict_copies

        folder = self.app.store.folder
        return len(list_quarantined(folder)), [f"Sync: {copy.message()}" for copy in conflict_copies(folder)]

    def _show_problems(self, phase_problems: list[str], unreadable: list[str], folder: FolderNotes | None) -> None:
        """``folder``: what a look at the folder found (None: look now)."""
        self._unreadable = unreadable
        if folder is None:
            folder = self._look_at_folder()
        had_conflicts = bool(self._folder_notes[1])
        self._folder_notes = folder
        quarantined, conflicts = folder
        lines = [f"Settings: {p}" for p in self.app.settings_problems]
        if lines:
            lines.append("(The app uses the defaults for these settings; `interview-tui config` lists them.)")
        lines += [f"Skipped phase file {p}" for p in phase_problems]
        moved_now = [q.message() for q in self.app.store.quarantined]
        lines += [f"Session file {p}" for p in unreadable if p not in moved_now]
        lines += [f"Session file {m}" for m in moved_now]
        earlier = quarantined - len(moved_now)
        if earlier > 0:
            kept_in = quarantine_folder(self.app.store.folder)
            lines.append(f"{earlier} damaged session file(s) from earlier runs kept unchanged in {kept_in}")
        if conflicts:  # the way to resolve them first: the box shows a few lines only
            from interview_tui.ui.keys import remapped_bindings

            # (this screen's own bindings as remapped: listing every screen's, as help does, would import them all)
            bound = [b for b in remapped_bindings(self.app, self) if b.action == "conflict_copies"]
            keys = " / ".join(dict.fromkeys(self.app.get_key_display(b) for b in bound)) or "y"
            lines.append(f"Sync: {keys} sets each copy beside its original, to "
                         "keep one or both ('interview-tui conflicts' on the command line).")
        lines += conflicts
        if bool(conflicts) != had_conflicts:
            self.refresh_bindings()
        box = self.query_one("#home-problems", Static)
        box.update(Content("\n".join(lines)))
        box.display = bool(lines)

    def action_open_session(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.summaries or table.cursor_row is None:
            return
        from interview_tui.ui.casework import open_session_by_id

        open_session_by_id(self, self.summaries[table.cursor_row].id)

    @on(DataTable.RowSelected, "#sessions")
    def _row_selected(self) -> None:
        self.action_open_session()

    @work
    async def action_new_session(self) -> None:
        from interview_tui.ui.screens.new_session import NewSessionDialog

        menu = self.app.protocol_menu()  # (from the phase files' last check: the dialog needs no models)
        if not menu:
            self.notify("No usable protocol: every phase file has errors (listed below).", severity="error", timeout=10)
            self.phase_files_checked()
            return
        from interview_tui.casework.protocol_choice import has_open_case

        store = self.app.store
        choice = await self.app.push_screen_wait(
            NewSessionDialog(menu, self.app.default_protocol or "", open_case=lambda code: has_open_case(store, code),
                             when_shown=self.app.read_phase_files_on_thread)
        )
        if choice is None:
            return
        from interview_tui.ui.casework import start_session

        session = await start_session(self, *choice)
        if session is not None:
            self.app.open_session(session)

    @work
    async def action_delete_session(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.summaries or table.cursor_row is None:
            return
        summary = self.summaries[table.cursor_row]
        from interview_tui.ui.screens.confirm import ConfirmDialog

        question = (
            f"Move the session of {summary.client} started {summary.started_at:%Y-%m-%d %H:%M} to the trash?\n"
            "It can be restored from the trash folder until the trash is emptied."
        )
        if not await self.app.push_screen_wait(ConfirmDialog(question, "Move to trash")):
            return
        from interview_tui.store.lock import SessionBusy
        from interview_tui.store.trash import move_to_trash

        try:
            move_to_trash(self.app.store, summary.id)
        except (SessionBusy, StoreError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.app.log_event("session_deleted", summary.id)
        self.notify("Moved to the trash.")
        self.refresh_sessions()

    def _narrowing(self):  # noqa: ANN202 - a Narrowing, imported when first used
        from interview_tui.ui.widgets.session_narrowing import Narrowing

        found = getattr(self.app, "sessions_narrowing", None)
        return found if isinstance(found, Narrowing) else Narrowing()

    def _narrow(self, narrowing) -> None:  # noqa: ANN001
        self.app.sessions_narrowing = narrowing  # type: ignore[attr-defined]  # the app's: kept for the run
        self.rows_shown = 0
        self.refresh_sessions()

    def action_narrow_status(self) -> None:
        self._narrow(self._narrowing().next_status())

    def action_narrow_protocol(self) -> None:
        self._narrow(self._narrowing().next_protocol(getattr(self, "_every", self.summaries)))

    def action_narrow_client(self) -> None:
        table = self.query_one("#sessions", DataTable)
        row = table.cursor_row
        client = self.summaries[row].client if self.summaries and 0 <= row < len(self.summaries) else None
        self._narrow(self._narrowing().toggle_client(client))

    def action_search_notes(self) -> None:
        from interview_tui.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_clients(self) -> None:
        from interview_tui.ui.screens.clients import ClientsScreen

        self.app.push_screen(ClientsScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "conflict_copies":
            return bool(self._folder_notes[1])
        return True

    def action_conflict_copies(self) -> None:
        from interview_tui.ui.screens.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_help(self) -> None:
        from interview_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(None, None))
