"""The session index: lists come from it, and it always ends up agreeing with the files."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.core.session import Session
from interview_tui.store import index_schema
from interview_tui.store.index import INDEX_NAME, SETTLE_NS, SessionIndex
from interview_tui.store.index_client import client_listing
from interview_tui.store.sessions import SessionStore, _summary_of

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def later_clock() -> int:
    """A clock far enough ahead that every file written so far counts as settled."""
    return time.time_ns() + 10 * SETTLE_NS


def truth(folder: Path) -> list[tuple]:
    """What a list must show, read the slow way: every file, no index."""
    found = []
    for path in folder.glob("*.json"):
        if path.name.startswith("."):
            continue
        try:
            s = _summary_of(path, path.read_bytes())
        except (OSError, ValueError, KeyError, TypeError):
            found.append(("unreadable", path.name))
            continue
        found.append((s.id, s.client, s.protocol, s.status, s.started_at, s.updated_at, s.path))
    return sorted(found, key=str)


def listed(store: SessionStore) -> list[tuple]:
    summaries, problems = store.summaries()
    found = [(s.id, s.client, s.protocol, s.status, s.started_at, s.updated_at, s.path) for s in summaries]
    found += [("unreadable", Path(p.split(":")[0]).name) for p in problems]
    return sorted(found, key=str)


def read_index(store: SessionStore) -> tuple[dict, dict]:
    """The index database as the old tests saw the file: {"count", "head": [[name, row], ...newest]} and
    {"files": {name: row}}; a row is [mtime_ns, size, settled, id, client, protocol, title, status, started_at,
    updated_at, sort, read_only, case], or [mtime_ns, size, settled, problem] for an unreadable file."""
    db = sqlite3.connect(store.folder / INDEX_NAME)
    try:
        rows = db.execute(f"SELECT {index_schema.COLUMNS} FROM files ORDER BY problem IS NOT NULL, sort DESC, name DESC").fetchall()
    finally:
        db.close()
    files = {}
    for r in rows:
        if r[13] is not None:
            files[r[0]] = [r[1], r[2], bool(r[3]), r[13]]
        else:
            files[r[0]] = [r[1], r[2], bool(r[3]), r[0][:-5], *r[4:11], bool(r[11]), r[12]]
    good = [(name, row) for name, row in files.items() if len(row) == 13]
    return {"count": len(good), "head": good[:200]}, {"files": files}


def write_index(store: SessionStore, head: dict, body: dict) -> None:
    db = sqlite3.connect(store.folder / INDEX_NAME)
    try:
        with db:
            db.execute("DELETE FROM files")
            for name, row in body["files"].items():
                if len(row) == 4:
                    values = (name, row[0], row[1], int(row[2]), *[None] * 9, row[3])
                else:
                    values = (name, row[0], row[1], int(row[2]), *row[4:11], int(row[11]), row[12], None)
                db.execute(f"INSERT INTO files ({index_schema.COLUMNS}) VALUES ({', '.join('?' * 14)})", values)
    finally:
        db.close()


def add(store: SessionStore, intake, client: str, minutes: int) -> Session:
    session = Session.start(client, intake, at=BASE + timedelta(minutes=minutes))
    store.save(session)
    return session


def rewrite(path: Path, **changes) -> None:
    """Change a session file the way another program (or a restored backup) would."""
    data = json.loads(path.read_bytes())
    data.update(changes)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


@pytest.fixture
def three(store, intake):
    return [add(store, intake, f"DEMO-{n:02d}", n) for n in range(3)]


def test_lists_newest_first_and_writes_a_private_index(store, three):
    summaries, problems = store.summaries()
    assert [s.id for s in summaries] == [s.id for s in reversed(three)]
    assert problems == []
    index_path = store.folder / INDEX_NAME
    assert stat.S_IMODE(index_path.stat().st_mode) == 0o600
    head, body = read_index(store)
    assert set(body["files"]) == {f"{s.id}.json" for s in three}
    assert head["count"] == 3 and [name for name, _ in head["head"]] == [f"{s.id}.json" for s in reversed(three)]


def test_an_up_to_date_index_reads_no_session_file(store, three):
    index = SessionIndex(store.folder, store._read_summary, clock_ns=later_clock)
    assert index.list().files_read == 3
    again = index.list()
    assert again.files_read == 0
    assert [s.id for s in again.summaries] == [s.id for s in reversed(three)]


def test_a_file_added_behind_the_apps_back_is_listed(store, intake, three):
    SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list()
    other = SessionStore(store.folder)  # another run of the app, say
    newcomer = add(other, intake, "DEMO-NEW", 99)
    listing = SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list()
    assert listing.files_read == 1
    assert listing.summaries[0].id == newcomer.id
    assert listed(store) == truth(store.folder)


def test_a_file_changed_behind_the_apps_back_is_read_again(store, three):
    SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list()
    path = store.path_for(three[0].id)
    rewrite(path, status="completed", client_code="DEMO-CHANGED")
    listing = SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list()
    assert listing.files_read == 1
    changed = next(s for s in listing.summaries if s.id == three[0].id)
    assert (changed.status, changed.client) == ("completed", "DEMO-CHANGED")


def test_a_same_size_rewrite_in_the_same_mtime_tick_is_still_seen(store, three):
    """Without the settle guard, equal size and mtime would hide this change."""
    index = SessionIndex(store.folder, store._read_summary)  # real clock: the files were written just now
    index.list()
    path = store.path_for(three[1].id)
    before = path.stat()
    rewrite(path, client_code="DEMO-99")  # same length as DEMO-01
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    changed = next(s for s in index.list().summaries if s.id == three[1].id)
    assert changed.client == "DEMO-99"


def test_a_file_removed_behind_the_apps_back_is_dropped(store, three):
    store.summaries()
    store.path_for(three[2].id).unlink()
    summaries, _ = store.summaries()
    assert [s.id for s in summaries] == [three[1].id, three[0].id]
    assert f"{three[2].id}.json" not in read_index(store)[1]["files"]


def test_crash_between_writing_sessions_and_updating_the_index(store, intake, three):
    """The index on disk is older than the files: as if the app died right after its session writes."""
    store.summaries()
    stale_index = (store.folder / INDEX_NAME).read_bytes()
    newcomer = add(store, intake, "DEMO-03", 3)
    rewrite(store.path_for(three[0].id), status="completed")
    store.path_for(three[1].id).unlink()
    (store.folder / INDEX_NAME).write_bytes(stale_index)  # the index update never happened
    summaries, _ = store.summaries()
    assert [s.id for s in summaries] == [newcomer.id, three[2].id, three[0].id]
    assert summaries[-1].status == "completed"
    assert listed(store) == truth(store.folder)


def test_crash_while_writing_the_index_leaves_the_old_index_and_lists_right(store, intake, three):
    """A process killed in the middle of an index transaction leaves a hot journal: the next reader puts the
    database back as it was before the transaction, then lists what the files say."""
    store.summaries()
    before = read_index(store)
    newcomer = add(store, intake, "DEMO-03", 3)
    killed = subprocess.run(  # noqa: PLW1510 (the exit code is the point)
        [sys.executable, "-c", (
            "import os, sqlite3, sys; db = sqlite3.connect(sys.argv[1], isolation_level=None);"
            "db.execute('PRAGMA journal_mode = DELETE'); db.execute('PRAGMA cache_size = 0');"
            "db.execute('BEGIN IMMEDIATE'); db.execute('DELETE FROM files'); db.execute('PRAGMA cache_spill = 1');"
            "[db.execute('INSERT INTO files (name, mtime_ns, size, settled, problem) VALUES (?, 1, 1, 0, ?)', (f'x{i}.json', 'p' * 500)) for i in range(2000)];"
            "os._exit(9)"
        ), str(store.folder / INDEX_NAME)],
    )  # fmt: skip
    assert killed.returncode == 9
    assert (store.folder / f"{INDEX_NAME}-journal").exists()  # the transaction was under way
    assert read_index(store) == before
    summaries, _ = SessionStore(store.folder).summaries()
    assert summaries[0].id == newcomer.id
    assert listed(store) == truth(store.folder)


def test_one_clients_sessions(store, intake, three):
    again = add(store, intake, "DEMO-01", 50)
    summaries, _ = store.summaries(client="DEMO-01")
    assert [s.id for s in summaries] == [again.id, three[1].id]
    assert store.summaries(client="DEMO-77") == ([], [])


def test_one_clients_sessions_without_loading_the_index(store, intake, three):
    """``client_summaries`` makes only this client's rows (the whole index is never held), and still sees files added, changed (to or away from the client) or removed behind the app's back."""
    store.summaries()
    fresh = SessionStore(store.folder)
    assert [s.id for s in fresh.client_summaries("DEMO-01")] == [three[1].id]
    assert fresh._session_index()._cached is None  # the whole index was never held
    extra = add(store, intake, "DEMO-01", 30)
    rewrite(store.path_for(three[2].id), client_code="DEMO-01")
    rewrite(store.path_for(three[1].id), client_code="DEMO-09")
    time.sleep(0.01)
    got = SessionStore(store.folder).client_summaries("DEMO-01")
    assert [s.id for s in got] == [extra.id, three[2].id]
    store.path_for(extra.id).unlink()
    assert [s.id for s in SessionStore(store.folder).client_summaries("DEMO-01")] == [three[2].id]
    assert read_index(store)[1]["files"].keys() == {p.name for p in store.folder.glob("*.json")}  # kept up to date


def test_one_clients_sessions_from_an_up_to_date_index_read_no_session_file(store, intake, three):
    SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list()
    index = SessionIndex(store.folder, store._read_summary, clock_ns=later_clock)
    listing = client_listing(index, "DEMO-01")
    assert [s.id for s in listing.summaries] == [three[1].id] and listing.files_read == 0
    add(store, intake, "DEMO-05", 40)  # one file the index does not know: read, whoever's it is
    again = SessionIndex(store.folder, store._read_summary, clock_ns=later_clock)
    assert client_listing(again, "DEMO-01").files_read == 1


def test_a_forged_entry_for_a_file_that_is_not_there_is_not_listed(store, three):
    store.summaries()
    head, data = read_index(store)
    data["files"]["20990101-000000-dead.json"] = data["files"][f"{three[0].id}.json"]
    write_index(store, head, data)
    assert listed(store) == truth(store.folder)


def test_an_unreadable_file_is_reported_and_moved_aside(store, three):
    bad = store.folder / "20260101-000000-beef.json"
    bad.write_text("{half a sess")
    _, problems = store.summaries()
    assert len(problems) == 1 and bad.name in problems[0] and "moved unchanged" in problems[0]
    assert not bad.exists()  # quarantined byte for byte (see test_quarantine_*), so the list is clean again
    summaries, problems = store.summaries()
    assert problems == [] and len(summaries) == 3
    bad.write_bytes(store.path_for(three[0].id).read_bytes().replace(three[0].id.encode(), b"20260101-000000-beef"))
    summaries, problems = store.summaries()
    assert problems == []
    assert "20260101-000000-beef" in [s.id for s in summaries]


def test_no_folder_lists_nothing_and_creates_nothing(tmp_path):
    store = SessionStore(tmp_path / "absent")
    assert store.summaries() == ([], [])
    assert not (tmp_path / "absent").exists()


def test_a_read_only_folder_still_lists(store, three):
    store.summaries()
    (store.folder / INDEX_NAME).unlink()
    os.chmod(store.folder, 0o500)
    try:
        if os.access(store.folder / "probe", os.W_OK) or os.geteuid() == 0:
            pytest.skip("running as root: permissions are not enforced")
        assert listed(store) == truth(store.folder)
    finally:
        os.chmod(store.folder, 0o700)


def readable(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except ValueError:
        return False
    return True


OPERATIONS = st.lists(
    st.sampled_from(["add", "complete", "rename", "remove", "corrupt-file", "list", "stale-index", "drop-index"]),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS, picks=st.lists(st.integers(0, 50), min_size=12, max_size=12))
def test_any_history_of_changes_lists_what_the_files_say(intake, operations, picks):
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp) / "sessions")
        sessions: list[Session] = [add(store, intake, "DEMO-00", 0)]
        saved_index: bytes | None = None
        for step, (op, pick) in enumerate(zip(operations, picks)):
            existing = [s for s in sessions if store.path_for(s.id).exists() and readable(store.path_for(s.id))]
            target = existing[pick % len(existing)] if existing else None
            if op == "add":
                sessions.append(add(store, intake, f"DEMO-{step:02d}", step + 1))
            elif op == "complete" and target:
                rewrite(store.path_for(target.id), status="completed")
            elif op == "rename" and target:
                rewrite(store.path_for(target.id), client_code=f"DEMO-R{pick}")
            elif op == "remove" and target:
                store.path_for(target.id).unlink()
            elif op == "corrupt-file" and target:
                store.path_for(target.id).write_text("{")
            elif op == "list":
                expected = truth(store.folder)  # first: listing moves a damaged file to quarantine
                assert listed(store) == expected
                index_path = store.folder / INDEX_NAME
                saved_index = index_path.read_bytes() if index_path.exists() else None
            elif op == "stale-index" and saved_index is not None:
                (store.folder / INDEX_NAME).write_bytes(saved_index)
            elif op == "drop-index":
                (store.folder / INDEX_NAME).unlink(missing_ok=True)
        expected = truth(store.folder)
        for client in sorted({e[1] for e in expected if e[0] != "unreadable"}):
            # One client's sessions for a session about to start: the same, from a store with nothing in memory.
            mine = SessionStore(store.folder).client_summaries(client)
            assert [s.started_at for s in mine] == sorted((s.started_at for s in mine), reverse=True)
            got = sorted(((s.id, s.client, s.protocol, s.status, s.started_at, s.updated_at, s.path) for s in mine), key=str)
            assert got == [e for e in expected if e[0] != "unreadable" and e[1] == client]
        expected = truth(store.folder)
        assert listed(store) == expected


def test_peek_gives_the_newest_as_last_indexed_without_reading_files(store, intake, three):
    assert SessionIndex(store.folder, store._read_summary).peek(2) is None  # no index yet
    store.summaries()
    store.path_for(three[2].id).unlink()  # peek does not look at the files...
    newest, count = SessionIndex(store.folder, store._read_summary).peek(2)
    assert [s.id for s in newest] == [three[2].id, three[1].id] and count == 3
    summaries, _ = store.summaries()  # ...the full listing does
    assert [s.id for s in summaries] == [three[1].id, three[0].id]
    assert store.newest_summaries(5)[1] == 2


def test_peek_refuses_a_damaged_index(store, three):
    store.summaries()
    (store.folder / INDEX_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    assert SessionIndex(store.folder, store._read_summary).peek(3) is None
    assert SessionIndex(store.folder, store._read_summary).peek(10_000) is None  # more than a first screen
    db = sqlite3.connect(store.folder / INDEX_NAME)
    db.execute("PRAGMA user_version = 8")  # an older version
    db.close()
    assert SessionIndex(store.folder, store._read_summary).peek(3) is None
    assert listed(store) == truth(store.folder)


def test_a_file_just_saved_is_read_again_until_it_has_settled(store, three):
    SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list()
    index = SessionIndex(store.folder, store._read_summary)  # real clock: the next write counts as recent
    index.list()
    rewrite(store.path_for(three[0].id), status="completed")  # an autosave, say
    for _ in range(2):
        listing = index.list()
        assert listing.files_read == 1
        assert next(s for s in listing.summaries if s.id == three[0].id).status == "completed"
    settled = SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list()  # once it has settled, it is kept
    assert settled.files_read == 1
    assert SessionIndex(store.folder, store._read_summary, clock_ns=later_clock).list().files_read == 0


def test_listed_paths_are_ordinary_paths(store, three):
    summaries, _ = store.summaries()
    for s in summaries:
        assert s.path == store.folder / f"{s.id}.json" and str(s.path) == str(store.folder / f"{s.id}.json")
        assert s.path.parent == store.folder and s.path.name == f"{s.id}.json" and s.path.exists()
