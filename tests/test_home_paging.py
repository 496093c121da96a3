"""The home screen with many sessions: rows arrive a page at a time, and every session stays reachable."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import DataTable

from interview_tui.session import Session
from interview_tui.ui import app as app_module
from interview_tui.ui.screens import home
from interview_tui.ui.screens.session import SessionScreen

BASE = datetime(2025, 5, 5, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def twelve(store, intake) -> list[Session]:
    sessions = []
    for n in range(12):
        session = Session.start(f"DEMO-{n:02d}", intake, at=BASE + timedelta(hours=n))
        store.save(session)
        sessions.append(session)
    return sessions


async def test_rows_are_added_as_the_cursor_nears_the_end(locations, catalogue, store, twelve, monkeypatch):
    monkeypatch.setattr(home, "PAGE", 4)
    app = app_module.make_app(locations=locations, catalogue=catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 4
        assert "12 session(s)" in str(app.screen.query_one("#home-hint").render())
        for _ in range(11):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == 12
        assert table.cursor_row == 11
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.id == twelve[0].id  # the oldest, last in the list


async def test_scrolling_to_the_bottom_adds_rows(locations, catalogue, store, twelve, monkeypatch):
    monkeypatch.setattr(home, "PAGE", 8)
    app = app_module.make_app(locations=locations, catalogue=catalogue, store=store)
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 8
        table.scroll_end(animate=False)
        await pilot.pause()
        assert table.row_count == 12
