"""``interview-tui search``: one line per hit, JSON, and grep-like exit codes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from interview_tui.cli import search as cli_search
from interview_tui.cli.main import main
from interview_tui.search.query import search_notes
from interview_tui.core.session import Session

AT = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def two(store, intake):
    """Two clients' sessions; the newer one holds user text with brackets and an escape sequence."""
    phase = intake.phases[2]
    first = Session.start("C-1", intake, at=AT)
    first.set_note(phase.id, phase.prompts[0].id, "Talked about the allotment and the [supports] she has.")
    second = Session.start("C-2", intake, at=AT + timedelta(days=3))
    second.set_note(phase.id, phase.prompts[1].id, "Allotment again\x1b[2J, \u202eand more")
    store.save(first)
    store.save(second)
    return first, second


def run(capsys, locations, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(locations.data_dir), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plain_output_one_line_per_hit_newest_first(capsys, locations, intake, two):
    first, second = two
    code, out, err = run(capsys, locations, "ALLOTMENT")
    assert code == 0 and err == ""
    lines = out.splitlines()
    phase = intake.phases[2].title
    assert lines == [
        f"2026-11-26  C-2  {second.id}  {phase}: Allotment again [2J, and more",
        f"2026-11-23  C-1  {first.id}  {phase}: Talked about the allotment and the [supports] she has.",
    ]
    assert "\x1b" not in out and "\u202e" not in out  # nothing from a note can drive the terminal


def test_json_output(capsys, locations, intake, two):
    first, _ = two
    code, out, _ = run(capsys, locations, "supports", "--json")
    assert code == 0
    hits = json.loads(out)
    phase = intake.phases[2]
    assert hits == [
        {
            "session_id": first.id,
            "client": "C-1",
            "started_at": "2026-11-23T09:30:00+00:00",
            "protocol": "intake",
            "protocol_title": "First interview (intake)",
            "status": "in_progress",
            "where": "note",
            "phase_id": phase.id,
            "phase_title": phase.title,
            "prompt_id": phase.prompts[0].id,
            "prompt_text": phase.prompts[0].text,
            "snippet": "Talked about the allotment and the [supports] she has.",
            "match_start": 36,
            "match_end": 44,
            "path": str(locations.sessions_dir / f"{first.id}.json"),
        }
    ]
    assert hits[0]["snippet"][hits[0]["match_start"] : hits[0]["match_end"]] == "supports"


def test_client_filter(capsys, locations, two):
    code, out, _ = run(capsys, locations, "allotment", "--client", "C-1")
    assert code == 0 and len(out.splitlines()) == 1 and "  C-1  " in out


def test_no_match_exits_1_with_a_message(capsys, locations, two):
    code, out, err = run(capsys, locations, "nowhere to be found")
    assert (code, out) == (1, "")
    assert err.strip() == "interview-tui: no notes match"
    code, out, err = run(capsys, locations, "nowhere", "--json")
    assert code == 1 and json.loads(out) == []
    code, out, err = run(capsys, locations, "allotment", "--client", "C-77")
    assert (code, out) == (1, "") and err.strip() == "interview-tui: no sessions for client C-77"
    code, out, err = run(capsys, locations, "supports", "--client", "C-2")
    assert (code, out) == (1, "") and err.strip() == "interview-tui: no notes match in the sessions of C-2"


def test_an_empty_store_has_no_match(capsys, locations):
    code, out, err = run(capsys, locations, "anything")
    assert (code, out) == (1, "") and "no notes match" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("x", "--client", "not a code"), "bad client code 'not a code'"),
        (("x", "--client", "../etc"), "bad client code '../etc'"),
        (("   ",), "nothing to search for"),
        (("x", "--limit", "0"), "--limit must be at least 1"),
    ],
)
def test_a_bad_request_is_one_line_and_exit_2(capsys, locations, two, args, message):
    code, out, err = run(capsys, locations, *args)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err


def test_limit_says_when_more_match(capsys, locations, two):
    code, out, err = run(capsys, locations, "allotment", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1
    assert "more notes match" in err


def test_the_match_is_marked_in_colour_only_when_asked(store, two):
    hit = search_notes(store, "supports").hits[0]
    assert f"the [{cli_search.MATCH_ON}supports{cli_search.MATCH_OFF}] she" in cli_search._line(hit, colour=True)
    assert cli_search.MATCH_ON not in cli_search._line(hit, colour=False)
