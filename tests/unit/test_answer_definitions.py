"""Bad field, show_if and instrument definitions: one clear message naming the file, the place and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.store.paths import builtin_phases_dir
from interview_tui.phases.files import load_catalogue, parse_file
from interview_tui.core.protocol import Protocol
from bad_definitions import BASE, errors

def test_the_base_file_is_valid_and_keeps_labels(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(BASE, encoding="utf-8")
    protocol = parse_file(path)
    assert isinstance(protocol, Protocol)
    risk = protocol.phases[0].prompts[0]
    assert [(c.value, c.label) for c in protocol.options(risk)] == [("none", "None"), ("low", "low"), ("high", "high")]
    assert protocol.phases[1].optional and protocol.phases[1].instrument.highest_total == 4


CASES = [
    (
        "unknown type",
        'type = "choice"',
        'type = "dropdown"',
        "bad.toml:16 (phase 'first', prompt 'risk'): unknown type 'dropdown' "
        "(known: text, short, choice, multi, scale, date, yes_no, list)",
    ),
    (
        "choice list missing",
        'choices = "risk_level"\n',
        "",
        "bad.toml:13 (phase 'first', prompt 'risk'): a choice prompt needs 'choices' "
        "(the name of a list in the [choices] table)",
    ),
    (
        "choice list unknown",
        'choices = "risk_level"',
        'choices = "risk_levels"',
        "bad.toml:17 (phase 'first', prompt 'risk'): unknown choice list 'risk_levels' (define it in the [choices] table)",
    ),
    (
        "choices for a non-choice type",
        "show_if = 'risk != \"none\"'",
        'choices = "risk_level"',
        "bad.toml:19 (phase 'first', prompt 'safety'): 'choices' is only for choice and multi prompts, not text",
    ),
    (
        "scale min not below max",
        'type = "choice"\nchoices = "risk_level"',
        'type = "scale"\nmin = 5\nmax = 5',
        "bad.toml:13 (phase 'first', prompt 'risk'): scale min (5) must be below max (5)",
    ),
    (
        "scale bounds on a text prompt",
        "show_if = 'risk != \"none\"'",
        "max = 3",
        "bad.toml:19 (phase 'first', prompt 'safety'): 'max' is only for scale prompts, not text",
    ),
    (
        "show_if naming a prompt that does not exist",
        'risk != "none"',
        'rsik != "none"',
        "bad.toml:22 (phase 'first', prompt 'safety'): show_if names 'rsik', which is not a prompt of phase 'first'",
    ),
    (
        "show_if naming a later prompt",
        'text = "Risk now"',
        'text = "Risk now"\nshow_if = "safety is answered"',
        "bad.toml:16 (phase 'first', prompt 'risk'): show_if names 'safety', which comes later in the phase "
        "(show_if can only look back)",
    ),
    (
        "show_if naming the prompt itself",
        'risk != "none"',
        "safety is answered",
        "bad.toml:22 (phase 'first', prompt 'safety'): show_if names 'safety', the prompt itself",
    ),
    (
        "show_if naming a prompt of a later phase",
        'risk != "none"',
        "screen.context is answered",
        "bad.toml:22 (phase 'first', prompt 'safety'): show_if names 'screen.context', in a later phase "
        "(show_if can only look back)",
    ),
    (
        "show_if naming a phase that does not exist",
        'risk != "none"',
        "scren.context is answered",
        "bad.toml:22 (phase 'first', prompt 'safety'): show_if names 'scren.context', but there is no phase 'scren'",
    ),
    (
        "show_if syntax error",
        'risk != "none"',
        'risk = "none"',
        "bad.toml:22 (phase 'first', prompt 'safety'): show_if: '=' is not a comparison (use '==') at character 6",
    ),
    (
        "show_if comparing with a value the choice list lacks",
        'risk != "none"',
        'risk != "nnoe"',
        "bad.toml:22 (phase 'first', prompt 'safety'): show_if compares 'risk' with 'nnoe', "
        "which is not in choice list 'risk_level' (none, low, high)",
    ),
    (
        "phase show_if without a phase id",
        "optional = true",
        'optional = true\nshow_if = "risk is answered"',
        "bad.toml:29 (phase 'screen'): show_if names 'risk': a phase's show_if must name a prompt "
        "of an earlier phase as phase_id.prompt_id",
    ),
    (
        "overlapping band edges",
        "{ min = 2, max = 4",
        "{ min = 1, max = 4",
        "bad.toml:30 (phase 'screen'): instrument 'mini': bands 'Low' (0-1) and 'High' (1-4) overlap",
    ),
    (
        "a gap between bands",
        "{ min = 2, max = 4",
        "{ min = 3, max = 4",
        "bad.toml:30 (phase 'screen'): instrument 'mini': bands 'Low' (0-1) and 'High' (3-4) leave a gap",
    ),
    (
        "bands not reaching the highest total",
        "{ min = 2, max = 4",
        "{ min = 2, max = 3",
        "bad.toml:30 (phase 'screen'): instrument 'mini': bands must end at 4, the highest possible total "
        "(the highest ends at 3)",
    ),
    (
        "bands not starting at 0",
        "{ min = 0, max = 1",
        "{ min = 1, max = 1",
        "bad.toml:30 (phase 'screen'): instrument 'mini': bands must start at 0 (the lowest starts at 1)",
    ),
    (
        "alert naming an unknown item",
        'item = "b"',
        'item = "c"',
        "bad.toml:30 (phase 'screen'): instrument 'mini': alert names unknown item 'c'",
    ),
    (
        "required_message without required",
        'text = "Context"',
        'text = "Context"\nrequired_message = "Say it"',
        "bad.toml:38 (phase 'screen', prompt 'context'): 'required_message' is only for prompts with required = true",
    ),
    (
        "an empty choice list",
        'risk_level = [{ value = "none", label = "None" }, "low", "high"]',
        "risk_level = []",
        "bad.toml:5: choice list 'risk_level' is empty",
    ),
    (
        "a value twice in a choice list",
        '"low", "high"]',
        '"low", "low"]',
        "bad.toml:5: choice list 'risk_level' has 'low' twice",
    ),
]


@pytest.mark.parametrize(("old", "new", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_definition_is_reported_exactly(tmp_path, old, new, message):
    assert errors(tmp_path, old, new) == [message]


def test_a_phase_show_if_naming_an_earlier_phase_is_fine(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text(BASE.replace("optional = true", "optional = true\nshow_if = 'first.risk == \"high\"'"), "utf-8")
    assert isinstance(parse_file(path), Protocol)


def test_a_protocol_built_in_code_is_checked_too():
    """Without the file loader's located report, the model itself still refuses a dangling reference."""
    import tomllib

    data = tomllib.loads(BASE.replace('risk != "none"', 'rsik != "none"'))
    with pytest.raises(ValueError, match="phase 'first', prompt 'safety': show_if names 'rsik'"):
        Protocol.model_validate(data)


def test_phases_check_command_reports_it_without_a_traceback(tmp_path, capsys):
    from interview_tui.cli.main import main

    path = tmp_path / "bad.toml"
    path.write_text(BASE.replace('type = "choice"', 'type = "dropdown"'), encoding="utf-8")
    code = main(["phases", "check", str(path)])
    out = capsys.readouterr()
    assert code != 0
    assert f"{path}:16 (phase 'first', prompt 'risk'): unknown type 'dropdown'" in out.out + out.err
    assert "Traceback" not in out.out + out.err
