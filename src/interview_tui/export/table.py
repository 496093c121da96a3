"""Rows as CSV or JSON, safe to open in a spreadsheet and to print.

CSV: a cell a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) gets a leading apostrophe, the mark spreadsheets take for "this is text" (the OWASP advice
against CSV injection); numbers stay numbers. Every control character but newline and tab is shown as a
symbol (``visible``), so nothing in a cell can drive a terminal the table is printed on. Rows end in CR LF,
as RFC 4180 and spreadsheets expect; cells with a comma, quote or line break are quoted.

JSON: an array of objects, one per row, with the columns as keys; control characters escaped as JSON does.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from interview_tui.core.visible_text import json_visible, visible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may take as the start of a formula (or that hides one)."""
TABLE_FORMATS: tuple[str, ...] = ("csv", "json")


def safe_cell(value: str | int) -> str | int:
    """A value as a spreadsheet cell: a number as it is; text with its control characters shown, and an
    apostrophe before it when it would otherwise be read as a formula."""
    if isinstance(value, int):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return visible(value)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str | int]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()


def json_text(columns: Sequence[str], rows: Iterable[Sequence[str | int]]) -> str:
    data = [dict(zip(columns, row)) for row in rows]
    return json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
