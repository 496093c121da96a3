"""The review screen's preview is the export: alerts first, typed answers, the instrument, goals and plan items."""

from __future__ import annotations

from textual.widgets import Static

from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.review import ReviewScreen


async def test_the_preview_shows_alerts_first_then_answers_goals_and_plan(locations, catalogue, store, intake) -> None:
    session = Session.start("C-0142", intake)
    session.set_answer("assessment", "risk-level", "medium")
    for n in range(1, 10):
        session.set_instrument_answer("phq-9", f"q{n}", 1)
    goal = session.add_goal(what="Sleep <through> the *night*", client_words="I want to sleep [again]")
    session.add_plan_item(action="Ask the GP about sleep", who="other_agency", agency_contact="Dr Lee", goal_id=goal.id)
    store.save(session)
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
        await pilot.press("ctrl+r")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        preview = str(app.screen.query_one("#review-text", Static).render())
    alerts = preview.index("⚠ ALERTS")
    assert alerts < preview.index("Item 9") < preview.index("PHQ-9 MOOD SCREEN")
    assert alerts < preview.index("RISK Medium: raised in this session") < preview.index("PHQ-9 MOOD SCREEN")
    for shown in (
        "Medium",  # the choice's label, not its value
        "Total:  9 / 27",
        "Band:   Mild",
        "Sleep <through> the *night*",  # plain text, no markup swallowed
        "“I want to sleep [again]”",
        "Other agency: Dr Lee",
        "Serves the goal: Sleep <through> the *night*",
    ):
        assert shown in preview, shown
