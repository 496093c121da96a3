"""``interview-tui config`` and the settings the other commands take."""

from __future__ import annotations

import stat
import tomllib

import pytest

from interview_tui.cli import main as cli


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(folder))
    monkeypatch.setenv("INTERVIEW_TUI_DATA_DIR", str(tmp_path / "data"))
    return folder


def test_config_prints_the_path_and_the_defaults_without_creating_anything(config_dir, capsys):
    assert cli.main(["config"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"# Settings file: {config_dir / 'settings.toml'}  (not found")
    assert 'theme = "textual-dark"' in out and "idle_lock_minutes = 15" in out
    assert not config_dir.exists()


def test_config_shows_file_and_environment_values_and_reports_problems(config_dir, capsys, monkeypatch):
    config_dir.mkdir()
    (config_dir / "settings.toml").write_text(
        'agency = "Northside"\nidle_lock_minutes = "ten"\n[keymap]\nnext_phase = "f5"\nsave = "ctrl+b"\n'
    )
    monkeypatch.setenv("INTERVIEW_TUI_THEME", "no-such-theme")
    assert cli.main(["config"]) == 1
    captured = capsys.readouterr()
    assert 'agency = "Northside"' in captured.out
    assert 'theme = "no-such-theme"  # from INTERVIEW_TUI_THEME' in captured.out
    assert 'next_phase = "f5"' in captured.out
    path = config_dir / "settings.toml"
    errors = captured.err.splitlines()
    assert f"interview-tui: {path}:2: idle_lock_minutes: must be a whole number, not 'ten'; using the default (15)" in errors
    assert any(e.startswith(f"interview-tui: {path}:5: keymap 'save'") and "'previous_phase'" in e for e in errors)
    assert any(e.startswith("interview-tui: INTERVIEW_TUI_THEME: theme 'no-such-theme' does not exist") for e in errors)


def test_config_init_writes_a_private_commented_example_once(config_dir, capsys):
    assert cli.main(["config", "--init"]) == 0
    path = config_dir / "settings.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert tomllib.loads(text) == {}
    for binding_id in ("next_phase", "toggle_phases", "close_help", "command_palette"):
        assert f"#   {binding_id} " in text
    path.write_text('agency = "mine"\n')
    assert cli.main(["config", "--init"]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert path.read_text() == 'agency = "mine"\n'
    assert cli.main(["config", "--init", "--force"]) == 0
    assert path.read_text() == text


def test_config_markdown_prints_the_table(config_dir, capsys):
    assert cli.main(["config", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| Setting | Default | Environment variable | What it does |")
    assert "| `toggle_phases` | `ctrl+t` |" in out


class _FakeApp:
    return_code = 0
    rescued: list = []

    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def run(self):
        pass


@pytest.fixture
def opened(monkeypatch):
    """Run ``new`` up to the point the app would open, and keep what it was given."""
    made: list[_FakeApp] = []

    def fake_make_app(**kwargs):
        made.append(_FakeApp(**kwargs))
        return made[-1]

    monkeypatch.setattr("interview_tui.ui.app.make_app", fake_make_app)
    return made


def protocol_opened(app) -> str:
    """The protocol of the session the app was asked to open: made already (first launch), or to be made just
    after the first frame (the phase files unchanged since they were checked: see quick_start.py)."""
    session, pending = app.kwargs["session"], app.kwargs.get("pending_start")
    return session.protocol.id if session is not None else pending.protocol_id


def test_new_without_protocol_uses_the_default_protocol_setting(config_dir, opened, monkeypatch, tmp_path):
    phases = tmp_path / "phases"
    phases.mkdir()
    (phases / "other.toml").write_text(
        '[protocol]\nid = "other"\ntitle = "Other"\n\n[[phase]]\nid = "only"\ntitle = "Only"\npurpose = "A test."\n'
        '[[phase.prompt]]\nid = "p"\ntext = "Ask."\n'
    )
    config_dir.mkdir()
    (config_dir / "settings.toml").write_text('default_protocol = "other"\npractitioner_name = "Sam"\n')
    assert cli.main(["--phases-dir", str(phases), "new", "C-1"]) == 0
    [app] = opened
    assert protocol_opened(app) == "other"
    assert app.kwargs["settings"].settings.practitioner_name == "Sam"
    assert cli.main(["--phases-dir", str(phases), "new", "C-2", "--protocol", "intake"]) == 0
    assert protocol_opened(opened[1]) == "intake"
    assert opened[1].kwargs["pending_start"] is not None  # the second launch: the phase files were checked


def test_new_with_an_unavailable_default_protocol_says_so_and_uses_intake(config_dir, opened, capsys):
    config_dir.mkdir()
    (config_dir / "settings.toml").write_text('default_protocol = "triage"\nidle_lock_minutes = -1\n')
    assert cli.main(["new", "C-1"]) == 0
    assert opened[0].kwargs["session"].protocol.id == "intake"
    err = capsys.readouterr().err
    assert "default_protocol 'triage' is not an available protocol" in err
    assert "idle_lock_minutes: must be greater than or equal to 1" in err
