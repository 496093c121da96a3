"""Looking at a finished session is not changing it: opening it, moving between phases and leaving keep
its file byte for byte (its ``updated_at`` included); an amendment is still saved."""

from __future__ import annotations

import json

from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.widgets.note_field import NoteField


def _finished(store, intake) -> Session:
    session = Session.start("C-0142", intake)
    session.set_note(intake.phases[0].id, intake.phases[0].prompts[0].id, "what was said")
    session.finish()
    store.save(session)
    return session


async def test_opening_browsing_and_leaving_a_finished_session_leaves_its_file_as_it_was(
    locations, catalogue, store, intake
):
    session = _finished(store, intake)
    before = store.path_for(session.id).read_bytes()
    app = make_app(locations=locations, catalogue=catalogue, store=store, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+b")
        await pilot.pause()
        await app.action_quit()
        await pilot.pause()
    assert store.path_for(session.id).read_bytes() == before


async def test_an_amendment_to_a_finished_session_is_still_saved(locations, catalogue, store, intake):
    session = _finished(store, intake)
    before = json.loads(store.path_for(session.id).read_bytes())
    app = make_app(locations=locations, catalogue=catalogue, store=store, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.screen.query(NoteField).first()
        field.focus()
        field.move_cursor(field.document.end)
        await pilot.press(*" later")
        await pilot.pause()
        await app.action_quit()
        await pilot.pause()
    after = json.loads(store.path_for(session.id).read_bytes())
    assert after["updated_at"] != before["updated_at"] and after["amendments"]
