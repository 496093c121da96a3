"""The generated example file, the README table, and writing one setting back without losing comments."""

from __future__ import annotations

import re
import stat
import tomllib

import pytest

from interview_tui.settings.model import Settings, load_settings
from interview_tui.settings.file import (
    BindingDoc,
    SettingsWriteError,
    example_file,
    markdown_table,
    remember_setting,
    write_example_file,
)

BINDINGS = [BindingDoc("next_phase", "ctrl+n", "Go to the next phase.", "session screen")]
_COMMENTED_TOML = re.compile(r"^# (\[\[?[a-z_]+\]\]?|[a-z_]+ = .*)$")


def uncomment(text: str) -> str:
    """Turn every commented-out setting line of the example into a real one."""
    return "\n".join(m.group(1) if (m := _COMMENTED_TOML.match(line)) else line for line in text.splitlines())


def test_the_example_file_documents_every_setting():
    text = example_file(BINDINGS)
    for name, info in Settings.model_fields.items():
        assert re.search(rf"^# (\[\[?)?{name}\b", text, re.M), f"{name} missing from the example"
        first_words = " ".join(info.description.split()[:4])
        assert first_words in " ".join(line.lstrip("# ") for line in text.splitlines()), name
    assert "next_phase  ctrl+n  Go to the next phase. (session screen)" in text


def test_the_example_file_as_written_is_the_defaults():
    data = tomllib.loads(example_file(BINDINGS))
    assert data == {}


def test_every_example_in_the_file_is_a_valid_setting(tmp_path):
    text = uncomment(example_file(BINDINGS))
    data = tomllib.loads(text)
    assert set(data) == set(Settings.model_fields)
    (tmp_path / "settings.toml").write_text(text)
    loaded = load_settings(tmp_path, environ={})
    assert loaded.problems == []
    assert loaded.settings.keymap == {"next_phase": "f5"}
    assert loaded.settings.emergency_contacts[0].name.startswith("Example:")


def test_write_example_file_is_private_and_never_overwrites_without_force(tmp_path):
    path = tmp_path / "config" / "settings.toml"
    write_example_file(path, BINDINGS)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.write_text('agency = "mine"\n')
    with pytest.raises(SettingsWriteError, match="already exists; use --force"):
        write_example_file(path, BINDINGS)
    assert path.read_text() == 'agency = "mine"\n'
    write_example_file(path, BINDINGS, force=True)
    assert path.read_text().startswith("# interview-tui settings")


def test_remember_setting_keeps_comments_and_other_settings(tmp_path):
    path = tmp_path / "settings.toml"
    original = '# my own note\nagency = "Northside"  # where I work\n# theme = "nord"\n\n[keymap]\nsave = "f5"  # mine\n'
    path.write_text(original)
    remember_setting(path, "theme", "high-contrast")
    text = path.read_text()
    assert "# my own note" in text and "# where I work" in text and 'save = "f5"  # mine' in text
    data = tomllib.loads(text)
    assert data == {"agency": "Northside", "theme": "high-contrast", "keymap": {"save": "f5"}}
    remember_setting(path, "theme", "readable-light")
    assert tomllib.loads(path.read_text())["theme"] == "readable-light"
    assert path.read_text().count("theme =") == 1 + original.count("theme =")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_remember_setting_creates_a_missing_file_from_the_example(tmp_path):
    path = tmp_path / "new" / "settings.toml"
    remember_setting(path, "theme", "high-contrast")
    text = path.read_text()
    assert text.startswith("# interview-tui settings")
    assert tomllib.loads(text) == {"theme": "high-contrast"}


def test_remember_setting_leaves_a_broken_file_alone(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("agency = = broken\n")
    with pytest.raises(SettingsWriteError, match="syntax error"):
        remember_setting(path, "theme", "nord")
    assert path.read_text() == "agency = = broken\n"


def test_remember_setting_refuses_values_the_app_would_not_read(tmp_path):
    with pytest.raises(ValueError):
        remember_setting(tmp_path / "settings.toml", "idle_lock_minutes", 0)
    with pytest.raises(ValueError):
        remember_setting(tmp_path / "settings.toml", "keymap", {"save": "f5"})
    assert not (tmp_path / "settings.toml").exists()


def test_the_markdown_table_has_a_row_per_setting_and_binding():
    table = markdown_table(BINDINGS)
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [*Settings.model_fields, "next_phase"]
    assert "| `idle_lock_minutes` | `15` | `INTERVIEW_TUI_IDLE_LOCK_MINUTES` |" in table
    assert "| `keymap` | none | (file only) |" in table
