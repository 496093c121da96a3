"""Disk full, read-only folder, permission denied: NOT SAVED shows, the text stays, retries go on, the last good file stays."""

from __future__ import annotations

import errno
import itertools
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Static

from interview_tui.store.autosave import Autosaver
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore
from interview_tui.store.private_files import TEMP_MARK
from interview_tui.ui.app import make_app
from interview_tui.ui.widgets.phase_view import NoteField


class Failing:
    """Makes the autosave thread's writes fail with ``error`` while ``on`` is set."""

    def __init__(self, monkeypatch, name: str, error: int) -> None:
        self.on = True
        self.calls = 0
        real = getattr(os, name)

        def wrapper(*args, **kwargs):
            if self.on and threading.current_thread().name.startswith("autosave"):
                self.calls += 1
                raise OSError(error, os.strerror(error))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, wrapper)


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if TEMP_MARK in p.name]


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("write", errno.ENOSPC, "No space left on device"),
        ("replace", errno.EROFS, "Read-only file system"),
        ("fsync", errno.EIO, "Input/output error"),
        ("open", errno.EACCES, "Permission denied"),
    ],
)
def test_failed_write_keeps_last_good_file_and_retries(store, intake, monkeypatch, name, error, words):
    session = Session.start("CL-1", intake)
    path = store.save(session)
    good = path.read_bytes()
    reports: list[tuple[bool, str | None]] = []
    saver = Autosaver(store, session, listener=lambda ok, problem: reports.append((ok, problem)), clock=itertools.count(0, 10).__next__)
    failing = Failing(monkeypatch, name, error)
    try:
        session.set_note("preparation", "record-review", "typed while the disk is full")
        saver.changed()
        saver.tick()
        saver._pending.result()
        assert reports[-1] == (False, f"{words} ({store.folder})")
        assert saver.unsaved and path.read_bytes() == good
        assert temp_files(store.folder) == []  # no half-written copy of the notes left behind
        assert session.note("preparation", "record-review") == "typed while the disk is full"
        saver.tick()  # retried at once on the next tick, no new change needed
        saver._pending.result()
        assert failing.calls >= 2 and reports[-1][0] is False
        failing.on = False
        saver.tick()
        saver._pending.result()
        assert reports[-1] == (True, None) and not saver.unsaved
        assert Session.model_validate_json(path.read_bytes()).note("preparation", "record-review") == (
            "typed while the disk is full"
        )
    finally:
        failing.on = False
        saver.close()


async def _bar_text(pilot, app, wanted: str, within: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < within:
        await pilot.pause(0.05)
        if wanted in str(app.screen.query_one("#bar-saved", Static).render()):
            return time.monotonic() - start
    raise AssertionError(f"{wanted!r} not shown within {within}s: {app.screen.query_one('#bar-saved').render()}")


async def test_session_bar_shows_not_saved_within_a_second_and_recovers(locations, catalogue, store, intake, monkeypatch):
    session = Session.start("CL-2", intake)
    path = store.save(session)
    good = path.read_bytes()
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)  # past the quiet time, so the next change is written on the next tick
        failing = Failing(monkeypatch, "replace", errno.ENOSPC)
        assert isinstance(app.focused, NoteField)
        await pilot.press(*"abc")
        took = await _bar_text(pilot, app, "NOT SAVED: No space left on device", within=1.0)
        assert took < 1.0
        assert path.read_bytes() == good
        await pilot.pause(1.0)  # it stays up while the disk is full, and keeps retrying
        assert "NOT SAVED" in str(app.screen.query_one("#bar-saved", Static).render())
        assert app.screen.query_one("#bar-saved").has_class("not-saved")
        calls = failing.calls
        await pilot.pause(0.9)
        assert failing.calls > calls
        failing.on = False
        await _bar_text(pilot, app, "✓ saved", within=1.5)
        assert Session.model_validate_json(path.read_bytes()).note(session.current_phase, "record-review") == "abc"


@pytest.fixture
def small_tmpfs(tmp_path):
    """A real 64 KiB file system (needs root and mount; skipped where that is not allowed)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if result.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_really_full_and_really_read_only_disk(small_tmpfs, intake):
    store = SessionStore(small_tmpfs / "sessions")
    session = Session.start("CL-3", intake)
    path = store.save(session)
    good = path.read_bytes()
    reports = []
    saver = Autosaver(store, session, listener=lambda ok, problem: reports.append((ok, problem)))
    try:
        session.set_note("preparation", "record-review", "x" * 200_000)  # bigger than the whole disk
        saver.changed()
        assert saver.save_now() is False
        assert "No space left on device" in reports[-1][1]
        assert path.read_bytes() == good and temp_files(store.folder) == []
        session.set_note("preparation", "record-review", "short again")
        saver.changed()
        assert saver.save_now() is True
        subprocess.run(["mount", "-o", "remount,ro", str(small_tmpfs)], check=True)
        saved = path.read_bytes()
        session.set_note("preparation", "record-review", "typed after the disk went read-only")
        saver.changed()
        assert saver.save_now() is False
        assert "Read-only file system" in reports[-1][1] and path.read_bytes() == saved
        subprocess.run(["mount", "-o", "remount,rw", str(small_tmpfs)], check=True)
        assert saver.save_now() is True
        assert "read-only" in Session.model_validate_json(path.read_bytes()).note("preparation", "record-review")
    finally:
        saver.close()
