"""A case's numbers in the app (issue 16): no anchoring in the goal review, the baseline in the goal form."""

from __future__ import annotations

from capture_keys import saved
from fixed_app import build_app, fixed_follow_up

from interview_tui.ui.widgets.goal_review import GoalReviewRow


def shown(widget) -> str:
    return str(widget.render())


async def test_earlier_scores_show_only_after_todays_is_entered(locations, catalogue, store):
    follow = fixed_follow_up(store, catalogue)
    follow.carried.last_ratings["goal-1"] = 4
    follow.carried.first_ratings["goal-1"] = 2
    store.save(follow)
    app = build_app(locations, catalogue, store=store, session=follow)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.show_phase("review-progress")
        await pilot.pause()
        row = screen.query(GoalReviewRow).first()
        before = shown(row.query_one(".review-rating"))
        assert "4" not in before and "2" not in before and "last" not in before and "start" not in before
        assert "once today's is in" in before
        await pilot.press("6")
        await pilot.pause()
        after = shown(row.query_one(".review-rating"))
        assert "today 6/10" in after and "last 4" in after and "start 2" in after
        await pilot.press("x")  # the review taken back: the earlier scores hide again
        await pilot.pause()
        assert "last 4" not in shown(row.query_one(".review-rating"))


def test_no_goal_review_prompt_quotes_an_earlier_score(catalogue):
    """The question asked aloud never carries last time's or the first score (the guidance: today's first)."""
    for protocol in catalogue.protocols.values():
        for phase in protocol.phases:
            if phase.collects != "goals":
                continue
            for prompt in phase.prompts:
                lowered = prompt.text.lower()
                assert "[score]" not in lowered and "last time:" not in lowered and "at the start:" not in lowered, (
                    protocol.id, phase.id, prompt.id)


async def test_the_goal_form_takes_a_baseline(locations, catalogue, store):
    from interview_tui.core.session import Session
    from interview_tui.ui.screens.item_form import ItemForm

    session = Session.start("C-0142", catalogue.protocol("intake"))
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.show_phase("goal-setting")
        await pilot.pause()
        screen.query_one("ItemList").focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press(*"Find a flat", "tab", "tab", "tab", "tab", "tab", "0", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    (goal,) = saved(store, session.id)["goals"]
    assert (goal["what"], goal["baseline"]) == ("Find a flat", 0)


async def test_the_carried_panel_shows_the_latest_summary_and_the_crisis_as_such(locations, catalogue, store):
    from datetime import timedelta

    from interview_tui.casework.carry_forward import carry_forward, earlier_sessions
    from interview_tui.core.session import Session
    from interview_tui.ui.widgets.carried_panels import CarriedPanel

    follow = fixed_follow_up(store, catalogue)
    follow.set_answer("closure", "summary", "Viewing booked; a low week.")
    follow.finish(at=follow.started_at + timedelta(hours=1))
    store.save(follow)
    crisis = Session.start(follow.client_code, catalogue.protocol("crisis"), at=follow.started_at + timedelta(minutes=20))
    crisis.opened_from = follow.id
    crisis.set_answer("severity", "risk-level", "medium")
    crisis.edit_note("safety-plan", "who-to-ask", "Sister [Ana], 0161 555 0101")
    store.save(crisis)  # unfinished, no summary
    new = Session.start(follow.client_code, catalogue.protocol("follow-up"), at=follow.started_at + timedelta(days=14))
    carry_forward(new, earlier_sessions(store, follow.client_code), catalogue.protocol)
    store.save(new)
    app = build_app(locations, catalogue, store=store, session=new)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#carried-preparation", CarriedPanel)
        text = " ".join(str(s.render()) for s in panel.query("Static"))
        assert "Viewing booked; a low week." in text and "no summary was written" not in text
        assert f"Crisis {crisis.started_at.date().isoformat()}" in text and "not finished" in text
        assert "Risk as judged then" in text and "Medium" in text
        assert "Safety plan" in text and "Sister [Ana], 0161 555 0101" in text
