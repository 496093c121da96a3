"""How the client view looks at 80x24 and 160x50, and the home screen with its casework panel at 80x24."""

from __future__ import annotations

from datetime import date

import pytest
from fixed_app import FIXED_AT, build_app, fixed_session, footer_keys

from interview_tui.casework.clients import ClientBook
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.widgets.casework_panel import CaseworkPanel

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]


@pytest.fixture
def a_case(store, intake, catalogue):
    first = fixed_session(intake, client="C-0142")
    first.set_answer("assessment", "risk-level", "high")
    first.set_answer("closure", "next-appointment", "2026-03-16")
    first.add_goal(what="Find a stable place to live [by summer]", measure="Tenancy signed")
    first.status = "completed"
    store.save(first)
    follow = fixed_session(catalogue.protocol("follow-up"), client="C-0142", session_id="20260309-100000-0c2d")
    follow.add_plan_item(action="Ring the housing office", due="2026-03-05", who="client")  # the current plan
    store.save(follow)
    book = ClientBook(store)
    record = book.ensure("C-0142", at=FIXED_AT)
    record.display_name = "Sam"
    record.notes = "Prefers morning appointments; [interpreter] not needed."
    book.save(record)
    return first


def show_client(code: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(ClientViewScreen(code))
        await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_client_view(snap_compare, locations, catalogue, store, a_case, size):
    app = build_app(locations, catalogue, store=store)
    assert snap_compare(app, terminal_size=size, run_before=show_client("C-0142"))


async def test_home_with_casework_fits_80_by_24(locations, catalogue, store, a_case):
    app = build_app(locations, catalogue, store=store)
    app.casework_today = lambda: date(2026, 3, 9)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        panel = screen.query_one(CaseworkPanel)
        table = screen.query_one("#sessions")
        assert panel.display and screen.region.contains_region(panel.region)
        assert table.region.height >= 4, "the sessions list keeps room for rows"
        texts = str(panel.query_one("#casework-lines").render()).split("\n")
        assert any("overdue" in t and "Ring the housing office" in t for t in texts)
        assert "clients" in footer_keys(screen)
