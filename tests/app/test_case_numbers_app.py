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
    from interview_tui.ui.screens.record_form import RecordForm

    session = Session.start("C-0142", catalogue.protocol("intake"))
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.show_phase("goal-setting")
        await pilot.pause()
        screen.query_one("RecordList").focus()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        await pilot.press(*"Find a flat", "tab", "tab", "tab", "tab", "tab", "0", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    (goal,) = saved(store, session.id)["goals"]
    assert (goal["what"], goal["baseline"]) == ("Find a flat", 0)
