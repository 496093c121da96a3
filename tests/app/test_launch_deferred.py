"""Launch does the least it can before the first frame, and still says everything it must (not timed).

Before the first screen is drawn the app reads neither pydantic nor the
phase files' models (they cost more than the rest of a launch); the phase
files are checked just after, or known unchanged from the last check; a
bad phase file is still reported with its file and problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from interview_tui.phases import launch_cache as phase_check
from interview_tui.phases.catalogue import LazyCatalogue
from interview_tui.store.paths import Locations, builtin_phases_dir
from interview_tui.ui.app import make_app

from fixed_app import wait_for

HEAVY = ("pydantic", "interview_tui.core.protocol", "interview_tui.phases.files", "interview_tui.core.session",
         "interview_tui.settings.model", "cryptography", "filelock", "tomlkit")  # fmt: skip

FIRST_FRAME = textwrap.dedent(
    """
    import asyncio, json, sys
    from interview_tui.ui import app as app_module

    seen = {}
    ready = app_module.InterviewApp.screen_ready

    def screen_ready(self, screen):
        seen.setdefault("screen", type(screen).__name__)
        seen.setdefault("modules", sorted(sys.modules))
        ready(self, screen)
        self.call_after_refresh(self.action_quit)  # as ctrl+q: saves first

    def run(self, **kwargs):
        async def go():
            async with self.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
        asyncio.run(go())

    app_module.InterviewApp.screen_ready = screen_ready
    app_module.InterviewApp.run = run
    from interview_tui.cli.main import main
    main(sys.argv[1:])
    print(json.dumps(seen))
    """
)


def first_frame(tmp_path: Path, *args: str) -> dict:
    """Start the real command line (headless) and report what was imported when its first screen was ready."""
    env = dict(os.environ, INTERVIEW_TUI_CONFIG_DIR=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, "--data-dir", str(tmp_path / "data"), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m in HEAVY or m.split(".")[0] in ("pydantic", "cryptography", "filelock", "tomlkit")]


def test_the_home_screen_is_drawn_before_pydantic_or_the_phase_files_are_loaded(tmp_path):
    seen = first_frame(tmp_path)
    assert seen["screen"] == "HomeScreen"
    assert heavy(seen["modules"]) == []


def test_new_client_is_drawn_before_pydantic_once_the_phase_files_were_checked(tmp_path):
    earlier = Locations(tmp_path / "data", tmp_path / "config", tmp_path / "config" / "phases",
                        cache_dir=tmp_path / "cache" / "interview-tui")  # fmt: skip
    LazyCatalogue([builtin_phases_dir(), earlier.user_phases_dir], check_file=earlier.phase_check_file).get()
    assert earlier.phase_check_file.exists()  # as an earlier launch leaves it
    seen = first_frame(tmp_path, "new", "C-0001")
    assert seen["screen"] == "OpeningScreen"
    assert heavy(seen["modules"]) == []
    listed = subprocess.run(
        [sys.executable, "-m", "interview_tui", "--data-dir", str(tmp_path / "data"), "sessions", "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert [s["client"] for s in json.loads(listed.stdout)] == ["C-0001"]  # made and saved just after the frame


def test_new_client_with_unchecked_phase_files_opens_the_session_the_sure_way(tmp_path):
    seen = first_frame(tmp_path, "new", "C-0002")
    assert seen["screen"] == "SessionScreen"


# ---------------------------------------------------------------- the phase files, checked after the first frame


def lazy(locations: Locations) -> LazyCatalogue:
    return LazyCatalogue([builtin_phases_dir(), locations.user_phases_dir], check_file=locations.phase_check_file)


def problems_shown(app) -> str:
    return str(app.screen.query_one("#home-problems", Static).render())


async def test_a_bad_phase_file_is_reported_once_read_after_the_first_frame(locations):
    locations.user_phases_dir.mkdir(parents=True)
    (locations.user_phases_dir / "broken.toml").write_text('[protocol]\nid = "x"\ntitle = "X"\n\n[[phase]]\nid = "a"\n')
    catalogue = lazy(locations)
    app = make_app(locations=locations, catalogue=catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "broken.toml" in problems_shown(app), "the phase file problem")
        shown = problems_shown(app)
        assert "broken.toml:5 (phase 'a'): 'title' is missing" in shown
        assert catalogue.loaded
    assert locations.phase_check_file.exists()  # remembered for the next launch


async def test_the_next_launch_reports_it_without_reading_the_phase_files(locations, monkeypatch):
    locations.user_phases_dir.mkdir(parents=True)
    (locations.user_phases_dir / "broken.toml").write_text("[protocol\n")
    lazy(locations).get()
    import interview_tui.phases.files as phase_files

    def must_not_read(folders):
        raise AssertionError("the phase files were read again")

    monkeypatch.setattr(phase_files, "load_catalogue", must_not_read)
    catalogue = lazy(locations)
    app = make_app(locations=locations, catalogue=catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "broken.toml" in problems_shown(app), "the remembered problem")
        assert "broken.toml:1: TOML syntax error" in problems_shown(app)
        assert not catalogue.loaded


async def test_a_wrong_default_protocol_is_reported_once_the_protocols_are_known(locations):
    from interview_tui.settings.model import load_settings

    locations.config_dir.mkdir(parents=True)
    (locations.config_dir / "settings.toml").write_text('default_protocol = "nope"\n')
    app = make_app(locations=locations, catalogue=lazy(locations), settings=load_settings(locations.config_dir))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "default_protocol 'nope'" in problems_shown(app), "the settings problem")
        assert app.default_protocol == "intake"


async def test_pressing_n_before_the_phase_files_are_read_waits_for_them(locations):
    catalogue = lazy(locations)
    app = make_app(locations=locations, catalogue=catalogue)
    app.check_phase_files = lambda: None  # as if the background reading had not got anywhere yet
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not catalogue.loaded
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NewSessionDialog", "the new-session dialog")
        assert catalogue.loaded


async def test_pressing_n_once_the_phase_files_are_known_opens_the_dialog_without_reading_them(locations, monkeypatch):
    """Issue 17 (first key answered): the new-session dialog needs only the protocols' ids, titles and
    ``default_for``, which the remembered check of unchanged phase files holds. Pressing n straight after launch
    used to validate every phase file (pydantic and all) on the UI thread before the dialog showed. The files
    are then read on a thread, so the session starts from the real catalogue."""
    lazy(locations).get()  # an earlier launch checked them
    import interview_tui.phases.files as phase_files

    real_load = phase_files.load_catalogue
    reading = threading.Event()
    may_finish = threading.Event()

    def slow_load(*args, **kwargs):
        reading.set()
        assert may_finish.wait(20), "the test did not let the reading finish"
        return real_load(*args, **kwargs)

    monkeypatch.setattr(phase_files, "load_catalogue", slow_load)
    catalogue = lazy(locations)
    app = make_app(locations=locations, catalogue=catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app._phase_check is not None, "the remembered check")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "NewSessionDialog", "the new-session dialog")
        assert not catalogue.loaded  # drawn from the remembered check
        dialog = app.screen
        assert list(dialog.protocols) == list(real_load([builtin_phases_dir()]).protocols)
        assert reading.wait(10)  # the reading began on a thread, the dialog already shown
        may_finish.set()
        await pilot.press(*"C-0142")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SessionScreen", "the session screen")
        assert app.screen.session.client_code == "C-0142"
        assert app.screen.session.protocol.id == "intake"


def test_the_dialog_offers_from_the_remembered_check_what_the_catalogue_offers(locations):
    from interview_tui.phases.outline import menu_of_check, menu_of_protocols

    loaded = lazy(locations).get()
    print_ = phase_check.fingerprint([builtin_phases_dir(), locations.user_phases_dir])
    check = phase_check.remembered(locations.phase_check_file, print_)
    assert check is not None
    assert menu_of_check(check) == menu_of_protocols(loaded.protocols)
    assert any(choice.default_for == "open-case" for choice in menu_of_check(check))
    damaged = check._replace(outlines={pid: {"id": pid} for pid in check.sources})
    assert menu_of_check(damaged) is None  # (then the files are read, as before)


def test_the_catalogue_is_read_once_whoever_asks(locations, monkeypatch):
    import interview_tui.phases.files as phase_files

    calls = []
    real = phase_files.load_catalogue
    monkeypatch.setattr(phase_files, "load_catalogue", lambda folders, **kw: calls.append(1) or real(folders, **kw))
    catalogue = lazy(locations)
    found = []
    threads = [threading.Thread(target=lambda: found.append(catalogue.get())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and len({id(c) for c in found}) == 1


# ---------------------------------------------------------------- what the phase check remembers


def test_the_check_is_remembered_until_a_phase_file_changes(locations):
    lazy(locations).get()
    assert lazy(locations).remembered_check() is not None
    locations.user_phases_dir.mkdir(parents=True)
    mine = locations.user_phases_dir / "mine.toml"
    mine.write_text("[protocol\n")
    assert lazy(locations).remembered_check() is None  # a new file
    lazy(locations).get()
    check = lazy(locations).remembered_check()
    assert check is not None and any("mine.toml" in e for e in check.errors)
    mine.write_text("[protocol]\n")  # same folder, other bytes
    assert lazy(locations).remembered_check() is None
    lazy(locations).get()
    mine.unlink()
    assert lazy(locations).remembered_check() is None  # a file gone


def test_the_check_is_not_trusted_when_the_app_changes(locations, monkeypatch, tmp_path):
    lazy(locations).get()
    assert lazy(locations).remembered_check() is not None
    monkeypatch.setattr(phase_check, "__version__", "99.0")
    assert lazy(locations).remembered_check() is None
    monkeypatch.undo()
    code = tmp_path / "code"
    code.mkdir()
    (code / "protocol.py").write_text("# another version of the rules\n")
    monkeypatch.setattr(phase_check, "_PACKAGE", code)
    assert lazy(locations).remembered_check() is None


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"format": 1}', b'{"format": 1, "fingerprint": 3}'])
def test_a_damaged_check_file_is_ignored_and_rewritten(locations, damage):
    lazy(locations).get()
    print_ = phase_check.fingerprint([builtin_phases_dir(), locations.user_phases_dir])
    locations.phase_check_file.write_bytes(damage)
    assert lazy(locations).remembered_check() is None
    lazy(locations).get()
    assert phase_check.remembered(locations.phase_check_file, print_) is not None


def test_the_check_records_the_protocols_and_the_bytes_that_were_validated(locations):
    catalogue = lazy(locations).get()
    check = lazy(locations).remembered_check()
    assert check.protocols == list(catalogue.protocols)
    for pid, (path, digest) in check.sources.items():
        assert Path(path) == catalogue.sources[pid]
        assert digest == phase_check.file_digest(Path(path).read_bytes())
    assert os.stat(locations.phase_check_file).st_mode & 0o777 == 0o600


# ---------------------------------------------------------------- what is known without pydantic


def test_default_settings_are_the_settings_models_defaults():
    from interview_tui.settings.model import Settings
    from interview_tui.settings.defaults import SETTING_NAMES, DefaultSettings

    assert SETTING_NAMES == tuple(Settings.model_fields)
    real, plain = Settings(), DefaultSettings()
    for name in SETTING_NAMES:
        assert list(getattr(plain, name)) == list(getattr(real, name)) if name.endswith(("contacts", "keymap")) else (
            getattr(plain, name) == getattr(real, name)
        ), name
    assert plain.practitioner_line == real.practitioner_line


def test_settings_are_read_in_full_when_anything_is_set(tmp_path):
    from interview_tui.settings.defaults import quick_settings

    assert quick_settings(tmp_path, environ={}) is not None
    assert quick_settings(tmp_path, environ={"INTERVIEW_TUI_DATA_DIR": "/x"}) is not None  # not a setting
    assert quick_settings(tmp_path, environ={"INTERVIEW_TUI_THEME": "x"}) is None
    (tmp_path / "settings.toml").write_text("")
    assert quick_settings(tmp_path, environ={}) is None


def test_the_client_code_rule_and_the_clock_are_written_once():
    """One spelling (core/ids.py, light enough for the first frame): no module defines its own twin."""
    import ast

    import interview_tui

    package = Path(interview_tui.__file__).parent
    defined = {}
    for path in package.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
            if isinstance(node, ast.FunctionDef):
                names = [node.name]
            for name in names:
                if name in ("CLIENT_CODE_PATTERN", "CLIENT_CODE_RULE", "is_valid_client_code", "now", "is_session_id"):
                    defined.setdefault(name, []).append(str(path.relative_to(package)))
    assert defined == {name: ["core/ids.py"] for name in defined} and len(defined) == 5, defined


def test_resume_draws_the_session_without_what_a_session_does_not_need(tmp_path):
    """``resume`` needs the session model (pydantic) before its first frame, and nothing more: no encryption
    library for a plain store, no settings model without settings, no export, search or client records."""
    env = dict(os.environ, INTERVIEW_TUI_CONFIG_DIR=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    data = ["--data-dir", str(tmp_path / "data")]
    subprocess.run([sys.executable, "-m", "interview_tui", *data, "demo-data", "--sessions", "2", "--clients", "1"],
                   capture_output=True, text=True, env=env, check=True)  # fmt: skip
    listed = subprocess.run([sys.executable, "-m", "interview_tui", *data, "sessions", "--json"],
                            capture_output=True, text=True, env=env, check=True)  # fmt: skip
    seen = first_frame(tmp_path, "resume", json.loads(listed.stdout)[0]["id"])
    assert seen["screen"] == "SessionScreen"
    loaded = set(seen["modules"])
    assert "interview_tui.core.session" in loaded  # (the probe saw the session's modules)
    needless = {"cryptography", "tomlkit", "sqlite3", "interview_tui.settings.model", "interview_tui.export",
                "interview_tui.search", "interview_tui.casework.clients", "interview_tui.casework.cases",
                "interview_tui.casework.flags", "interview_tui.casework.due", "interview_tui.casework.notices"}  # fmt: skip
    assert sorted(m for m in loaded if any(m == n or m.startswith(n + ".") for n in needless)) == []


async def test_with_no_usable_protocol_the_home_screen_says_so_and_starts_nothing(locations):
    locations.user_phases_dir.mkdir(parents=True)
    catalogue = LazyCatalogue([locations.user_phases_dir], check_file=locations.phase_check_file)
    (locations.user_phases_dir / "broken.toml").write_text("[protocol\n")
    app = make_app(locations=locations, catalogue=catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "broken.toml" in problems_shown(app), "the phase file problem")
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert any("No usable protocol" in str(n.message) for n in app._notifications)
