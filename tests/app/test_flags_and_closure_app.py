"""Issue 16, item 11 in the app: one flag for a risk a crisis and its parent session both rated, cleared for
both; closing a case with that flag open and the crisis session unfinished warns and asks first; a closed case
shows no next appointment; the reopen reason heads the view."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from fixed_app import build_app
from textual.widgets import DataTable, Input

from interview_tui.core.session import Session
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.screens.confirm import ConfirmDialog
from interview_tui.ui.screens.reason import ReasonDialog
from interview_tui.ui.widgets.casework_panel import CaseworkPanel

AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
CODE = "K-11"


def risk_phase(protocol) -> str:
    return next(ph.id for ph in protocol.phases for q in ph.prompts if q.id == "risk-level")


@pytest.fixture
def crisis_case(store, catalogue):
    """A follow-up rating the risk Medium with an appointment, and a crisis beside it (not finished) rating it
    Medium too."""
    follow_up = catalogue.protocol("follow-up")
    parent = Session.start(CODE, follow_up, at=AT)
    parent.set_answer(risk_phase(follow_up), "risk-level", "medium")
    parent.set_answer("closure", "next-appointment", "2026-03-16")
    crisis_protocol = catalogue.protocol("crisis")
    crisis = Session.start(CODE, crisis_protocol, at=AT + timedelta(minutes=20))
    crisis.opened_from = parent.id
    crisis.set_answer(risk_phase(crisis_protocol), "risk-level", "medium")
    store.save(crisis)
    parent.crisis_session_id, parent.crisis_began_at = crisis.id, crisis.started_at
    store.save(parent)
    return parent, crisis


def make(locations, catalogue, store):
    app = build_app(locations, catalogue, store=store)
    app.casework_today = lambda: date(2026, 3, 9)
    return app


def record(locations) -> dict:
    return json.loads((locations.clients_dir / f"{CODE}.json").read_text())


async def open_view(pilot) -> ClientViewScreen:
    pilot.app.push_screen(ClientViewScreen(CODE))
    await pilot.pause()
    view = pilot.app.screen
    assert isinstance(view, ClientViewScreen)
    return view


async def test_closing_warns_of_the_open_flag_and_the_unfinished_crisis_and_asks(locations, catalogue, store, crisis_case):
    parent, crisis = crisis_case
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = await open_view(pilot)
        flags = view.query_one("#client-flags", DataTable)
        assert flags.row_count == 1  # one flag, not one per session
        assert "2 sessions" in str(flags.get_row_at(0)[2])

        await pilot.press("ctrl+k")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "⚑ RISK Medium is not cleared" in dialog.question and parent.id in dialog.question
        assert "crisis session" in dialog.question and crisis.id in dialog.question
        await pilot.click("#confirm-no")  # keep it open
        await pilot.pause()
        assert app.screen is view
        assert not (locations.clients_dir / f"{CODE}.json").exists() or record(locations)["case_events"] == []
        assert "Case open" in str(view.query_one("#case-status").render())

        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        app.screen.query_one("#reason", Input).value = "Client moved to another service"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is view
        assert [e["kind"] for e in record(locations)["case_events"]] == ["closed"]
        assert "none (the case is closed)" in str(view.query_one("#client-next").render())

        await pilot.press("ctrl+k")  # reopening asks nothing first
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        app.screen.query_one("#reason", Input).value = "Came back, asked for help"
        await pilot.press("enter")
        await pilot.pause()
        status = str(view.query_one("#case-status").render())
        assert "reopened" in status and "Came back, asked for help" in status
        assert "none set" in str(view.query_one("#client-next").render())  # the old date stays gone


async def test_clearing_the_one_flag_clears_it_for_both_sessions(locations, catalogue, store, crisis_case):
    parent, crisis = crisis_case
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        panel = app.screen.query_one(CaseworkPanel)
        flag_lines = [text for text, kind in panel.lines if kind == "flag"]
        assert flag_lines == [f"⚑ RISK Medium  {CODE}  raised 2026-03-02 (2 sessions)"]
        view = await open_view(pilot)
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        app.screen.query_one("#reason", Input).value = "Safety plan agreed; GP told"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is view
        cleared = record(locations)["flag_clearances"]
        assert {c["flag_id"].split("/")[0] for c in cleared} == {parent.id, crisis.id}
        assert not view.query_one("#client-flags", DataTable).display
        # nothing left to warn of but the crisis session
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "RISK" not in app.screen.question


async def test_the_carried_panel_shows_the_last_risk_level_and_scores(locations, catalogue, store):
    from interview_tui.casework.carry_forward import carry_forward, earlier_sessions
    from interview_tui.ui.widgets.carried_panels import CarriedPanel

    intake = catalogue.protocol("intake")
    first = Session.start(CODE, intake, at=AT)
    first.set_answer(risk_phase(intake), "risk-level", "low")
    for item, points in {"q1": 2, "q2": 2, "q3": 1, "q4": 1, "q5": 0, "q6": 1, "q7": 1, "q8": 0, "q9": 1}.items():
        first.set_instrument_answer("phq-9", item, points)
    store.save(first)
    new = Session.start(CODE, catalogue.protocol("follow-up"), at=AT + timedelta(days=14))
    carry_forward(new, earlier_sessions(store, CODE), catalogue.protocol)
    store.save(new)
    app = build_app(locations, catalogue, store=store, session=new)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#carried-preparation", CarriedPanel)
        lines = [str(s.render()) for s in panel.query("Static")]
        assert f"Risk level: Low (2026-03-02, {intake.title})" in lines
        assert "PHQ-9: 9 of 27, mild (2026-03-02); ⚠ item 9" in lines


async def test_finishing_an_ending_that_closes_the_case_with_an_open_flag_asks_first(locations, catalogue, store):
    """The review's finish names the open flag and the unfinished crisis when the ending closes the case, and
    enter (the default) keeps the session open: finishing then takes a deliberate choice."""
    from datetime import timedelta

    from builders import meaning_phase

    from interview_tui.core.session import Session
    from interview_tui.ui.app import make_app
    from interview_tui.ui.screens.confirm import ConfirmDialog
    from interview_tui.ui.screens.review import ReviewScreen

    intake = catalogue.protocol("intake")
    first = Session.start("K-12", intake)
    first.set_answer(*next((ph.id, q.id) for ph in intake.phases for q in ph.prompts if q.id == "risk-level"), "high")
    store.save(first)
    ending_protocol = catalogue.protocol("termination")
    ending = Session.start("K-12", ending_protocol, at=first.started_at + timedelta(days=30))
    ending.set_answer(*meaning_phase(ending_protocol, "close_case"), True)
    store.save(ending)
    app = make_app(locations, catalogue, store, ending)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
        await pilot.press("ctrl+r")
        for _ in range(3):
            await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("f")
        for _ in range(3):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "CLOSES THE CASE" in dialog.question and "RISK" in dialog.question and first.id in dialog.question
        await pilot.press("enter")  # the default is to keep it open
        for _ in range(3):
            await pilot.pause()
        assert app.screen is review and ending.status != "completed"
        assert store.load(ending.id).status != "completed"
