"""Audit log (hash-chained, no client text) and deleting through a confirmed trash."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.cli import trash_and_audit
from interview_tui.store.audit import AuditError, AuditLog
from interview_tui.cli.main import main
from interview_tui.core.session import Session
from interview_tui.store.lock import SessionLock
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import trash_folder
from interview_tui.ui.app import make_app

SENTINEL = "IBIS-SENTINEL-6630"
IDS = ["20261120-142501-a3f9", "20261121-090000-bbbb", "20261122-101010-cccc"]


def cli(locations, *args):
    return main(["--data-dir", str(locations.data_dir), *args])


@pytest.fixture
def log(locations):
    log = AuditLog(locations.data_dir)
    for event, sid in [("session_opened", IDS[0]), ("unlock_failed", None), ("session_deleted", IDS[1]),
                       ("session_exported", IDS[2]), ("session_opened", IDS[2])]:
        log.log(event, sid)
    return log


def test_chain_verifies_and_records_only_events_and_ids(log):
    assert log.verify().ok and log.verify().entries == 5
    entries = log.entries()
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    assert all(set(e) == {"seq", "at", "event", "session", "prev", "hash"} for e in entries)
    assert entries[1]["prev"] == entries[0]["hash"]
    assert log.path.stat().st_mode & 0o777 == 0o600


def test_client_text_cannot_get_into_the_log(log):
    with pytest.raises(AuditError):
        log.log("session_opened", f"client {SENTINEL}")
    with pytest.raises(AuditError):
        log.log(f"note: {SENTINEL}")
    assert SENTINEL.encode() not in log.path.read_bytes()


def _lines(log):
    return log.path.read_bytes().split(b"\n")[:-1]


def _write(log, lines):
    log.path.write_bytes(b"\n".join(lines) + b"\n")


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (lambda ls: ls[:1] + ls[2:], "line 2: does not follow line 1"),
        (lambda ls: [ls[0], ls[2], ls[1], *ls[3:]], "line 2: does not follow line 1"),
        (lambda ls: [*ls[:2], ls[2].replace(b"session_deleted", b"session_opened"), *ls[3:]], "line 3: its content"),
        (lambda ls: [*ls[:3], b"{not json", *ls[3:]], "line 4: not an audit entry"),
        (lambda ls: [ls[0], ls[1][:-3] + b', "x": 1}', *ls[2:]], "line 2: "),
        (lambda ls: [*ls[:2], b"", *ls[2:]], "line 3: empty line"),
    ],
)
def test_verify_reports_a_broken_chain(log, locations, capsys, tamper, expected):
    _write(log, tamper(_lines(log)))
    verdict = log.verify()
    assert not verdict.ok and verdict.problem.startswith(expected), verdict.problem
    assert cli(locations, "audit", "verify") == 1
    assert "audit log BROKEN at " + expected in capsys.readouterr().err


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_single_byte_change_is_caught(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("audit")
    log = AuditLog(folder)
    for sid in IDS:
        log.log("session_opened", sid)
    raw = bytearray(log.path.read_bytes())
    index = data.draw(st.integers(0, len(raw) - 2))  # the final newline is not part of an entry
    new = data.draw(st.integers(0, 255).filter(lambda b: b != raw[index]))
    raw[index] = new
    log.path.write_bytes(bytes(raw))
    assert not log.verify().ok


def test_cli_verify_ok_and_list(log, locations, capsys):
    assert cli(locations, "audit", "verify") == 0
    assert "Audit log intact: 5 entries" in capsys.readouterr().out
    assert cli(locations, "audit", "list") == 0
    assert "unlock_failed" in capsys.readouterr().out


@pytest.fixture
def three(store, intake):
    sessions = []
    for sid, client in zip(IDS, ["CL-1", "CL-1", "CL-2"]):
        s = Session.start(client, intake)
        s.id = sid
        s.set_note("preparation", "record-review", SENTINEL)
        store.save(s)
        sessions.append(s)
    return sessions


def test_delete_asks_and_does_nothing_without_yes(locations, store, three, monkeypatch, capsys):
    asked = []
    monkeypatch.setattr(trash_and_audit, "confirm", lambda q: asked.append(q) or "no")
    assert cli(locations, "delete", IDS[0]) == 1
    assert asked and store.path_for(IDS[0]).exists()
    assert not AuditLog(locations.data_dir).path.exists()


def test_delete_moves_a_clients_sessions_to_the_trash_and_audits_it(locations, store, three, monkeypatch, capsys):
    monkeypatch.setattr(trash_and_audit, "confirm", lambda q: "yes")
    assert cli(locations, "delete", "--client", "CL-1") == 0
    assert not store.path_for(IDS[0]).exists() and not store.path_for(IDS[1]).exists()
    assert store.path_for(IDS[2]).exists()
    in_trash = sorted(p.name for p in trash_folder(store).iterdir())
    assert [n.split(".")[0] for n in in_trash] == IDS[:2]
    log = AuditLog(locations.data_dir)
    assert sorted((e["event"], e["session"]) for e in log.entries()) == [("session_deleted", i) for i in IDS[:2]]
    assert SENTINEL.encode() not in log.path.read_bytes() and b"CL-1" not in log.path.read_bytes()
    assert [s.id for s in SessionStore(locations.sessions_dir).summaries()[0]] == [IDS[2]]
    assert cli(locations, "trash", "empty", "--yes") == 0
    assert list(trash_folder(store).iterdir()) == []
    assert log.entries()[-1]["event"] == "trash_emptied" and log.verify().ok


def test_delete_is_refused_while_the_session_is_open(locations, store, three, capsys):
    lock = SessionLock(store.folder, IDS[0]).acquire()
    try:
        assert cli(locations, "delete", IDS[0], "--yes") == 2
    finally:
        lock.release()
    assert "already open" in capsys.readouterr().err and store.path_for(IDS[0]).exists()


@pytest.mark.parametrize("held", [0, 1])
def test_delete_client_moves_all_or_none_when_one_session_is_open(locations, store, three, capsys, held):
    """Item 17: every session is checked (locked) before the first one moves."""
    lock = SessionLock(store.folder, IDS[held]).acquire()
    try:
        assert cli(locations, "delete", "--client", "CL-1", "--yes") == 2
    finally:
        lock.release()
    err = capsys.readouterr().err
    assert "already open" in err and "nothing was deleted" in err
    assert store.path_for(IDS[0]).exists() and store.path_for(IDS[1]).exists()
    assert not trash_folder(store).exists() or list(trash_folder(store).iterdir()) == []
    assert "session_deleted" not in [e["event"] for e in AuditLog(locations.data_dir).entries()]


def test_a_move_to_the_trash_that_fails_halfway_puts_back_those_already_moved(locations, store, three, monkeypatch):
    from interview_tui.store import trash
    from interview_tui.store.sessions import StoreError

    real = os.rename
    calls = []

    def fail_second(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(trash.os, "rename", fail_second)
    with pytest.raises(StoreError, match="nothing was deleted"):
        trash.move_all_to_trash(store, IDS[:2])
    monkeypatch.undo()
    assert store.path_for(IDS[0]).exists() and store.path_for(IDS[1]).exists()
    assert list(trash_folder(store).iterdir()) == []


def test_cli_unlock_failure_is_audited(locations, store, three, fast_kdf, passphrases):
    passphrases.extend(["correct horse battery"] * 2)
    assert cli(locations, "encrypt") == 0
    passphrases.extend(["bad guess 1", "correct horse battery"])
    assert cli(locations, "sessions") == 0
    events = [e["event"] for e in AuditLog(locations.data_dir).entries()]
    assert events == ["encryption_turned_on", "unlock_failed"]


async def test_home_screen_delete_confirms_then_trashes_and_audits(locations, catalogue, store, three):
    app = make_app(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = app.screen.summaries[0].id
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("enter")  # the focused button is Cancel
        await pilot.pause()
        assert store.path_for(first).exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert not store.path_for(first).exists()
        assert len(app.screen.summaries) == 2
        await pilot.press("enter")  # open another session: audited
        await pilot.pause()
    events = [(e["event"], e["session"]) for e in AuditLog(locations.data_dir).entries()]
    assert events[0] == ("session_deleted", first) and events[1][0] == "session_opened"
    assert SENTINEL.encode() not in AuditLog(locations.data_dir).path.read_bytes()


def test_cli_export_unlocks_an_encrypted_store_and_is_audited(locations, store, three, fast_kdf, passphrases, capsys):
    passphrases.extend(["correct horse battery"] * 2)
    assert cli(locations, "encrypt") == 0
    out_file = locations.data_dir.parent / "export.md"
    passphrases.append("correct horse battery")
    assert cli(locations, "export", IDS[0], "-o", str(out_file)) == 0
    assert SENTINEL in out_file.read_text()
    assert "the export is not encrypted" in capsys.readouterr().err
    entries = AuditLog(locations.data_dir).entries()
    assert (entries[-1]["event"], entries[-1]["session"]) == ("session_exported", IDS[0])
