"""The practitioner is told which file was moved aside and why: on the home screen and on stderr."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from interview_tui.cli.main import main
from interview_tui.ui.app import make_app
from data_paths import FIXTURES

FIXTURE = FIXTURES / "sessions" / "v1" / "20261120-142501-a3f9.json"
GOOD_ID = "20261120-142501-a3f9"
BAD_ID = "20261122-101010-dead"


def _fill(locations):
    folder = locations.sessions_dir
    folder.mkdir(parents=True)
    (folder / f"{GOOD_ID}.json").write_bytes(FIXTURE.read_bytes())
    (folder / f"{BAD_ID}.json").write_bytes(b'{"schema_version": 1, "id": "trunc')


async def test_home_screen_names_the_quarantined_file_and_lists_the_rest(locations, catalogue, store):
    _fill(locations)
    app = make_app(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#sessions", DataTable).row_count == 1
        text = str(screen.query_one("#home-problems", Static).render())
        assert f"{BAD_ID}.json: not JSON" in text and "quarantine" in text
        assert screen.query_one("#home-problems").display
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"


def test_cli_sessions_names_the_quarantined_file_on_stderr(locations, capsys):
    _fill(locations)
    assert main(["--data-dir", str(locations.data_dir), "sessions"]) == 0
    out, err = capsys.readouterr()
    assert GOOD_ID in out and BAD_ID not in out
    assert f"{BAD_ID}.json: not JSON" in err and "quarantine" in err


def test_cli_resume_of_a_damaged_file_says_which_and_why(locations, capsys):
    _fill(locations)
    assert main(["--data-dir", str(locations.data_dir), "resume", BAD_ID]) == 2
    err = capsys.readouterr().err
    assert f"{BAD_ID}.json: not JSON" in err and "Traceback" not in err


async def test_newer_version_session_opens_read_only_and_is_never_written(locations, catalogue, store):
    import json

    from textual.widgets import Checkbox

    from interview_tui.ui.widgets.phase_view import NoteField

    data = json.loads(FIXTURE.read_bytes())
    data["schema_version"] = 5
    data["a_field_from_the_future"] = {"x": 1}
    raw = json.dumps(data).encode()
    locations.sessions_dir.mkdir(parents=True)
    path = locations.sessions_dir / f"{GOOD_ID}.json"
    path.write_bytes(raw)
    app = make_app(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "SessionScreen" and screen.read_only
        field = screen.query(NoteField).first()
        assert field.read_only and field.text.startswith("Came in after [supports] ended")
        assert all(box.disabled for box in screen.query(Checkbox))
        assert "read-only" in str(screen.query_one("#bar-saved", Static).render())
        await pilot.press("x", "y", "ctrl+s", "ctrl+n")
        await pilot.pause(1.0)
        assert screen.session.current_phase != "preparation"  # moving around works
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert path.read_bytes() == raw


def test_cli_resume_of_a_newer_version_says_read_only(locations, monkeypatch, capsys):
    import json

    from interview_tui.ui import app as app_module

    data = json.loads(FIXTURE.read_bytes())
    data["schema_version"] = 5
    locations.sessions_dir.mkdir(parents=True)
    (locations.sessions_dir / f"{GOOD_ID}.json").write_text(json.dumps(data))
    opened = []

    class FakeApp:
        return_code = 0
        rescued: list = []

        def hold_lock(self, lock):
            pass

        def run(self):
            opened.append(True)

    monkeypatch.setattr(app_module, "make_app", lambda **kw: opened.append(kw["store"].is_read_only(GOOD_ID)) or FakeApp())
    assert main(["--data-dir", str(locations.data_dir), "resume", GOOD_ID]) == 0
    assert opened == [True, True]
    assert "opening it read-only" in capsys.readouterr().err
