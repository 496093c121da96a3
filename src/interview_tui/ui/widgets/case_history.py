"""The client's case history as a table: one row per session and per case event, newest first (issue 19).

The rows come from ``casework.case_history``; enter on a row posts the table's ``RowSelected``, and the
client's view opens what the row names (``row_named``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from interview_tui.casework.case_history import KIND_WORDS, HistoryRow
from interview_tui.core.dates import show_date
from interview_tui.core.visible_text import visible


def when(row: HistoryRow, order: str) -> str:
    """The day in the practitioner's order with its weekday, and the time: ``Mon 02/03/2026 09:30``."""
    return f"{show_date(row.at.date(), order)} {row.at:%H:%M}"


class CaseHistory(DataTable[Any]):
    DEFAULT_CSS = """
    CaseHistory { height: auto; max-height: 12; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._rows_by_key: dict[str, HistoryRow] = {}

    @property
    def typing_hint(self) -> str:
        return "This is the case history (enter opens the session or the event of the highlighted row)."

    def show(self, rows: Sequence[HistoryRow], order: str) -> None:
        self.clear()
        if not self.columns:  # (made once: see client_view._clear_rows)
            self.add_columns("When", "What", "")
        self._rows_by_key = {}
        for row in rows:
            key = row.key
            if key in self._rows_by_key:
                continue
            self._rows_by_key[key] = row
            opens = "→ session" if row.opens_session else "→ details"
            self.add_row(when(row, order), Text(f"{KIND_WORDS[row.kind]}: {visible(row.what)}"), opens, key=key)

    def row_named(self, key: str | None) -> HistoryRow | None:
        return self._rows_by_key.get(key or "")
