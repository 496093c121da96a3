"""Issue 16 item 18: PHQ-9 and GAD-7 match the published forms, unscored difficulty question included."""

from __future__ import annotations

import pytest

from interview_tui.core.answers import score_of
from interview_tui.core.session import Session

DIFFICULTY = (
    "If you checked off any problems, how difficult have these problems made it for you to do your work, "
    "take care of things at home, or get along with other people?"
)
LABELS = ["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"]
PROTOCOLS = ["intake", "follow-up", "termination"]


def _phase(protocol, phase_id):
    return next(p for p in protocol.phases if p.id == phase_id)


@pytest.mark.parametrize("protocol_id", PROTOCOLS)
@pytest.mark.parametrize("phase_id", ["phq-9", "gad-7"])
def test_the_difficulty_question_is_asked_as_published(catalogue, protocol_id, phase_id):
    protocol = catalogue.protocol(protocol_id)
    phase = _phase(protocol, phase_id)
    prompt = next(p for p in phase.prompts if p.id == "difficulty")
    assert prompt.text == DIFFICULTY
    assert [c.label for c in protocol.choices[prompt.choices]] == LABELS
    assert "Spitzer" in phase.instrument.source and "Kroenke" in phase.instrument.source


@pytest.mark.parametrize("protocol_id", PROTOCOLS)
def test_gad7_item_5_reads_as_published(catalogue, protocol_id):
    gad = _phase(catalogue.protocol(protocol_id), "gad-7").instrument
    assert gad.item("q5").text == "Being so restless that it is hard to sit still"


def test_the_difficulty_answer_is_not_scored(catalogue):
    session = Session.start("C-1", catalogue.protocol("intake"))
    for n in range(1, 10):
        session.set_instrument_answer("phq-9", f"q{n}", 1)
    before = score_of(session, "phq-9")
    session.set_answer("phq-9", "difficulty", "extremely")
    assert score_of(session, "phq-9") == before and before.total == 9
