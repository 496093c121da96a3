"""Issue 16 item 1: PHQ-9 item 9 above "Not at all" requires the safety items, raises a flag and blocks finishing."""

from __future__ import annotations

import json

import pytest

from interview_tui.core.alert_rules import (
    SafetyItemsOpen,
    open_safety_items,
    record_reason,
    stated_reasons,
)
from interview_tui.core.case_facts import facts_of
from interview_tui.core.session import Session
from interview_tui.export import render


def _positive(intake, points: int = 2) -> Session:
    session = Session.start("C-1", intake)
    session.set_instrument_answer("phq-9", "q9", points)
    return session


def test_item_9_positive_opens_the_declared_safety_items(intake):
    session = _positive(intake)
    assert [(i.phase_id, i.prompt_id) for i in open_safety_items(session)] == [
        ("phq-9", "safety-follow-up"),
        ("phq-9", "risk-rerated"),
    ]


def test_item_9_not_at_all_opens_nothing_and_finishes(intake):
    session = _positive(intake, 0)
    assert open_safety_items(session) == []
    session.finish()
    assert session.status == "completed"


def test_finish_is_refused_while_safety_items_are_open(intake):
    session = _positive(intake)
    with pytest.raises(SafetyItemsOpen) as refused:
        session.finish()
    assert session.status == "in_progress" and session.ended_at is None
    assert len(refused.value.items) == 2


def test_answering_both_items_lets_the_session_finish(intake):
    session = _positive(intake)
    session.set_answer("phq-9", "safety-follow-up", "Asked directly; followed protocol.")
    assert [i.prompt_id for i in open_safety_items(session)] == ["risk-rerated"]
    session.set_answer("phq-9", "risk-rerated", "medium")
    session.finish()
    assert session.status == "completed"


def test_a_recorded_reason_lets_it_finish_and_is_kept_and_exported(intake):
    session = _positive(intake)
    key = open_safety_items(session)[0].alert_key
    record_reason(session, key, "Client left before we could talk it through; duty worker told.")
    session.finish()
    saved = json.loads(session.to_json())
    assert saved["alert_reasons"] == {key: "Client left before we could talk it through; duty worker told."}
    again = Session.model_validate_json(session.to_json())
    assert [r for _, r in stated_reasons(again)] == ["Client left before we could talk it through; duty worker told."]
    for fmt in ("markdown", "text", "html", "json"):
        for style in ("narrative", "soap", "dap", "birp", "girp"):
            assert "duty worker told" in render(again, fmt, style), (fmt, style)


def test_a_blank_reason_does_not_count(intake):
    session = _positive(intake)
    record_reason(session, open_safety_items(session)[0].alert_key, "   ")
    assert len(open_safety_items(session)) == 2
    with pytest.raises(SafetyItemsOpen):
        session.finish()


def test_the_alert_raises_a_risk_flag(intake):
    assert not [f for f in facts_of(_positive(intake, 0)).flags if f.name == "risk"]
    flags = [f for f in facts_of(_positive(intake)).flags if f.name == "risk"]
    assert [(f.phase_id, f.prompt_id) for f in flags] == [("phq-9", "q9")]


def test_the_refusal_names_protocol_text_only(intake):
    session = _positive(intake)
    session.set_note("phq-9", "screen-context", "SECRET CLIENT WORDS")
    with pytest.raises(SafetyItemsOpen) as refused:
        session.finish()
    assert "SECRET" not in str(refused.value)


def test_an_alert_requiring_an_unknown_prompt_is_a_file_error(tmp_path):
    from interview_tui.phases.files import load_catalogue
    from interview_tui.store.paths import builtin_phases_dir

    text = (builtin_phases_dir() / "intake.toml").read_text(encoding="utf-8")
    text = text.replace('id = "intake"', 'id = "mine"', 1).replace('"risk-rerated"]', '"risk-re-rated"]', 1)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.toml").write_text(text, encoding="utf-8")
    catalogue = load_catalogue([builtin_phases_dir(), folder])
    assert "mine" not in catalogue.protocols
    assert any("requires unknown prompt 'risk-re-rated'" in str(e) for e in catalogue.errors), catalogue.errors
