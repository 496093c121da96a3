"""Opening the client's view at what a row elsewhere names: a flag, or a session (issue 19)."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import DataTable


def open_at(screen: Screen, at: tuple[str, str] | None) -> None:
    """Focus the flags table at the flag, or the sessions table at the session (the sessions list otherwise)."""
    table_id, key = {"flag": "#client-flags", "session": "#client-sessions"}.get(at[0] if at else "", ""), None
    if at:
        key = at[1]
    if table_id and key is not None:
        table = screen.query_one(table_id, DataTable)
        try:
            row = table.get_row_index(key)
        except Exception:  # noqa: BLE001 - the row is gone (flag cleared, session deleted): the list instead
            row = None
        if row is not None and table.display:
            table.focus()
            table.move_cursor(row=row)
            return
    screen.query_one("#client-sessions", DataTable).focus()
