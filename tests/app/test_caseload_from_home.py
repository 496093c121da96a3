"""From the home screen to the client (issue 19): flags and due lines take focus and open the client's view at them."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from fixed_app import build_app
from textual.widgets import DataTable

from interview_tui.core.session import Session
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.widgets.casework_panel import CaseworkPanel

AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
TODAY = date(2026, 3, 9)


@pytest.fixture
def casework(store, intake):
    """C-0142: risk high, appointment overdue; B-7: a session setting an appointment ahead, then a later one."""
    flagged = Session.start("C-0142", intake, at=AT)
    flagged.set_answer("assessment", "risk-level", "high")
    flagged.set_answer("closure", "next-appointment", "2026-03-06")
    store.save(flagged)
    first = Session.start("B-7", intake, at=AT.replace(day=1))
    first.set_answer("closure", "next-appointment", "2026-03-16")
    store.save(first)
    later = Session.start("B-7", intake, at=AT.replace(day=3))
    store.save(later)
    return flagged, first


async def _home(pilot, app) -> CaseworkPanel:
    await pilot.pause()
    panel = app.screen.query_one(CaseworkPanel)
    for _ in range(20):
        if panel.lines:
            break
        await pilot.pause()
    panel.focus()
    await pilot.pause()
    return panel


async def test_a_flag_on_home_opens_the_clients_view_at_the_flag(locations, catalogue, store, casework):
    casework  # noqa: B018 - the sessions on disk
    app = build_app(locations, catalogue, store=store)
    app.casework_today = lambda: TODAY
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await _home(pilot, app)
        assert panel.has_focus and panel.lines[panel.cursor][1] == "flag"
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, ClientViewScreen) and view.code == "C-0142"
        flags = view.query_one("#client-flags", DataTable)
        assert view.focused is flags and flags.cursor_row == 0


async def test_a_due_line_on_home_opens_the_clients_view_at_its_session(locations, catalogue, store, casework):
    _, first = casework
    app = build_app(locations, catalogue, store=store)
    app.casework_today = lambda: TODAY
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await _home(pilot, app)
        await pilot.press("down")  # past the heading, to the first due line (C-0142's overdue appointment)
        await pilot.press("down")  # B-7's appointment ahead
        assert panel.lines[panel.cursor][1] == "upcoming" and "B-7" in panel.lines[panel.cursor][0]
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, ClientViewScreen) and view.code == "B-7"
        sessions = view.query_one("#client-sessions", DataTable)
        assert view.focused is sessions
        row_key = sessions.coordinate_to_cell_key((sessions.cursor_row, 0)).row_key
        assert row_key.value == first.id  # the session that set it, not the newest
