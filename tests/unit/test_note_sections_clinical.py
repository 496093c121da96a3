"""Issue 16, item 13: in the note styles, the practitioner's preparation is never the client's account, and
the risk judgement sits where a clinical reader looks for it.

Built on the built-in protocols (not a fixture), so a change to a phase file's ``sections`` that puts the
preparation back into Subjective / Data / Behavior / Goal, or the risk into Response, fails here.

- Preparation (records read, the purpose, the room and interpreter): a part of its own after the note's
  sections, titled as the practitioner's preparation.
- Risk known before the meeting, the risk rating and what it rests on: Assessment in SOAP and DAP; Behavior
  (the client's presentation) in BIRP; Intervention (the risk assessment the practitioner carried out) in
  GIRP. Never Response, which is the client's response to the work.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from interview_tui.core.session import Session
from interview_tui.export import render
from interview_tui.export.summary import PREPARATION_TITLE, build_summary
from interview_tui.phases.files import load_catalogue
from interview_tui.store.paths import builtin_phases_dir

AT = datetime(2026, 3, 14, 9, 5, tzinfo=timezone.utc)
CLIENT_SECTIONS = {"soap": ("Subjective", "Objective"), "dap": ("Data",), "birp": ("Behavior",), "girp": ("Goal",)}
RISK_SECTION = {"soap": "Assessment", "dap": "Assessment", "birp": "Behavior", "girp": "Intervention"}
STYLES = tuple(CLIENT_SECTIONS)

PREPARATION = {
    "intake": ("record-review", "interview-purpose", "practical-arrangements"),
    "follow-up": ("last-session", "goals-and-scores", "steps-due", "new-information"),
    "termination": ("goals-history", "reason-for-ending", "own-view", "possible-next-support"),
}
RISK = {  # protocol -> (phase, choice prompt, a note on what the rating rests on, if the phase has one)
    "intake": ("assessment", "risk-level", ("preparation", "known-risks")),
    "follow-up": ("new-concerns", "risk-level", None),  # its safety follow-up is what was done: Intervention
    "termination": ("remaining-concerns", "risk-level", ("remaining-concerns", "ending-readiness")),
    "crisis": ("severity", "risk-level", ("severity", "risk-reasons")),
}


def protocol(protocol_id: str):
    found = load_catalogue([builtin_phases_dir()]).protocol(protocol_id)
    assert found is not None
    return found


def filled(protocol_id: str) -> Session:
    session = Session.start("C-0142", protocol(protocol_id), at=AT)
    for prompt_id in PREPARATION.get(protocol_id, ()):
        session.edit_note("preparation", prompt_id, f"PREP-{prompt_id}")
    if protocol_id in PREPARATION:
        session.edit_note("preparation", None, "PREP-other-notes")
    phase_id, choice, note = RISK[protocol_id]
    session.set_answer(phase_id, choice, "medium")
    if note is not None:
        session.edit_note(note[0], note[1], f"RISK-{note[1]}")
    return session


def texts(section) -> list[str]:
    return [entry.text for entry in section.entries]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("protocol_id", sorted(PREPARATION))
def test_preparation_is_shown_apart_and_never_as_the_clients_account(protocol_id: str, style: str) -> None:
    summary = build_summary(filled(protocol_id), style)
    by_title = {section.title: section for section in summary.sections}
    expected = [f"PREP-{p}" for p in PREPARATION[protocol_id]] + ["PREP-other-notes"]
    assert texts(by_title[PREPARATION_TITLE]) == expected
    assert list(by_title).index(PREPARATION_TITLE) == len(by_title) - 1, "preparation comes after the note"
    for title, section in by_title.items():
        if title != PREPARATION_TITLE:
            assert not [t for t in texts(section) if t.startswith("PREP-")], (title, texts(section))
    for title in CLIENT_SECTIONS[style]:
        assert title in by_title


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("protocol_id", sorted(RISK))
def test_risk_judgement_is_where_a_clinical_reader_looks(protocol_id: str, style: str) -> None:
    summary = build_summary(filled(protocol_id), style)
    holding = {section.title for section in summary.sections for entry in section.entries if entry.text == "Medium"}
    assert holding == {RISK_SECTION[style]}
    note = RISK[protocol_id][2]
    if note is not None:
        holding = {s.title for s in summary.sections for e in s.entries if e.text == f"RISK-{note[1]}"}
        assert holding == {RISK_SECTION[style]}


def test_no_built_in_risk_prompt_feeds_response_or_goal() -> None:
    """Every choice prompt rating risk, in every built-in protocol and style."""
    catalogue = load_catalogue([builtin_phases_dir()])
    checked = 0
    for proto in catalogue.protocols.values():
        for phase in proto.phases:
            for prompt in phase.prompts:
                if prompt.choices != "risk_level":
                    continue
                mapping = {**phase.sections, **prompt.sections}
                assert mapping.get("birp") == "behavior" and mapping.get("girp") == "intervention", prompt.id
                assert mapping.get("soap") == mapping.get("dap") == "assessment", prompt.id
                checked += 1
    assert checked >= 7


def test_the_rendered_note_names_the_preparation_part() -> None:
    text = render(filled("intake"), "markdown", "soap")
    assert text.index("Subjective") < text.index("Preparation (the practitioner's") < text.index("PREP-record-review")
