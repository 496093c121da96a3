"""A data folder that cannot be written: `resume ID` and enter on the home list open the session read-only, say so
in a banner and on the bar, and never end in "internal error: OSError"."""

from __future__ import annotations

from fixed_app import build_app
from read_only_folder import make_read_only
from textual.widgets import Static

from interview_tui.cli.main import main
from interview_tui.core.session import Session
from interview_tui.ui import app as app_module
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.phase_view import NoteField

WHY = "the data folder cannot be written (Read-only file system)"


def _saved(store, intake) -> tuple[Session, bytes]:
    session = Session.start("RO-1", intake)
    session.set_note("preparation", "record-review", "written before the folder went read-only")
    path = store.save(session)
    store.summaries()  # the index is written while the folder still can be
    return session, path.read_bytes()


async def _shows_read_only(pilot, session: Session) -> None:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen) and screen.read_only and screen.session.id == session.id
    bar = str(screen.query_one("#bar-saved", Static).render())
    assert "read-only" in bar and WHY in bar
    assert any(WHY in str(n.message) and "Nothing typed here is saved" in str(n.message) for n in pilot.app._notifications)
    field = screen.query(NoteField).first()
    assert field.read_only and field.text.startswith("written before")
    await pilot.press("x", "y")
    await pilot.pause()
    refused = [str(n.message) for n in pilot.app._notifications if str(n.message).startswith("Not typed")]
    # Typing into a read-only note is refused with the reason, not sent to "the note and answer fields".
    assert refused and all("read-only" in m and "note and answer fields" not in m for m in refused), refused
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.is_running


async def test_enter_on_the_home_list_opens_the_session_read_only_in_a_read_only_folder(
    locations, catalogue, store, intake, monkeypatch
):
    session, before = _saved(store, intake)
    make_read_only(monkeypatch, locations.data_dir)
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await _shows_read_only(pilot, session)
        await pilot.press("ctrl+q")
    assert app.return_code in (0, None)
    assert (store.folder / f"{session.id}.json").read_bytes() == before


def test_resume_in_a_read_only_folder_opens_the_session_read_only(locations, store, intake, monkeypatch, capsys):
    session, before = _saved(store, intake)
    make_read_only(monkeypatch, locations.data_dir)
    seen = []
    real_make_app = app_module.make_app

    def make_app(**kwargs):
        app = real_make_app(**kwargs)
        run = app.run

        async def look(pilot):
            await _shows_read_only(pilot, session)
            seen.append(True)
            app.exit(0)

        app.run = lambda: run(headless=True, size=(120, 40), auto_pilot=look)
        return app

    monkeypatch.setattr(app_module, "make_app", make_app)
    assert main(["--data-dir", str(locations.data_dir), "resume", session.id]) == 0
    err = capsys.readouterr().err
    assert seen == [True]
    assert WHY in err and "read-only" in err and "internal error" not in err and err.count("\n") == 1
    assert (store.folder / f"{session.id}.json").read_bytes() == before
