"""Issue 16 item 2: the crisis and follow-up protocols ask about suicide directly, and about harm to others in a
separate question; no prompt asks about harm to self and to others at once."""

from __future__ import annotations

import re

import pytest

SELF = re.compile(r"suicide|hurt(ing)? yourself|harm(ing)? yourself", re.IGNORECASE)
OTHERS = re.compile(r"someone else|others", re.IGNORECASE)


def _questions(catalogue, protocol_id):
    protocol = catalogue.protocol(protocol_id)
    assert protocol is not None
    return [(phase.id, prompt) for phase in protocol.phases for prompt in phase.prompts]


@pytest.mark.parametrize("protocol_id", ["crisis", "follow-up"])
def test_suicide_is_asked_about_in_plain_words(catalogue, protocol_id):
    asked = [p.text for _, p in _questions(catalogue, protocol_id) if p.text.endswith("?")]
    assert any("suicide" in text.lower() for text in asked), asked


@pytest.mark.parametrize("protocol_id", ["crisis", "follow-up"])
def test_harm_to_others_is_its_own_question(catalogue, protocol_id):
    questions = [p.text for _, p in _questions(catalogue, protocol_id) if p.text.endswith("?")]
    assert any(re.search(r"harming someone else", q) for q in questions), questions
    for question in questions:
        assert not (SELF.search(question) and OTHERS.search(question)), f"double-barrelled: {question}"


@pytest.mark.parametrize("protocol_id", ["crisis", "follow-up"])
def test_the_agency_protocol_is_still_named(catalogue, protocol_id):
    hints = [p.hint or "" for _, p in _questions(catalogue, protocol_id) if "suicide" in p.text.lower()]
    assert hints and all("protocol" in hint for hint in hints)


def test_crisis_risk_levels_are_a_record_not_actions(catalogue):
    """Issue 16 item 3: the level is kept as a record and a flag; decisions follow needs and the safety plan."""
    phase = next(p for p in catalogue.protocol("crisis").phases if p.id == "severity")
    guidance = " ".join(phase.guidance)
    assert "NICE NG225" in guidance and "safety plan" in guidance and "not a decision about care" in guidance
    levels = [g for g in phase.guidance if g.split(":")[0] in ("Low", "Medium")]
    assert levels and not any(word in g for g in levels for word in ("act today", "plan follow-up", "act on"))
    risk = next(p for p in phase.prompts if p.id == "risk-level")
    assert risk.flags == {"medium": "risk", "high": "risk"}


def test_safety_plan_has_reasons_for_living_and_credits_stanley_brown(catalogue):
    """Issue 16 item 4."""
    phase = next(p for p in catalogue.protocol("crisis").phases if p.id == "safety-plan")
    ids = [p.id for p in phase.prompts]
    assert "reasons-for-living" in ids
    reasons = phase.prompts[ids.index("reasons-for-living")]
    assert reasons.carry == "safety_plan"
    assert any("Stanley" in g and "Brown" in g for g in phase.guidance)
