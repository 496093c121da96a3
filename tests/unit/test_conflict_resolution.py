"""Comparing a conflict copy with its original and resolving it (issue 18): keep the original, keep the copy, or keep
both as separate sessions. Whatever is not kept goes to the trash, where it still opens; a copy that cannot be read
changes nothing; the list of sessions agrees with the files afterwards; the audit log says what was done, never what
was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_tui.casework.clients import ClientBook
from interview_tui.cli.encryption import encrypt
from interview_tui.core.session import Session
from interview_tui.store import record_names
from interview_tui.store.audit import AuditLog
from interview_tui.store.autosave import Autosaver
from interview_tui.store.conflict_comparison import ConflictError, compare, find_copy
from interview_tui.store.conflict_copies import conflict_copies
from interview_tui.store.conflict_resolution import resolve
from interview_tui.store.lock import SessionBusy, SessionLock
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import trash_folder, trashed

PHASE, PROMPT = "preparation", "record-review"
PASS = "correct horse"
SYNCTHING = ".sync-conflict-20261208-093000-ABCDEF7.json"
NEXTCLOUD = " (conflicted copy 2026-12-08 093000).json"


def two_versions(store: SessionStore, intake, mine: str = "typed here", theirs: str = "typed on the laptop") -> Session:
    """A session saved with ``mine`` in the original and a Syncthing copy beside it holding ``theirs``: the bytes the
    other machine wrote (sealed for the original's name when the store is encrypted)."""
    session = Session.start("CL-1", intake)
    session.set_note(PHASE, PROMPT, theirs)
    store.save(session)
    path = store.path_for(session.id)
    path.with_name(session.id + SYNCTHING).write_bytes(path.read_bytes())
    session = store.load(session.id)
    session.set_note(PHASE, PROMPT, mine)
    store.save(session)
    return session


def note_of(store: SessionStore, path: Path, session_id: str) -> str:
    """The note in any file holding session ``session_id`` (opened as that session's file)."""
    plain = store.keyring.open(path.read_bytes(), store.path_for(session_id))
    return Session.model_validate_json(plain).note(PHASE, PROMPT)


def files_of(store: SessionStore) -> dict[Path, bytes]:
    """Every file of the store and its bytes (the empty lock files of the one-window lock left out)."""
    return {p: p.read_bytes() for p in store.folder.rglob("*") if p.is_file() and p.parent.name != "locks"}


def events(locations) -> list[tuple[str, str | None]]:
    return [(e["event"], e["session"]) for e in AuditLog(locations.data_dir).entries()]


def encrypted(locations, passphrases) -> SessionStore:
    passphrases.extend([PASS, PASS])
    assert encrypt(locations) == 0
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock(PASS)
    return store


def listed(store: SessionStore) -> list[tuple[str, str]]:
    summaries, problems = SessionStore(store.folder).summaries() if not store.keyring.enabled else store.summaries()
    assert problems == []
    return sorted((s.id, s.client) for s in summaries)


# ------------------------------------------------------------ comparing


def test_the_comparison_sets_each_answer_side_by_side_and_marks_what_differs(store, intake):
    session = two_versions(store, intake)
    copy = find_copy(store.folder, session.id + SYNCTHING)
    found = compare(store, copy)
    row = next(r for r in found.rows if r.original == "typed here")
    assert (row.copy, row.same) == ("typed on the laptop", False)
    phase = session.protocol.phase(PHASE)
    assert phase is not None and row.section == phase.title and row.label == phase.prompt(PROMPT).text
    client = next(r for r in found.rows if r.label == "Client")
    assert (client.original, client.copy, client.same) == ("CL-1", "CL-1", True)
    assert found.differences >= 1 and found.original_exists and not found.is_record
    assert found.origin == "Syncthing, 2026-12-08 09:30:00, device ABCDEF7"
    assert found.copy_updated is not None and found.original_updated is not None


def test_goals_plan_items_and_ticks_only_one_side_has_are_rows_too(store, intake):
    session = Session.start("CL-1", intake)
    store.save(session)
    path = store.path_for(session.id)
    theirs = store.load(session.id)
    goal = theirs.add_goal(what="sleep through the night")
    theirs.add_plan_item(action="see the GP", goal_id=goal.id)
    phase = next(ph for ph in theirs.protocol.phases if ph.checklist)
    theirs.set_checked(phase.id, phase.checklist[0].id, True)
    copy_path = path.with_name(session.id + SYNCTHING)
    copy_path.write_bytes(theirs.to_json())
    rows = {(r.section, r.label): r for r in compare(store, find_copy(store.folder, copy_path.name)).rows}
    assert rows[("Goals", f"Goal {goal.id}")].original == ""
    assert rows[("Goals", f"Goal {goal.id}")].copy.startswith("sleep through the night")
    assert next(r for (section, _label), r in rows.items() if section == "Plan items").copy.startswith("see the GP")
    ticked = rows[(phase.title, "Checklist ticked")]
    assert (ticked.original, ticked.copy, ticked.same) == ("", phase.checklist[0].text, False)


def test_a_copy_that_cannot_be_read_is_named_in_one_line_and_nothing_changes(store, intake, locations):
    session = Session.start("CL-1", intake)
    store.save(session)
    copy_path = store.path_for(session.id).with_name(session.id + SYNCTHING)
    copy_path.write_bytes(b"{ half a file")
    before = files_of(store)
    copy = find_copy(store.folder, copy_path.name)
    with pytest.raises(ConflictError) as raised:
        compare(store, copy)
    assert "\n" not in str(raised.value) and copy_path.name in str(raised.value)
    assert "nothing was changed" in str(raised.value)
    for keep in ("original", "copy", "both"):
        with pytest.raises(ConflictError):
            resolve(store, copy, keep)  # type: ignore[arg-type]
    assert files_of(store) == before
    assert not trash_folder(store).exists() and events(locations) == []


def test_no_such_copy_is_one_line(store):
    with pytest.raises(ConflictError, match="no conflict copy of that name"):
        find_copy(store.folder, "nothing.json")


# ------------------------------------------------------------ resolving a session's copy


def test_keeping_the_original_moves_the_copy_to_the_trash(store, intake, locations):
    session = two_versions(store, intake)
    original = store.path_for(session.id).read_bytes()
    resolved = resolve(store, find_copy(store.folder, session.id + SYNCTHING), "original")
    assert store.path_for(session.id).read_bytes() == original
    assert conflict_copies(store.folder) == []
    [moved] = resolved.trashed
    assert moved.parent == trash_folder(store) and note_of(store, moved, session.id) == "typed on the laptop"
    assert listed(store) == [(session.id, "CL-1")]
    assert events(locations) == [("conflict_kept_original", session.id)]


def test_keeping_the_copy_writes_it_into_the_original_and_trashes_the_replaced_one(store, intake, locations):
    session = two_versions(store, intake)
    resolved = resolve(store, find_copy(store.folder, session.id + SYNCTHING), "copy")
    assert resolved.kept == store.path_for(session.id) and not resolved.kept_apart
    assert store.load(session.id).note(PHASE, PROMPT) == "typed on the laptop"
    assert sorted(note_of(store, p, session.id) for p in trashed(store)) == ["typed here", "typed on the laptop"]
    assert conflict_copies(store.folder) == [] and listed(store) == [(session.id, "CL-1")]
    assert events(locations) == [("conflict_kept_copy", session.id)]


def test_keeping_the_copy_is_checked_before_writing_like_every_save(store, intake, monkeypatch):
    """Another machine's edit of the original arrives while the copy is being written into it: it is not written
    over; the copy's session goes to a conflict copy of this app's beside it, and nothing is lost."""
    from interview_tui.store import conflict_resolution

    session = two_versions(store, intake)
    arrived = {}
    real = conflict_resolution.set_aside

    def set_aside_then_a_sync_arrives(store_, path, name, why, *, data=None):
        moved = real(store_, path, name, why, data=data)
        if why == conflict_resolution.REPLACED_WHY:
            other = SessionStore(store.folder).load(session.id)  # as the other machine has it, edited there
            other.set_note(PHASE, PROMPT, "a third version, from the office")
            arrived["bytes"] = other.to_json()
            store.path_for(session.id).write_bytes(arrived["bytes"])
        return moved

    monkeypatch.setattr(conflict_resolution, "set_aside", set_aside_then_a_sync_arrives)
    resolved = resolve(store, find_copy(store.folder, session.id + SYNCTHING), "copy")
    assert resolved.kept_apart and "Nothing is lost" in resolved.message()
    assert store.path_for(session.id).read_bytes() == arrived["bytes"]
    [kept] = conflict_copies(store.folder)
    assert kept.path == resolved.kept and kept.tool == "interview-tui"
    assert note_of(store, kept.path, session.id) == "typed on the laptop"
    assert sorted(note_of(store, p, session.id) for p in trashed(store)) == ["typed here", "typed on the laptop"]


def test_keeping_both_makes_the_copy_a_session_of_its_own(store, intake, locations):
    session = two_versions(store, intake)
    original = store.path_for(session.id).read_bytes()
    resolved = resolve(store, find_copy(store.folder, session.id + SYNCTHING), "both")
    new_id = resolved.new_session_id
    assert new_id is not None and new_id != session.id and new_id[:15] == session.id[:15]  # dated like it
    assert store.path_for(session.id).read_bytes() == original
    new = store.load(new_id)
    assert (new.client_code, new.note(PHASE, PROMPT)) == ("CL-1", "typed on the laptop")
    assert listed(store) == sorted([(session.id, "CL-1"), (new_id, "CL-1")])
    assert conflict_copies(store.folder) == []
    assert [note_of(store, p, session.id) for p in trashed(store)] == ["typed on the laptop"]
    assert events(locations) == [("conflict_kept_both", session.id)]
    text = AuditLog(locations.data_dir).path.read_text()
    assert "typed" not in text and "CL-1" not in text


def test_this_apps_own_copy_is_resolved_the_same_way(store, intake):
    session = Session.start("CL-1", intake)
    store.save(session)
    session = store.load(session.id)
    saver = Autosaver(store, session)
    try:
        other = Session.model_validate_json(store.path_for(session.id).read_bytes())
        other.set_note(PHASE, PROMPT, "typed on the laptop")
        store.path_for(session.id).write_bytes(other.to_json())  # the other machine's edit arrives
        session.set_note(PHASE, PROMPT, "typed here")
        saver.changed()
        assert saver.save_now() and saver.kept_apart is not None
    finally:
        saver.close()
    [copy] = conflict_copies(store.folder)
    found = compare(store, copy)
    assert found.origin.startswith("kept by this app on ")
    assert any((r.original, r.copy) == ("typed on the laptop", "typed here") for r in found.rows)
    resolved = resolve(store, copy, "both")
    assert store.load(resolved.new_session_id).note(PHASE, PROMPT) == "typed here"
    assert store.load(session.id).note(PHASE, PROMPT) == "typed on the laptop"
    assert conflict_copies(store.folder) == []


def test_a_copy_whose_original_is_gone_can_be_kept_not_the_original(store, intake):
    session = two_versions(store, intake)
    store.path_for(session.id).unlink()
    copy = find_copy(store.folder, session.id + SYNCTHING)
    assert not compare(store, copy).original_exists
    with pytest.raises(ConflictError, match="none to keep"):
        resolve(store, copy, "original")
    resolve(store, copy, "copy")
    assert store.load(session.id).note(PHASE, PROMPT) == "typed on the laptop"


def test_a_session_open_in_another_window_is_refused(store, intake):
    session = two_versions(store, intake)
    lock = SessionLock(store.folder, session.id).acquire()
    try:
        with pytest.raises(SessionBusy):
            resolve(store, find_copy(store.folder, session.id + SYNCTHING), "copy")
    finally:
        lock.release()
    assert len(conflict_copies(store.folder)) == 1 and not trash_folder(store).exists()


# ------------------------------------------------------------ encrypted


@pytest.mark.parametrize("keep", ["original", "copy", "both"])
def test_in_an_encrypted_store_the_copy_opens_as_its_original_and_the_trash_still_opens(
        locations, intake, fast_kdf, passphrases, keep):
    plain = SessionStore(locations.sessions_dir)
    session = two_versions(plain, intake)
    store = encrypted(locations, passphrases)
    copy = find_copy(store.folder, session.id + SYNCTHING)
    assert store.path_for(session.id).read_bytes()[:1] != b"{"  # sealed, copy included
    assert any((r.original, r.copy) == ("typed here", "typed on the laptop") for r in compare(store, copy).rows)
    resolved = resolve(store, copy, keep)
    for path in trashed(store):
        assert note_of(store, path, session.id) in ("typed here", "typed on the laptop")
    expected = {"original": "typed here", "copy": "typed on the laptop", "both": "typed here"}[keep]
    assert store.load(session.id).note(PHASE, PROMPT) == expected
    if keep == "both":
        assert store.load(resolved.new_session_id).note(PHASE, PROMPT) == "typed on the laptop"
    assert len(store.summaries()[0]) == (2 if keep == "both" else 1) and store.summaries()[1] == []


# ------------------------------------------------------------ a client record's copy


def record_with_copy(store: SessionStore) -> Path:
    book = ClientBook(store)
    record = book.ensure("AB-12")
    record.notes = "notes from the laptop"
    book.save(record)
    path = store.folder / "clients" / record_names.current_name(store.keyring, "AB-12")
    copy = path.with_name(path.stem + NEXTCLOUD)
    copy.write_bytes(path.read_bytes())
    record = ClientBook(store).load("AB-12")
    record.notes = "notes typed here"
    ClientBook(store).save(record)
    return copy


@pytest.mark.parametrize("encrypt_it", [False, True])
def test_a_client_records_copy_keeps_the_record_or_the_copy_never_both(
        locations, fast_kdf, passphrases, encrypt_it):
    store = SessionStore(locations.sessions_dir)
    if encrypt_it:
        store = encrypted(locations, passphrases)
    copy_path = record_with_copy(store)
    copy = find_copy(store.folder, f"clients/{copy_path.name}")
    found = compare(store, copy)
    assert found.is_record
    notes = next(r for r in found.rows if r.label == "Notes")
    assert (notes.original, notes.copy, notes.same) == ("notes typed here", "notes from the laptop", False)
    with pytest.raises(ConflictError, match="one record"):
        resolve(store, copy, "both")
    assert copy_path.exists()
    resolved = resolve(store, copy, "copy")
    assert ClientBook(store).load("AB-12").notes == "notes from the laptop"
    [moved] = resolved.trashed
    assert moved.parent == trash_folder(store) / "clients"
    # in the trash it still opens (as the record it was): moved back, it is the record again
    assert b"notes typed here" in store.keyring.open(moved.read_bytes(), moved)
    assert conflict_copies(store.folder) == []
    assert moved in trashed(store)


def test_a_records_file_in_the_trash_is_resealed_with_a_change_of_key_and_emptied_with_the_trash(
        locations, fast_kdf, passphrases, capsys):
    from interview_tui.cli.encryption import change_passphrase
    from interview_tui.store.trash import empty_trash

    store = encrypted(locations, passphrases)
    copy_path = record_with_copy(store)
    [moved] = resolve(store, find_copy(store.folder, f"clients/{copy_path.name}"), "copy").trashed
    capsys.readouterr()
    passphrases.extend([PASS, "a brand new one", "a brand new one"])
    assert change_passphrase(locations) == 0
    assert "damaged" not in capsys.readouterr().err
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock("a brand new one")
    assert not store.keyring.pending() and store.keyring.is_current(moved.read_bytes())
    assert b"notes typed here" in store.keyring.open(moved.read_bytes(), moved)
    assert not (locations.sessions_dir / "quarantine").exists()
    assert empty_trash(store) == 1 and not moved.exists()
