"""Phase files: the built-in ones are valid; every kind of bad file is reported with file, place and problem."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interview_tui.store.paths import builtin_phases_dir
from interview_tui.phases.files import check_files, load_catalogue

GOOD = """\
[protocol]
id = "mine"
title = "My agency's intake"

[[phase]]
id = "welcome"
title = "Welcome"
purpose = "Greet and explain."
techniques = ["paraphrase"]

[[phase.prompt]]
id = "greeting"
text = "Ask about [supports]"

[[phase.checklist]]
id = "confidentiality"
text = "Explained confidentiality and its limits"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_builtin_phase_files_are_valid():
    errors = check_files([builtin_phases_dir()], shared_folders=[builtin_phases_dir()])
    assert errors == []


def test_builtin_intake_covers_every_step_of_an_interview(intake):
    ids = [p.id for p in intake.phases]
    for step in ("preparation", "introduction", "information", "assessment", "goal", "plan", "closure", "follow-up"):
        assert any(step in phase_id for phase_id in ids), f"no phase for {step}: {ids}"
    for phase in intake.phases:
        assert phase.prompts, phase.id
        assert phase.purpose and phase.guidance, phase.id
        assert phase.techniques, phase.id


def test_user_file_adds_a_protocol_and_brackets_survive(tmp_path):
    user = tmp_path / "user"
    write(user, "mine.toml", GOOD)
    cat = load_catalogue([builtin_phases_dir(), user])
    assert cat.errors == []
    assert cat.protocol("mine").phases[0].prompts[0].text == "Ask about [supports]"
    assert "intake" in cat.protocols


def test_user_file_overrides_builtin_protocol_by_id(tmp_path):
    user = tmp_path / "user"
    write(user, "intake.toml", GOOD.replace('id = "mine"', 'id = "intake"'))
    cat = load_catalogue([builtin_phases_dir(), user])
    assert cat.protocol("intake").title == "My agency's intake"


def errors_for(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path / "bad", "bad.toml", text)
    cat = load_catalogue([builtin_phases_dir(), path.parent])
    # The app still starts with the valid protocols.
    assert "intake" in cat.protocols
    assert "mine" not in cat.protocols
    return [str(e) for e in cat.errors]


def test_toml_syntax_error_names_file_line_and_problem(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('title = "Welcome"', 'title = "Welcome'))
    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'bad' / 'bad.toml'}:7: TOML syntax error")


def test_missing_field_names_phase_and_field(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('purpose = "Greet and explain."\n', ""))
    assert errors == [f"{tmp_path / 'bad' / 'bad.toml'}:5 (phase 'welcome'): 'purpose' is missing"]


def test_missing_prompt_text(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('text = "Ask about [supports]"\n', ""))
    assert errors == [f"{tmp_path / 'bad' / 'bad.toml'}:11 (phase 'welcome', prompt 'greeting'): 'text' is missing"]


def test_duplicate_prompt_id(tmp_path):
    extra = '\n[[phase.prompt]]\nid = "greeting"\ntext = "Again"\n'
    errors = errors_for(tmp_path, GOOD.replace("[[phase.checklist]]", extra + "\n[[phase.checklist]]"))
    assert errors == [f"{tmp_path / 'bad' / 'bad.toml'}:5 (phase 'welcome'): duplicate prompt id 'greeting'"]


def test_duplicate_phase_id_names_the_line_of_the_second(tmp_path):
    errors = errors_for(tmp_path, GOOD + '\n[[phase]]\nid = "welcome"\ntitle = "Again"\npurpose = "x"\n')
    assert errors == [f"{tmp_path / 'bad' / 'bad.toml'}:20 (phase 2): duplicate phase id 'welcome' (phase 1 has it too)"]


def test_wrong_type(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('techniques = ["paraphrase"]', 'techniques = "paraphrase"'))
    assert errors == [f"{tmp_path / 'bad' / 'bad.toml'}:9 (phase 'welcome'): 'techniques': Input should be a valid list"]


def test_unknown_key_is_reported_not_ignored(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('text = "Ask about [supports]"', 'txt = "Ask about [supports]"'))
    assert f"{tmp_path / 'bad' / 'bad.toml'}:13 (phase 'welcome', prompt 'greeting'): unknown key 'txt'" in errors


def test_bad_id(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('id = "greeting"', 'id = "Greeting One"'))
    assert errors == [
        f"{tmp_path / 'bad' / 'bad.toml'}:12 (phase 'welcome', prompt 'Greeting One'): "
        "'id' must be a lower-case id (letters, digits, '-' and '_')"
    ]


def test_unknown_technique(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('["paraphrase"]', '["paraphrase", "mind-reading"]'))
    assert errors == [
        f"{tmp_path / 'bad' / 'bad.toml'}:9 (phase 'welcome'): unknown technique 'mind-reading' "
        "(define it in a [[technique]] table)"
    ]


def test_unknown_note_section(tmp_path):
    errors = errors_for(tmp_path, GOOD.replace('purpose = "Greet and explain."', 'purpose = "x"\nsections = { soap = "data" }'))
    assert len(errors) == 1 and "'data' is not a SOAP section" in errors[0]


def test_not_utf8_names_the_line_and_column_not_a_byte_offset(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "bad.toml").write_bytes(b"[protocol]\nid = \"\xff\"\n")
    cat = load_catalogue([folder])
    assert [str(e) for e in cat.errors] == [f"{folder / 'bad.toml'}:2: not UTF-8 text (column 7); save the file as UTF-8"]


def test_neither_protocol_nor_techniques(tmp_path):
    errors = errors_for(tmp_path, 'title = "what is this"\n')
    assert errors == [
        f"{tmp_path / 'bad' / 'bad.toml'}: neither a protocol (needs a [protocol] table and [[phase]] tables) "
        "nor a technique file (needs [[technique]] tables)"
    ]


@pytest.mark.parametrize("name", ["missing.toml"])
def test_check_reports_missing_path(tmp_path, name):
    errors = check_files([tmp_path / name], shared_folders=[builtin_phases_dir()])
    assert [str(e) for e in errors] == [f"{tmp_path / name}: no such file or folder"]
