"""The home screen's casework panel: open flags, then next appointments and plan items by date.

Meaning never rests on colour alone: a flag says "⚑ RISK High", an overdue
line says "overdue" (and is drawn in the error colour), today's says "today".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from interview_tui.store.sessions import StoreError
from interview_tui.ui.of_app import OfInterviewApp

if TYPE_CHECKING:  # (loaded when the panel is first filled, after the first screen is drawn)
    from collections.abc import Sequence

    from interview_tui.casework.cases import ClientCase, DueEntry
    from interview_tui.store.sessions import SessionSummary

MAX_LINES = 40
"""Lines drawn at most (the panel scrolls); plan item texts are read only for these."""

LINE_STYLES = {
    "flag": "bold $warning",
    "heading": "bold $text-muted",
    "overdue": "bold $error",
    "today": "bold reverse",
    "upcoming": "",
}
"""Each kind of line's look (the words on the line say the same: colour is never the only sign)."""


def who(client: str, display_name: str) -> str:
    return f"{client} ({display_name})" if display_name else client


class CaseworkPanel(OfInterviewApp, VerticalScroll):
    DEFAULT_CSS = """
    CaseworkPanel { height: auto; max-height: 7; border-top: solid $primary 50%; padding: 0 1; }
    CaseworkPanel > Static { height: auto; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list["DueEntry"] = []
        self.cases: list["ClientCase"] = []
        self.lines: list[tuple[str, str]] = []
        """What the panel shows: (text, kind), kind one of ``LINE_STYLES``. One widget draws them all (a widget
        per line cost about 3 MiB at forty of each)."""
        self.can_focus = False

    def compose(self) -> ComposeResult:
        yield Static(id="casework-lines")

    def refresh_soon(self, summaries: Sequence[SessionSummary] | None = None) -> None:
        """Recompute after the sessions list has been drawn (it reads every client's record), from the
        ``summaries`` the home screen has just read (None: read them again)."""
        self.call_after_refresh(self.refresh_cases, summaries)

    def refresh_cases(self, summaries: Sequence[SessionSummary] | None = None) -> None:
        from interview_tui.casework.cases import due_list, plan_actions
        from interview_tui.ui.casework import board, today

        try:
            self.cases = board(self.app, summaries)
        except StoreError as exc:
            self._show([(f"Clients: {exc}", "flag")])
            return
        self.entries = due_list(self.cases, today(self.app))
        lines: list[tuple[str, str]] = []
        flagged = [(case, flag) for case in self.cases if not case.is_closed for flag in case.open_flags]
        for case, flag in flagged[:MAX_LINES]:
            lines.append((f"{flag.text}  {who(case.code, case.display_name)}  raised {flag.raised_on.isoformat()}", "flag"))
        if self.entries:
            lines.append(("Due and overdue", "heading"))
        actions = plan_actions(self.app.store, self.entries[:MAX_LINES])
        for entry in self.entries[:MAX_LINES]:
            what = entry.what
            action = actions.get((entry.session_id, entry.item_id or ""))
            if action:
                what = f"{what}: {action}"
            text = f"{entry.day.isoformat()}  {entry.word:<7}  {who(entry.client, entry.display_name)}  {what}"
            lines.append((text, entry.state))
        self._show(lines)

    def _show(self, lines: list[tuple[str, str]]) -> None:
        self.lines = lines
        shown = Content("\n").join(Content.styled(text, LINE_STYLES[kind]) for text, kind in lines)
        self.query_one("#casework-lines", Static).update(shown)
        self.display = bool(lines)
