"""A terminating signal when the last save fails (issue 14, item 4): the exit code says so, what was typed is kept
in a rescue copy, and the next start offers to put it back."""

from __future__ import annotations

import json

from fixed_app import build_app, wait_for

from interview_tui.core.session import Session
from interview_tui.store.rescue import rescue_copies
from interview_tui.store.sessions import SessionStore
from interview_tui.ui.screens.confirm import ConfirmDialog
from interview_tui.ui.screens.home import HomeScreen
from interview_tui.ui.screens.session import SessionScreen


def note_of(path, session, intake) -> str:
    first = intake.phases[0]
    return json.loads(path.read_bytes())["phases"][first.id]["notes"].get(first.prompts[0].id, "")


async def test_sigterm_with_the_disk_full_keeps_a_rescue_copy_and_the_next_start_brings_it_back(
    locations, catalogue, store, intake, monkeypatch
):
    session = Session.start("C-0142", intake)
    store.save(session)
    app = build_app(locations, catalogue, session=session, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")

        def disk_full(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(SessionStore, "save_bytes", disk_full)
        await pilot.press(*"only here")
        app._on_stop_signal("SIGTERM")  # what SIGTERM runs
        await wait_for(pilot, lambda: app._exit, "the app to close")
    monkeypatch.undo()
    assert app.return_code == 1  # the save failed: never a clean exit
    [kept] = app.rescued
    assert locations.data_dir not in kept.parents
    assert "only here" in kept.read_text()
    assert "only here" not in note_of(store.path_for(session.id), session, intake)

    again = build_app(locations, catalogue, store=SessionStore(locations.sessions_dir))
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, ConfirmDialog), "the offer to put the notes back")
        assert "could not be saved" in again.screen.question and "C-0142" in again.screen.question
        await pilot.press("enter")  # "Put them back" has the focus
        await wait_for(pilot, lambda: isinstance(again.screen, HomeScreen), "the home screen")
        await pilot.pause()
    assert note_of(store.path_for(session.id), session, intake) == "only here"
    assert not kept.exists() and rescue_copies(store, locations) == []
