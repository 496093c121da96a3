"""A session file that is JSON but holds an invalid value is damaged for the home screen, the clients list (`c`)
and the client view too: moved to quarantine, named in the problems box, and the app goes on."""

from __future__ import annotations

import json

from fixed_app import build_app
from textual.widgets import DataTable, Static

from interview_tui.core.session import Session
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.screens.clients import ClientsScreen


def _spoil(store, session: Session, key: str, value) -> None:
    path = store.folder / f"{session.id}.json"
    data = json.loads(path.read_text())
    data[key] = value
    path.write_text(json.dumps(data))


def _quarantined(store) -> list[str]:
    folder = store.folder / "quarantine"
    return sorted(p.name.split(".")[0] for p in folder.iterdir() if not p.name.endswith(".why")) if folder.is_dir() else []


async def test_home_and_clients_list_set_aside_a_file_whose_client_code_is_a_path(locations, catalogue, store, intake):
    good = Session.start("GOOD-1", intake)
    store.save(good)
    bad = Session.start("BAD-1", intake)
    store.save(bad)
    _spoil(store, bad, "client_code", "../../etc/x")
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert home.query_one("#sessions", DataTable).row_count == 1
        problems = str(home.query_one("#home-problems", Static).render())
        assert f"{bad.id}.json" in problems and "client_code" in problems and "quarantine" in problems
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClientsScreen) and app.is_running
        assert [c.code for c in app.screen.cases] == ["GOOD-1"]
    assert _quarantined(store) == [bad.id]


async def test_client_view_sets_aside_a_session_spoiled_while_the_app_was_open(locations, catalogue, store, intake):
    first = Session.start("GOOD-1", intake)
    store.save(first)
    second = Session.start("GOOD-1", intake)
    store.save(second)
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClientsScreen)
        _spoil(store, second, "goals", "not a list")  # behind the app's back, after the list was read
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClientViewScreen) and app.is_running
        assert [s.id for s in app.screen.case.sessions] == [first.id]
    assert _quarantined(store) == [second.id]
