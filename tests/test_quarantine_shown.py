"""The practitioner is told which file was moved aside and why: on the home screen and on stderr."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from interview_tui.cli import main
from interview_tui.ui.app import make_app

FIXTURE = Path(__file__).parent / "fixtures" / "sessions" / "v1" / "20261120-142501-a3f9.json"
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
        assert f"{BAD_ID}.json could not be read (not JSON" in text and "quarantine" in text
        assert screen.query_one("#home-problems").display
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"


def test_cli_sessions_names_the_quarantined_file_on_stderr(locations, capsys):
    _fill(locations)
    assert main(["--data-dir", str(locations.data_dir), "sessions"]) == 0
    out, err = capsys.readouterr()
    assert GOOD_ID in out and BAD_ID not in out
    assert f"{BAD_ID}.json could not be read (not JSON" in err and "quarantine" in err


def test_cli_resume_of_a_damaged_file_says_which_and_why(locations, capsys):
    _fill(locations)
    assert main(["--data-dir", str(locations.data_dir), "resume", BAD_ID]) == 2
    err = capsys.readouterr().err
    assert f"{BAD_ID}.json could not be read" in err and "Traceback" not in err
