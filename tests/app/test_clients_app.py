"""Clients in the app: open the list from home, search, open a client, clear a flag, close and reopen a case,
the due list on the home screen, and a new session for a closed case."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from fixed_app import build_app
from textual.widgets import DataTable, Input

from interview_tui.casework.clients import ClientBook
from interview_tui.core.session import Session
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.screens.clients import ClientsScreen
from interview_tui.ui.screens.confirm import ConfirmDialog
from interview_tui.ui.screens.reason import ReasonDialog
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.casework_panel import CaseworkPanel

AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
TODAY = date(2026, 3, 9)


@pytest.fixture
def casework(store, intake, catalogue):
    """C-0142 (risk high, appointment overdue, a plan item due today), B-7 (named, appointment ahead)."""
    flagged = Session.start("C-0142", intake, at=AT)
    flagged.set_answer("assessment", "risk-level", "high")
    flagged.set_answer("closure", "next-appointment", "2026-03-06")
    flagged.add_plan_item(action="Ring the [housing] office", due="2026-03-09")
    store.save(flagged)
    other = Session.start("B-7", intake, at=AT.replace(day=3))
    other.set_answer("closure", "next-appointment", "2026-03-16")
    store.save(other)
    book = ClientBook(store)
    record = book.ensure("B-7", at=AT)
    record.display_name = "Bea"
    book.save(record)
    return flagged, other


def make(locations, catalogue, store):
    app = build_app(locations, catalogue, store=store)
    app.casework_today = lambda: TODAY
    return app


def lines(screen) -> list[tuple[str, set[str]]]:
    """The panel's lines as drawn, each with its kind (flag, heading, overdue, today, upcoming)."""
    panel = screen.query_one(CaseworkPanel)
    drawn = str(panel.query_one("#casework-lines").render()).split("\n")
    assert drawn == [text for text, _kind in panel.lines] or not panel.lines
    return [(text, {kind}) for text, kind in panel.lines]


async def test_home_shows_flags_and_the_due_list_with_words(locations, catalogue, store, casework):
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = lines(app.screen)
        texts = [t for t, _ in shown]
        assert texts[0].startswith("⚑ RISK High  C-0142  raised 2026-03-02")
        overdue = next((t, c) for t, c in shown if "2026-03-06" in t)
        assert "overdue" in overdue[0] and "overdue" in overdue[1] and "C-0142" in overdue[0]
        today = next((t, c) for t, c in shown if "2026-03-09" in t)
        assert "today" in today[0] and "Plan item: Ring the [housing] office" in today[0]
        ahead = next(t for t in texts if "2026-03-16" in t)
        assert "B-7 (Bea)" in ahead and "due" in ahead
        assert texts.index(overdue[0]) < texts.index(today[0]) < texts.index(ahead)


async def test_clients_search_open_and_clear_a_flag_with_a_reason(locations, catalogue, store, casework):
    flagged, _ = casework
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClientsScreen)
        table = screen.query_one("#clients", DataTable)
        assert table.row_count == 2
        await pilot.press("b", "e", "a")  # search by display name
        await pilot.pause()
        assert [c.code for c in screen.shown] == ["B-7"]
        screen.query_one("#clients-search", Input).value = ""
        await pilot.press("c", "-", "0")  # by code
        await pilot.pause()
        assert [c.code for c in screen.shown] == ["C-0142"]
        assert "⚑ RISK High" in str(table.get_row_at(0)[4])
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, ClientViewScreen) and view.code == "C-0142"
        assert view.query_one("#client-flags", DataTable).row_count == 1
        assert "2026-03-06" in str(view.query_one("#client-next").render())
        plan = view.query_one("#client-plan", DataTable)
        assert "Ring the [housing] office" in str(plan.get_row_at(0)[1])
        assert plan.get_row_at(0)[0] == "Mon 2026-03-09"  # the due day with its weekday

        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")  # no reason: refused
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        for ch in "Safety plan agreed":
            await pilot.press(ch if ch != " " else "space")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is view
        saved = json.loads((locations.clients_dir / "C-0142.json").read_text())
        [clearance] = saved["flag_clearances"]
        assert clearance["reason"] == "Safety plan agreed" and clearance["flag_id"].startswith(flagged.id)
        assert clearance["value"] == "high"
        assert not view.query_one("#client-flags", DataTable).display


async def test_close_and_reopen_a_case_from_the_client_view(locations, catalogue, store, casework):
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ClientViewScreen("B-7"))
        await pilot.pause()
        view = app.screen
        view.query_one("#client-notes").text = "Prefers phone calls"
        await pilot.press("ctrl+k")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "Moved out of the area"
        await pilot.press("enter")
        await pilot.pause()
        path = locations.clients_dir / "B-7.json"
        saved = json.loads(path.read_text())
        assert [(e["kind"], e["reason"]) for e in saved["case_events"]] == [("closed", "Moved out of the area")]
        assert saved["notes"] == "Prefers phone calls" and saved["display_name"] == "Bea"
        assert "Case closed" in str(view.query_one("#case-status").render())

        await pilot.press("ctrl+k")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "Back in town, asked for help"
        await pilot.press("enter")
        await pilot.pause()
        saved = json.loads(path.read_text())
        assert [e["kind"] for e in saved["case_events"]] == ["closed", "reopened"]
        assert "Case open" in str(view.query_one("#case-status").render())

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not view  # back where it was opened from (here: home)


async def test_a_new_session_for_a_closed_case_asks_to_reopen(locations, catalogue, store, casework):
    book = ClientBook(store)
    record = book.load("B-7")
    record.close_case("Goals met")
    book.save(record)
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#client-code", Input).value = "B-7"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("escape")  # not reopened: nothing started
        await pilot.pause()
        assert len(store.summaries("B-7")[0]) == 1
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#client-code", Input).value = "B-7"
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#reason", Input).value = "New referral"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert len(store.summaries("B-7")[0]) == 2
        assert [e.kind for e in ClientBook(store).load("B-7").case_events] == ["closed", "reopened"]


async def test_a_first_session_writes_the_clients_record(locations, catalogue, store):
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#client-code", Input).value = "NEW-1"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    assert ClientBook(store).load("NEW-1") is not None


async def test_the_client_view_shows_each_goals_ratings_over_the_sessions(locations, catalogue, store, intake):
    from datetime import timedelta

    from interview_tui.casework.carry_forward import start_session
    from interview_tui.ui.widgets.goal_history import GoalHistory

    first = Session.start("G-1", intake, at=AT)
    goal = first.add_goal(what="Find stable [housing]")
    first.finish(at=AT + timedelta(hours=1))
    store.save(first)
    rated = []
    for week, (protocol_id, rating, status) in enumerate([("follow-up", 3, "open"), ("follow-up", 6, "partly"),
                                                          ("termination", 9, "achieved")], start=1):
        session = start_session(store, "G-1", catalogue.protocol(protocol_id), catalogue.protocol,
                                at=AT + timedelta(weeks=week))
        session.review_goal(goal.id, rating=rating, status=status)
        session.finish(at=session.started_at + timedelta(hours=1))
        store.save(session)
        rated.append(session)
    assert [s.goals[0].carried_from for s in rated] == [first.id, rated[0].id, rated[1].id]
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClientViewScreen)
        history = screen.query_one(GoalHistory)
        texts = [str(w.render()) for w in history.query("Static")]
        assert "Find stable [housing]" in texts
        trend = next(t for t in texts if "/10" in t)
        assert "3 → 9/10" in trend and "Achieved" in trend and "4 sessions" in trend


@pytest.mark.parametrize("focus", ["#client-name", "#client-notes", "#client-sessions"])
async def test_ctrl_x_clears_a_flag_wherever_the_focus_is(locations, catalogue, store, casework, focus):
    """The footer always offers ctrl+x: the name field and the notes (whose own ctrl+x would cut) do not eat it."""
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ClientViewScreen("C-0142"))
        await pilot.pause()
        view = app.screen
        view.set_focus(view.query_one(focus))
        await pilot.pause()
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"Safe now", "enter")
        await pilot.pause()
        assert app.screen is view
    saved = json.loads((locations.clients_dir / "C-0142.json").read_text())
    assert [c["reason"] for c in saved["flag_clearances"]] == ["Safe now"]


@pytest.mark.parametrize("keep_mine", [True, False])
async def test_a_record_changed_in_another_window_asks_whose_name_to_keep(
    locations, catalogue, store, casework, keep_mine
):
    """Issue 15, item 16: both windows changed the name; the other also closed the case. Saving here asks whose
    name to keep; the close is never lost either way, and the view shows what was kept."""
    from interview_tui.ui.screens.confirm import ConfirmDialog

    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ClientViewScreen("B-7"))
        await pilot.pause()
        view = app.screen
        view.query_one("#client-name", Input).value = "Beatrice"

        other = ClientBook(store)  # the other window
        record = other.load("B-7")
        record.display_name = "Bea Smith"
        record.close_case("Moved away")
        other.save(record)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "name of B-7 also changed in another window" in app.screen.question
        await pilot.click("#confirm-yes" if keep_mine else "#confirm-no")
        await pilot.pause()
        assert app.screen is view
        saved = json.loads((locations.clients_dir / "B-7.json").read_text())
        assert saved["display_name"] == ("Beatrice" if keep_mine else "Bea Smith")
        assert [e["kind"] for e in saved["case_events"]] == ["closed"]
        assert view.query_one("#client-name", Input).value == saved["display_name"]


async def test_the_client_view_s_tables_keep_their_width_after_closing_and_reopening(locations, catalogue, store, casework):
    """Issue 14, item 9: the sessions and flags tables were cut to their headers' width ("2025", "Follow-u")."""
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ClientViewScreen("C-0142"))
        await pilot.pause()
        view = app.screen
        for reason in ("Moved out of the area", "Back in town"):
            await pilot.press("ctrl+k")
            await pilot.pause()
            if reason.startswith("Moved"):  # closing with the RISK High flag open asks first (issue 16, item 11)
                assert isinstance(app.screen, ConfirmDialog)
                await pilot.click("#confirm-yes")
                await pilot.pause()
            app.screen.query_one("#reason", Input).value = reason
            await pilot.press("enter")
            await pilot.pause()
            table = view.query_one("#client-sessions", DataTable)
            drawn = [table.render_line(y).text for y in range(table.size.height)]
            assert any("2026-03-02 09:30" in line and "First interview (intake)" in line for line in drawn), drawn


async def test_typing_on_the_client_view_with_a_table_focused_is_refused_with_a_notice(
    locations, catalogue, store, casework
):
    """Typing goes where the practitioner looks, or says why not: letters typed while the sessions table has the
    focus (as when the view opens) were dropped without a sign."""
    app = make(locations, catalogue, store)
    rang = []
    app.bell = lambda: rang.append(True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ClientViewScreen("B-7"))
        await pilot.pause()
        assert isinstance(app.focused, DataTable)
        await pilot.press(*"Sam")
        await pilot.pause()
        assert rang == [True]
        assert any("Not typed" in n.message and "name and the notes" in n.message for n in app._notifications)
