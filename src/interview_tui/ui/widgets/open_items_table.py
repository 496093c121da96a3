"""The client's open goals or plan items as a table, soonest due first, the due day with its weekday (issue 19).

The items come from ``casework.open_items``; enter on a row posts the table's ``RowSelected``, and the
client's view opens the item's session at it (``item_named``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from interview_tui.casework.open_items import OpenItem
from interview_tui.core.dates import show_date
from interview_tui.core.visible_text import visible


class OpenItemsTable(DataTable[Any]):
    DEFAULT_CSS = """
    OpenItemsTable { height: auto; max-height: 10; }
    """

    def __init__(self, noun: str, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.noun = noun
        """ "goal" or "plan item" """
        self._items: dict[str, OpenItem] = {}

    @property
    def typing_hint(self) -> str:
        return f"This is the list of open {self.noun}s (enter opens the session that keeps the highlighted one)."

    def show(self, items: Sequence[OpenItem], order: str) -> None:
        self.clear()
        if not self.columns:  # (made once: see client_view._clear_rows)
            self.add_columns("Due", self.noun.capitalize(), "Status")
        self._items = {}
        for item in items:
            key = f"{item.session_id}/{item.item_id}"
            self._items[key] = item
            due = show_date(item.due, order) if item.due else "no date"
            status = f"{item.status}, {item.who}" if item.who else item.status
            if item.review_on is not None:
                status += f", review {show_date(item.review_on, order)}"
            self.add_row(due, Text(visible(item.what)), status, key=key)
        if not items:
            self.add_row("", Text(f"No open {self.noun}s."), "", key="")

    def item_named(self, key: str | None) -> OpenItem | None:
        return self._items.get(key or "")
