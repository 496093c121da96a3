"""One client's case: code and name, notes, flags, next appointment, case status, sessions, goals and plan.

Flags are cleared, and the case closed or reopened, with a reason kept in the
client's record. The goals-over-time chart (``GoalHistory``, from the goals'
baselines and reviews) and, beside it, the instrument scores over time
(``ScoreHistory``: PHQ-9, GAD-7...) are mounted in ``#goal-history`` and
``#score-history``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static, TextArea

from interview_tui.casework.cases import ClientCase
from interview_tui.casework.clients import (
    ClientRecord,
)
from interview_tui.store.sessions import StoreError
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.screens.client_record_actions import ClientRecordActions
from interview_tui.ui.screens.go_to import GoTo
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.typing_guard import TypingGuard
from interview_tui.ui.widgets.case_history import CaseHistory
from interview_tui.ui.widgets.open_items_table import OpenItemsTable
from interview_tui.ui.widgets.fitting_footer import FittingFooter


CONTACT_NOTE = "contact-note"
"""The protocol the contact-note key starts (a brief record of a contact between interviews)."""


class ClientViewScreen(ClientRecordActions, TypingGuard, OfInterviewApp, Screen[None]):
    CSS_PATH = style_sheet("client_view")
    TYPING_GOES = "Typing goes into the name and the notes: tab moves to them, shift+tab back."
    BINDINGS = [
        Binding("escape", "close", "Back", id="close_client", tooltip="Save and go back to the clients."),
        Binding("f1", "help", "Help", id="help", tooltip="Keys and how the app works."),
        Binding("ctrl+s", "save_client", "Save", id="save_client", tooltip="Save the name and notes now."),
        # Priority: the name field and the notes bind ctrl+x to cut, and would take it first.
        Binding("ctrl+x", "clear_flag", "Clear flag", id="clear_flag", tooltip="Clear the selected flag, saying why.",
                priority=True),
        Binding("ctrl+k", "close_or_reopen", "Close/reopen case", id="close_case",
                tooltip="Close the case, or reopen a closed one, saying why."),
        Binding("ctrl+n", "new_session_here", "New session", id="client_new_session",
                tooltip="Start a session for this client with the protocol that fits the case (follow-up for an "
                        "open case, intake when there is none) and open it."),
        Binding("ctrl+r", "contact_note_here", "Contact note", id="client_contact_note",
                tooltip="Write a short note of a contact between interviews (a call, a message, a visit, a talk "
                        "with another service) for this client."),
        Binding("ctrl+g", "to_history", "History", id="client_history",
                tooltip="Go to the case history: enter opens the session or the event of a row."),
        Binding("ctrl+t", "to_open_items", "Goals & plan", id="client_open_items",
                tooltip="Go to the open goals and plan items: enter opens the session that keeps one, at it."),
    ]  # fmt: skip

    def __init__(self, code: str, at: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.code = code
        self.at = at
        """Where to open: ("flag", flag id) or ("session", session id); None: the sessions list."""
        self.case: ClientCase[ClientRecord] | None = None
        """Read by ``load`` (on mount, and again after changes)."""
        self._away_in_session = False
        """A session was opened from here: on coming back, its changes (flags, dates...) are read again."""

    @property
    def loaded_case(self) -> ClientCase[ClientRecord]:
        """The case as ``load`` last read it (it runs on mount, before any key is handled here)."""
        assert self.case is not None
        return self.case

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="client-view"):
            yield Static(Content(f"Client {self.code}"), id="client-title")
            yield Static(id="case-status")
            yield Static(id="client-problem")
            with Horizontal(id="client-name-row"):
                yield Label("Name")
                yield Input(placeholder="Optional display name (never required)", id="client-name")
            yield Static(Content("Notes"), classes="client-heading")
            yield TextArea(id="client-notes", soft_wrap=True)
            yield Static(Content("Flags"), classes="client-heading")
            yield DataTable(id="client-flags", cursor_type="row")
            yield Static(id="client-flags-none")
            yield Static(id="client-next")
            yield Static(Content("Sessions"), classes="client-heading")
            yield DataTable(id="client-sessions", cursor_type="row", zebra_stripes=True)
            yield Static(Content("Case history"), classes="client-heading")
            yield CaseHistory(id="client-history")
            yield Static(Content("Open goals"), classes="client-heading")
            yield OpenItemsTable("goal", id="client-goals")
            yield Static(Content("Open plan items"), classes="client-heading")
            yield OpenItemsTable("plan item", id="client-plan")
            with Horizontal(id="case-charts"):  # the charts are mounted here, side by side
                yield Vertical(id="goal-history")  # goals over time (GoalHistory)
                yield Vertical(id="score-history")  # PHQ-9, GAD-7... over time (ScoreHistory)
        yield FittingFooter()

    def on_mount(self) -> None:
        self.load()
        from interview_tui.ui.widgets.open_at import open_at

        at = self.at
        if at is not None and at[0] == "flag":  # a flag raised by several sessions has one row: its newest's
            at = ("flag", next((f.flag_id for f in self.loaded_case.flags if at[1] in f.flag_ids), at[1]))
        open_at(self, at)

    def load(self) -> None:
        from interview_tui.ui.casework import case_of

        case = self.case = case_of(self.app, self.code)
        self.query_one("#client-name", Input).value = case.display_name
        self.query_one("#client-notes", TextArea).text = case.record.notes
        problem = self.query_one("#client-problem", Static)
        problem.update(Content(case.problem or ""))
        problem.display = bool(case.problem)
        self._show_case()

    def _show_case(self) -> None:
        from interview_tui.casework.closing import case_line

        case = self.case
        assert case is not None
        record = case.record
        status = self.query_one("#case-status", Static)
        status.update(Content(case_line(case)))
        status.set_class(record.is_closed, "closed")

        flags = self.query_one("#client-flags", DataTable)
        _clear_rows(flags, "Flag", "Raised", "Raised in")
        for flag in case.flags:
            flags.add_row(Text(flag.text), flag.raised_on.isoformat(), flag.sources_text, key=flag.flag_id)
        flags.display = bool(case.flags)
        cleared = len(record.flag_clearances)
        none = "No open flags." + (f" ({cleared} cleared, with reasons, in the record.)" if cleared else "")
        self.query_one("#client-flags-none", Static).update(Content(none))
        self.query_one("#client-flags-none", Static).display = not case.flags

        if record.is_closed:
            appointment = "none (the case is closed)"
        else:
            appointment = case.next_appointment.isoformat() if case.next_appointment else "none set"
        self.query_one("#client-next", Static).update(Content(f"Next appointment: {appointment}"))

        sessions = self.query_one("#client-sessions", DataTable)
        _clear_rows(sessions, "Date", "Protocol", "Status")
        for s in case.sessions:
            status_text = "✓ finished" if s.status == "completed" else "… in progress"
            sessions.add_row(f"{s.started_at:%Y-%m-%d %H:%M}", Text(s.protocol_title), status_text, key=s.id)
        self._show_goals_and_plan()

    def _show_goals_and_plan(self) -> None:
        from interview_tui.casework.case_history import case_history
        from interview_tui.casework.open_items import open_items

        case, order = self.loaded_case, self.app.settings.date_order
        self.query_one("#client-history", CaseHistory).show(case_history(case.record, case.sessions), order)
        goals, plan = open_items(self.app.store, case.sessions)
        self.query_one("#client-goals", OpenItemsTable).show(goals, order)
        self.query_one("#client-plan", OpenItemsTable).show(plan, order)
        self._show_goal_history()

    def _show_goal_history(self, look_at: int = 60) -> None:
        """Each goal's ratings and each instrument's totals over the client's sessions (the newest ``look_at`` of
        them), as sparklines side by side."""
        from interview_tui.core.goal_history import goal_history
        from interview_tui.core.score_history import case_scores
        from interview_tui.ui.widgets.goal_history import GoalHistory
        from interview_tui.ui.widgets.score_history import ScoreHistory

        sessions = []
        for summary in self.loaded_case.sessions[:look_at]:
            try:
                sessions.append(self.app.store.load(summary.id))
            except StoreError:
                continue
        holder = self.query_one("#goal-history", Vertical)
        holder.remove_children()
        holder.mount(Static(Content("Goals over time"), classes="client-heading"), GoalHistory(goal_history(sessions)))
        scores = self.query_one("#score-history", Vertical)
        scores.remove_children()
        scores.mount(Static(Content("Scores over time"), classes="client-heading"), ScoreHistory(case_scores(sessions)))

    # ------------------------------------------------------------ sessions

    @on(DataTable.RowSelected, "#client-sessions")
    def _open_session(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self._open_in_session(event.row_key.value)

    def _open_in_session(self, session_id: str, go_to: GoTo | None = None) -> None:
        from interview_tui.ui.casework import open_session_by_id

        self._away_in_session = True
        open_session_by_id(self, session_id, go_to=go_to)

    @on(DataTable.RowSelected, "#client-history")
    def _open_history_row(self, event: DataTable.RowSelected) -> None:
        """A session, or an event a session caused, opens that session (at the flag's answer); any other event
        shows its detail."""
        from interview_tui.ui.widgets.answer_message import field_id

        row = self.query_one("#client-history", CaseHistory).row_named(event.row_key.value)
        if row is None:
            return
        if row.session_id is None:
            from interview_tui.ui.screens.event_detail import EventDetail

            self.app.push_screen(EventDetail(row.detail()))
            return
        at = None
        if row.phase_id is not None and row.prompt_id is not None:
            at = GoTo(row.phase_id, field_id(row.phase_id, row.prompt_id))
        self._open_in_session(row.session_id, at)

    @on(DataTable.RowSelected, "#client-goals")
    @on(DataTable.RowSelected, "#client-plan")
    def _open_item(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        assert isinstance(table, OpenItemsTable)
        item = table.item_named(event.row_key.value)
        if item is None:
            return
        at = None
        if item.phase_id is not None:
            holder = "goals" if item.kind == "goal" else "plan"
            at = GoTo(item.phase_id, f"{holder}-{item.phase_id}", item.item_id)
        self._open_in_session(item.session_id, at)

    def action_help(self) -> None:
        from interview_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(None, None))

    def action_to_history(self) -> None:
        self._focus_table("#client-history")

    def action_to_open_items(self) -> None:
        """The goals, then the plan items (again: from the goals to the plan items and back)."""
        goals = self.query_one("#client-goals", OpenItemsTable)
        self._focus_table("#client-plan" if self.focused is goals else "#client-goals")

    def _focus_table(self, selector: str) -> None:
        table = self.query_one(selector, DataTable)
        table.focus()
        table.scroll_visible(animate=False)

    @work
    async def action_new_session_here(self) -> None:
        """A new session for this client, with the protocol that fits the case, opened in the session screen."""
        from interview_tui.casework.protocol_choice import fitting_protocol, has_open_case

        catalogue = self.app.catalogue
        protocol_id = fitting_protocol(
            catalogue.protocols, has_open_case(self.app.store, self.code), self.app.default_protocol
        )
        if protocol_id is None:
            self.notify("No usable protocol: every phase file has errors.", severity="error", timeout=10)
            return
        await self._start_here(protocol_id)

    @work
    async def action_contact_note_here(self) -> None:
        """A contact note for this client (the built-in ``contact-note`` protocol, or a phase file's own)."""
        if CONTACT_NOTE not in self.app.catalogue.protocols:
            self.notify(f"No '{CONTACT_NOTE}' protocol: its phase file is missing or has errors "
                        "(`interview-tui phases check`).", severity="error", timeout=10)  # fmt: skip
            return
        await self._start_here(CONTACT_NOTE)

    async def _start_here(self, protocol_id: str) -> None:
        from interview_tui.ui.casework import start_session

        catalogue = self.app.catalogue
        session = await start_session(self, self.code, protocol_id)
        if session is None:
            self._reload_keeping_edits()  # (a closed case may have been reopened before the file was refused)
            return
        self._away_in_session = True
        self.notify(f"New {catalogue.protocols[protocol_id].title} session for {self.code}.")
        self.app.open_session(session)

    def on_screen_resume(self) -> None:
        if self.case is not None and self._away_in_session:
            self._away_in_session = False
            self._reload_keeping_edits()

    def _reload_keeping_edits(self) -> None:
        """Read the case again (a session may have changed flags, dates...), the name and notes as typed here."""
        self._take_edits()
        edits = (self.loaded_case.record.display_name, self.loaded_case.record.notes)
        self.load()
        self.query_one("#client-name", Input).value, self.query_one("#client-notes", TextArea).text = edits


def _clear_rows(table: DataTable[Any], *columns: str) -> None:
    """Empty a table for new rows, its columns made once: a table whose columns were cleared and added again
    while shown kept them at their headers' width (dates cut to "2025") until the view was opened again."""
    table.clear()
    if not table.columns:
        table.add_columns(*columns)
