"""Loading settings.toml: valid files, every kind of mistake, and environment overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from interview_tui.store.paths import Locations
from interview_tui.settings.model import Contact, Settings, default_protocol_id, load_settings


def write(config: Path, text: str) -> Path:
    config.mkdir(parents=True, exist_ok=True)
    path = config / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


VALID = """\
# my settings
practitioner_name = "Sam Rivera"
practitioner_role = "Social worker"
agency = "Northside [Family] Services"
default_protocol = "crisis"
export_format = "html"
export_style = "soap"
export_folder = "~/case-notes"
idle_lock_minutes = 10
theme = "readable-light"

[keymap]
next_phase = "f2"
previous_phase = "f3, ctrl+b"

[[emergency_contacts]]
name = "Duty team"
phone = "000 111"
notes = "24 hours"

[[referral_contacts]]
name = "Housing advice"
"""


def test_a_valid_file_is_read_whole(tmp_path, isolated_home):
    path = write(tmp_path, VALID)
    loaded = load_settings(tmp_path, environ={})
    assert loaded.problems == []
    assert loaded.file_found and loaded.path == path
    s = loaded.settings
    assert (s.practitioner_name, s.practitioner_role, s.agency) == ("Sam Rivera", "Social worker", "Northside [Family] Services")
    assert (s.default_protocol, s.export_format, s.export_style) == ("crisis", "html", "soap")
    assert s.export_folder == isolated_home / "case-notes"
    assert s.idle_lock_minutes == 10
    assert s.theme == "readable-light"
    assert s.keymap == {"next_phase": "f2", "previous_phase": "f3, ctrl+b"}
    assert s.emergency_contacts == [Contact(name="Duty team", phone="000 111", notes="24 hours")]
    assert s.referral_contacts == [Contact(name="Housing advice")]


def test_no_file_means_defaults_and_no_folder_is_created(tmp_path):
    config = tmp_path / "not" / "there"
    loaded = load_settings(config, environ={})
    assert loaded.settings == Settings()
    assert loaded.settings.idle_lock_minutes == 15
    assert not loaded.file_found and loaded.problems == []
    assert not (tmp_path / "not").exists()


def test_every_field_has_a_docstring():
    for model in (Settings, Contact):
        for name, info in model.model_fields.items():
            assert info.description and len(info.description) > 15, f"{model.__name__}.{name} needs a docstring"


def test_a_syntax_error_names_file_and_line_and_falls_back_to_defaults(tmp_path):
    path = write(tmp_path, 'practitioner_name = "Sam"\ntheme = = "x"\n')
    loaded = load_settings(tmp_path, environ={})
    assert loaded.settings == Settings()
    [problem] = loaded.problems
    text = str(problem)
    assert text.startswith(f"{path}:2: TOML syntax error")
    assert "defaults for every setting" in text


def test_an_unknown_key_is_named_with_its_line_and_a_suggestion_and_the_rest_is_kept(tmp_path):
    path = write(tmp_path, 'practitioner_name = "Sam"\n\nthem = "nord"\n')
    loaded = load_settings(tmp_path, environ={})
    assert loaded.settings.practitioner_name == "Sam"
    [problem] = loaded.problems
    assert str(problem) == f"{path}:3: them: unknown setting 'them' (did you mean 'theme'?); ignored"


@pytest.mark.parametrize(
    ("line", "setting", "words"),
    [
        ('idle_lock_minutes = "ten"', "idle_lock_minutes", "must be a whole number, not 'ten'; using the default (15)"),
        ("idle_lock_minutes = 0", "idle_lock_minutes", "greater than or equal to 1"),
        ("idle_lock_minutes = 1000", "idle_lock_minutes", "less than or equal to 240"),
        ('export_format = "pdf"', "export_format", "must be 'markdown', 'text', 'html', 'json' or 'docx', not 'pdf'"),
        ('export_style = "essay"', "export_style", "'narrative', 'soap', 'dap', 'birp' or 'girp'"),
        ('export_folder = "relative/notes"', "export_folder", "must be a full path"),
        ("practitioner_name = 42", "practitioner_name", "must be text in quotes, not 42"),
        ('default_protocol = "My Protocol"', "default_protocol", "must be an id"),
        ('theme = ""', "theme", "must not be empty"),
        ('keymap = "f2"', "keymap", "must be a table"),
        ('emergency_contacts = "call 999"', "emergency_contacts", "must be a list of tables"),
    ],
)
def test_a_wrong_value_is_named_and_only_that_setting_falls_back(tmp_path, line, setting, words):
    path = write(tmp_path, f'agency = "Northside"\n{line}\n')
    loaded = load_settings(tmp_path, environ={})
    [problem] = loaded.problems
    assert problem.source == str(path) and problem.line == 2
    assert problem.problem.startswith(f"{setting}: ")
    assert words in problem.problem
    assert loaded.settings.agency == "Northside"
    assert getattr(loaded.settings, setting) == getattr(Settings(), setting)


def test_a_bad_keymap_entry_drops_only_that_entry(tmp_path):
    path = write(tmp_path, '[keymap]\nnext_phase = "f2"\nsave = ""\n"Bad Id" = "f3"\n')
    loaded = load_settings(tmp_path, environ={})
    assert loaded.settings.keymap == {"next_phase": "f2"}
    messages = [str(p) for p in loaded.problems]
    assert f"{path}:3: keymap, 'save': no key given; that key is not remapped" in messages
    assert any(m.startswith(f"{path}:4: keymap, 'Bad Id': must be an id") for m in messages)


def test_a_bad_contact_is_left_out_and_the_others_kept(tmp_path):
    path = write(
        tmp_path,
        '[[emergency_contacts]]\nname = "A"\n\n[[emergency_contacts]]\nphone = "123"\n\n'
        '[[emergency_contacts]]\nname = "C"\nfax = "1"\n',
    )
    loaded = load_settings(tmp_path, environ={})
    assert [c.name for c in loaded.settings.emergency_contacts] == ["A", "C"]
    messages = [str(p) for p in loaded.problems]
    assert f"{path}:4: emergency_contacts, contact 2, 'name': missing; this contact is left out" in messages
    assert f"{path}:9: emergency_contacts, contact 3, 'fax': unknown key 'fax'; ignored" in messages


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "settings.toml").write_bytes(b'agency = "\xff"\n')
    loaded = load_settings(tmp_path, environ={})
    assert loaded.settings == Settings()
    assert "not UTF-8" in str(loaded.problems[0])


# ---------------------------------------------------------------- environment


def test_environment_variables_override_single_settings(tmp_path):
    write(tmp_path, 'theme = "nord"\nidle_lock_minutes = 10\nagency = "Northside"\n')
    env = {
        "INTERVIEW_TUI_THEME": "high-contrast",
        "INTERVIEW_TUI_PRACTITIONER_NAME": "Alex",
        "INTERVIEW_TUI_IDLE_LOCK_MINUTES": "3",
        "INTERVIEW_TUI_EXPORT_FOLDER": "/srv/notes",
    }
    loaded = load_settings(tmp_path, environ=env)
    s = loaded.settings
    assert (s.theme, s.practitioner_name, s.idle_lock_minutes, s.agency) == ("high-contrast", "Alex", 3, "Northside")
    assert s.export_folder == Path("/srv/notes")
    assert loaded.from_env == {
        "practitioner_name": "INTERVIEW_TUI_PRACTITIONER_NAME",
        "export_folder": "INTERVIEW_TUI_EXPORT_FOLDER",
        "idle_lock_minutes": "INTERVIEW_TUI_IDLE_LOCK_MINUTES",
        "theme": "INTERVIEW_TUI_THEME",
    }
    assert loaded.problems == []


def test_a_bad_environment_value_is_named_and_the_file_value_kept(tmp_path):
    write(tmp_path, "idle_lock_minutes = 10\n")
    loaded = load_settings(tmp_path, environ={"INTERVIEW_TUI_IDLE_LOCK_MINUTES": "soon", "INTERVIEW_TUI_EXPORT_FORMAT": "pdf"})
    assert loaded.settings.idle_lock_minutes == 10
    assert loaded.settings.export_format == "markdown"
    messages = [str(p) for p in loaded.problems]
    assert "INTERVIEW_TUI_IDLE_LOCK_MINUTES: must be a whole number, not 'soon'; using the settings file's value" in messages
    assert any(m.startswith("INTERVIEW_TUI_EXPORT_FORMAT: must be 'markdown'") and "default ('markdown')" in m for m in messages)


def test_tables_cannot_come_from_the_environment(tmp_path):
    loaded = load_settings(tmp_path, environ={"INTERVIEW_TUI_KEYMAP": "next_phase=f2"})
    assert loaded.settings.keymap == {}
    assert str(loaded.problems[0]) == "INTERVIEW_TUI_KEYMAP: keymap can only be set in the settings file; ignored"


def test_path_variables_are_not_settings(tmp_path, monkeypatch):
    """INTERVIEW_TUI_DATA_DIR and friends belong to paths.py: settings neither complain nor take them."""
    env = {
        "INTERVIEW_TUI_DATA_DIR": str(tmp_path / "d"),
        "INTERVIEW_TUI_PHASES_DIR": str(tmp_path / "p"),
        "INTERVIEW_TUI_CONFIG_DIR": str(tmp_path / "c"),
    }
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    locations = Locations.resolve()
    assert locations.data_dir == tmp_path / "d" and locations.config_dir == tmp_path / "c"
    assert locations.user_phases_dir == tmp_path / "p"
    loaded = load_settings(locations.config_dir)
    assert loaded.problems == [] and loaded.from_env == {}
    assert loaded.path == tmp_path / "c" / "settings.toml"


def test_the_default_protocol_falls_back_when_it_is_not_available():
    assert default_protocol_id(Settings(default_protocol="crisis"), ["intake", "crisis"]) == ("crisis", None)
    chosen, problem = default_protocol_id(Settings(default_protocol="triage"), ["intake", "crisis"])
    assert chosen == "intake"
    assert problem == "default_protocol 'triage' is not an available protocol (known: crisis, intake); new sessions use intake"
    assert default_protocol_id(Settings(default_protocol="triage"), ["crisis"])[0] == "crisis"


_KEYS = st.sampled_from([*Settings.model_fields, "them", "keymap.x", "emergency_contacts"])
_VALUES = st.one_of(
    st.integers(-5, 500),
    st.text(max_size=12),
    st.booleans(),
    st.lists(st.integers(0, 3), max_size=2),
)


@hsettings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_KEYS, _VALUES, max_size=6), st.text(max_size=40))
def test_loading_never_raises_and_every_problem_names_the_file(tmp_path, entries, junk):
    import tomlkit

    document = tomlkit.document()
    for key, value in entries.items():
        document[key] = value
    text = tomlkit.dumps(document) + ("\n" + junk if junk.strip() else "")
    path = write(tmp_path, text)
    loaded = load_settings(tmp_path, environ={})
    assert isinstance(loaded.settings, Settings)
    for problem in loaded.problems:
        assert problem.source == str(path)
        assert problem.problem
