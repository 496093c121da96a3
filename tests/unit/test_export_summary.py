"""What an export says: header, sections per style from the phase files' mapping, only what was written."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from export_fixture import AWKWARD, HIDDEN, OBSERVED, STARTED, awkward_session, export_protocol

from interview_tui.export import TEXT_FORMATS as FORMATS, UnknownFormat, export_filename, render
from interview_tui.export.summary import (
    NOTHING_RECORDED,
    OTHER_NOTES,
    STYLES,
    UnknownStyle,
    build_summary,
    format_duration,
)
from interview_tui.core.session import Session


def _header(summary) -> dict[str, str]:
    return {f.label: f.value for f in summary.header}


def test_header_fields() -> None:
    header = _header(build_summary(awkward_session(), "narrative", practitioner="  Sam O'Neil "))
    assert header == {
        "Client": "C-0142_x",
        "Protocol": "Export test <protocol> & [friends]",
        "Date": "2026-03-14",
        "Start": "09:05",
        "End": "09:55",
        "Duration": "40 min",
        "Practitioner": "Sam O'Neil",
        "Status": "finished; amended after finishing, last on 2026-03-14 11:05",
    }


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_no_practitioner_or_agency_line_without_a_name(blank) -> None:
    header = _header(build_summary(awkward_session(), "soap", blank, blank))
    assert "Practitioner" not in header and "Agency" not in header


def test_agency_follows_the_practitioner_in_every_format() -> None:
    header = _header(build_summary(awkward_session(), "soap", "Sam Rivera, social worker", " Northside <Family> "))
    assert list(header)[-3:] == ["Practitioner", "Agency", "Status"]
    assert header["Agency"] == "Northside <Family>"
    for fmt in ("markdown", "text", "html"):
        assert "Agency" in render(awkward_session(), fmt, "dap", agency="Northside")


def test_unfinished_session_says_so_and_an_end_on_another_day_shows_its_date() -> None:
    header = _header(build_summary(awkward_session(finished=False)))
    assert header["End"] == "not finished"
    assert header["Status"] == "in progress (not finished)"
    late = awkward_session(finished=False)
    late.finish(at=STARTED + timedelta(hours=15))
    assert _header(build_summary(late))["End"] == "2026-03-15 00:05"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "under 1 min"), (29.9, "under 1 min"), (30, "1 min"), (89, "1 min"), (3569, "59 min"), (3570, "1 h 00 min"),
     (3600 * 2 + 65, "2 h 01 min")],
)
def test_duration(seconds, shown) -> None:
    assert format_duration(seconds) == shown


def test_narrative_is_phase_by_phase_without_empty_prompts() -> None:
    summary = build_summary(awkward_session(), "narrative")
    assert [s.title for s in summary.sections] == [
        "Opening *and* welcome", "# Long talk", "Check-in", "Mood screen", "Worry screen", "Unmapped phase",
        "Goal setting", "Closing", "Goals", "Plan",
    ]
    opening = summary.sections[0]
    assert [e.label for e in opening.entries] == [
        "What brings you here? Ask about [supports].",
        "What did you observe?",
        OTHER_NOTES,
    ]
    assert opening.entries[0].text == AWKWARD
    assert all(e.context == "" for s in summary.sections for e in s.entries)


def test_a_phase_with_nothing_written_is_left_out_of_the_narrative() -> None:
    session = awkward_session()
    session.edit_note("unmapped", "aside", "   ")
    titles = [s.title for s in build_summary(session, "narrative").sections]
    assert "Unmapped phase" not in titles


def test_a_session_with_no_notes_says_so_in_every_format() -> None:
    session = Session.start("C-1", export_protocol(), at=STARTED)
    assert build_summary(session, "narrative").sections == ()
    for fmt in ("markdown", "text", "html"):
        assert "No notes were written in this session." in render(session, fmt, "narrative")


def test_soap_sections_follow_the_phase_mapping_and_prompt_overrides() -> None:
    summary = build_summary(awkward_session(), "soap")
    sections = {s.title: s for s in summary.sections}
    assert list(sections) == ["Subjective", "Objective", "Assessment", "Plan", "Not assigned to a SOAP section"]
    assert [(e.context, e.label) for e in sections["Subjective"].entries if e.kind == "note"] == [
        ("Opening *and* welcome", "What brings you here? Ask about [supports]."),
        ("Opening *and* welcome", OTHER_NOTES),
    ]
    # "observed" overrides its phase's soap = "subjective" with "objective".
    assert [e.text for e in sections["Objective"].entries if e.kind == "note"] == [OBSERVED]
    assert [e.label for e in sections["Assessment"].entries if e.kind == "note"] == [
        "The long account", "In the client's words", "How the client found the screen",
    ]
    assert [e.label for e in sections["Plan"].entries if e.kind == "note"] == [
        "What matters most to you now?", "Next steps",
    ]
    assert [e.context for e in sections["Not assigned to a SOAP section"].entries] == ["Unmapped phase"]


def test_girp_override_to_response_and_empty_sections_say_so() -> None:
    summary = build_summary(awkward_session(), "girp")
    sections = {s.title: s for s in summary.sections}
    assert list(sections)[:4] == ["Goal", "Intervention", "Response", "Plan"]
    assert sections["Intervention"].entries == ()
    assert sections["Intervention"].empty_message == NOTHING_RECORDED
    assert sections["Response"].entries[0].text == OBSERVED
    assert [e.kind for e in sections["Goal"].entries if e.kind != "note"] == ["answer", "goal", "goal"]
    for fmt in ("markdown", "text", "html"):
        assert NOTHING_RECORDED in render(awkward_session(), fmt, "girp")


def test_every_note_appears_exactly_once_in_every_style() -> None:
    """Every note of a shown prompt, that is: the notes of hidden prompts and phases stay in the file only."""
    session = awkward_session()
    written = sorted(
        text for record in session.phases.values() for text in [*record.notes.values(), record.other_notes]
        if text.strip() and text != HIDDEN
    )
    for style in STYLES:
        exported = sorted(e.text for s in build_summary(session, style).sections for e in s.entries if e.kind == "note")
        assert exported == written, style


def test_cues_hints_guidance_and_empty_prompts_are_never_exported() -> None:
    session = awkward_session()
    for fmt in FORMATS:
        if fmt == "json":
            continue
        for style in STYLES:
            assert "MUST-NOT-BE-EXPORTED" not in render(session, fmt, style), (fmt, style)


def test_amended_note_shows_final_text_and_when_it_was_amended() -> None:
    summary = build_summary(awkward_session(), "narrative")
    closing = next(s for s in summary.sections if s.title == "Closing").entries[0]
    assert closing.text.startswith("Meet again on 28 March.")
    assert closing.amended_at == STARTED + timedelta(hours=2)
    assert summary.sections[0].entries[0].amended_at is None
    assert "Amended after the session was finished, last on 2026-03-14 11:05." in render(
        awkward_session(), "markdown", "narrative"
    )


def test_export_uses_the_mapping_saved_with_the_session_not_the_phase_file(store) -> None:
    """An agency edits its phase file after the session: the old session still exports as it did."""
    session = awkward_session()
    before = render(session, "text", "soap")
    store.save(session)
    loaded = store.load(session.id)
    assert render(loaded, "text", "soap") == before
    assert loaded.protocol.phases[0].prompts[1].sections["soap"] == "objective"


def test_session_files_saved_before_sections_were_kept_still_load() -> None:
    data = json.loads(awkward_session().to_json())
    for phase in data["protocol"]["phases"]:
        phase.pop("sections")
        for prompt in phase["prompts"]:
            prompt.pop("sections")
    data.pop("amendments")
    old = Session.model_validate(data)
    soap = build_summary(old, "soap")
    assert [s.entries for s in soap.sections[:3]] == [(), (), ()]
    assert {e.kind for e in soap.sections[3].entries} == {"goal", "plan_item"}  # goals and plans go to "plan"
    assert soap.sections[4].title == "Not assigned to a SOAP section"  # nothing written is lost


def test_unknown_style_and_format_name_the_known_ones() -> None:
    with pytest.raises(UnknownStyle, match="unknown note style 'pirp' \\(known: narrative, soap, dap, birp, girp\\)"):
        render(awkward_session(), "markdown", "pirp")
    with pytest.raises(UnknownStyle):
        render(awkward_session(), "json", "pirp")
    with pytest.raises(UnknownFormat, match="unknown export format 'pdf' \\(known: markdown, text, html, json, docx\\)"):
        render(awkward_session(), "pdf")


def test_style_and_format_names_ignore_case() -> None:
    assert render(awkward_session(), "HTML", "SOAP") == render(awkward_session(), "html", "soap")


def test_file_names_carry_the_code_and_session_but_no_client_text() -> None:
    session = awkward_session()
    assert export_filename(session, "markdown", "soap") == "C-0142_x_20260314-090500-a1b2_soap.md"
    assert export_filename(session, "text") == "C-0142_x_20260314-090500-a1b2_narrative.txt"
    assert export_filename(session, "json", "girp") == "C-0142_x_20260314-090500-a1b2.json"


def test_every_intake_note_lands_in_a_section_of_every_style(intake) -> None:
    session = Session.start("C-1", intake, at=STARTED)
    for phase in session.protocol.phases:
        for prompt in phase.prompts:
            session.edit_note(phase.id, prompt.id, f"note for {prompt.id}")
        session.edit_note(phase.id, None, f"other notes for {phase.id}")
    for style in STYLES[1:]:
        titles = [s.title for s in build_summary(session, style).sections]
        assert not any(t.startswith("Not assigned") for t in titles), style
