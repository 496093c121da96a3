"""The client's view as a place to move on from (issue 19): a new session with the protocol that fits the case,
the case history whose rows open what they name, the open goals and plan items that open their session at them."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from fixed_app import build_app, footer_keys_once_shown, wait_for
from textual.widgets import DataTable, OptionList

from interview_tui.casework.clients import ClientBook
from interview_tui.core.session import Session
from interview_tui.settings.model import Settings
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.screens.event_detail import EventDetail
from interview_tui.ui.screens.help import HelpScreen
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.casework_panel import CaseworkPanel

AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
TODAY = date(2026, 3, 9)


@pytest.fixture
def case(store, intake):
    """C-0142: an intake with risk high, a goal and a plan item due; the flag later cleared, the case closed and
    reopened from the client's view."""
    session = Session.start("C-0142", intake, at=AT)
    session.set_answer("assessment", "risk-level", "high")
    session.set_answer("closure", "next-appointment", "2026-03-06")
    goal = session.add_goal(what="Find a [stable] flat", by_when="2026-04-01")
    session.add_goal(what="Sleep better", by_when="2026-03-20")
    session.add_plan_item(action="Ring the housing office", due="2026-03-09")
    store.save(session)
    book = ClientBook(store)
    record = book.ensure("C-0142", at=AT)
    flag_id = f"{session.id}/assessment/risk-level"
    record.clear_flag(flag_id, "high", "Safety plan agreed", at=AT.replace(day=3))
    record.close_case("Moved away", at=AT.replace(day=4))
    record.reopen_case("Came back to the area", at=AT.replace(day=5))
    book.save(record)
    return session, goal


def make(locations, catalogue, store, settings=None):
    app = build_app(locations, catalogue, store=store, settings=settings)
    app.casework_today = lambda: TODAY
    return app


async def open_view(pilot, app, code="C-0142") -> ClientViewScreen:
    await pilot.pause()
    app.push_screen(ClientViewScreen(code))
    await wait_for(pilot, lambda: isinstance(app.screen, ClientViewScreen), "the client view")
    await pilot.pause()
    return app.screen


def history_texts(view) -> list[str]:
    table = view.query_one("#client-history", DataTable)
    return [f"{table.get_row_at(i)[0]} {table.get_row_at(i)[1]}" for i in range(table.row_count)]


async def test_home_due_item_to_the_client_view_to_a_new_follow_up_session(locations, catalogue, store, case):
    session, _ = case
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(CaseworkPanel)
        await wait_for(pilot, lambda: bool(panel.lines), "the due list")
        panel.focus()
        await pilot.pause()
        while panel.lines[panel.cursor][1] not in ("overdue", "today", "upcoming"):
            await pilot.press("down")
        assert "C-0142" in panel.lines[panel.cursor][0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ClientViewScreen), "the client view")
        view = app.screen
        assert view.code == "C-0142"
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the new session")
        opened = app.screen.session
        assert opened.id != session.id and opened.client_code == "C-0142"
        loaded = store.load(opened.id)  # as saved
        assert loaded.client_code == "C-0142" and loaded.protocol.id == "follow-up"  # an open case
        await pilot.press("ctrl+o")  # back: the view shows the new session at the top of its history
        await wait_for(pilot, lambda: isinstance(app.screen, ClientViewScreen), "the client view again")
        await pilot.pause()
        assert "Session: Follow-up" in history_texts(app.screen)[0]


async def test_a_client_with_no_case_gets_an_intake(locations, catalogue, store):
    ClientBook(store).ensure("N-1", at=AT)
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(pilot, app, "N-1")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the new session")
        loaded = store.load(app.screen.session.id)
        assert loaded.client_code == "N-1" and loaded.protocol.id == "intake"


async def test_a_flag_on_home_opens_the_client_view(locations, catalogue, store, intake):
    flagged = Session.start("F-9", intake, at=AT)
    flagged.set_answer("assessment", "risk-level", "high")
    store.save(flagged)
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(CaseworkPanel)
        await wait_for(pilot, lambda: bool(panel.lines), "the flags")
        panel.focus()
        await pilot.pause()
        assert panel.lines[panel.cursor][1] == "flag"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ClientViewScreen), "the client view")
        assert app.screen.code == "F-9"
        assert app.screen.focused is app.screen.query_one("#client-flags", DataTable)


async def test_the_history_has_every_session_and_event_newest_first(locations, catalogue, store, case):
    app = make(locations, catalogue, store, Settings(date_order="day-month-year"))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_view(pilot, app)
        texts = history_texts(view)
        assert texts[0].startswith("Thu 05/03/2026") and "Case reopened: Came back to the area" in texts[0]
        assert texts[1].startswith("Wed 04/03/2026") and "Case closed: Moved away" in texts[1]
        assert texts[2].startswith("Tue 03/03/2026") and "Flag cleared: ⚑ RISK High: Safety plan agreed" in texts[2]
        kinds = [t.split(" ", 3)[3].split(":")[0] for t in texts[3:]]
        assert kinds == ["Flag raised", "Case opened", "Session"], texts  # an event above the session it is in


async def test_history_rows_open_what_they_name(locations, catalogue, store, case):
    session, _ = case
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_view(pilot, app)
        await pilot.press("ctrl+g")
        await pilot.pause()
        table = view.query_one("#client-history", DataTable)
        assert view.focused is table and table.cursor_row == 0
        await pilot.press("enter")  # the reopening: its detail, with the reason in full
        await pilot.pause()
        assert isinstance(app.screen, EventDetail)
        assert "Came back to the area" in app.screen.text and "reopened" in app.screen.text.lower()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is view
        await pilot.press("down", "down", "down")  # the flag raised: its session, at the answer
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the flag's session")
        screen = app.screen
        assert screen.session.id == session.id
        assert screen.focused is not None and screen.focused.id == "note-assessment-risk-level"
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: app.screen is view, "the client view again")
        await pilot.pause()
        table.focus()
        table.move_cursor(row=table.row_count - 1)  # the session itself
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        assert app.screen.session.id == session.id


async def test_open_goals_and_plan_items_open_their_session_at_the_item(locations, catalogue, store, case):
    session, goal = case
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_view(pilot, app)
        goals = view.query_one("#client-goals", DataTable)
        assert [str(goals.get_row_at(i)[1]) for i in range(goals.row_count)] == ["Sleep better", "Find a [stable] flat"]
        assert goals.get_row_at(1)[0] == "Wed 2026-04-01"  # soonest due first, each day with its weekday
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert view.focused is goals
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the goal's session")
        screen = app.screen
        assert screen.session.id == session.id
        listing = screen.focused
        assert isinstance(listing, OptionList)
        assert listing.get_option_at_index(listing.highlighted).id == goal.id
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: app.screen is view, "the client view again")
        view.query_one("#client-sessions", DataTable).focus()
        await pilot.press("ctrl+t", "ctrl+t")  # to the goals, then on to the plan items
        await pilot.pause()
        assert view.focused is view.query_one("#client-plan", DataTable)


async def test_the_client_view_keys_are_in_the_footer_and_the_help_and_remappable(locations, catalogue, store, case):
    settings = Settings(keymap={"client_new_session": "f6", "client_history": "f7"})
    app = make(locations, catalogue, store, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_view(pilot, app)
        keys = await footer_keys_once_shown(pilot, view, "new_session_here", "to_history", "to_open_items")
        assert keys["new_session_here"] == "f6" and keys["to_history"] == "f7" and keys["to_open_items"] == "^t"
        await pilot.press("f7")
        await pilot.pause()
        assert view.focused is view.query_one("#client-history", DataTable)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = [str(block.words) for block in app.screen.query(".help-key")]
        assert any(line.strip().startswith("f6  new session") for line in lines), lines
        assert any(line.strip().startswith("^t  goals & plan") for line in lines), lines
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the new session")
        assert app.screen.session.protocol.id == "follow-up"
