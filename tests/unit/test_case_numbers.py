"""A case's numbers tell its story (issue 16, items 6-10): baselines, ratings in the notes, carry-forward, trends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interview_tui.casework.carry_forward import carry_forward
from interview_tui.core.goal_history import goal_history
from interview_tui.core.session import Session
from interview_tui.export import render

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


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


# ---------------------------------------------------------------- item 10: carry-forward chooses the right session


def _crisis_beside(parent: Session, crisis_protocol, minutes: int = 20) -> Session:
    """A crisis session opened from ``parent`` and left unfinished, with no summary: risk and safety plan only."""
    crisis = Session.start(parent.client_code, crisis_protocol, at=parent.started_at + timedelta(minutes=minutes))
    crisis.opened_from = parent.id
    crisis.set_answer("severity", "risk-level", "medium")
    crisis.edit_note("severity", "risk-reasons", "Thoughts of not going on since the eviction letter; no plan.")
    crisis.edit_note("safety-plan", "warning-signs", "Not sleeping, drinking alone.")
    crisis.edit_note("safety-plan", "who-to-ask", "Sister Ana, 0161 555 0101")
    parent.crisis_session_id, parent.crisis_began_at = crisis.id, crisis.started_at
    return crisis


def test_the_summary_comes_from_the_latest_session_that_has_one_not_an_unfinished_crisis(intake, follow_up, catalogue):
    first = Session.start("C-1", intake, at=day(0))
    first.set_answer("closure", "summary", "Housing first.")
    second = Session.start("C-1", follow_up, at=day(14))
    carry_forward(second, [first])
    second.set_answer("closure", "summary", "Viewing booked; low week.")
    second.set_answer("closure", "next-steps", "Meet on the 28th; client calls Ana if it gets worse.")
    second.finish(at=day(14) + timedelta(hours=1))
    crisis = _crisis_beside(second, catalogue.protocol("crisis"))
    new = Session.start("C-1", follow_up, at=day(28))
    context = carry_forward(new, [first, second, crisis], catalogue.protocol)
    assert context.last_session_id == second.id and context.last_protocol_id == "follow-up"
    assert context.summary == "Viewing booked; low week."
    assert context.next_steps == "Meet on the 28th; client calls Ana if it gets worse."
    assert context.crisis is not None and context.crisis.session_id == crisis.id and not context.crisis.finished
    assert [n.text for n in context.crisis.risk] == [
        "Medium", "Thoughts of not going on since the eviction letter; no plan."]
    assert [n.text for n in context.crisis.safety_plan] == ["Not sleeping, drinking alone.", "Sister Ana, 0161 555 0101"]
    assert context.crisis.safety_plan[1].prompt.startswith("Who can you ask for help")


def test_next_steps_alone_are_enough_and_an_empty_later_session_is_passed_over(intake, follow_up):
    first = Session.start("C-1", intake, at=day(0))
    first.set_answer("closure", "summary", "Older summary.")
    second = Session.start("C-1", follow_up, at=day(7))
    second.set_answer("closure", "next-steps", "Phone on Friday.")
    later = Session.start("C-1", follow_up, at=day(10))
    later.edit_note("check-in", "since-last-time", "Started, then the client left.")
    context = carry_forward(Session.start("C-1", follow_up, at=day(14)), [first, second, later])
    assert (context.last_session_id, context.summary, context.next_steps) == (second.id, "", "Phone on Friday.")
    assert context.crisis is None


def test_a_crisis_saved_before_the_marks_takes_them_from_the_current_phase_file(intake, follow_up, catalogue):
    first = Session.start("C-1", intake, at=day(0))
    first.set_answer("closure", "summary", "Housing first.")
    crisis = _crisis_beside(first, catalogue.protocol("crisis"))
    for phase in crisis.protocol.phases:
        for prompt in phase.prompts:
            if prompt.carry in ("risk", "safety_plan"):
                prompt.carry = None
    new = Session.start("C-1", follow_up, at=day(14))
    assert carry_forward(new, [first, crisis]).crisis is None  # without the phase file: nothing to go by
    context = carry_forward(Session.start("C-1", follow_up, at=day(14)), [first, crisis], catalogue.protocol)
    assert context.crisis is not None and context.crisis.risk[0].text == "Medium"


def test_the_crisis_from_the_store_is_found_from_its_json(store, intake, follow_up, catalogue):
    from interview_tui.casework.carry_forward import earlier_sessions

    first = Session.start("C-1", intake, at=day(0))
    first.set_answer("closure", "summary", "Housing first.")
    crisis = _crisis_beside(first, catalogue.protocol("crisis"))
    store.save(first)
    store.save(crisis)
    new = Session.start("C-1", follow_up, at=day(14))
    context = carry_forward(new, earlier_sessions(store, "C-1"), catalogue.protocol)
    assert context.last_session_id == first.id and context.crisis.session_id == crisis.id
    reread = Session.model_validate_json(new.model_dump_json())
    assert reread.carried == context


# ---------------------------------------------------------------- item 8: instrument scores over time


PHQ9_17 = [3, 2, 2, 2, 2, 2, 2, 1, 1]  # item 9 "Several days"
PHQ9_11 = [2, 2, 1, 1, 1, 2, 1, 1, 0]


def _phq9(session: Session, answers: list[int]) -> None:
    for n, points in enumerate(answers, 1):
        session.set_instrument_answer("phq-9", f"q{n}", points)


def test_scores_over_time_follow_each_instrument_across_protocols(store, intake, follow_up):
    from interview_tui.casework.carry_forward import earlier_sessions
    from interview_tui.core.score_history import case_scores, session_trends, trend_line

    first = Session.start("C-1", intake, at=day(0))
    _phq9(first, PHQ9_17)
    half = Session.start("C-1", follow_up, at=day(7))
    _phq9(half, PHQ9_11[:5])  # not finished: no total, no band, not a point of the trend
    second = Session.start("C-1", follow_up, at=day(14))
    carry_forward(second, [first, half])
    _phq9(second, PHQ9_11)
    (track,) = case_scores([second, half, first])
    assert track.totals == [17, 11] and [p.band for p in track.points] == ["Moderately severe", "Moderate"]
    assert [p.alert_items for p in track.points] == [[9], []]
    assert trend_line(track) == (
        "PHQ-9: 17 → 11, moderately severe → moderate (2026-01-05, 2026-01-19); ⚠ item 9 on 2026-01-05")
    assert [t.totals for t in session_trends(second)] == [[17, 11]]  # from the session alone
    for s in (first, half):
        store.save(s)
    from_json = Session.start("C-1", follow_up, at=day(14))
    assert carry_forward(from_json, earlier_sessions(store, "C-1")).scores == second.carried.scores


def test_a_follow_up_without_a_screen_today_still_states_the_earlier_scores(intake, follow_up):
    first = Session.start("C-1", intake, at=day(0))
    _phq9(first, PHQ9_11)
    second = Session.start("C-1", follow_up, at=day(14))
    carry_forward(second, [first])
    text = render(second, "markdown", "soap")
    assert "**PHQ-9:** 11, moderate (2026-01-05)" in text
    assert "Scores over time" not in render(first, "markdown")  # an intake carries nothing: no trend
