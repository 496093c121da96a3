"""Issue 16, item 17: the interpreter, the duties to report and cultural humility each have a home in the
phases where they arise, as fields of the right kind."""

from __future__ import annotations

from datetime import datetime, timezone

from interview_tui.core.case_facts import facts_of
from interview_tui.core.session import Session
from interview_tui.core.answers import Visibility

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


def _prompt(protocol, phase_id: str, prompt_id: str):
    return next(p for p in protocol.phase_by_id(phase_id).prompts if p.id == prompt_id)


def _values(protocol, prompt) -> list[str]:
    return [c.value for c in protocol.options(prompt)]


def test_the_interpreter_and_their_confidentiality_are_recorded_in_the_introduction(catalogue):
    """(In the introduction, not the preparation: a first phase of typed prompts would lose the quick start of
    ``new CLIENT``, see phases/outline.py; the preparation keeps its note on arranging one.)"""
    intake = catalogue.protocol("intake")
    needed, language, kind, told = (
        _prompt(intake, "introduction-rapport", p)
        for p in ("interpreter-needed", "interpreter-language", "interpreter-kind", "interpreter-confidentiality")
    )
    assert (needed.type, language.type, kind.type, told.type) == ("yes_no", "short", "choice", "yes_no")
    assert _values(intake, kind) == ["trained-in-person", "trained-remote", "untrained", "family-or-friend"]
    assert language.show_if == kind.show_if == told.show_if == "interpreter-needed == true"
    assert "interpreter" in (_prompt(intake, "preparation", "practical-arrangements").hint or "")


def test_the_interpreter_fields_show_only_when_an_interpreter_takes_part(catalogue):
    session = Session.start("I-1", catalogue.protocol("intake"), at=T0)

    def shown(phase_id: str) -> set[str]:
        return {p.id for p in Visibility(session).prompts(phase_id)}

    later = {"interpreter-language", "interpreter-kind", "interpreter-confidentiality"}
    assert not later & shown("introduction-rapport")
    session.set_answer("introduction-rapport", "interpreter-needed", False)
    assert not later & shown("introduction-rapport")
    session.set_answer("introduction-rapport", "interpreter-needed", True)
    assert later <= shown("introduction-rapport")


def test_the_limits_of_confidentiality_are_named_in_the_introduction(catalogue):
    intake = catalogue.protocol("intake")
    limits = _prompt(intake, "introduction-rapport", "confidentiality-limits")
    assert limits.type == "multi"
    assert {"harm-to-self", "harm-to-others", "child-safeguarding", "adult-safeguarding", "legal-duty"} <= set(
        _values(intake, limits)
    )
    assert "safeguarding" in (limits.hint or "") and "law" in (limits.hint or "")


def test_a_safeguarding_duty_in_crisis_is_a_choice_that_flags_a_report_not_yet_made(catalogue):
    crisis = catalogue.protocol("crisis")
    duty = _prompt(crisis, "immediate-safety", "safeguarding-duty")
    report = _prompt(crisis, "immediate-safety", "safeguarding-report")
    assert duty.type == "choice" and report.type == "text"
    assert _values(crisis, duty) == ["none", "unsure", "reported", "to-report"]
    assert duty.flags == {"unsure": "safeguarding", "to-report": "safeguarding"}
    session = Session.start("S-1", crisis, at=T0)
    session.set_answer("immediate-safety", "safeguarding-duty", "to-report")
    [flag] = facts_of(session).flags
    assert (flag.name, flag.value, flag.label) == ("safeguarding", "to-report", "Yes: report still to make")
    session.set_answer("immediate-safety", "safeguarding-duty", "reported")
    assert facts_of(session).flags == ()


def test_cultural_humility_has_a_home_in_the_introduction_and_the_follow_up(catalogue):
    intake, follow_up = catalogue.protocol("intake"), catalogue.protocol("follow-up")
    assert _prompt(intake, "introduction-rapport", "working-well-together").type == "text"
    assert _prompt(follow_up, "check-in", "fit-check").type == "text"
    assert any("culture" in line for line in intake.phase_by_id("introduction-rapport").guidance)
    assert any("culture" in line for line in follow_up.phase_by_id("check-in").guidance)
