"""The cycle collector is paused while the app starts (``ui/start_up_collector.py``) and always runs again:
just after the first frame, or by ``LATEST_SECONDS`` whatever comes first; an app not started by the command
keeps its collector as it was."""

from __future__ import annotations

import gc

import pytest
from fixed_app import wait_for

from interview_tui.ui import start_up_collector
from interview_tui.ui.app import make_app


@pytest.fixture(autouse=True)
def collector_as_it_was():
    yield
    start_up_collector.resume()
    gc.enable()


def test_resume_undoes_only_a_pause():
    gc.disable()  # (as another part of the program might)
    start_up_collector.resume()
    assert not gc.isenabled()
    gc.enable()
    start_up_collector.pause()
    assert not gc.isenabled()
    start_up_collector.resume()
    assert gc.isenabled()
    start_up_collector.resume()
    assert gc.isenabled()


async def test_the_collector_runs_again_once_the_first_screen_is_drawn(locations, catalogue, store):
    start_up_collector.pause()
    app = make_app(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, gc.isenabled, "the collector to run again")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_the_collector_runs_again_even_if_no_screen_says_it_is_drawn(locations, catalogue, store, monkeypatch):
    monkeypatch.setattr(start_up_collector, "LATEST_SECONDS", 0.2)
    start_up_collector.pause()
    app = make_app(locations, catalogue, store)
    monkeypatch.setattr(app, "screen_ready", lambda screen: None)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, gc.isenabled, "the collector to run again")
