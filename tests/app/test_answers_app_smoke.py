"""The existing screens keep working with typed prompts, instruments and goals (until their own widgets arrive)."""

from __future__ import annotations

import json

from builders import fill_everything

from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.session import SessionScreen


async def test_every_phase_of_a_session_with_typed_answers_opens_and_saving_keeps_them(locations, catalogue, store, intake):
    session = Session.start("C-0142", intake)
    fill_everything(session)
    store.save(session)
    app = make_app(locations=locations, catalogue=catalogue, store=store, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        for _ in intake.phases:
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert app.screen.session.current_phase == intake.phases[-1].id
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = json.loads(store.path_for(session.id).read_text(encoding="utf-8"))
    assert data["phases"]["assessment"]["answers"]["risk-level"] == "medium"
    assert data["phases"]["phq-9"]["instrument_score"]["total"] == 9
    assert [g["what"] for g in data["goals"]] == ["Keep the flat"] and len(data["plan_items"]) == 2
