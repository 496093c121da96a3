"""The home screen's casework panel: open flags, then next appointments and plan items by date.

Meaning never rests on colour alone: a flag says "⚑ RISK High", an overdue
line says "overdue" (and is drawn in the error colour), today's says "today".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from interview_tui.store.sessions import StoreError
from interview_tui.ui.of_app import OfInterviewApp

if TYPE_CHECKING:  # (loaded when the panel is first filled, after the first screen is drawn)
    from collections.abc import Sequence

    from interview_tui.casework.cases import ClientCase
    from interview_tui.casework.due import DueEntry
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
    CaseworkPanel:focus { border-top: solid $accent; }
    """
    BINDINGS = [
        Binding("down", "row(1)", "Next", id="casework_next_row", show=False,
                tooltip="In the flags and due list: the next line."),
        Binding("up", "row(-1)", "Previous", id="casework_previous_row", show=False,
                tooltip="In the flags and due list: the line above."),
        Binding("enter", "open_row", "Open client", id="casework_open_row",
                tooltip="Open the client's view at the flag or the due item on this line."),
    ]  # fmt: skip

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list["DueEntry"] = []
        self.cases: list["ClientCase"] = []
        self.targets: list[tuple[str, tuple[str, str]] | None] = []
        """Per line: (client code, where in the client's view), or None for a heading."""
        self.cursor = 0
        self.lines: list[tuple[str, str]] = []
        """What the panel shows: (text, kind), kind one of ``LINE_STYLES``. One widget draws them all (a widget
        per line cost about 3 MiB at forty of each)."""
        self.can_focus = True

    def compose(self) -> ComposeResult:
        yield Static(id="casework-lines")

    def refresh_soon(self, summaries: Sequence[SessionSummary] | None = None) -> None:
        """Recompute after the sessions list has been drawn (it reads every client's record), from the
        ``summaries`` the home screen has just read (None: read them again)."""
        self.call_after_refresh(self.refresh_cases, summaries)

    def refresh_cases(self, summaries: Sequence[SessionSummary] | None = None) -> None:
        from interview_tui.casework.due import due_list, plan_actions
        from interview_tui.ui.casework import board, today

        try:
            self.cases = board(self.app, summaries)
        except StoreError as exc:
            self._show([(f"Clients: {exc}", "flag")])
            return
        self.entries = due_list(self.cases, today(self.app))
        lines: list[tuple[str, str]] = []
        targets: list[tuple[str, tuple[str, str]] | None] = []
        flagged = [(case, flag) for case in self.cases if not case.is_closed for flag in case.flags]
        for case, flag in flagged[:MAX_LINES]:
            sources = len(flag.session_ids)
            by = f" ({sources} sessions)" if sources > 1 else ""
            lines.append((f"{flag.text}  {who(case.code, case.display_name)}  raised {flag.raised_on.isoformat()}{by}",
                          "flag"))
            targets.append((case.code, ("flag", flag.flag_id)))
        if self.entries:
            lines.append(("Due and overdue", "heading"))
            targets.append(None)
        actions = plan_actions(self.app.store, self.entries[:MAX_LINES])
        for entry in self.entries[:MAX_LINES]:
            what = entry.what
            action = actions.get((entry.session_id, entry.item_id or ""))
            if action:
                what = f"{what}: {action}"
            text = f"{entry.day.isoformat()}  {entry.word:<7}  {who(entry.client, entry.display_name)}  {what}"
            lines.append((text, entry.state))
            targets.append((entry.client, ("session", entry.session_id)))
        self.targets = targets
        self._show(lines)

    def _show(self, lines: list[tuple[str, str]]) -> None:
        self.lines = lines
        self.cursor = min(self.cursor, max(len(lines) - 1, 0))
        if len(self.targets) != len(lines):
            self.targets = [None] * len(lines)
        self._draw()
        self.display = bool(lines)

    def _draw(self) -> None:
        def style(index: int, kind: str) -> str:
            return f"{LINE_STYLES[kind]} reverse".strip() if self.has_focus and index == self.cursor else LINE_STYLES[kind]

        shown = Content("\n").join(
            Content.styled(text, style(i, kind)) for i, (text, kind) in enumerate(self.lines)
        )
        self.query_one("#casework-lines", Static).update(shown)

    def on_focus(self) -> None:
        if self.cursor < len(self.targets) and self.targets[self.cursor] is None:
            self.action_row(1)
        self._draw()

    def on_blur(self) -> None:
        self._draw()

    def action_row(self, step: int) -> None:
        """Move to the next line that names something (headings are passed over)."""
        index = self.cursor + step
        while 0 <= index < len(self.targets) and self.targets[index] is None:
            index += step
        if 0 <= index < len(self.targets):
            self.cursor = index
            self.scroll_to(y=index, animate=False)
        self._draw()

    def action_open_row(self) -> None:
        """Open the client's view at what the line names."""
        if not 0 <= self.cursor < len(self.targets):
            return
        target = self.targets[self.cursor]
        if target is None:
            return
        from interview_tui.ui.screens.client_view import ClientViewScreen

        self.app.push_screen(ClientViewScreen(target[0], at=target[1]))
