"""Scored instruments: the shipped PHQ-9 and GAD-7 score to the right band at every edge, and item 9 raises its alert."""

from __future__ import annotations

import pytest

from interview_tui.core.instruments import Instrument, score


def instrument(catalogue, protocol_id: str, phase_id: str) -> Instrument:
    phase = catalogue.protocol(protocol_id).phase_by_id(phase_id)
    assert phase is not None and phase.optional and phase.instrument is not None
    return phase.instrument


def answers_totalling(inst: Instrument, total: int, spare: str | None = None) -> dict[str, int]:
    """Points per item adding up to ``total``, filled from the first item on (``spare`` item kept at 0)."""
    out = {}
    left = total
    for item in inst.items:
        points = 0 if item.id == spare else min(3, left)
        out[item.id] = points
        left -= points
    assert left == 0
    return out


PHQ9_EDGES = [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
              (15, "Moderately severe"), (19, "Moderately severe"), (20, "Severe"), (24, "Severe")]
GAD7_EDGES = [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"),
              (15, "Severe"), (21, "Severe")]


@pytest.mark.parametrize("protocol_id", ["intake", "follow-up"])
@pytest.mark.parametrize(("total", "band"), PHQ9_EDGES)
def test_phq9_band_at_every_edge(catalogue, protocol_id, total, band):
    inst = instrument(catalogue, protocol_id, "phq-9")
    result = score(inst, answers_totalling(inst, total, spare="q9"))
    assert (result.total, result.band, result.complete) == (total, band, True)
    assert result.alerts == ()


def test_phq9_highest_total_is_severe(catalogue):
    inst = instrument(catalogue, "intake", "phq-9")
    result = score(inst, {i.id: 3 for i in inst.items})
    assert (result.total, result.band) == (27, "Severe")


@pytest.mark.parametrize("protocol_id", ["intake", "follow-up"])
@pytest.mark.parametrize(("total", "band"), GAD7_EDGES)
def test_gad7_band_at_every_edge(catalogue, protocol_id, total, band):
    inst = instrument(catalogue, protocol_id, "gad-7")
    result = score(inst, answers_totalling(inst, total))
    assert (result.total, result.band, result.complete) == (total, band, True)


@pytest.mark.parametrize("points", [1, 2, 3])
def test_phq9_item_9_above_0_raises_the_safety_alert(catalogue, points):
    inst = instrument(catalogue, "intake", "phq-9")
    result = score(inst, {"q9": points})  # raised as soon as item 9 is answered, before the rest
    [alert] = result.alerts
    assert (alert.item_id, alert.points) == ("q9", points)
    assert alert.message == (
        "Item 9 (thoughts of being better off dead or of self-harm) answered above 'Not at all': "
        "check safety now and follow your agency's safety protocol."
    )
    assert alert.item_text == "Thoughts that you would be better off dead or of hurting yourself in some way"


def test_phq9_item_9_at_0_raises_nothing(catalogue):
    inst = instrument(catalogue, "intake", "phq-9")
    assert score(inst, {i.id: 3 if i.id != "q9" else 0 for i in inst.items}).alerts == ()


def test_an_unfinished_instrument_has_a_running_total_and_no_band(catalogue):
    inst = instrument(catalogue, "intake", "gad-7")
    result = score(inst, {"q1": 3, "q2": 2, "nonsense": 3})
    assert (result.total, result.answered, result.of, result.band, result.complete) == (5, 2, 7, None, False)


def test_instruments_carry_their_attribution(catalogue):
    for phase_id in ("phq-9", "gad-7"):
        inst = instrument(catalogue, "intake", phase_id)
        assert "No permission required" in inst.source and inst.instructions
        assert [o.points for o in inst.options] == [0, 1, 2, 3]


def test_no_cssrs_wording_is_shipped(catalogue):
    from interview_tui.store.paths import builtin_phases_dir

    for path in builtin_phases_dir().glob("*.toml"):
        text = path.read_text(encoding="utf-8").lower()
        assert "c-ssrs" not in text and "columbia" not in text or "ships no" in text, path
    crisis = catalogue.protocol("crisis")
    assert all(ph.instrument is None for ph in crisis.phases)
    assert any("agency's safety protocol" in p.text for ph in crisis.phases for p in ph.prompts)
