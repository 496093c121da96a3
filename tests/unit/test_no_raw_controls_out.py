"""No byte a terminal would obey (ESC, BEL, C1 ...) reaches stdout or stderr, from any command or export.

The store holds hostile text everywhere a practitioner's words can be (a note,
the other notes, a goal, a plan item, a client record) and a forged session
file whose client code holds an escape sequence; phase files and settings
that hold one are refused with a line. What stays in the session file is what
was typed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_tui.casework.clients import ClientBook
from interview_tui.cli.main import main
from interview_tui.export import TEXT_FORMATS as FORMATS, STYLES
from hostile import HOSTILE, forge_client_code, hostile_session, raw_controls


@pytest.fixture
def hostile_store(store, intake, locations):
    session = hostile_session(intake)
    store.save(session)
    forged = forge_client_code(store, session)
    book = ClientBook(store)
    record = book.ensure("CL-7")
    record.display_name = f"name {HOSTILE}"
    record.notes = f"notes {HOSTILE}"
    record.close_case(f"reason {HOSTILE}")
    book.save(record)
    return session, forged


def run(capsys, locations, *args: str) -> tuple[int, str]:
    try:
        code = main(["--data-dir", str(locations.data_dir), *args])
    except SystemExit as exc:  # argparse's own errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


CRLF_COMMANDS = ("report", "calendar")
COMMANDS = [
    ["sessions"],
    ["sessions", "--json"],
    ["sessions", "--client", "CL-7"],
    ["clients"],
    ["clients", "--json"],
    ["search", "EVIL"],
    ["search", "EVIL", "--json"],
    ["search", "clipboard"],
    ["search", "CODE"],
    ["resume", "\x1b]0;ARGUMENT\x07"],
    ["export", "\x1b]0;ARGUMENT\x07"],
    ["search", "\x1b]0;ARGUMENT\x07"],
    ["sessions", "--client", "\x1b]0;ARGUMENT\x07"],
    ["trash", "list"],
    ["audit", "list"],
    ["phases", "list"],
    ["report", "outcomes"],
    ["report", "outcomes", "--format", "json"],
    ["report", "outcomes", "--client", "\x1b]0;ARGUMENT\x07"],
    ["report", "outcomes", "--from", "\x1b]0;ARGUMENT\x07"],
    ["calendar", "-"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args).encode("unicode_escape").decode())
def test_no_command_prints_a_raw_control_character(capsys, hostile_store, locations, args):
    _code, printed = run(capsys, locations, *args)
    if args[0] in CRLF_COMMANDS:  # (their formats end lines in CR LF, as RFC 4180 and RFC 5545 require)
        printed = printed.replace("\r\n", "\n")
    assert raw_controls(printed) == []


def test_comparing_conflict_copies_prints_no_raw_control_character(capsys, hostile_store, locations, store):
    """A session's and a client record's conflict copy, set side by side: every note, goal and name shown, none
    obeyed (as are the copies' names in the list)."""
    session, _forged = hostile_store
    copy = store.path_for(session.id).with_name(f"{session.id}.sync-conflict-20261208-093000-ABCDEF7.json")
    copy.write_bytes(store.path_for(session.id).read_bytes())
    record = locations.sessions_dir / "clients" / "CL-7.json"
    record.with_name("CL-7 (conflicted copy 2026-12-08 093000).json").write_bytes(record.read_bytes())
    for args in (["conflicts"], ["conflicts", "show", copy.name],
                 ["conflicts", "show", "clients/CL-7 (conflicted copy 2026-12-08 093000).json"],
                 ["conflicts", "show", "\x1b]0;ARGUMENT\x07"]):
        code, printed = run(capsys, locations, *args)
        assert raw_controls(printed) == [], args
        assert code == (2 if "ARGUMENT" in args[-1] else 0), (args, printed)
        if args[1:2] == ["show"] and code == 0:  # the words are there, shown, not dropped
            assert ("notes " if "clients/" in args[-1] else "EVIL") in printed


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_export_holds_a_raw_control_character(capsys, hostile_store, locations, tmp_path, fmt, style):
    session, _forged = hostile_store
    code, printed = run(capsys, locations, "export", session.id, "--format", fmt, "--style", style)
    assert code == 0 and raw_controls(printed) == []
    assert "EVIL" in printed  # the note is there, shown, not dropped
    target = tmp_path / f"out.{fmt}"
    code, printed = run(capsys, locations, "export", session.id, "--format", fmt, "--style", style, "-o", str(target))
    assert code == 0 and raw_controls(printed) == []
    written = target.read_text(encoding="utf-8")
    assert raw_controls(written) == [] and "EVIL" in written


def test_a_text_export_shows_each_control_as_a_symbol(capsys, hostile_store, locations):
    session, _forged = hostile_store
    _code, printed = run(capsys, locations, "export", session.id, "--format", "text")
    assert "retitle \u241b]0;EVIL-TITLE\u2407 clipboard \u241b]52;c;" in printed
    assert "csi \\x9b31m del \u2421 nul \u2400" in printed


def test_a_json_export_reads_back_exactly_what_was_typed(capsys, hostile_store, locations, store):
    session, _forged = hostile_store
    _code, printed = run(capsys, locations, "export", session.id, "--format", "json")
    exported = json.loads(printed)
    saved = json.loads(store.path_for(session.id).read_text(encoding="utf-8"))
    assert exported == saved
    assert f"EVIL {HOSTILE}" in _strings(saved)  # the file keeps what was typed


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def test_a_phase_file_with_a_control_character_is_refused_with_its_line(capsys, locations, tmp_path):
    phases = tmp_path / "phases"
    phases.mkdir()
    source = (Path(__file__).parents[2] / "phases" / "intake.toml").read_text(encoding="utf-8")
    evil = source.replace('id = "intake"', 'id = "evil"', 1).replace(
        'title = "', 'title = "Evil \\u001b]0;X\\u0007 ', 1
    )
    bad = phases / "evil.toml"
    bad.write_text(evil, encoding="utf-8")
    line = next(n for n, text in enumerate(evil.splitlines(), 1) if text.startswith('title = "Evil'))
    code, printed = run(capsys, locations, "phases", "check", str(bad))
    assert code != 0
    assert f"evil.toml:{line}" in printed and "'title' holds the control character ESC (U+001B)" in printed
    code, printed = run(capsys, locations, "--phases-dir", str(phases), "phases", "list")
    assert raw_controls(printed) == [] and "evil.toml" in printed


def test_a_setting_with_a_control_character_is_refused_with_its_line(capsys, locations, monkeypatch):
    config = locations.config_dir
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text('practitioner_name = "Sam"\nagency = "A \\u001b]0;T\\u0007"\n', encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(config))
    _code, printed = run(capsys, locations, "config")
    assert raw_controls(printed) == []
    assert "settings.toml:2: agency" in printed and "control character ESC (U+001B)" in printed
