"""Issue 16 item 5: the ending interview rates risk (raising a flag) and has optional PHQ-9 / GAD-7 sections
scored like the intake's, so before and after can be compared."""

from __future__ import annotations

from interview_tui.core.alert_rules import open_safety_items
from interview_tui.core.case_facts import facts_of
from interview_tui.core.session import Session


def _phase(protocol, phase_id):
    return next(p for p in protocol.phases if p.id == phase_id)


def test_the_ending_rates_risk_and_a_rating_raises_the_flag(catalogue):
    ending = catalogue.protocol("termination")
    session = Session.start("C-1", ending)
    session.set_answer("remaining-concerns", "risk-level", "high")
    assert [(f.name, f.value) for f in facts_of(session).flags] == [("risk", "high")]


def test_the_ending_has_optional_phq9_and_gad7_matching_the_intake(catalogue):
    ending, intake = catalogue.protocol("termination"), catalogue.protocol("intake")
    for phase_id in ("phq-9", "gad-7"):
        here, there = _phase(ending, phase_id), _phase(intake, phase_id)
        assert here.optional
        assert here.instrument == there.instrument


def test_item_9_at_the_ending_requires_the_safety_items(catalogue):
    session = Session.start("C-1", catalogue.protocol("termination"))
    session.set_instrument_answer("phq-9", "q9", 1)
    assert {i.prompt_id for i in open_safety_items(session)} == {"safety-follow-up", "risk-rerated"}
