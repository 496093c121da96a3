"""Conflict copies made by sync tools are recognised by name (Syncthing, Dropbox, Nextcloud, OneDrive) and named
on the home screen with the file they copy; nothing else is taken for one, and none is touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixed_app import wait_for
from textual.widgets import Static

from interview_tui.store.conflict_copies import conflict_copies, recognise
from interview_tui.ui.app import make_app

SID = "20261207-101010-abcd"


@pytest.mark.parametrize(
    ("name", "tool", "original"),
    [
        (f"{SID}.sync-conflict-20261207-153012-ABCDEF7.json", "Syncthing", f"{SID}.json"),
        (f"{SID}.sync-conflict-20261207-153012.json", "Syncthing", f"{SID}.json"),
        (f"{SID} (Sam's conflicted copy 2026-12-07).json", "Dropbox", f"{SID}.json"),
        (f"{SID} (conflicted copy 2026-12-07 153012).json", "Nextcloud", f"{SID}.json"),
        (f"{SID}-DESKTOP-4J2K9QX.json", "OneDrive", f"{SID}.json"),
        ("CL-7 (conflicted copy 2026-12-07 153012).json", "Nextcloud", "CL-7.json"),
        (f"{SID} (conflict copy from DESKTOP-4J2K9QX 2026-12-07 153012).json", "interview-tui", f"{SID}.json"),
    ],
)
def test_each_tools_copy_is_recognised_with_its_original(name, tool, original):
    copy = recognise(Path("/s") / name)
    assert copy is not None and (copy.tool, copy.original.name) == (tool, original)


@pytest.mark.parametrize("name", [f"{SID}.json", "CL-7.json", "DEMO-0001.json", "r-0123abcd.json", "notes.txt",
                                  f"{SID}.v1.json"])
def test_ordinary_files_are_not_conflict_copies(name):
    assert recognise(Path("/s") / name) is None


def test_a_record_whose_code_ends_like_a_machine_name_is_not_taken_for_a_onedrive_copy(tmp_path):
    (tmp_path / "clients").mkdir(parents=True)
    (tmp_path / "clients" / "AB-DESKTOP1.json").write_text("{}")
    (tmp_path / ".index.sqlite.sync-conflict-20261207-153012-ABCDEF7").write_text("x")
    assert conflict_copies(tmp_path) == []


async def test_the_home_screen_names_a_conflict_copy_and_leaves_it_alone(locations, catalogue, store, intake):
    from interview_tui.core.session import Session

    session = Session.start("CL-1", intake)
    store.save(session)
    copy = locations.sessions_dir / f"{session.id}.sync-conflict-20261207-153012-ABCDEF7.json"
    copy.write_bytes(store.path_for(session.id).read_bytes())
    before = copy.read_bytes()
    app = make_app(locations, catalogue, store)
    async with app.run_test(size=(160, 40)) as pilot:
        # (named once the folder has been looked at: just after the first frame, with the check of the index)
        await wait_for(pilot, lambda: "conflict copy" in problems(app), "the conflict copy to be named")
        assert f"a Syncthing conflict copy of {session.id}.json" in problems(app)
        await pilot.press("ctrl+q")
    assert copy.read_bytes() == before


def problems(app) -> str:
    return str(app.screen.query_one("#home-problems", Static).render())


async def test_the_folder_is_looked_at_off_the_ui_thread_when_the_index_is_there(locations, catalogue, store, intake,
                                                                                 monkeypatch):
    """Finding conflict copies reads every name in the sessions folder: with the index there to draw the list
    from, that is done with the index's check, on its thread, after the first frame, never on the UI thread."""
    import threading

    from interview_tui.core.session import Session
    from interview_tui.store import conflict_copies as module

    session = Session.start("CL-1", intake)
    store.save(session)
    store.summaries()  # (the index is current, as after any earlier use)
    (locations.sessions_dir / f"{session.id}.sync-conflict-20261207-153012.json").write_bytes(b"{}")
    threads: list[str] = []
    real = module.conflict_copies

    def watched(folder):
        threads.append(threading.current_thread().name)
        return real(folder)

    monkeypatch.setattr(module, "conflict_copies", watched)
    app = make_app(locations, catalogue, store)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: "conflict copy" in problems(app), "the conflict copy to be named")
    assert threads and threading.main_thread().name not in threads


def test_a_conflict_copy_is_neither_listed_nor_searched_nor_moved(locations, store, intake, capsys):
    import json

    from interview_tui.cli.main import main
    from interview_tui.core.session import Session

    session = Session.start("CL-1", intake)
    session.set_note("preparation", "record-review", "OKAPI in the notes")
    store.save(session)
    copy = locations.sessions_dir / f"{session.id} (conflicted copy 2026-12-07 153012).json"
    copy.write_bytes(store.path_for(session.id).read_bytes())
    summaries, problems = store.summaries()
    assert [s.id for s in summaries] == [session.id] and not problems and copy.exists()
    assert not (locations.sessions_dir / "quarantine").exists()
    assert [c.path for c in conflict_copies(locations.sessions_dir)] == [copy]
    assert main(["--data-dir", str(locations.data_dir), "search", "OKAPI", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [f["session_id"] if "session_id" in f else f.get("id") for f in found] == [session.id]
    assert copy.exists() and not (locations.sessions_dir / "quarantine").exists()
