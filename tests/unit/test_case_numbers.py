"""A case's numbers tell its story (issue 16, items 6-10): baselines, ratings in the notes, carry-forward, trends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from interview_tui.casework.carry_forward import carry_forward
from interview_tui.core.goal_history import goal_history
from interview_tui.core.session import Session
from interview_tui.export import render

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)


@pytest.fixture
def follow_up(catalogue):
    return catalogue.protocol("follow-up")


@pytest.fixture
def termination(catalogue):
    return catalogue.protocol("termination")


# ---------------------------------------------------------------- item 6: a baseline when a goal is set


def test_a_goal_takes_a_0_to_10_baseline_when_it_is_set(intake):
    s = Session.start("C-1", intake, at=day(0))
    assert s.add_goal(what="Find stable housing", baseline="3").baseline == 3  # as typed in the form
    assert s.add_goal(what="Sleep better", baseline=0).baseline == 0
    assert s.add_goal(what="See friends", baseline="").baseline is None
    for bad in (11, -1, "x", 2.5, True):
        with pytest.raises(ValueError, match="baseline must be a whole number 0-10, or empty"):
            s.add_goal(what="Walk daily", baseline=bad)
    assert s.update_goal("goal-3", baseline=5).baseline == 5


def test_a_goal_without_a_baseline_writes_no_key(intake):
    s = Session.start("C-1", intake, at=day(0))
    s.add_goal(what="Sleep better")
    assert "baseline" not in s.model_dump(mode="json")["goals"][0]


def test_the_baseline_starts_the_goal_history(intake, follow_up, termination):
    first = Session.start("C-1", intake, at=day(0))
    first.add_goal(what="Find stable housing", baseline=2)
    first.add_goal(what="Sleep better")
    second = Session.start("C-1", follow_up, at=day(14))
    context = carry_forward(second, [first])
    assert context.last_ratings == {"goal-1": 2} and context.first_ratings == {"goal-1": 2}
    second.review_goal("goal-1", rating=5)
    second.review_goal("goal-2", rating=4)  # set without a baseline: its first review starts it
    third = Session.start("C-1", termination, at=day(28))
    context = carry_forward(third, [first, second])
    assert context.last_ratings == {"goal-1": 5, "goal-2": 4}
    assert context.first_ratings == {"goal-1": 2, "goal-2": 4}
    third.review_goal("goal-1", rating=8)
    housing, sleep = goal_history([first, second, third])
    assert housing.ratings == [2, 5, 8] and housing.first_rating == 2
    assert [p.baseline for p in housing.points] == [True, False, False]
    assert sleep.ratings == [None, 4, None]


def test_a_review_in_the_session_that_set_the_goal_wins_over_its_baseline(intake):
    first = Session.start("C-1", intake, at=day(0))
    first.add_goal(what="Find stable housing", baseline=2)
    first.review_goal("goal-1", rating=3)
    (track,) = goal_history([first])
    assert track.ratings == [3] and not track.points[0].baseline


def test_carrying_from_the_store_reads_the_baseline_from_json(store, intake, follow_up):
    first = Session.start("C-1", intake, at=day(0))
    first.add_goal(what="Find stable housing", baseline=2)
    store.save(first)
    from interview_tui.casework.carry_forward import earlier_sessions

    new = Session.start("C-1", follow_up, at=day(14))
    context = carry_forward(new, earlier_sessions(store, "C-1"))
    assert context.last_ratings == {"goal-1": 2} and new.goals[0].baseline == 2


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_the_baseline_is_in_the_export_of_the_session_that_set_it(intake, fmt):
    s = Session.start("C-1", intake, at=day(0))
    s.add_goal(what="Find stable housing", baseline=0)
    assert "Baseline" in render(s, fmt, "narrative") and "0/10" in render(s, fmt, "soap")
