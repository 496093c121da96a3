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

from interview_tui.storage import StoreError

if TYPE_CHECKING:  # (loaded when the panel is first filled, after the first screen is drawn)
    from interview_tui.casework import ClientCase, DueEntry

MAX_LINES = 40
"""Lines drawn at most (the panel scrolls); plan item texts are read only for these."""


def who(client: str, display_name: str) -> str:
    return f"{client} ({display_name})" if display_name else client


class CaseworkPanel(VerticalScroll):
    DEFAULT_CSS = """
    CaseworkPanel { height: auto; max-height: 7; border-top: solid $primary 50%; padding: 0 1; }
    CaseworkPanel > Static { height: 1; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    CaseworkPanel > .casework-heading { text-style: bold; color: $text-muted; }
    CaseworkPanel > .flag { color: $warning; text-style: bold; }
    CaseworkPanel > .overdue { color: $error; text-style: bold; }
    CaseworkPanel > .today { text-style: bold reverse; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list["DueEntry"] = []
        self.cases: list["ClientCase"] = []
        self.can_focus = False

    def compose(self) -> ComposeResult:
        return []

    def refresh_soon(self, summaries: list | None = None) -> None:
        """Recompute after the sessions list has been drawn (it reads every client's record), from the
        ``summaries`` the home screen has just read (None: read them again)."""
        self.call_after_refresh(self.refresh_cases, summaries)

    def refresh_cases(self, summaries: list | None = None) -> None:
        from interview_tui.casework import due_list
        from interview_tui.ui.casework import cases, today

        try:
            self.cases = cases(self.app, summaries)
        except StoreError as exc:
            self._show([Static(Content(f"Clients: {exc}"), classes="flag")])
            return
        self.entries = due_list(self.cases, today(self.app))
        lines: list[Static] = []
        flagged = [(case, flag) for case in self.cases if not case.is_closed for flag in case.open_flags]
        for case, flag in flagged[:MAX_LINES]:
            text = f"{flag.text}  {who(case.code, case.display_name)}  raised {flag.raised_on.isoformat()}"
            lines.append(Static(Content(text), classes="flag"))
        if self.entries:
            lines.append(Static(Content("Due and overdue"), classes="casework-heading"))
        actions = self._plan_actions(self.entries[:MAX_LINES])
        for entry in self.entries[:MAX_LINES]:
            what = entry.what
            action = actions.get((entry.session_id, entry.item_id or ""))
            if action:
                what = f"{what}: {action}"
            text = f"{entry.day.isoformat()}  {entry.word:<7}  {who(entry.client, entry.display_name)}  {what}"
            lines.append(Static(Content(text), classes=entry.state))
        self._show(lines)

    def _show(self, lines: list[Static]) -> None:
        self.remove_children()
        self.mount_all(lines)
        self.display = bool(lines)

    def _plan_actions(self, entries: list["DueEntry"]) -> dict[tuple[str, str], str]:
        """The plan items' own words, read from their sessions (the index keeps no client text)."""
        found: dict[tuple[str, str], str] = {}
        for session_id in dict.fromkeys(e.session_id for e in entries if e.kind == "plan_item"):
            try:
                session = self.app.store.load(session_id)
            except StoreError:
                continue
            for item in session.plan_items:
                found[(session_id, item.id)] = item.action
        return found
