"""The home screen with many sessions: rows arrive a page at a time, and every session stays reachable."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import DataTable

from interview_tui.core.session import Session
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


async def test_first_drawn_from_the_index_then_corrected_from_the_files(locations, catalogue, store, intake, twelve):
    store.summaries()  # the index now knows the twelve
    newcomer = Session.start("DEMO-NEW", intake, at=BASE + timedelta(days=3))
    other_program = app_module.SessionStore(store.folder)
    other_program.save(newcomer)  # written behind this app's back: the index does not know it
    store.path_for(twelve[5].id).unlink()
    app = app_module.make_app(locations=locations, catalogue=catalogue, store=app_module.SessionStore(store.folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#sessions", DataTable)
        shown = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert shown[0] == "DEMO-NEW"
        assert "DEMO-05" not in shown and len(shown) == 12
        assert "12 session(s)" in str(screen.query_one("#home-hint").render())


async def test_a_session_opened_from_the_command_line_does_not_read_the_list_beneath(
    locations, catalogue, store, intake, twelve, monkeypatch
):
    calls = []
    real = app_module.SessionStore.summaries
    monkeypatch.setattr(app_module.SessionStore, "summaries", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    app = app_module.make_app(locations=locations, catalogue=catalogue, store=store, session=twelve[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert calls == []
        await pilot.press("ctrl+o")  # back to the list: now it is read
        await pilot.pause()
        assert len(calls) == 1
        assert app.screen.query_one("#sessions", DataTable).row_count == 12


async def test_without_an_index_the_screen_says_it_is_reading_then_lists(locations, catalogue, store, twelve):
    (store.folder / ".index.sqlite").unlink(missing_ok=True)
    app = app_module.make_app(locations=locations, catalogue=catalogue, store=app_module.SessionStore(store.folder))
    hints = []
    async with app.run_test(size=(120, 40)) as pilot:
        hints.append(str(app.screen.query_one("#home-hint").render()))
        await pilot.pause()
        await pilot.pause()
        hints.append(str(app.screen.query_one("#home-hint").render()))
        assert app.screen.query_one("#sessions", DataTable).row_count == 12
    assert "12 session(s)" in hints[-1]
    assert (store.folder / ".index.sqlite").exists()


async def test_a_session_that_sorts_after_every_row_shown_appears_on_coming_back(locations, catalogue, store, intake):
    """Seen in tmux: after 'keep both' of a conflict copy (a new session started at the same time as its
    original, so listed just after it) the hint said 2 sessions and the table showed one row until the app was
    started again. The table was kept because its rows were still right, but its room for more was left empty."""
    newer = Session.start("DEMO-01", intake, at=BASE + timedelta(hours=1))
    store.save(newer)
    app = app_module.make_app(locations=locations, catalogue=catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 1
        older = Session.start("DEMO-02", intake, at=BASE)  # (as a restore or a kept copy adds one)
        store.save(older)
        app.screen.refresh_sessions()
        await pilot.pause()
        assert "2 session(s)" in str(app.screen.query_one("#home-hint").render())
        assert table.row_count == 2
        assert [app.screen.summaries[n].id for n in range(2)] == [newer.id, older.id]
