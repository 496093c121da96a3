"""Carry-forward, goal reviews and goal history: the core of casework across sessions (issue 5)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_tui.casework.carry_forward import carried_notes, carries_forward, carry_forward, start_session
from interview_tui.core.goal_history import SPARK_BLOCKS, goal_history, sparkline
from interview_tui.core.session import Session
from bad_definitions import errors

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)


@pytest.fixture
def follow_up(catalogue):
    return catalogue.protocol("follow-up")


@pytest.fixture
def termination(catalogue):
    return catalogue.protocol("termination")


def intake_with_goals(intake, client="C-1", at=None) -> Session:
    s = Session.start(client, intake, at=at or day(0))
    housing = s.add_goal(what="Find stable housing", client_words="a place of my own")
    s.add_goal(what="Sleep better")
    done = s.add_goal(what="Register with a doctor", status="achieved")
    s.add_plan_item(action="Call the housing office", goal_id=housing.id, due="2026-01-20")
    s.add_plan_item(action="Ask the doctor about sleep", status="done")
    s.add_plan_item(action="Bring ID to the clinic", goal_id=done.id, status="in_progress")
    s.set_answer("closure", "summary", "Housing is the first worry.")
    s.set_answer("closure", "next-steps", "Meet on the 20th; client calls the office.")
    s.finish(at=day(0) + timedelta(hours=1))
    return s


# ---------------------------------------------------------------- carry-forward


def test_protocols_that_carry_forward_are_named_in_their_phase_files(catalogue):
    assert carries_forward(catalogue.protocol("follow-up"))
    assert carries_forward(catalogue.protocol("termination"))
    assert not carries_forward(catalogue.protocol("intake"))
    assert not carries_forward(catalogue.protocol("crisis"))


def test_open_goals_and_unfinished_plan_items_are_carried_with_their_ids(intake, follow_up):
    first = intake_with_goals(intake)
    new = Session.start("C-1", follow_up, at=day(14))
    context = carry_forward(new, [first])
    assert [g.what for g in new.goals] == ["Find stable housing", "Sleep better"]
    assert [g.id for g in new.goals] == ["goal-1", "goal-2"]
    assert all(g.carried_from == first.id for g in new.goals + new.plan_items)
    assert [p.action for p in new.plan_items] == ["Call the housing office", "Bring ID to the clinic"]
    # The clinic item served an achieved goal, which is not carried: the item goes on without a goal.
    assert [p.goal_id for p in new.plan_items] == ["goal-1", None]
    assert new.plan_items[0].due.isoformat() == "2026-01-20"
    assert new.goals[0].client_words == "a place of my own"
    assert context.goals_from == first.id and context.last_session_id == first.id
    assert context.last_date == day(0).date() and context.last_protocol_id == "intake"
    assert context.summary == "Housing is the first worry."
    assert context.next_steps == "Meet on the 20th; client calls the office."
    assert new.carried == context


def test_partly_achieved_goals_stay_open_work(intake, follow_up):
    first = intake_with_goals(intake)
    first.update_goal("goal-2", status="partly")
    first.update_goal("goal-1", status="dropped")
    new = Session.start("C-1", follow_up, at=day(14))
    carry_forward(new, [first])
    assert [g.id for g in new.goals] == ["goal-2"]
    assert [g.status for g in new.goals] == ["partly"]


def test_goals_come_from_the_latest_session_that_has_any(intake, follow_up, catalogue):
    first = intake_with_goals(intake)
    second = Session.start("C-1", follow_up, at=day(7))
    carry_forward(second, [first])
    second.update_goal("goal-1", status="achieved")
    second.update_plan_item("plan-1", status="done")
    second.set_answer("closure", "summary", "Keys collected.")
    # A crisis session afterwards has notes but no goals: it gives the summary, not the goals.
    crisis = Session.start("C-1", catalogue.protocol("crisis"), at=day(10))
    crisis.set_answer("closure", "summary", "Safe at her sister's tonight.")
    crisis.set_answer("closure", "next-contact", "Phone call tomorrow at 10.")
    # An empty, abandoned session is passed over; a later one and another client's are ignored.
    empty = Session.start("C-1", follow_up, at=day(11))
    later = intake_with_goals(intake, at=day(30))
    other = intake_with_goals(intake, client="C-2", at=day(12))
    new = Session.start("C-1", follow_up, at=day(14))
    context = carry_forward(new, [first, crisis, second, empty, later, other])
    assert context.goals_from == second.id
    assert [g.id for g in new.goals] == ["goal-2"]
    assert [p.id for p in new.plan_items] == ["plan-3"]
    assert all(x.carried_from == second.id for x in new.goals + new.plan_items)
    assert context.last_session_id == crisis.id and context.last_protocol_id == "crisis"
    assert context.summary == "Safe at her sister's tonight."
    assert context.next_steps == "Phone call tomorrow at 10."


def test_a_new_goal_never_takes_the_id_of_an_earlier_one(intake, follow_up):
    first = intake_with_goals(intake)
    first.update_goal("goal-1", status="achieved")
    first.update_goal("goal-2", status="achieved")
    new = Session.start("C-1", follow_up, at=day(14))
    carry_forward(new, [first])
    assert new.goals == []
    assert new.add_goal(what="Back to work").id == "goal-4"
    assert new.add_plan_item(action="CV workshop").id == "plan-4"


def test_no_earlier_session_carries_an_empty_context(follow_up):
    new = Session.start("C-9", follow_up, at=day(1))
    context = carry_forward(new, [])
    assert context.last_session_id is None and context.summary == "" and new.goals == []


def test_old_sessions_take_carry_marks_from_the_current_phase_file(intake, catalogue):
    first = intake_with_goals(intake)
    for phase in first.protocol.phases:
        for prompt in phase.prompts:
            prompt.carry = None
    assert carried_notes(first, "summary") == ""
    assert carried_notes(first, "summary", catalogue.protocol) == "Housing is the first worry."


def test_start_session_reads_the_clients_sessions_from_the_store(store, intake, follow_up, catalogue):
    store.save(intake_with_goals(intake, at=day(0)))
    store.save(intake_with_goals(intake, client="C-2", at=day(1)))
    new = start_session(store, "C-1", follow_up, catalogue.protocol)
    assert [g.id for g in new.goals] == ["goal-1", "goal-2"]
    assert new.carried.summary == "Housing is the first worry."
    again = start_session(store, "C-1", intake, catalogue.protocol)
    assert again.goals == [] and again.carried is None


def test_carried_items_and_context_survive_the_file(store, intake, termination):
    store.save(intake_with_goals(intake))
    new = start_session(store, "C-1", termination)
    store.save(new)
    data = json.loads(store.path_for(new.id).read_text(encoding="utf-8"))
    assert data["carried"]["summary"] == "Housing is the first worry."
    assert data["goals"][0]["carried_from"]
    assert store.load(new.id) == new


def test_a_session_without_casework_writes_no_new_keys(intake):
    s = Session.start("C-1", intake, at=day(0))
    s.add_goal(what="x")
    data = json.loads(s.to_json())
    assert not {"carried", "goal_reviews", "crisis_session_id", "crisis_began_at", "opened_from"} & set(data)
    assert "carried_from" not in data["goals"][0]


# ---------------------------------------------------------------- goal reviews


def carried_follow_up(intake, follow_up) -> Session:
    new = Session.start("C-1", follow_up, at=day(14))
    carry_forward(new, [intake_with_goals(intake)])
    return new


def test_a_review_records_rating_note_and_the_status_change(intake, follow_up):
    s = carried_follow_up(intake, follow_up)
    review = s.review_goal("goal-1", rating=6, note="Viewing on Friday", at=day(14))
    assert (review.rating, review.note, review.status_before, review.status_after) == (6, "Viewing on Friday", "open", "open")
    s.review_goal("goal-1", status="partly", at=day(14))
    assert s.goal("goal-1").status == "partly"
    again = s.goal_review("goal-1")
    assert (again.rating, again.note, again.status_before, again.status_after) == (6, "Viewing on Friday", "open", "partly")
    assert len(s.goal_reviews) == 1
    s.remove_goal_review("goal-1")
    assert s.goal("goal-1").status == "open" and s.goal_reviews == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rating": 11}, "a goal's rating must be a whole number 0-10, or empty"),
        ({"rating": -1}, "a goal's rating must be a whole number 0-10, or empty"),
        ({"rating": True}, "a goal's rating must be a whole number 0-10, or empty"),
        ({"rating": 6.5}, "a goal's rating must be a whole number 0-10, or empty"),
        ({"status": "finished"}, "a goal's status must be one of: open, achieved, partly, not_achieved, dropped"),
        ({"note": 3}, "a goal review's note must be text"),
    ],
)
def test_bad_reviews_are_refused_with_a_message(intake, follow_up, changes, message):
    s = carried_follow_up(intake, follow_up)
    with pytest.raises(ValueError) as caught:
        s.review_goal("goal-1", **changes)
    assert str(caught.value) == message
    assert s.goal_reviews == [] and s.goal("goal-1").status == "open"


def test_reviewing_an_unknown_goal_is_refused(intake, follow_up):
    s = carried_follow_up(intake, follow_up)
    with pytest.raises(ValueError, match="this session has no goal 'goal-3'"):
        s.review_goal("goal-3", rating=5)
    with pytest.raises(ValueError, match="goal 'goal-1' has no review"):
        s.remove_goal_review("goal-1")


def test_a_rating_typed_as_digits_is_taken(intake, follow_up):
    s = carried_follow_up(intake, follow_up)
    assert s.review_goal("goal-2", rating=" 7 ").rating == 7
    assert s.review_goal("goal-2", rating=None).rating is None


def test_reviews_after_finishing_are_amendments(intake, follow_up):
    s = carried_follow_up(intake, follow_up)
    s.review_goal("goal-1", rating=4, at=day(14))
    s.finish(at=day(14) + timedelta(hours=1))
    s.review_goal("goal-1", rating=5, status="achieved", at=day(15))
    kinds = [(a.kind, a.item_id) for a in s.amendments]
    assert ("goal_review", "goal-1") in kinds and ("goal", "goal-1") in kinds
    review_change = next(a for a in s.amendments if a.kind == "goal_review")
    assert review_change.before["rating"] == 4 and review_change.after["rating"] == 5
    assert review_change.after["status_after"] == "achieved"
    assert s.last_amended(None, None, "goal-1") == day(15)
    data = json.loads(s.to_json())
    assert Session.model_validate_json(s.to_json()) == s
    assert data["goal_reviews"][0]["rating"] == 5


def test_a_review_before_finishing_is_no_amendment(intake, follow_up):
    s = carried_follow_up(intake, follow_up)
    s.review_goal("goal-1", rating=4)
    assert s.amendments == []


# ---------------------------------------------------------------- history


def test_goal_history_follows_each_goal_through_the_sessions(intake, follow_up, termination):
    first = intake_with_goals(intake)
    first.review_goal("goal-1", rating=2, note="baseline")
    second = Session.start("C-1", follow_up, at=day(14))
    carry_forward(second, [first])
    second.review_goal("goal-1", rating=6, note="viewing booked")
    third = Session.start("C-1", termination, at=day(28))
    carry_forward(third, [first, second])
    assert third.carried.last_ratings == {"goal-1": 6}
    third.review_goal("goal-1", rating=9, status="achieved")
    third.review_goal("goal-2", status="dropped")
    tracks = goal_history([third, first, second])
    assert [t.goal_id for t in tracks] == ["goal-1", "goal-2", "goal-3"]
    housing = tracks[0]
    assert housing.ratings == [2, 6, 9]
    assert [p.status for p in housing.points] == ["open", "open", "achieved"]
    assert [p.date for p in housing.points] == [day(0).date(), day(14).date(), day(28).date()]
    assert [p.note for p in housing.points] == ["baseline", "viewing booked", ""]
    assert (housing.first_rating, housing.latest_rating, housing.status) == (2, 9, "achieved")
    sleep = tracks[1]
    assert sleep.ratings == [None, None, None] and sleep.latest_rating is None and sleep.status == "dropped"
    assert [p.session_id for p in tracks[2].points] == [first.id]  # achieved at intake: not carried


def test_sparkline_heights_and_gaps():
    assert sparkline([0, 10, None, 5]) == "▁█·" + SPARK_BLOCKS[4]
    assert sparkline([]) == ""


@given(st.lists(st.one_of(st.none(), st.integers(min_value=-5, max_value=20)), max_size=30))
def test_sparkline_one_character_per_session_never_higher_for_lower(ratings):
    line = sparkline(ratings)
    assert len(line) == len(ratings)
    rated = [(r, line[i]) for i, r in enumerate(ratings) if r is not None]
    for (a, ca) in rated:
        for (b, cb) in rated:
            if a <= b and ca != "·" and cb != "·":
                assert SPARK_BLOCKS.index(ca) <= SPARK_BLOCKS.index(cb)


# ---------------------------------------------------------------- phase language


def test_unknown_carry_is_reported_exactly(tmp_path):
    assert errors(tmp_path, 'text = "Context"', 'text = "Context"\ncarry = "summery"') == [
        ("bad.toml:41 (phase 'screen', prompt 'context'): unknown carry 'summery' (known: summary, next_steps, risk, "
         "safety_plan)")
    ]


def test_unknown_panel_is_reported_exactly(tmp_path):
    assert errors(tmp_path, 'purpose = "Score."', 'purpose = "Score."\nshows = ["contact"]') == [
        "bad.toml:28 (phase 'screen'): unknown panel 'contact' (known: carried, contacts, flags)"
    ]


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_the_export_of_a_session_with_a_crisis_step_says_when_it_began_and_where_its_notes_are(intake, catalogue, fmt):
    from interview_tui.export import render

    session = Session.start("C-9", intake, at=day(0))
    crisis = Session.start("C-9", catalogue.protocol("crisis"), at=day(0) + timedelta(minutes=20))
    crisis.opened_from = session.id
    session.crisis_session_id, session.crisis_began_at = crisis.id, crisis.started_at
    text = render(session, fmt)
    lower = text.lower()
    began = crisis.started_at.astimezone(session.started_at.tzinfo)
    assert f"a crisis step began at {began:%Y-%m-%d %H:%M}" in lower
    assert crisis.id in text and lower.index("alerts") < lower.index("crisis step")
    assert f"opened during session {session.id}" in render(crisis, fmt).lower()
    assert "crisis step" not in render(Session.start("C-9", intake, at=day(1)), fmt).lower()


@pytest.mark.parametrize("seed", [1, 2])
def test_carrying_forward_from_the_store_reads_json_and_carries_the_same(store, catalogue, follow_up, seed, monkeypatch):
    """From the store, every earlier session is looked at as JSON and at most the three the context, the crisis
    (risk and safety plan) and the goals come from are loaded whole; what is carried is what carrying from the
    loaded sessions gives."""
    from interview_tui.casework.carry_forward import earlier_sessions
    from interview_tui.devtools.demo_data import generate

    generate(store, catalogue, clients=5, sessions=70, seed=seed)
    summaries = list(store.summaries()[0])
    for n, summary in enumerate(summaries):  # some goals rated, some rated again later
        session = store.load(summary.id)
        if session.goals and n % 3 == 0:
            session.review_goal(session.goals[0].id, rating=n % 11)
            store.save(session)
    clients = sorted({s.client for s in summaries})
    real_load = type(store).load
    rated = []
    for client in clients:
        at = datetime(2031, 1, 1, tzinfo=timezone.utc)
        loaded = [store.load(s.id) for s in store.client_summaries(client)]
        whole = Session.start(client, follow_up, at=at)
        expected = carry_forward(whole, loaded, catalogue.protocol)
        loads = []
        monkeypatch.setattr(type(store), "load", lambda self, sid: loads.append(sid) or real_load(self, sid))
        lazy = Session.start(client, follow_up, at=at)
        got = carry_forward(lazy, earlier_sessions(store, client), catalogue.protocol)
        monkeypatch.setattr(type(store), "load", real_load)
        assert got == expected
        assert [g.model_dump() for g in lazy.goals] == [g.model_dump() for g in whole.goals]
        assert [p.model_dump() for p in lazy.plan_items] == [p.model_dump() for p in whole.plan_items]
        assert len(set(loads)) <= 3 < len(loaded) or len(loaded) <= 3
        rated.append(bool(expected.last_ratings))
    assert any(rated), "some carried goal had a rating"
