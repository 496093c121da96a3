"""Issue 16, item 15: an intake that does not assume the client chose to come. How the client came is asked
early; for a client who was referred or required to come, prompts for what is and is not negotiable, their
own view of it and what they want from it appear (show_if), and stay hidden for a client who came of their
own choice."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from interview_tui.core.answers import Visibility
from interview_tui.core.session import Session

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
PHASE = "introduction-rapport"
MANDATED_ONLY = {"mandate-terms", "mandate-view", "wants-from-it"}


def _prompt(protocol, phase_id: str, prompt_id: str):
    return next(p for p in protocol.phase_by_id(phase_id).prompts if p.id == prompt_id)


def _shown(session: Session) -> set[str]:
    return {p.id for p in Visibility(session).prompts(PHASE)}


def test_how_the_client_came_is_a_choice_early_in_the_intake(catalogue):
    intake = catalogue.protocol("intake")
    came = _prompt(intake, PHASE, "how-came")
    assert came.type == "choice"
    assert [c.value for c in intake.options(came)] == ["own-choice", "referred", "mandated"]
    ids = [p.id for p in intake.phase_by_id(PHASE).prompts]
    assert ids.index("how-came") < min(ids.index(p) for p in MANDATED_ONLY)
    assert [p.id for p in intake.phases].index(PHASE) < [p.id for p in intake.phases].index("information-gathering")


def test_the_mandated_prompts_are_hidden_until_the_answer_and_for_a_client_who_chose_to_come(catalogue):
    session = Session.start("M-1", catalogue.protocol("intake"), at=T0)
    assert "how-came" in _shown(session)
    assert not MANDATED_ONLY & _shown(session)
    session.set_answer(PHASE, "how-came", "own-choice")
    assert not MANDATED_ONLY & _shown(session)


@pytest.mark.parametrize("how", ["mandated", "referred"])
def test_the_mandated_prompts_show_for_a_client_who_was_sent_or_required_to_come(catalogue, how):
    session = Session.start("M-2", catalogue.protocol("intake"), at=T0)
    session.set_answer(PHASE, "how-came", how)
    assert MANDATED_ONLY <= _shown(session)
    session.set_answer(PHASE, "how-came", "own-choice")
    assert not MANDATED_ONLY & _shown(session)


def test_the_mandated_prompts_say_what_is_negotiable_ask_the_clients_view_and_meet_reluctance(catalogue):
    intake = catalogue.protocol("intake")
    terms, view, wants = (_prompt(intake, PHASE, p) for p in ("mandate-terms", "mandate-view", "wants-from-it"))
    assert "required" in terms.text and "decide" in terms.text
    assert "you see" in view.text
    assert "argue" in (wants.hint or "") and "reluctance" in (wants.hint or "").lower()
    cues = intake.phase_by_id(PHASE).techniques
    assert "engage-reluctance" in cues
    card = catalogue.techniques["engage-reluctance"]
    assert "argue" in card.what


def test_why_now_fits_any_client_and_assumes_no_crisis(catalogue):
    why_now = _prompt(catalogue.protocol("intake"), "information-gathering", "why-now")
    assert "decide to come" not in why_now.text
    assert "now" in why_now.text
    assert "crisis" not in (why_now.hint or "")


def test_the_follow_up_prepares_for_what_a_mandate_asks(catalogue):
    follow_up = catalogue.protocol("follow-up")
    assert "court" in _prompt(follow_up, "preparation", "mandate-due").text
    assert any("reluctance" in line for line in follow_up.phase_by_id("check-in").guidance)
