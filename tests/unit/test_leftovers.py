"""Item 14 of issue 15: a killed write's temporary file (which may hold note text) is removed from every folder the
app writes, by every command that opens the store; a write still under way in another window is left alone."""

from __future__ import annotations

import os
import time

import pytest

from interview_tui.cli.main import main
from interview_tui.store.leftovers import STALE_AFTER_SECONDS, remove_leftover_temp_files

NOTE = b"half a note about the client"


def plant(locations):
    folders = [
        locations.sessions_dir,
        locations.clients_dir,
        locations.sessions_dir / "trash",
        locations.sessions_dir / "quarantine",
        locations.sessions_dir / "migrated",
        locations.exports_dir,
        locations.data_dir,
        locations.config_dir,
    ]
    planted = []
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f".x.json.tmp-{2**22 + 7}-abcdef"  # a process id no process has (above the kernel's limit)
        path.write_bytes(NOTE)
        planted.append(path)
    return planted


@pytest.mark.parametrize(
    "command", [["sessions"], ["clients"], ["trash", "list"], ["search", "anything"], ["sessions", "--json"]]
)
def test_every_command_that_opens_the_store_removes_temp_files_in_every_folder(locations, command, capsys, monkeypatch):
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(locations.config_dir))
    monkeypatch.setenv("INTERVIEW_TUI_CACHE_DIR", str(locations.cache_dir))
    planted = plant(locations)
    main(["--data-dir", str(locations.data_dir), *command])
    assert [p for p in planted if p.exists()] == []


def test_a_temp_file_of_a_window_still_writing_is_left_until_it_is_stale(locations):
    locations.clients_dir.mkdir(parents=True)
    live = locations.clients_dir / f".x.json.tmp-{os.getppid()}-abcdef"
    live.write_bytes(NOTE)
    assert remove_leftover_temp_files(locations) == 0 and live.exists()
    old = time.time() - STALE_AFTER_SECONDS - 5
    os.utime(live, (old, old))
    assert remove_leftover_temp_files(locations) == 1 and not live.exists()


def test_files_that_only_look_like_temp_files_are_kept(locations):
    locations.exports_dir.mkdir(parents=True)
    kept = [locations.exports_dir / "notes.tmp-1-ab.txt", locations.exports_dir / "plain.json"]
    for path in kept:
        path.write_bytes(NOTE)
    remove_leftover_temp_files(locations)
    assert all(p.exists() for p in kept)
