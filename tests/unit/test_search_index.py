"""The search index (an SQLite database) always ends up agreeing with the session files, holds client text
only as it may, and is rebuilt whenever it is missing, of an older version or damaged."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interview_tui.search import index as search_index
from interview_tui.cli.main import main
from interview_tui.store.encryption import MAGIC as SEALED
from interview_tui.search.query import SearchError, search_notes, update_index
from interview_tui.search.schema import FILE_NAME as INDEX_NAME, OLD_FILES, VERSION
from interview_tui.search.text import fold
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore
from interview_tui.store.private_files import TEMP_MARK

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SENTINEL = "Okapi-Sentinel-5519"
MAGIC = b"SQLite format 3\x00"
PASS = "correct horse battery"


@pytest.fixture
def settled(monkeypatch):
    """Every session file counts as settled at once (as it does two seconds after it was written)."""
    monkeypatch.setattr(search_index, "SETTLE_NS", -(10**18))


def add(store: SessionStore, intake, client: str, hours: int, note: str = "") -> Session:
    session = Session.start(client, intake, at=BASE + timedelta(hours=hours))
    session.set_note(intake.phases[1].id, intake.phases[1].prompts[0].id, note or f"note of {client}")
    store.save(session)
    return session


def truth(folder: Path, text: str) -> list[tuple[str, str, str]]:
    """What a search must find, the slow way: every file read, every note folded."""
    rows = []
    for path in folder.glob("*.json"):
        if path.name.startswith("."):
            continue  # the session index (a search lists the folder first)
        data = json.loads(path.read_bytes())
        for phase_id, record in data["phases"].items():
            for prompt_id, note in record["notes"].items():
                if fold(text) in fold(note):
                    rows.append((data["started_at"], data["id"], f"{phase_id}/{prompt_id}"))
    return [(sid, where) for _, sid, where in sorted(rows, reverse=True)]


def searched(store: SessionStore, text: str) -> list[tuple[str, str]]:
    hits = search_notes(store, text).hits
    return [(h.session_id, f"{h.phase_id}/{h.prompt_id}") for h in hits if h.where == "note"]


def index_bytes(store: SessionStore) -> bytes:
    return (store.folder / INDEX_NAME).read_bytes()


def rows(store: SessionStore) -> list[str]:
    """The session files the database holds a row for."""
    with sqlite3.connect(store.folder / INDEX_NAME) as db:
        return sorted(name for (name,) in db.execute("SELECT name FROM sessions"))


def files(store: SessionStore) -> list[str]:
    return sorted(p.name for p in store.folder.glob("*.json") if not p.name.startswith("."))


@pytest.fixture
def three(store, intake, settled):
    sessions = [add(store, intake, f"C-{n}", n, f"the {['first', 'second', 'third'][n]} visit") for n in range(3)]
    search_notes(store, "visit")
    return sessions


def test_the_index_is_private_and_written_whole(store, three):
    path = store.folder / INDEX_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    assert path.read_bytes().startswith(MAGIC)
    assert not [p for p in store.folder.iterdir() if TEMP_MARK in p.name or p.name.endswith("-journal")]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION


def test_an_up_to_date_index_opens_no_session_file(store, three):
    result = search_notes(SessionStore(store.folder), "visit")
    assert result.files_read == 0
    assert [h.session_id for h in result.hits] == [s.id for s in reversed(three)]
    assert not update_index(store)  # without encryption every change is committed by the search itself


def test_only_the_changed_files_are_read_and_only_their_rows_rewritten(store, intake, three):
    with sqlite3.connect(store.folder / INDEX_NAME) as db:
        before = dict(db.execute("SELECT name, key FROM sessions"))
    session = store.load(three[1].id)
    session.set_note(intake.phases[2].id, intake.phases[2].prompts[0].id, "a new line")
    store.save(session)
    result = search_notes(SessionStore(store.folder), "new line")
    assert result.files_read == 1 and len(result.hits) == 1
    with sqlite3.connect(store.folder / INDEX_NAME) as db:
        after = dict(db.execute("SELECT name, key FROM sessions"))
    changed = store.path_for(three[1].id).name
    assert {n: k for n, k in after.items() if n != changed} == {n: k for n, k in before.items() if n != changed}


def test_a_session_added_behind_the_apps_back_is_found(store, intake, three):
    other = SessionStore(store.folder)  # another window, or a copied file
    newcomer = add(other, intake, "C-NEW", 10, "a visit from elsewhere")
    result = search_notes(store, "elsewhere")
    assert [h.session_id for h in result.hits] == [newcomer.id]
    assert result.files_read == 1
    assert searched(store, "visit") == truth(store.folder, "visit")
    assert search_notes(SessionStore(store.folder), "elsewhere").files_read == 0


def test_a_session_changed_behind_the_apps_back_is_read_again(store, three):
    path = store.path_for(three[0].id)
    data = json.loads(path.read_bytes())
    phase = next(iter(data["phases"].values()))
    phase["notes"]["changed"] = "rewritten by hand"
    data["phases"][next(iter(data["phases"]))] = phase
    for record in data["phases"].values():
        for key, value in record["notes"].items():
            record["notes"][key] = value.replace("first", "earliest")
    path.write_text(json.dumps(data), encoding="utf-8")
    assert search_notes(store, "first").hits == []
    assert [h.session_id for h in search_notes(store, "earliest").hits] == [three[0].id]
    assert searched(store, "visit") == truth(store.folder, "visit")
    assert fold("first visit").encode() not in index_bytes(store)  # the old row is gone, its pages wiped


def test_a_session_saved_by_the_app_is_found_at_the_next_search(store, intake, three):
    session = store.load(three[2].id)
    phase = intake.phases[4]
    session.set_note(phase.id, phase.prompts[0].id, "Goal: back to the choir by spring.")
    store.save(session)
    result = search_notes(store, "CHOIR")
    assert [(h.session_id, h.phase_id) for h in result.hits] == [(session.id, phase.id)]
    assert result.files_read == 1
    again = search_notes(SessionStore(store.folder), "choir")
    assert again.files_read == 0 and len(again.hits) == 1
    assert fold("back to the choir").encode() in index_bytes(store)


def test_a_same_size_change_in_the_same_mtime_tick_is_still_seen(store, intake, monkeypatch):
    """Without the settle guard (real clock here), equal size and mtime would hide this change."""
    session = add(store, intake, "C-1", 0, "alpha")
    search_notes(store, "alpha")
    path = store.path_for(session.id)
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"alpha", b"omega"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert search_notes(store, "alpha").hits == []
    assert len(search_notes(store, "omega").hits) == 1


def test_a_session_removed_behind_the_apps_back_is_not_found_and_leaves_the_index(store, three):
    store.path_for(three[1].id).unlink()
    assert search_notes(store, "second").hits == []
    assert [h.session_id for h in search_notes(store, "visit").hits] == [three[2].id, three[0].id]
    assert rows(store) == files(store)
    assert fold("the second visit").encode() not in index_bytes(store)


def test_crash_between_writing_sessions_and_updating_the_index(store, intake, three):
    """The index on disk is older than the files: as if the app died right after its session writes."""
    stale = index_bytes(store)
    newcomer = add(store, intake, "C-3", 3, "a visit after the crash")
    path = store.path_for(three[0].id)
    path.write_bytes(path.read_bytes().replace(b"first", b"FIRST!"))
    store.path_for(three[2].id).unlink()
    (store.folder / INDEX_NAME).write_bytes(stale)  # the index update never happened
    fresh = SessionStore(store.folder)  # the next run of the app
    assert searched(fresh, "visit") == truth(store.folder, "visit")
    assert [h.session_id for h in search_notes(fresh, "visit").hits] == [newcomer.id, three[1].id, three[0].id]
    assert search_notes(fresh, "third").hits == []
    assert search_notes(fresh, "first!").hits[0].snippet.parts()[1] == "FIRST!"


DIES_MID_TRANSACTION = """
import sqlite3, sys, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("DELETE FROM sessions")
db.execute("INSERT INTO sessions (key, name, mtime_ns, size, settled, session_id, client, protocol_id,"
           " protocol_title, started_at, sort, status)"
           " VALUES (1, 'x.json', 0, 0, 1, 'x', 'X', 'p', 'P', '2026-01-01T00:00:00', 0, '')")
db.execute("INSERT INTO notes (key, fields, folded) VALUES (1, x'00', 'half written')")
os._exit(9)  # killed before the commit: the journal is left behind, hot
"""


def test_a_process_killed_while_writing_the_index_leaves_it_whole(store, intake, three):
    subprocess.run([sys.executable, "-c", DIES_MID_TRANSACTION, str(store.folder / INDEX_NAME)], check=False)
    assert (store.folder / f"{INDEX_NAME}-journal").exists()
    fresh = SessionStore(store.folder)
    result = search_notes(fresh, "visit")
    assert result.files_read == 0  # SQLite put back what the killed transaction had begun
    assert searched(fresh, "visit") == truth(store.folder, "visit")
    assert search_notes(fresh, "half written").hits == []
    assert rows(store) == files(store)


def _damaged(good: bytes) -> list[bytes]:
    middle = len(good) // 2
    return [
        b"",
        b"garbage",
        good[: len(good) // 2],  # cut short
        good[:4096],  # only the first page
        b"X" + good[1:],  # not SQLite's magic
        good[:100] + b"\xff" * 4000 + good[4100:],  # the schema page overwritten
        good[:middle] + bytes(b ^ 0x5A for b in good[middle : middle + 8192]) + good[middle + 8192 :],
        good[:4096] + b"\x00" * (len(good) - 4096),  # every page but the first zeroed
        SEALED + good[len(SEALED):],  # sealed bytes in a store that is not encrypted
    ]


@pytest.mark.parametrize("damage", range(9))
def test_a_damaged_index_is_rebuilt_from_the_files(store, three, damage):
    broken = _damaged(index_bytes(store))[damage]
    (store.folder / INDEX_NAME).write_bytes(broken)
    fresh = SessionStore(store.folder)
    assert searched(fresh, "visit") == truth(store.folder, "visit")
    assert [h.snippet.text for h in search_notes(fresh, "second").hits] == ["the second visit"]
    again = SessionStore(store.folder)
    assert searched(again, "visit") == truth(store.folder, "visit")
    assert search_notes(again, "visit").files_read == 0  # rebuilt: trusted again
    assert rows(store) == files(store)


@pytest.mark.parametrize("change", [
    "PRAGMA user_version = 2",  # an older version of the schema
    "PRAGMA application_id = 1234",  # some other program's database
    "DROP TABLE sessions_fts",
])
def test_an_index_of_another_version_is_rebuilt(store, three, change):
    with sqlite3.connect(store.folder / INDEX_NAME) as db:
        db.execute(change)
    result = search_notes(SessionStore(store.folder), "visit")
    assert result.files_read == 3 and len(result.hits) == 3
    assert search_notes(SessionStore(store.folder), "visit").files_read == 0


def test_a_missing_index_is_rebuilt(store, three):
    (store.folder / INDEX_NAME).unlink()
    fresh = SessionStore(store.folder)
    result = search_notes(fresh, "visit")
    assert result.files_read == 3 and len(result.hits) == 3
    assert search_notes(SessionStore(store.folder), "visit").files_read == 0


def test_the_old_index_file_goes_once_the_database_is_built(store, intake, settled):
    add(store, intake, "C-1", 0, "a visit")
    old = store.folder / OLD_FILES[0]
    old.write_bytes(b"ITUI-SEARCH-1\n\x00\x00 the old layout, with note text")
    assert len(search_notes(store, "visit").hits) == 1
    assert not old.exists()


def test_a_big_rebuild_is_written_in_steps(store, intake, settled, monkeypatch):
    monkeypatch.setattr(search_index, "READ_IN_ONE_GO", 2)
    sessions = [add(store, intake, f"C-{n}", n, "visit") for n in range(5)]
    result = search_notes(store, "visit")
    assert [h.session_id for h in result.hits] == [s.id for s in reversed(sessions)]
    assert search_notes(SessionStore(store.folder), "visit").files_read == 0


def test_sessions_started_in_the_same_second_come_newest_first_then_by_id(store, intake, settled):
    made = []
    for n, at in enumerate([BASE, BASE + timedelta(milliseconds=500), BASE, BASE, BASE + timedelta(seconds=1)]):
        session = Session.start(f"C-{n}", intake, at=at)
        session.set_note(intake.phases[1].id, intake.phases[1].prompts[0].id, "same moment")
        store.save(session)
        made.append((session.started_at, session.id))
    expected = [sid for _, sid in sorted(made, reverse=True)]
    assert [h.session_id for h in search_notes(store, "same moment").hits] == expected
    for limit in (1, 2, 3):
        assert [h.session_id for h in search_notes(SessionStore(store.folder), "same moment", limit=limit).hits] == (
            expected[:limit])


def test_emptying_the_trash_takes_the_notes_out_of_the_index(locations, store, three):
    from interview_tui.store.trash import empty_trash, move_to_trash

    move_to_trash(store, three[1].id)
    empty_trash(store)
    assert fold("the second visit").encode() not in index_bytes(store)
    assert rows(store) == files(store)
    assert [h.session_id for h in search_notes(SessionStore(store.folder), "visit").hits] == [three[2].id, three[0].id]


def test_a_folder_the_index_cannot_be_written_in_still_searches(store, three, intake, monkeypatch):
    from read_only_folder import make_read_only

    newcomer = add(store, intake, "C-9", 9, "read only visit")
    before = index_bytes(store)
    make_read_only(monkeypatch, store.folder)
    fresh = SessionStore(store.folder)
    assert search_notes(fresh, "visit").hits[0].session_id == newcomer.id
    assert not update_index(fresh)  # no error: the index is only a shortcut
    assert [h.session_id for h in search_notes(fresh, "read only").hits] == [newcomer.id]
    assert index_bytes(store) == before
    monkeypatch.undo()
    (store.folder / INDEX_NAME).unlink()
    make_read_only(monkeypatch, store.folder)
    assert len(search_notes(SessionStore(store.folder), "visit").hits) == 4  # no index at all: searched from memory


# ------------------------------------------------------------ random histories

WORDS = ["calm", "rent", "dogs", "cafe", "CAFE"]
"""Words of one length: most edits leave a file's size as it was (only its mtime tells)."""
QUERIES = ["calm", "cafe", "ca", "g", "rent dogs", "C-1"]
step = st.one_of(
    st.tuples(st.just("new"), st.integers(0, 3), st.lists(st.sampled_from(WORDS), min_size=2, max_size=2)),
    st.tuples(st.just("save"), st.integers(0, 20), st.lists(st.sampled_from(WORDS), min_size=2, max_size=2)),
    st.tuples(st.just("edit outside"), st.integers(0, 20), st.lists(st.sampled_from(WORDS), min_size=2, max_size=2)),
    st.tuples(st.just("delete"), st.integers(0, 20), st.just([])),
    st.tuples(st.just("restore"), st.integers(0, 20), st.just([])),
    st.tuples(st.just("crash"), st.integers(0, 1), st.just([])),
    st.tuples(st.just("search"), st.integers(0, len(QUERIES) - 1), st.just([])),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(step, min_size=1, max_size=25))
@example(history=[("new", 0, ["calm", "dogs"]), ("search", 0, []), ("edit outside", 0, ["rent", "dogs"]),
                  ("search", 0, []), ("restore", 0, []), ("search", 0, []), ("crash", 0, []), ("save", 0, ["cafe", "calm"]),
                  ("delete", 0, []), ("crash", 1, []), ("search", 0, [])])
def test_after_any_history_the_index_agrees_with_the_files(tmp_path_factory, intake, monkeypatch, history):
    """Saves by the app, edits and deletions behind its back, restores from a backup (old bytes, old mtime)
    and crashes (the index file put back as it was earlier): a search always finds what the files say."""
    monkeypatch.setattr(search_index, "SETTLE_NS", -(10**18))  # files settle at once; every write has its own mtime
    store = SessionStore(tmp_path_factory.mktemp("history") / "sessions")
    clock = [10**18]
    backups: list[tuple[Path, bytes, int]] = []
    snapshots: list[bytes] = []

    def stamp(path: Path) -> None:
        clock[0] += 10**9
        os.utime(path, ns=(clock[0], clock[0]))
        backups.append((path, path.read_bytes(), clock[0]))

    def sessions() -> list[Path]:
        return sorted(store.folder.glob("[!.]*.json")) if store.folder.is_dir() else []

    for kind, number, words in history:
        note = " ".join(words)
        if kind == "new":
            session = Session.start(f"C-{number}", intake, at=BASE + timedelta(minutes=len(backups)))
            session.set_note(intake.phases[1].id, intake.phases[1].prompts[0].id, note)
            store.save(session)
            stamp(store.path_for(session.id))
        elif kind in ("save", "edit outside") and sessions():
            path = sessions()[number % len(sessions())]
            if kind == "save":
                session = store.load(path.stem)
                session.set_note(intake.phases[2].id, intake.phases[2].prompts[0].id, note)
                store.save(session)
            else:
                raw = path.read_bytes()  # one note's words changed in place: the file keeps its size
                was = json.loads(raw)["phases"][intake.phases[1].id]["notes"][intake.phases[1].prompts[0].id]
                path.write_bytes(raw.replace(f'"{was}"'.encode(), f'"{note}"'.encode(), 1))
            stamp(path)
        elif kind == "delete" and sessions():
            sessions()[number % len(sessions())].unlink()
        elif kind == "restore" and backups:
            path, raw, mtime = backups[number % len(backups)]
            path.write_bytes(raw)
            os.utime(path, ns=(mtime, mtime))
        elif kind == "crash":
            index = store.folder / INDEX_NAME
            if number == 0 and index.exists():
                snapshots.append(index.read_bytes())
            elif snapshots:
                index.write_bytes(snapshots[-1])  # the index is older than the files, as after a crash
                store = SessionStore(store.folder)  # the next run of the app
        elif kind == "search":
            agrees(store, QUERIES[number])
    for query in QUERIES:
        agrees(store, query)
    assert rows(store) == files(store)


def agrees(store: SessionStore, query: str) -> None:
    """A search by ``store`` and by a new store (the next run of the app) finds what the files hold."""
    for searcher in (store, SessionStore(store.folder)):
        if query.startswith("C-"):
            hits = search_notes(searcher, "a", client=query).hits
            wanted = [h for h in truth_hits(store.folder, "a") if h[3] == query]
        else:
            hits = search_notes(searcher, query).hits
            wanted = truth_hits(store.folder, query)
        assert [(h.session_id, h.phase_id, h.prompt_id, h.client) for h in hits if h.where == "note"] == wanted


def truth_hits(folder: Path, text: str) -> list[tuple[str, str, str, str]]:
    """Every note holding ``text``, the slow way, newest session first, then in the order of the interview."""
    found = []
    for path in folder.glob("[!.]*.json"):
        data = json.loads(path.read_bytes())
        started = datetime.fromisoformat(data["started_at"]).timestamp()
        order = 0
        for phase in data["protocol"]["phases"]:
            notes = data["phases"].get(phase["id"], {}).get("notes", {})
            for prompt in phase["prompts"]:
                note = notes.get(prompt["id"])
                if note and fold(text) in fold(note):
                    found.append(((-started, tuple(-ord(c) for c in data["id"]), order),
                                  (data["id"], phase["id"], prompt["id"], data["client_code"])))
                order += 1
    return [hit for _, hit in sorted(found)]


# ------------------------------------------------------------ encryption


@pytest.fixture
def encrypted(locations, store, intake, settled, fast_kdf, passphrases):
    session = add(store, intake, "C-1", 0, f"said {SENTINEL} twice")
    search_notes(store, "twice")
    update_index(store)  # a clear-text index from before encryption was turned on
    passphrases.extend([PASS, PASS])
    assert main(["--data-dir", str(locations.data_dir), "encrypt"]) == 0
    return session


def unlocked(locations) -> SessionStore:
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock(PASS)
    return store


def no_clear_text(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert SENTINEL.encode() not in raw and fold(SENTINEL).encode() not in raw, path


def test_with_encryption_on_the_index_is_sealed_and_holds_no_clear_text(locations, encrypted, intake):
    store = unlocked(locations)
    other = Session.start("C-2", intake, at=BASE + timedelta(hours=5))
    other.set_note(intake.phases[0].id, intake.phases[0].prompts[0].id, f"{SENTINEL} again")
    store.save(other)
    assert len(search_notes(store, SENTINEL).hits) == 2
    assert update_index(store)
    raw = (store.folder / INDEX_NAME).read_bytes()
    assert raw.startswith(SEALED)
    no_clear_text(locations.data_dir)
    fresh = unlocked(locations)
    result = search_notes(fresh, SENTINEL.upper())
    assert len(result.hits) == 2 and result.files_read == 0  # the sealed index is used


def test_encrypt_seals_an_index_written_before(locations, encrypted):
    raw = (locations.sessions_dir / INDEX_NAME).read_bytes()
    assert raw.startswith(SEALED)
    no_clear_text(locations.data_dir)
    store = unlocked(locations)
    result = search_notes(store, "twice")
    assert len(result.hits) == 1 and result.files_read == 1  # encrypt rewrote the session file
    assert update_index(store)
    assert search_notes(unlocked(locations), "twice").files_read == 0
    no_clear_text(locations.data_dir)


def test_a_clear_text_index_in_an_encrypted_store_is_deleted_unread(locations, encrypted, intake, tmp_path):
    elsewhere = SessionStore(tmp_path / "backup" / "sessions")  # say, an index restored from an old backup
    elsewhere.save_bytes(encrypted.id, encrypted.to_json())
    search_notes(elsewhere, "twice")
    update_index(elsewhere)
    clear = (elsewhere.folder / INDEX_NAME).read_bytes()
    assert clear.startswith(MAGIC) and fold(SENTINEL).encode() in clear
    (locations.sessions_dir / INDEX_NAME).write_bytes(clear)
    store = unlocked(locations)
    result = search_notes(store, "twice")
    assert len(result.hits) == 1 and result.files_read == 1  # read from the session file, not the clear index
    assert not (store.folder / INDEX_NAME).exists()
    update_index(store)
    no_clear_text(locations.data_dir)


def test_a_locked_store_is_not_searched(locations, encrypted):
    with pytest.raises(SearchError, match="locked"):
        search_notes(SessionStore(locations.sessions_dir), "twice")


def test_decrypting_keeps_search_working(locations, encrypted, passphrases):
    store = unlocked(locations)
    search_notes(store, "twice")
    update_index(store)
    passphrases.append(PASS)
    assert main(["--data-dir", str(locations.data_dir), "decrypt"]) == 0
    plain = SessionStore(locations.sessions_dir)
    assert (plain.folder / INDEX_NAME).read_bytes().startswith(MAGIC)  # decrypt opened the index too
    result = search_notes(plain, "twice")
    assert len(result.hits) == 1 and result.files_read == 1  # decrypt rewrote the session file


def test_an_encrypted_store_leaves_no_note_text_snippet_or_client_code_on_disk(locations, encrypted, intake):
    from interview_tui.store.trash import empty_trash, move_to_trash

    code, note = "OKAPI-CODE-77", "Zebra-Kettle-4411 went to the housing office on Tuesday"
    secrets = [code, note, "Zebra-Kettle", "housing office"]
    store = unlocked(locations)
    session = Session.start(code, intake, at=BASE + timedelta(hours=7))
    session.set_note(intake.phases[1].id, intake.phases[1].prompts[0].id, note)
    store.save(session)
    gone = add(store, intake, "C-GONE", 8, "Zebra-Kettle-4411 in a session put in the trash")

    def nothing_in_clear() -> None:
        for path in locations.data_dir.rglob("*"):
            if path.is_file():
                raw = path.read_bytes()
                for secret in secrets:
                    for form in (secret, fold(secret)):
                        assert form.encode() not in raw, (path, secret)
        assert not list(locations.sessions_dir.glob(f"{INDEX_NAME}-*"))  # no journal, no WAL

    hit = search_notes(store, "zebra-kettle").hits[1]
    assert (hit.client, hit.snippet.parts()[1]) == (code, "Zebra-Kettle")
    nothing_in_clear()  # searched in memory
    assert update_index(store)
    nothing_in_clear()  # written sealed
    move_to_trash(store, gone.id)
    empty_trash(store)
    nothing_in_clear()
    fresh = unlocked(locations)
    result = search_notes(fresh, "ZEBRA-KETTLE")
    assert [h.session_id for h in result.hits] == [session.id] and result.files_read == 0
    assert len(search_notes(fresh, code).hits) == 1


def test_a_note_holding_a_lone_surrogate_is_indexed_and_found(store, intake, settled):
    """JSON can hold "\\ud800", which UTF-8 (and so SQLite) cannot: the note is still indexed and found."""
    session = add(store, intake, "C-1", 0, "marker")
    path = store.path_for(session.id)
    path.write_bytes(path.read_bytes().replace(b'"marker"', b'"odd \\ud800 text nearby"'))
    hits = search_notes(store, "text nearby").hits
    assert len(hits) == 1 and "\ud800" in hits[0].snippet.text
    again = search_notes(SessionStore(store.folder), "odd")
    assert again.files_read == 0 and "\ud800" in again.hits[0].snippet.text


def test_a_session_restored_as_it_was_after_the_trash_was_emptied_is_found_again(locations, store, three):
    from interview_tui.store.trash import empty_trash, move_to_trash

    path = store.path_for(three[1].id)
    raw, before = path.read_bytes(), path.stat()
    move_to_trash(store, three[1].id)
    empty_trash(store)
    path.write_bytes(raw)  # from a backup: the same bytes, the same mtime
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [h.session_id for h in search_notes(SessionStore(store.folder), "second").hits] == [three[1].id]
