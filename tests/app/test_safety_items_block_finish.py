"""Issue 16 item 1 in the app: PHQ-9 item 9 answered above "Not at all" blocks finishing until the safety items
it requires are answered or a reason is recorded; the saved file keeps the answers or the reason."""

from __future__ import annotations

import json

from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.confirm import ConfirmDialog
from interview_tui.ui.screens.reason import ReasonDialog
from interview_tui.ui.screens.review import ReviewScreen


async def _settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def _answer_phq9_with_item_9_positive(pilot) -> None:
    screen = pilot.app.screen
    await screen.show_phase("phq-9")
    await _settle(pilot)
    for digit in "101210001":
        await pilot.press(digit, "tab", "shift+tab")
        await pilot.pause()


async def test_item_9_blocks_finishing_until_a_reason_is_recorded(locations, catalogue, store, intake) -> None:
    session = Session.start("C-0142", intake)
    store.save(session)
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await _answer_phq9_with_item_9_positive(pilot)
        assert session.phases["phq-9"].instrument["q9"] == 1
        await pilot.press("ctrl+r")
        await _settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)

        await pilot.press("f")
        await _settle(pilot)
        assert isinstance(app.screen, ReasonDialog), "finishing asks about the open safety items first"
        await pilot.press("escape")
        await _settle(pilot)
        assert app.screen is review
        assert session.status == "in_progress" and session.ended_at is None

        await pilot.press("f")
        await _settle(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")  # an empty reason is not accepted
        await _settle(pilot)
        assert isinstance(app.screen, ReasonDialog) and session.status == "in_progress"
        await pilot.press(*"Client left early")
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await _settle(pilot)
        assert session.status == "completed"
    on_disk = store.load(session.id)
    assert on_disk.status == "completed"
    assert on_disk.alert_reasons == {"phq-9/q9": "Client left early"}
    assert json.loads(on_disk.to_json())["alert_reasons"] == {"phq-9/q9": "Client left early"}


async def test_answering_the_safety_items_lets_it_finish(locations, catalogue, store, intake) -> None:
    session = Session.start("C-0142", intake)
    store.save(session)
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await _answer_phq9_with_item_9_positive(pilot)
        session.set_answer("phq-9", "safety-follow-up", "Asked directly; safety plan made.")
        session.set_answer("phq-9", "risk-rerated", "medium")
        await pilot.press("ctrl+r")
        await _settle(pilot)
        await pilot.press("f")
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "no reason is asked for once the items are answered"
        await pilot.press("enter")
        await _settle(pilot)
        assert session.status == "completed"
    on_disk = store.load(session.id)
    assert on_disk.status == "completed" and on_disk.alert_reasons == {}
    assert on_disk.answer("phq-9", "risk-rerated") == "medium"
    assert on_disk.answer("phq-9", "safety-follow-up") == "Asked directly; safety plan made."
