"""Sessions on disk: round trips, atomic private writes, listing."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core.session import Session, is_valid_client_code
from interview_tui.store.sessions import SessionStore, StoreError
from interview_tui.store.private_files import write_private_atomic

AT = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


def test_new_session_copies_the_protocol(intake):
    s = Session.start("C-0142", intake, at=AT)
    assert s.client_code == "C-0142"
    assert s.current_phase == intake.phases[0].id
    assert [p.id for p in s.protocol.phases] == [p.id for p in intake.phases]
    assert s.protocol.phases[0].prompts[0].text == intake.phases[0].prompts[0].text
    assert s.id.startswith("20261123-093000-")
    assert "C-0142" not in s.id


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(), other=st.text(), checked=st.booleans(), seconds=st.floats(0, 1e6, allow_nan=False))
def test_round_trip_keeps_any_text(tmp_path, intake, note, other, checked, seconds):
    store = SessionStore(tmp_path / "sessions")
    s = Session.start("C-1", intake, at=AT)
    phase = intake.phases[2]
    s.set_note(phase.id, phase.prompts[0].id, note)
    s.set_other_notes(phase.id, other)
    if phase.checklist:
        s.set_checked(phase.id, phase.checklist[0].id, checked)
    s.add_time(phase.id, seconds)
    store.save(s)
    assert store.load(s.id) == s


def test_files_and_folders_are_private_even_with_open_umask(tmp_path, intake):
    old = os.umask(0)
    try:
        store = SessionStore(tmp_path / "a" / "b" / "sessions")
        path = store.save(Session.start("C-1", intake, at=AT))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    write_private_atomic(target, b"old")

    def fail(fd, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", fail)
    with pytest.raises(OSError):
        write_private_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_leftover_temp_files_are_removed(tmp_path, intake):
    store = SessionStore(tmp_path / "sessions")
    s = Session.start("C-1", intake, at=AT)
    path = store.save(s)
    leftover = path.parent / f".{path.name}.tmp-123-abcdef"
    leftover.write_text("half a note")
    assert store.remove_leftover_temp_files() == 1
    assert not leftover.exists() and path.exists()


def test_summaries_newest_first_and_unreadable_reported(tmp_path, intake):
    store = SessionStore(tmp_path / "sessions")
    older = Session.start("C-1", intake, at=AT)
    newer = Session.start("C-2", intake, at=AT + timedelta(hours=1))
    store.save(older)
    store.save(newer)
    (store.folder / "broken.json").write_text("{not json")
    summaries, problems = store.summaries()
    assert [s.id for s in summaries] == [newer.id, older.id]
    assert summaries[0].client == "C-2" and summaries[0].status == "in_progress"
    assert len(problems) == 1 and "broken.json" in problems[0]


def test_load_unknown_and_malformed_ids(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    with pytest.raises(StoreError, match="no session with id '20261123-093000-ffff'"):
        store.load("20261123-093000-ffff")
    with pytest.raises(StoreError, match="no session with id '../etc/passwd'"):
        store.load("../etc/passwd")


def test_load_wrong_schema_names_the_file(tmp_path, intake):
    store = SessionStore(tmp_path / "sessions")
    s = Session.start("C-1", intake, at=AT)
    path = store.save(s)
    data = json.loads(path.read_text())
    del data["client_code"]
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match=f"{path}: not a readable session file \\(client_code: Field required\\)"):
        store.load(s.id)


@pytest.mark.parametrize("code,ok", [("C-0142", True), ("ab.c_d", True), ("", False), ("two words", False),
                                     ("-x", False), ("x" * 41, False), ("Zoë", False)])
def test_client_codes(code, ok):
    assert is_valid_client_code(code) is ok


def test_phase_after_clamps(intake):
    s = Session.start("C-1", intake, at=AT)
    ids = s.phase_ids
    assert s.phase_after(ids[0], -1) == ids[0]
    assert s.phase_after(ids[0], 1) == ids[1]
    assert s.phase_after(ids[-1], 1) == ids[-1]
