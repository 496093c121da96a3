"""The search index always ends up agreeing with the session files, holds client text only as it may, and
is rebuilt whenever it is missing, stale or damaged."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from interview_tui.search import index as search_index
from interview_tui.cli.main import main
from interview_tui.store.encryption import MAGIC as SEALED
from interview_tui.search.query import SearchError, search_notes, update_index
from interview_tui.search.index import INDEX_NAME
from interview_tui.search.segment import MAGIC, PREFIX
from interview_tui.search.text import fold
from interview_tui.core.session import Session
from interview_tui.store.sessions import TEMP_MARK, SessionStore

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SENTINEL = "Okapi-Sentinel-5519"
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


@pytest.fixture
def three(store, intake, settled):
    sessions = [add(store, intake, f"C-{n}", n, f"the {['first', 'second', 'third'][n]} visit") for n in range(3)]
    search_notes(store, "visit")
    assert update_index(store)
    return sessions


def test_the_index_is_private_and_written_whole(store, three):
    path = store.folder / INDEX_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(MAGIC)
    assert not [p for p in store.folder.iterdir() if TEMP_MARK in p.name]


def test_an_up_to_date_index_opens_no_session_file(store, three):
    result = search_notes(SessionStore(store.folder), "visit")
    assert result.files_read == 0
    assert [h.session_id for h in result.hits] == [s.id for s in reversed(three)]
    assert not update_index(store)  # nothing to rewrite


def test_a_session_added_behind_the_apps_back_is_found(store, intake, three):
    other = SessionStore(store.folder)  # another window, or a copied file
    newcomer = add(other, intake, "C-NEW", 10, "a visit from elsewhere")
    result = search_notes(store, "elsewhere")
    assert [h.session_id for h in result.hits] == [newcomer.id]
    assert result.files_read == 1
    assert searched(store, "visit") == truth(store.folder, "visit")
    assert update_index(store)
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
    assert update_index(store)
    assert fold("first").encode() not in index_bytes(store)


def test_a_session_saved_by_the_app_is_found_at_the_next_search(store, intake, three):
    session = store.load(three[2].id)
    phase = intake.phases[4]
    session.set_note(phase.id, phase.prompts[0].id, "Goal: back to the choir by spring.")
    store.save(session)
    result = search_notes(store, "CHOIR")
    assert [(h.session_id, h.phase_id) for h in result.hits] == [(session.id, phase.id)]
    assert result.files_read == 1
    assert update_index(store)
    again = search_notes(SessionStore(store.folder), "choir")
    assert again.files_read == 0 and len(again.hits) == 1
    assert fold("choir").encode() in index_bytes(store)


def test_a_same_size_change_in_the_same_mtime_tick_is_still_seen(store, intake, monkeypatch):
    """Without the settle guard (real clock here), equal size and mtime would hide this change."""
    session = add(store, intake, "C-1", 0, "alpha")
    search_notes(store, "alpha")
    update_index(store)
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
    assert fold("second").encode() in index_bytes(store)  # until the index is written again...
    assert update_index(store)
    assert fold("second").encode() not in index_bytes(store)  # ...which the next search asks for


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


def test_crash_while_writing_the_index_leaves_the_old_one_and_searches_right(store, intake, three, monkeypatch):
    good = index_bytes(store)
    newcomer = add(store, intake, "C-3", 3, "one more visit")

    def killed(path: Path, data: bytes) -> None:
        (path.parent / f".{path.name}{TEMP_MARK}killed").write_bytes(data[: len(data) // 2])
        raise KeyboardInterrupt  # stands in for the process dying mid-write

    search_notes(store, "visit")
    monkeypatch.setattr(search_index, "write_private_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        update_index(store)
    monkeypatch.undo()
    assert index_bytes(store) == good
    assert store.remove_leftover_temp_files() == 1
    fresh = SessionStore(store.folder)
    assert search_notes(fresh, "visit").hits[0].session_id == newcomer.id


def _damaged(good: bytes) -> list[bytes]:
    header_end = len(MAGIC) + PREFIX.size + PREFIX.unpack_from(good, len(MAGIC))[0]
    middle = len(good) // 2
    return [
        b"",
        b"garbage",
        good[: len(good) // 2],  # cut short
        good + b"extra",
        b"X" + good[1:],  # not our magic
        good[:header_end - 20] + b"}" * 20 + good[header_end:],  # a header that is not JSON
        good.replace(b'"version":1', b'"version":9'),
        good.replace(b'"C-1"', b'1234'),  # a row of the wrong shape
        good[:header_end] + b"\xff" * 64 + good[header_end + 64 :],  # the field tables overwritten
        good[:middle] + bytes(b ^ 0x5A for b in good[middle : middle + 200]) + good[middle + 200 :],
        good[:-40] + b"\x00" * 40,  # the compressed notes damaged
    ]


@pytest.mark.parametrize("damage", range(11))
def test_a_damaged_index_is_rebuilt_from_the_files(store, three, damage):
    broken = _damaged(index_bytes(store))[damage]
    (store.folder / INDEX_NAME).write_bytes(broken)
    fresh = SessionStore(store.folder)
    assert searched(fresh, "visit") == truth(store.folder, "visit")
    assert [h.snippet.text for h in search_notes(fresh, "second").hits] == ["the second visit"]
    update_index(fresh)
    again = SessionStore(store.folder)
    assert searched(again, "visit") == truth(store.folder, "visit")
    assert search_notes(again, "visit").files_read == 0  # rebuilt: trusted again


def test_a_missing_index_is_rebuilt(store, three):
    (store.folder / INDEX_NAME).unlink()
    fresh = SessionStore(store.folder)
    result = search_notes(fresh, "visit")
    assert result.files_read == 3 and len(result.hits) == 3
    assert update_index(fresh)
    assert search_notes(SessionStore(store.folder), "visit").files_read == 0


def test_many_files_read_at_once_are_written_before_searching(store, intake, settled, monkeypatch):
    monkeypatch.setattr(search_index, "WRITE_AT_ONCE", 2)
    sessions = [add(store, intake, f"C-{n}", n, "visit") for n in range(4)]
    result = search_notes(store, "visit")
    assert [h.session_id for h in result.hits] == [s.id for s in reversed(sessions)]
    assert (store.folder / INDEX_NAME).exists()
    assert search_notes(SessionStore(store.folder), "visit").files_read == 0


def test_emptying_the_trash_takes_the_notes_out_of_the_index(locations, store, three):
    from interview_tui.store.trash import empty_trash, move_to_trash

    move_to_trash(store, three[1].id)
    assert fold("second").encode() in index_bytes(store)  # the file is still in the trash
    empty_trash(store)
    assert fold("second").encode() not in index_bytes(store)
    assert [h.session_id for h in search_notes(SessionStore(store.folder), "visit").hits] == [three[2].id, three[0].id]


def test_a_folder_the_index_cannot_be_written_in_still_searches(store, three, intake, monkeypatch):
    def refused(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(search_index, "write_private_atomic", refused)
    newcomer = add(store, intake, "C-9", 9, "read only visit")
    assert search_notes(store, "visit").hits[0].session_id == newcomer.id
    assert not update_index(store)  # no error: the index is only a shortcut
    assert [h.session_id for h in search_notes(store, "read only").hits] == [newcomer.id]
    (store.folder / INDEX_NAME).unlink()
    monkeypatch.setattr(search_index, "WRITE_AT_ONCE", 1)  # a rebuild that cannot be written: searched from memory
    assert len(search_notes(SessionStore(store.folder), "visit").hits) == 4


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
