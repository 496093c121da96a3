"""The export dialog's drop-down lists cover what lies beneath them: no letter of the labels underneath shows
beside an option ("NPlain text", "FSOAP note" were seen at 120x40)."""

from __future__ import annotations

import html
import re

import pytest
from textual.widgets import Select

from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.export_dialog import ExportDialog


def _screen_lines(app) -> list[str]:
    """The terminal's rows as text, from Textual's own screenshot (one <text> run per span, placed by y)."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg, flags=re.S):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(t for _, t in sorted(row)) for _, row in sorted(rows.items())]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize(
    "select_id, beneath",
    [("#export-format", ["Plain text", "Web page", "JSON"]), ("#export-style", ["SOAP note", "DAP note", "BIRP note"])],
)
async def test_an_open_drop_down_hides_the_labels_beneath(locations, catalogue, store, intake, size, select_id, beneath):
    session = Session.start("C-0142", intake)
    store.save(session)
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("e")
        for _ in range(3):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one(select_id, Select).focus()
        await pilot.press("enter")  # opens the list
        for _ in range(3):
            await pilot.pause()
        assert dialog.query_one(select_id, Select).expanded
        lines = _screen_lines(app)
        for option in beneath:
            shown = [line for line in lines if option in line]
            assert shown, f"{option!r} is not on screen"
            for line in shown:
                inside = line[: line.index(option)].rsplit("█", 1)[-1]  # (the dialog's thick border)
                assert not re.search(r"[A-Za-z(]", inside), f"a letter shows beside {option!r}: {line!r}"
