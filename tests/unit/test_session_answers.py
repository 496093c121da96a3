"""Capture in a session: typed answers, instrument scores, goals and plan items, amendments, visibility,
missing required items, alerts, the v2 schema and its migration, and a full round trip through the store."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from export_fixture import STARTED

from interview_tui.core.answers import Visibility, answer_items, answer_text, missing_required, raised_alerts
from interview_tui.core.goals import STATUS_LABELS, WHO_LABELS
from interview_tui.core.session import Session
from interview_tui.store.session_file import decode_session
from data_paths import FIXTURES
from builders import fill_everything

FIXTURE = FIXTURES / "sessions" / "v1" / "20261120-142501-a3f9.json"


@pytest.fixture
def session(intake) -> Session:
    return Session.start("C-7", intake, at=STARTED)


# ------------------------------------------------------------ answers


def test_set_answer_stores_typed_values_and_notes_stay_notes(session):
    fill_everything(session)
    rec = session.phases["assessment"]
    assert rec.answers == {"distress": 7, "strengths": ["Stubborn in a good way"], "risk-level": "medium"}
    assert rec.notes == {"safety-follow-up": "Talked it through; duty manager told at 15:10."}
    assert session.phases["closure"].answers == {"next-appointment": "2026-12-03"}
    assert session.answer("information-gathering", "household") == ["Partner", "Son, 4 [asthma]"]


def test_set_answer_refuses_invalid_values_and_changes_nothing(session):
    with pytest.raises(ValueError, match="^scale answer must be 0-10$"):
        session.set_answer("assessment", "distress", 11)
    with pytest.raises(ValueError, match=r"^'severe' is not one of the choices \(none, low, medium, high\)$"):
        session.set_answer("assessment", "risk-level", "severe")
    with pytest.raises(ValueError, match="^phase 'assessment' has no prompt 'nope'$"):
        session.set_answer("assessment", "nope", 1)
    with pytest.raises(ValueError, match="^this session has no phase 'nope'$"):
        session.set_answer("nope", "distress", 1)
    assert session.phases["assessment"].answers == {}


def test_clearing_an_answer_removes_it(session):
    assert session.set_answer("assessment", "distress", 4) is True
    assert session.set_answer("assessment", "distress", 4) is False
    assert session.set_answer("assessment", "distress", None) is True
    assert "distress" not in session.phases["assessment"].answers


def test_answers_read_in_display_form(session):
    fill_everything(session)
    assert answer_text(session, "assessment", "risk-level") == "Medium"
    assert answer_text(session, "assessment", "distress") == "7 (0-10)"
    assert answer_text(session, "introduction-rapport", "confidentiality-understood") == "Yes"
    assert answer_items(session, "information-gathering", "household") == ["Partner", "Son, 4 [asthma]"]
    assert answer_text(session, "assessment", "safety-follow-up").startswith("Talked it through")
    assert answer_text(session, "assessment", "feelings") == ""


# ------------------------------------------------------------ instruments


def test_instrument_score_is_stored_with_the_answers(session):
    for item in ("q1", "q2", "q3"):
        session.set_instrument_answer("phq-9", item, 3)
    stored = session.phases["phq-9"].instrument_score
    assert (stored.total, stored.answered, stored.of, stored.band, stored.alerts) == (9, 3, 9, None, [])
    for item in ("q4", "q5", "q6", "q7", "q8", "q9"):
        session.set_instrument_answer("phq-9", item, 0)
    stored = session.phases["phq-9"].instrument_score
    assert (stored.total, stored.band) == (9, "Mild")
    session.set_instrument_answer("phq-9", "q9", 1)
    stored = session.phases["phq-9"].instrument_score
    assert (stored.total, stored.band) == (10, "Moderate") and len(stored.alerts) == 1
    on_disk = json.loads(session.to_json())["phases"]["phq-9"]
    assert on_disk["instrument"]["q9"] == 1 and on_disk["instrument_score"]["band"] == "Moderate"
    session.set_instrument_answer("phq-9", "q9", None)
    assert "q9" not in session.phases["phq-9"].instrument


def test_instrument_answers_must_be_option_points(session):
    with pytest.raises(ValueError, match=r"^an answer to 'q1' must be one of the option points \(0, 1, 2, 3\)$"):
        session.set_instrument_answer("phq-9", "q1", 4)
    with pytest.raises(ValueError, match="^instrument 'phq-9' has no item 'q10'$"):
        session.set_instrument_answer("phq-9", "q10", 1)
    with pytest.raises(ValueError, match="^phase 'assessment' has no instrument$"):
        session.set_instrument_answer("assessment", "q1", 1)


def test_raised_alerts_for_review_and_export(session):
    assert raised_alerts(session) == []
    session.set_instrument_answer("phq-9", "q9", 2)
    [alert] = raised_alerts(session)
    assert (alert.phase_id, alert.instrument_title, alert.alert.points) == ("phq-9", "PHQ-9", 2)
    assert "follow your agency's safety protocol" in alert.message


# ------------------------------------------------------------ visibility and required items


def test_safety_follow_up_shows_only_when_risk_is_not_none(session):
    assert not Visibility(session).prompt_shown("assessment", "safety-follow-up")  # unanswered: hidden
    session.set_answer("assessment", "risk-level", "none")
    assert not Visibility(session).prompt_shown("assessment", "safety-follow-up")
    session.set_answer("assessment", "risk-level", "low")
    shown = Visibility(session)
    assert shown.prompt_shown("assessment", "safety-follow-up")
    assert "safety-follow-up" in [p.id for p in shown.prompts("assessment")]


def test_missing_required_lists_shown_empty_required_items_with_their_messages(session):
    missing = {(m.phase_id, m.prompt_id): m.message for m in missing_required(session)}
    assert missing == {
        ("introduction-rapport", "confidentiality-understood"):
            "Record whether confidentiality and its limits were explained and understood.",
        ("assessment", "risk-level"): "Rate the risk of harm (choose 'None identified' if there is none).",
    }  # the hidden safety follow-up and the untouched optional screens are not missing
    session.set_answer("assessment", "risk-level", "high")
    assert ("assessment", "safety-follow-up") in {(m.phase_id, m.prompt_id) for m in missing_required(session)}
    session.set_answer("assessment", "safety-follow-up", "Protocol followed.")
    session.set_answer("introduction-rapport", "confidentiality-understood", False)  # answered "no" is answered
    assert missing_required(session) == []


def test_a_started_instrument_left_unfinished_is_reported(session):
    session.set_answer("assessment", "risk-level", "none")
    session.set_answer("introduction-rapport", "confidentiality-understood", True)
    session.set_instrument_answer("gad-7", "q1", 1)
    [missing] = missing_required(session)
    assert (missing.phase_id, missing.prompt_id, missing.text) == ("gad-7", None, "GAD-7")
    assert missing.message == "6 of 7 items not answered yet: no total band until all are."


def test_a_hidden_phase_hides_its_prompts(intake):
    from interview_tui.core.protocol import Protocol

    data = intake.model_dump()
    data["phase"][-1]["show_if"] = 'assessment.risk-level == "high"'
    s = Session.start("C-8", Protocol.model_validate(data), at=STARTED)
    last = s.protocol.phases[-1].id
    assert not Visibility(s).phase_shown(last) and Visibility(s).prompts(last) == []
    s.set_answer("assessment", "risk-level", "high")
    assert Visibility(s).phase_shown(last)


# ------------------------------------------------------------ goals and plan items


def test_goals_and_plan_items_are_added_updated_and_removed(session):
    goal = session.add_goal(what="Sleep through", by_when="", at=STARTED)
    assert (goal.id, goal.status, goal.by_when, goal.created_at) == ("goal-1", "open", None, STARTED)
    item = session.add_plan_item(action="See GP", who="client", goal_id="goal-1")
    assert item.id == "plan-1" and item.status == "not_started"
    updated = session.update_goal("goal-1", status="partly", by_when="2027-01-31")
    assert (updated.status, updated.by_when) == ("partly", date(2027, 1, 31))
    session.update_plan_item("plan-1", status="done")
    assert session.plan_item("plan-1").status == "done"
    session.remove_goal("goal-1")
    assert session.goals == [] and session.plan_item("plan-1").goal_id is None
    session.remove_plan_item("plan-1")
    assert session.plan_items == []
    assert session.add_goal(what="Another").id == "goal-1"  # before finishing nothing remembers the old one


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.add_goal(what="  "), "a goal needs its 'what' (what the client wants to achieve)"),
        (lambda s: s.add_goal(what="x", by_when="next week"), "'by_when' must be a date written yyyy-mm-dd, or empty"),
        (lambda s: s.add_goal(what="x", status="won"),
         "'status' must be one of: open, achieved, partly, not_achieved, dropped"),
        (lambda s: s.add_goal(what="x", colour="red"), "unknown field 'colour'"),
        (lambda s: s.add_plan_item(action=""), "a plan item needs its 'action' (what will be done)"),
        (lambda s: s.add_plan_item(action="x", who="me"), "'who' must be one of: client, practitioner, other_agency, both"),
        (lambda s: s.add_plan_item(action="x", due="31/12"), "'due' must be a date written yyyy-mm-dd, or empty"),
        (lambda s: s.add_plan_item(action="x", status="late"),
         "'status' must be one of: not_started, in_progress, done, dropped"),
        (lambda s: s.add_plan_item(action="x", goal_id="goal-9"), "this session has no goal 'goal-9'"),
        (lambda s: s.update_goal("goal-9", what="x"), "this session has no goal 'goal-9'"),
        (lambda s: s.remove_plan_item("plan-9"), "this session has no plan item 'plan-9'"),
    ],
)
def test_goal_and_plan_item_mistakes_are_refused_clearly(session, call, message):
    with pytest.raises(ValueError) as caught:
        call(session)
    assert str(caught.value) == message
    assert session.goals == [] and session.plan_items == []


def test_labels_for_display():
    assert WHO_LABELS["other_agency"] == "Other agency"
    assert STATUS_LABELS["not_achieved"] == "Not achieved" and STATUS_LABELS["in_progress"] == "In progress"


# ------------------------------------------------------------ amendments


def test_after_finishing_every_kind_of_change_is_an_amendment(session):
    fill_everything(session)
    session.set_note("phq-9", "safety-follow-up", "Asked; protocol followed.")  # (item 9 is 1: both required)
    session.set_answer("phq-9", "risk-rerated", "low")
    session.finish(at=STARTED + timedelta(hours=1))
    later = STARTED + timedelta(days=1)
    session.set_answer("assessment", "distress", 5, at=later)
    session.set_instrument_answer("phq-9", "q9", 0, at=later)
    session.update_goal("goal-1", status="achieved", at=later)
    session.remove_plan_item("plan-2", at=later)
    session.add_plan_item(action="Check in by phone", who="practitioner", at=later)
    kinds = [(a.kind, a.phase_id, a.prompt_id, a.item_id, a.before, a.after) for a in session.amendments]
    assert kinds[0] == ("answer", "assessment", "distress", None, 7, 5)
    assert kinds[1] == ("instrument", "phq-9", None, "q9", 1, 0)
    assert kinds[2][:4] == ("goal", None, None, "goal-1")
    assert (kinds[2][4]["status"], kinds[2][5]["status"]) == ("open", "achieved")
    assert kinds[3][:4] == ("plan_item", None, None, "plan-2") and kinds[3][5] is None
    assert kinds[4][:4] == ("plan_item", None, None, "plan-3") and kinds[4][4] is None  # plan-2 is never reused
    assert session.last_amended("assessment", "distress") == later
    assert session.last_amended(None, None, "goal-1") == later
    assert session.phases["phq-9"].instrument_score.alerts == []


def test_an_answer_changed_back_soon_after_is_no_amendment(session):
    session.set_answer("assessment", "distress", 7)
    session.finish(at=STARTED)
    session.set_answer("assessment", "distress", 3, at=STARTED + timedelta(minutes=1))
    session.set_answer("assessment", "distress", 7, at=STARTED + timedelta(minutes=2))
    assert session.amendments == []


# ------------------------------------------------------------ schema, migration, round trip


def test_v1_fixture_migrates_and_loads_with_its_notes():
    decoded = decode_session(FIXTURE.read_bytes())
    s = decoded.session
    assert (decoded.from_version, s.schema_version) == (1, 2)
    assert s.note("preparation", "record-review").startswith("Came in after [supports] ended")
    assert s.goals == [] and s.plan_items == []
    assert all(p.type == "text" for ph in s.protocol.phases for p in ph.prompts)
    assert all(r.answers == {} and r.instrument == {} for r in s.phases.values())


def test_v1_amendments_stay_loadable_as_note_amendments():
    data = json.loads(FIXTURE.read_bytes())
    data["status"] = "completed"
    data["amendments"] = [{"at": "2026-11-21T09:00:00+01:00", "phase_id": "preparation",
                           "prompt_id": "record-review", "before": "old", "after": "new"}]
    s = decode_session(json.dumps(data).encode()).session
    [a] = s.amendments
    assert (a.kind, a.phase_id, a.prompt_id, a.item_id, a.before, a.after) == (
        "note", "preparation", "record-review", None, "old", "new")
    assert s.last_amended("preparation", "record-review") is not None


def test_round_trip_of_every_kind_of_answer_goals_and_plan_items(session, store):
    fill_everything(session)
    session.set_note("phq-9", "safety-follow-up", "Asked; protocol followed.")  # (item 9 is 1: both required)
    session.set_answer("phq-9", "risk-rerated", "low")
    session.finish(at=STARTED + timedelta(hours=1))
    session.update_plan_item("plan-1", status="in_progress", at=STARTED + timedelta(days=2))
    store.save(session)
    again = store.load(session.id)
    assert again == session
    assert again.phases["phq-9"].instrument_score.band == "Mild"
    assert again.goals[0].by_when == date(2027, 3, 1) and again.plan_items[1].agency_contact.startswith("Citizens")
    assert again.amendments[0].before["status"] == "not_started"
    assert isinstance(again.phases["assessment"].answers["distress"], int)
    assert again.phases["introduction-rapport"].answers["confidentiality-understood"] is True


def test_the_session_copy_keeps_field_definitions(session):
    phase = session.protocol.phase("assessment")
    risk = phase.prompt("risk-level")
    assert risk.type == "choice" and risk.required and [c.value for c in risk.choices] == ["none", "low", "medium", "high"]
    assert phase.prompt("safety-follow-up").show_if == 'risk-level != "none"'
    assert (phase.prompt("distress").min, phase.prompt("distress").max) == (0, 10)
    assert session.protocol.phase("goal-setting").collects == "goals"
    assert session.protocol.phase("planning").collects == "plan"
    assert session.protocol.phase("phq-9").optional and session.protocol.phase("phq-9").instrument.id == "phq-9"


def test_json_schema_covers_the_new_fields(capsys):
    from interview_tui.cli.main import main

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    defs = schema["$defs"]
    assert {"goals", "plan_items"} <= set(schema["properties"])
    assert {"answers", "instrument", "instrument_score"} <= set(defs["PhaseNotes"]["properties"])
    assert {"type", "choices", "min", "max", "required", "show_if"} <= set(defs["PromptCopy"]["properties"])
    assert {"show_if", "optional", "collects", "instrument"} <= set(defs["PhaseCopy"]["properties"])
    assert {"what", "measure", "by_when", "why_it_matters", "client_words", "status"} <= set(defs["Goal"]["properties"])
    assert {"action", "who", "agency_contact", "goal_id", "due", "status"} <= set(defs["PlanItem"]["properties"])
    assert {"kind", "item_id"} <= set(defs["Amendment"]["properties"])
    assert schema["properties"]["schema_version"]["const"] == 2


def test_review_gaps_skip_hidden_prompts_untouched_optional_phases_and_count_answers(session):
    from interview_tui.core.gaps import review

    by_phase = {p.phase_id: p for p in review(session)}
    assert by_phase["phq-9"].gaps == () and by_phase["gad-7"].gaps == ()
    assert "safety-follow-up" not in {g.item_id for g in by_phase["assessment"].gaps}
    session.set_answer("assessment", "distress", 3)
    session.set_answer("assessment", "risk-level", "high")
    by_phase = {p.phase_id: p for p in review(session)}
    prompt_gaps = {g.item_id for g in by_phase["assessment"].gaps if g.kind == "prompt"}
    assert "distress" not in prompt_gaps and "safety-follow-up" in prompt_gaps
    assert by_phase["assessment"].notes_written == 2
    session.set_instrument_answer("phq-9", "q1", 0)
    assert {p.phase_id: p for p in review(session)}["phq-9"].gaps  # touched: its prompts and ticks count again


def test_plain_prompts_and_phases_are_written_without_empty_field_definitions(session):
    data = json.loads(session.to_json())
    plain = data["protocol"]["phases"][0]["prompts"][0]
    assert set(plain) == {"id", "text", "sections"}
    assert "answers" not in data["phases"]["preparation"] and "instrument" not in data["protocol"]["phases"][0]
    risk = next(p for p in data["protocol"]["phases"][3]["prompts"] if p["id"] == "risk-level")
    assert risk["type"] == "choice" and risk["required"] is True
    # Two copies must fit a small disk during the atomic save. (32,000: the intake's own content grew past 30,000
    # with the prompts for a client who was sent or required to come, issue 16 item 15; empty definitions add none.)
    assert len(session.to_json()) < 32_000
