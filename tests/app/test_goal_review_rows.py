"""The follow-up's goal review: rows readable at 120x40 with the phase list shown and at 80x24, entering the
phase puts focus on the first goal, and digits rate (issue 14, item 8). Checked in the saved file."""

from __future__ import annotations

import pytest
from capture_keys import saved
from fixed_app import build_app, fixed_follow_up

from interview_tui.ui.widgets.goal_review import GoalReviewRow, PlanReviewRow
from interview_tui.ui.widgets.phase_list import PhaseList


def readable(row) -> bool:
    """Every part of the row is at least 12 columns wide (one character per line is not readable)."""
    parts = row.query(".review-what, .review-rating, .review-status, .review-note")
    return all(part.region.width >= 12 for part in parts)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_entering_the_review_focuses_the_first_goal_and_digits_rate(locations, catalogue, store, size):
    follow = fixed_follow_up(store, catalogue)
    app = build_app(locations, catalogue, store=store, session=follow)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        if size == (120, 40):
            assert screen.query_one(PhaseList).display
        await screen.show_phase("review-progress")
        await pilot.pause()
        rows = list(screen.query(GoalReviewRow))
        assert screen.focused is rows[0]
        for row in rows + list(screen.query(PlanReviewRow)):
            assert readable(row), row.id
            assert row.query_one(".review-what").region.height <= 3, "the goal wraps onto at most three lines"
        await pilot.press("7", "tab", "4")
        await pilot.pause()
        assert screen.focused is rows[1], "tab goes from one goal to the next, past the note"
        await pilot.press("shift+tab", "shift+tab")  # one too many: out of the panel, never into a note
        await pilot.pause()
        assert not screen.focused.has_class("review-note")
        await pilot.press("ctrl+s")
        await pilot.pause()
    reviews = {r["goal_id"]: r for r in saved(store, follow.id)["goal_reviews"]}
    assert reviews["goal-1"]["rating"] == 7 and reviews["goal-2"]["rating"] == 4
    assert all(not r.get("note") for r in reviews.values())


async def test_n_still_writes_a_note_and_enter_goes_back_to_rating(locations, catalogue, store):
    follow = fixed_follow_up(store, catalogue)
    app = build_app(locations, catalogue, store=store, session=follow)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.show_phase("review-progress")
        await pilot.pause()
        row = screen.query(GoalReviewRow).first()
        await pilot.press("n", *"viewing on the 5th", "enter", "8", "ctrl+s")
        await pilot.pause()
        assert screen.focused is row
    review = saved(store, follow.id)["goal_reviews"][0]
    assert (review["note"], review["rating"]) == ("viewing on the 5th", 8)
