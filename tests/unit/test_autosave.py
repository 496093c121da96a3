"""Autosave: writes after a quiet moment or while typing continues, off the caller's thread, retries on failure."""

from __future__ import annotations

import os
import threading

from interview_tui.store.autosave import SAVE_AFTER_SECONDS, Autosaver
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make(tmp_path, intake, listener=None):
    clock = FakeClock()
    store = SessionStore(tmp_path / "sessions")
    session = Session.start("C-1", intake)
    saver = Autosaver(store, session, listener=listener, clock=clock)
    return clock, store, session, saver


def wait_idle(saver: Autosaver) -> None:
    if saver._pending is not None:
        saver._pending.result(timeout=5)


def test_tick_writes_at_most_once_per_interval(tmp_path, intake):
    clock, store, session, saver = make(tmp_path, intake)
    phase = intake.phases[0]
    session.set_note(phase.id, phase.prompts[0].id, "first words")
    saver.changed()
    saver.tick()
    wait_idle(saver)
    assert saver.unsaved, "written too early"
    clock.now += SAVE_AFTER_SECONDS + 0.01
    saver.tick()
    wait_idle(saver)
    assert not saver.unsaved
    assert store.load(session.id).note(phase.id, phase.prompts[0].id) == "first words"
    saver.close()


def test_writes_happen_on_another_thread(tmp_path, intake):
    threads = []
    clock, store, session, saver = make(tmp_path, intake, listener=lambda ok, p: threads.append(threading.current_thread()))
    saver.changed()
    clock.now += 5
    saver.tick()
    wait_idle(saver)
    assert threads and threads[0] is not threading.main_thread()
    saver.close()


def test_time_in_phase_is_booked(tmp_path, intake):
    clock, store, session, saver = make(tmp_path, intake)
    clock.now += 42
    assert saver.save_now()
    assert store.load(session.id).phase_notes(session.current_phase).seconds_spent == 42
    saver.close()


def test_failed_save_is_reported_retried_and_keeps_last_good_file(tmp_path, intake, monkeypatch):
    results = []
    clock, store, session, saver = make(tmp_path, intake, listener=lambda ok, p: results.append((ok, p)))
    phase = intake.phases[0]
    prompt = phase.prompts[0].id
    session.set_note(phase.id, prompt, "saved version")
    saver.changed()
    assert saver.save_now()
    good = store.path_for(session.id).read_bytes()

    real_write = os.write

    def disk_full(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    session.set_note(phase.id, prompt, "newer text")
    saver.changed()
    assert not saver.save_now()
    assert results[-1] == (False, f"No space left on device ({store.folder})")
    assert saver.unsaved
    assert store.path_for(session.id).read_bytes() == good
    # A failed save is retried on the very next tick, without waiting for the quiet time.
    monkeypatch.setattr(os, "write", real_write)
    saver.tick()
    wait_idle(saver)
    assert not saver.unsaved and results[-1] == (True, None)
    assert store.load(session.id).note(phase.id, prompt) == "newer text"
    saver.close()
