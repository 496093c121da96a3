"""Issue 16, item 14: Kadushin's transitions between phases and purposeful silence are cue cards, cued where the
interview moves from one phase to the next and where the client is telling their story and their feelings."""

from __future__ import annotations

import pytest

TRANSITION_CUED = {
    "intake": ["introduction-rapport", "information-gathering", "assessment", "goal-setting", "closure"],
    "follow-up": ["check-in", "review-progress", "new-concerns", "closure"],
    "termination": ["review-goals", "remaining-concerns", "ending"],
    "crisis": ["stabilising", "closure"],
}
SILENCE_CUED = {
    "intake": ["information-gathering", "assessment"],
    "follow-up": ["check-in", "new-concerns"],
}


def test_the_transition_card_says_to_summarise_name_what_comes_next_and_check_readiness(catalogue):
    card = catalogue.techniques["transition"]
    what = card.what.lower()
    assert "sum up" in what and "next" in what and "ready" in what
    assert card.example and card.example.rstrip().endswith("?")


@pytest.mark.parametrize(("protocol_id", "phase_id"), [(p, ph) for p, phases in TRANSITION_CUED.items() for ph in phases])
def test_the_transition_card_is_cued_where_the_interview_moves_on(catalogue, protocol_id, phase_id):
    protocol = catalogue.protocol(protocol_id)
    phase = protocol.phase_by_id(phase_id)
    assert "transition" in phase.techniques
    assert "transition" in [card.id for card in catalogue.techniques_for(protocol, phase.techniques)]


@pytest.mark.parametrize(("protocol_id", "phase_id"), [(p, ph) for p, phases in SILENCE_CUED.items() for ph in phases])
def test_silence_is_cued_while_the_client_tells_their_story_and_feelings(catalogue, protocol_id, phase_id):
    protocol = catalogue.protocol(protocol_id)
    phase = protocol.phase_by_id(phase_id)
    assert "silence" in [card.id for card in catalogue.techniques_for(protocol, phase.techniques)]


def test_silence_is_no_longer_only_in_the_crisis_and_ending_protocols(catalogue):
    cued_in = {
        protocol.id
        for protocol in catalogue.protocols.values()
        for phase in protocol.phases
        if "silence" in phase.techniques
    }
    assert {"intake", "follow-up", "crisis", "termination"} <= cued_in
