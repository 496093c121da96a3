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


async def test_a_rescue_copy_is_never_put_back_over_another_machines_edit_that_arrived_meanwhile(
    locations, catalogue, store, intake, monkeypatch
):
    """Issue 18: the store is in a synced folder; the other machine's edit of the session arrives between the failed
    last save and the next start. Putting the notes back leaves that file as it is and keeps them beside it."""
    import os
    from datetime import timedelta

    from interview_tui.store.conflict_copies import conflict_copies

    session = Session.start("C-0142", intake)
    store.save(session)
    app = build_app(locations, catalogue, session=session, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")

        def disk_full(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(SessionStore, "save_bytes", disk_full)
        await pilot.press(*"only here")
        app._on_stop_signal("SIGTERM")
        await wait_for(pilot, lambda: app._exit, "the app to close")
    monkeypatch.undo()
    original = store.path_for(session.id)
    theirs = Session.model_validate_json(original.read_bytes())
    first = intake.phases[0]
    theirs.set_note(first.id, first.prompts[0].id, "typed on the other machine")
    theirs.updated_at = theirs.updated_at - timedelta(minutes=1)  # typed there before the failed save here
    temp = original.with_name(".syncing")
    temp.write_bytes(theirs.to_json())
    os.replace(temp, original)  # as a sync tool puts it
    synced = original.read_bytes()

    again = build_app(locations, catalogue, store=SessionStore(locations.sessions_dir))
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, ConfirmDialog), "the offer to put the notes back")
        assert "changed since" in again.screen.question and "conflict copy" in again.screen.question
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(again.screen, HomeScreen), "the home screen")
        [copy] = conflict_copies(store.folder)
        await wait_for(pilot, lambda: any(copy.path.name in str(n.message) for n in again._notifications),
                       "the notice naming where the notes went")
    assert original.read_bytes() == synced
    assert note_of(copy.path, session, intake) == "only here"
    assert rescue_copies(store, locations) == []
