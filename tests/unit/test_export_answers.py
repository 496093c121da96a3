"""Structured capture in every export: alerts first, typed answers, instruments, goals and plan items."""

from __future__ import annotations

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from export_fixture import (
    AGENCY_CONTACT,
    CLIENT_WORDS_AWKWARD,
    GOAL_AWKWARD,
    HIDDEN,
    STARTED,
    STAYING,
    SUPPORTS,
    awkward_session,
)
from markdown_it import MarkdownIt

from interview_tui.export import render
from interview_tui.export.summary import NOTICES_TITLE, STYLES, Entry, build_summary

FORMATS = ("markdown", "text", "html")
CASES = [(fmt, style) for fmt in FORMATS for style in STYLES]
ALERT = "Item 3 answered above"
PLAIN_GOAL = "Find a safe, dry flat for the family"
ACTIONS = ["Call the landlord about the damp", "Write a support letter to the housing office", "Referral to the sleep clinic"]


def _entries(session, style: str) -> dict[str, Entry]:
    return {e.label: e for s in build_summary(session, style).sections for e in s.entries}


def _section_of(session, style: str, kind: str) -> set[str]:
    return {s.title for s in build_summary(session, style).sections for e in s.entries if e.kind == kind}


# ------------------------------------------------------------ alerts


@pytest.mark.parametrize(("fmt", "style"), CASES)
def test_alerts_come_right_after_the_header_in_every_format_and_style(fmt: str, style: str) -> None:
    out = render(awkward_session(), fmt, style)
    status = out.index("Status")
    heading = out.index(NOTICES_TITLE.upper() if fmt == "text" else NOTICES_TITLE)
    alert = out.index(ALERT)
    first_entry = out.index("What brings you here")  # the first thing written, first in every style
    assert status < heading < alert < first_entry
    marked = out[heading:alert]
    assert "⚠" in marked and "alert" in marked.lower()


def test_the_alert_says_which_instrument_item_and_answer_raised_it() -> None:
    (notice,) = build_summary(awkward_session(), "soap").notices
    assert notice.label == "Alert"
    assert notice.text.startswith(ALERT)
    assert notice.detail == (
        "Mood-3 <screen>, item 3 “Thoughts of being better off dead or of hurting yourself”: "
        "answered “Several days” (Mood screen)."
    )


def test_an_alert_shows_even_when_its_phase_is_hidden_and_none_without_one() -> None:
    session = awkward_session()
    session.protocol.phase("mood").show_if = 'check-in.risk == "high"'
    summary = build_summary(session, "narrative")
    assert "Mood screen" not in [s.title for s in summary.sections]
    assert [n.text[: len(ALERT)] for n in summary.notices] == [ALERT]
    session.set_instrument_answer("mood", "q3", 0)
    assert build_summary(session, "narrative").notices == ()
    for fmt in FORMATS:
        out = render(session, fmt, "narrative")
        assert NOTICES_TITLE not in out and NOTICES_TITLE.upper() not in out


# ------------------------------------------------------------ goals and plan items


@pytest.mark.parametrize(("fmt", "style"), CASES)
def test_goals_and_plan_items_are_in_every_format_and_style(fmt: str, style: str) -> None:
    out = render(awkward_session(), fmt, style)
    for text in (PLAIN_GOAL, *ACTIONS, "Partly achieved", "In progress", "Not started", "2026-09-30", "Practitioner"):
        assert text in out, text
    assert "I just want the kids to breathe properly" in out
    assert "Other agency: Northside Sleep Clinic" in out


def test_goals_and_plan_items_go_to_the_plan_section_goals_to_girp_goal() -> None:
    session = awkward_session()
    assert _section_of(session, "narrative", "goal") == {"Goals"}
    assert _section_of(session, "narrative", "plan_item") == {"Plan"}
    for style in ("soap", "dap", "birp"):
        assert _section_of(session, style, "goal") == {"Plan"}
        assert _section_of(session, style, "plan_item") == {"Plan"}
    assert _section_of(session, "girp", "goal") == {"Goal"}
    assert _section_of(session, "girp", "plan_item") == {"Plan"}


def test_goal_and_plan_item_parts_in_display_form() -> None:
    entries = _entries(awkward_session(), "narrative")
    goal = {f.label: f.value for f in entries[GOAL_AWKWARD].fields}
    assert goal == {
        "Measure": "# nights slept through, counted in a diary",
        "Why it matters": "قالت: «أريد أن أنام»",
        "In the client's words": f"“{CLIENT_WORDS_AWKWARD}”",
        "Status": "Partly achieved",
    }  # no "By when": an empty part is left out
    referral = {f.label: f.value for f in entries["Referral to the sleep clinic"].fields}
    assert referral == {
        "Who": f"Other agency: {AGENCY_CONTACT}",
        "Serves the goal": GOAL_AWKWARD,
        "Status": "In progress",
    }
    assert {f.label: f.value for f in entries[ACTIONS[0]].fields}["Who"] == "Client"
    assert {f.label: f.value for f in entries[ACTIONS[1]].fields}["Due"] == "2026-03-28"


def test_a_plan_item_whose_goal_was_removed_serves_none() -> None:
    session = awkward_session(finished=False)
    session.remove_goal("goal-2")
    referral = _entries(session, "narrative")["Referral to the sleep clinic"]
    assert "Serves the goal" not in [f.label for f in referral.fields]


def test_no_goals_and_no_plan_items_no_sections_for_them() -> None:
    session = awkward_session(finished=False)
    session.plan_items.clear()
    session.goals.clear()
    titles = [s.title for s in build_summary(session, "narrative").sections]
    assert "Goals" not in titles and "Plan" not in titles
    girp = {s.title: s for s in build_summary(session, "girp").sections}
    assert [e.kind for e in girp["Plan"].entries] == ["answer", "note"]  # only what the phase files map to it
    assert [e.kind for e in girp["Goal"].entries if e.kind not in ("note", "answer")] == []


# ------------------------------------------------------------ amendments


def test_amended_answer_and_plan_item_are_marked_in_every_format() -> None:
    session = awkward_session()
    entries = _entries(session, "narrative")
    later = STARTED + timedelta(hours=2)
    assert entries["How much is this weighing on you today?"].amended_at == later
    assert entries["Referral to the sleep clinic"].amended_at == later
    assert entries[ACTIONS[0]].amended_at is None and entries[PLAIN_GOAL].amended_at is None
    for fmt in FORMATS:
        out = render(session, fmt, "narrative")
        assert out.count("Amended after the session was finished, last on 2026-03-14 11:05.") == 3, fmt


def test_a_goal_added_after_finishing_says_so_and_instrument_changes_are_marked() -> None:
    session = awkward_session()
    session.add_goal(what="Walk to school together", at=STARTED + timedelta(hours=3))
    session.set_instrument_answer("worry", "w2", 0, at=STARTED + timedelta(hours=3))
    entries = _entries(session, "soap")
    added = entries["Walk to school together"]
    assert added.amendment_line == "Added after the session was finished, last changed on 2026-03-14 12:05."
    assert entries["Worry-2"].amended_at == STARTED + timedelta(hours=3)
    assert "Added after the session was finished" in render(session, "html", "girp")


# ------------------------------------------------------------ typed answers


def test_typed_answers_in_display_form_where_their_prompts_are() -> None:
    check_in = next(s for s in build_summary(awkward_session(), "narrative").sections if s.title == "Check-in")
    shown = {e.label: (e.text, e.items) for e in check_in.entries}
    assert shown == {
        "Where are you staying?": (STAYING, ()),
        "Risk of harm, as you judge it now": ("Low", ()),
        "What is worrying you most?": ("", ("Money & <debts>", "*Health*")),  # the choice list's order
        "How much is this weighing on you today?": ("6 (0-10; 0 = Not at all, 10 = As bad as it gets)", ()),
        "Next contact": ("2026-03-21", ()),
        "Agreed to share this record with the GP?": ("Yes", ()),
        "Registered with a GP?": ("No", ()),  # "No" is an answer, not an empty one
        "Who can you count on?": ("", tuple(SUPPORTS)),
    }
    assert all(e.kind == "answer" for e in check_in.entries)


def test_typed_answers_follow_their_prompts_sections_in_note_styles() -> None:
    sections = build_summary(awkward_session(), "soap").sections
    soap = {s.title: [e.label for e in s.entries if e.kind == "answer"] for s in sections}
    assert "Risk of harm, as you judge it now" in soap["Assessment"]  # the prompt's own mapping
    assert "Next contact" in soap["Plan"]
    assert "Where are you staying?" in soap["Subjective"]  # the phase's mapping


def test_a_scale_without_end_labels_shows_its_range_only() -> None:
    session = awkward_session()
    prompt = session.prompt_copy("check-in", "distress")
    prompt.min_label = prompt.max_label = None
    assert _entries(session, "narrative")["How much is this weighing on you today?"].text == "6 (0-10)"


@pytest.mark.parametrize(("fmt", "style"), CASES)
def test_hidden_prompts_and_phases_are_left_out_but_kept_in_the_json(fmt: str, style: str) -> None:
    session = awkward_session()
    out = render(session, fmt, style)
    assert HIDDEN not in out and "HIDDEN-" not in out and "UNTOUCHED-OPTIONAL" not in out
    assert "INSTRUCTIONS-MUST-NOT-BE-EXPORTED" not in out
    assert render(session, "json").count(HIDDEN) == 3


def test_hidden_answers_appear_once_their_show_if_holds() -> None:
    """The test above can fail: the same answers are exported when the risk makes them shown."""
    session = awkward_session(finished=False)
    session.set_answer("check-in", "risk", "high")
    out = render(session, "text", "narrative")
    assert out.count(HIDDEN) == 3


def test_an_optional_phase_is_exported_once_something_is_written_in_it() -> None:
    session = awkward_session(finished=False)
    titles = [s.title for s in build_summary(session, "narrative").sections]
    assert "Worry screen" in titles and not any("UNTOUCHED" in t for t in titles)
    session.edit_note("extra-screen", "never", "written after all")
    assert "written after all" in render(session, "markdown", "soap")


# ------------------------------------------------------------ instruments


def test_instrument_items_total_band_alert_and_source() -> None:
    mood = _entries(awkward_session(), "narrative")["Mood-3 <screen>"]
    assert mood.kind == "instrument" and mood.numbered
    assert mood.items == (
        "Little interest in doing things: Several days (1 point)",
        "Feeling down or hopeless: More than half the days (2 points)",
        "Thoughts of being better off dead or of hurting yourself: Several days (1 point)",
    )
    fields = {f.label: f.value for f in mood.fields}
    assert fields["Total"] == "4 / 9"
    assert fields["Band"] == "Mild"
    assert fields["Alert"].startswith("⚠ " + ALERT)
    assert fields["Source"].startswith("Made up for the export tests")


def test_an_unfinished_instrument_has_no_band_and_says_why_in_every_format() -> None:
    session = awkward_session(finished=False)
    worry = _entries(session, "narrative")["Worry-2"]
    assert [(f.label, f.value) for f in worry.fields] == [("Total", "1 / 2 (incomplete: 1 of 2 answered, no band)")]
    assert worry.items[1] == "Hard to stop worrying: not answered"
    for fmt, style in CASES:
        assert "incomplete: 1 of 2 answered, no band" in render(session, fmt, style)
    session.set_instrument_answer("worry", "w2", 1)
    worry = _entries(session, "narrative")["Worry-2"]
    assert [(f.label, f.value) for f in worry.fields] == [("Total", "2 / 2"), ("Band", "High")]


def test_instrument_follows_its_phase_mapping() -> None:
    assert _section_of(awkward_session(), "soap", "instrument") == {"Objective"}
    assert _section_of(awkward_session(), "girp", "instrument") == {"Response"}


# ------------------------------------------------------------ escaping


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)  # (markdown-it writes a line break after each <br />, the HTML export none)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collect:
    page = _Collect()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize("style", STYLES)
def test_goal_text_is_escaped_in_markdown(style: str) -> None:
    markdown = render(awkward_session(), "markdown", style)
    page = _parse(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))
    assert not {"script", "i", "a", "code", "h3"} & set(page.tags)  # (em: only the "Amended..." lines)
    assert page.tags.count("h1") == 1  # the title; no "#" of a goal or list entry became a heading
    text = "".join(page.text)
    assert GOAL_AWKWARD in text
    assert "“# I want *one* night of [real] sleep\n# then أريد أن أنام, <i>really</i>”" in text
    assert "# nights slept through" in text
    assert AGENCY_CONTACT in text
    for entry in SUPPORTS:
        assert entry in text


@pytest.mark.parametrize("style", STYLES)
def test_goal_text_is_escaped_in_html(style: str) -> None:
    html = render(awkward_session(), "html", style)
    page = _parse(html)
    assert "script" not in page.tags and "i" not in page.tags
    text = "".join(page.text)
    assert GOAL_AWKWARD in text and CLIENT_WORDS_AWKWARD in text and AGENCY_CONTACT in text
    assert "&lt;script&gt;alert(&#x27;goal&#x27;)&lt;/script&gt; *sleep* through" in html


def test_json_export_keeps_every_kind_of_data() -> None:
    data = json.loads(render(awkward_session(), "json"))
    assert [g["id"] for g in data["goals"]] == ["goal-1", "goal-2"]
    assert [p["who"] for p in data["plan_items"]] == ["client", "practitioner", "other_agency"]
    assert data["phases"]["mood"]["instrument_score"]["band"] == "Mild"
    assert {a["kind"] for a in data["amendments"]} == {"note", "answer", "plan_item"}
