"""Check before write: a session file that another machine changed (arriving through a synced folder) after this
app read or wrote it is never written over. This app's version goes to a conflict copy beside it, every later save
goes there, and the save status says where; the app's own writes, however quick, never look like someone else's."""

from __future__ import annotations

import os
from pathlib import Path

from interview_tui.core.session import Session
from interview_tui.store.autosave import Autosaver
from interview_tui.store.conflict_copies import conflict_copies, recognise
from interview_tui.store.sessions import SessionStore

PHASE, PROMPT = "preparation", "record-review"


def synced_in(path: Path, session: Session, keep_stat: bool = True) -> bytes:
    """Put another machine's version of ``session`` at ``path`` the way a sync tool does: a whole new file renamed
    over the old one, with the old file's modification time (sync tools carry the other machine's time over)."""
    before = path.stat()
    data = session.to_json()
    temp = path.with_name(f".syncing-{path.name}")
    temp.write_bytes(data)
    os.replace(temp, path)
    if keep_stat:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return data


def other_machines_edit(store: SessionStore, session_id: str, text: str) -> Session:
    """The same session as the other machine has it: read from the file as it is, with ``text`` typed in it."""
    other = Session.model_validate_json(store.path_for(session_id).read_bytes())
    other.set_note(PHASE, PROMPT, text)
    return other


def started(store: SessionStore, intake, text: str = "first words") -> Session:
    session = Session.start("CL-1", intake)
    session.set_note(PHASE, PROMPT, text)
    store.save(session)
    return store.load(session.id)


def note_in(path: Path) -> str:
    return Session.model_validate_json(path.read_bytes()).note(PHASE, PROMPT)


def test_another_machines_edit_is_kept_and_ours_goes_to_a_conflict_copy(store, intake):
    session = started(store, intake)
    original = store.path_for(session.id)
    saver = Autosaver(store, session)
    try:
        session.set_note(PHASE, PROMPT, "first words and mine")
        saver.changed()
        assert saver.save_now() and saver.kept_apart is None
        # Same length as ours, same modification time: only the content says it is not the file we wrote.
        theirs = synced_in(original, other_machines_edit(store, session.id, "first words and them"))
        session.set_note(PHASE, PROMPT, "first words and mine, more")
        saver.changed()
        assert saver.save_now() is True  # nothing is lost: a save, to another file
        assert original.read_bytes() == theirs
        copy = saver.kept_apart
        assert copy is not None and copy.parent == original.parent and copy != original
        assert note_in(copy) == "first words and mine, more"
        found = recognise(copy)
        assert found is not None and found.original == original
        assert [c.path for c in conflict_copies(store.folder)] == [copy]
        summaries, problems = store.summaries()
        assert [s.id for s in summaries] == [session.id] and problems == []
        assert copy.stat().st_mode & 0o777 == 0o600

        session.set_note(PHASE, PROMPT, "first words and mine, and still more")
        saver.changed()
        assert saver.save_now() is True
        assert original.read_bytes() == theirs, "a later save went to the original"
        assert saver.kept_apart == copy and note_in(copy) == "first words and mine, and still more"
        assert len(conflict_copies(store.folder)) == 1
    finally:
        saver.close()


def test_the_save_status_names_the_copy(store, intake):
    session = started(store, intake)
    reports: list[tuple[bool, str | None]] = []
    saver = Autosaver(store, session, listener=lambda ok, problem: reports.append((ok, problem)))
    try:
        synced_in(store.path_for(session.id), other_machines_edit(store, session.id, "theirs"))
        session.set_note(PHASE, PROMPT, "mine")
        saver.changed()
        assert saver.save_now()
        assert reports[-1] == (True, None) and not saver.unsaved
        assert saver.kept_apart is not None
        notice = saver.kept_apart_notice()
        assert notice == (f"Someone else changed this session on another machine; your notes are being kept in "
                          f"{saver.kept_apart.name}. Nothing is lost.")
    finally:
        saver.close()


def test_fifty_quick_saves_of_our_own_never_look_like_another_machines(store, intake):
    session = started(store, intake)
    saver = Autosaver(store, session)
    try:
        for n in range(50):
            session.set_note(PHASE, PROMPT, f"words {n:02d}")  # same size every time, within one clock tick
            saver.changed()
            assert saver.save_now()
            assert saver.kept_apart is None, f"false alarm at save {n}"
        for n in range(50):
            session.set_note(PHASE, PROMPT, f"other {n:02d}")
            store.save(session)
        assert conflict_copies(store.folder) == []
        assert note_in(store.path_for(session.id)) == "other 49"
    finally:
        saver.close()


def test_a_save_without_the_autosaver_is_checked_too(store, intake):
    session = started(store, intake)
    original = store.path_for(session.id)
    theirs = synced_in(original, other_machines_edit(store, session.id, "theirs"), keep_stat=False)
    session.set_note(PHASE, PROMPT, "mine")
    written = store.save(session)
    assert original.read_bytes() == theirs and written != original
    assert note_in(written) == "mine" and recognise(written) is not None
    assert store.kept_apart(session.id) == written


def test_reading_the_new_version_elsewhere_does_not_make_an_open_session_write_over_it(store, intake):
    """The client view or an export reads the session while it is open: what the open session was read from is
    still what its saves are checked against."""
    session = started(store, intake)
    original = store.path_for(session.id)
    saver = Autosaver(store, session)
    try:
        theirs = synced_in(original, other_machines_edit(store, session.id, "theirs"))
        assert store.load(session.id).note(PHASE, PROMPT) == "theirs"
        session.set_note(PHASE, PROMPT, "mine")
        saver.changed()
        assert saver.save_now()
        assert original.read_bytes() == theirs and saver.kept_apart is not None
        assert note_in(saver.kept_apart) == "mine"
    finally:
        saver.close()


def test_a_session_removed_on_the_other_machine_is_not_brought_back_but_what_was_typed_is_kept(store, intake):
    session = started(store, intake)
    original = store.path_for(session.id)
    saver = Autosaver(store, session)
    try:
        original.unlink()
        session.set_note(PHASE, PROMPT, "mine")
        saver.changed()
        assert saver.save_now()
        assert not original.exists()
        assert saver.kept_apart is not None and note_in(saver.kept_apart) == "mine"
        assert "removed" in saver.kept_apart_notice()
    finally:
        saver.close()


def test_a_new_session_and_a_reopened_one_save_to_their_own_file(store, intake):
    session = Session.start("CL-1", intake)
    saver = Autosaver(store, session)
    try:
        for text in ("one", "two"):
            session.set_note(PHASE, PROMPT, text)
            saver.changed()
            assert saver.save_now() and saver.kept_apart is None
    finally:
        saver.close()
    reopened = store.load(session.id)
    again = Autosaver(store, reopened)
    try:
        reopened.set_note(PHASE, PROMPT, "three")
        again.changed()
        assert again.save_now() and again.kept_apart is None
        assert note_in(store.path_for(session.id)) == "three" and conflict_copies(store.folder) == []
    finally:
        again.close()


def test_two_stores_as_two_machines_with_a_copy_step_between_them(tmp_path, intake):
    """Two data folders and a sync tool's copy step: the edit made on the laptop while the desktop had the session
    open reaches the desktop's folder and is not written over there."""
    desktop, laptop = SessionStore(tmp_path / "desktop"), SessionStore(tmp_path / "laptop")
    session = started(desktop, intake)

    def sync(source: SessionStore, target: SessionStore) -> None:
        target.folder.mkdir(parents=True, exist_ok=True)
        for path in source.folder.glob("*.json"):
            temp = target.folder / f".sync-{path.name}"
            temp.write_bytes(path.read_bytes())
            os.replace(temp, target.folder / path.name)

    sync(desktop, laptop)
    on_laptop = laptop.load(session.id)
    on_laptop.set_note(PHASE, PROMPT, "typed on the laptop")
    laptop.save(on_laptop)
    saver = Autosaver(desktop, session)
    try:
        session.set_note(PHASE, PROMPT, "typed on the desktop")
        saver.changed()
        assert saver.save_now()  # before the laptop's edit arrived: written in place
        sync(laptop, desktop)
        session.set_note(PHASE, PROMPT, "typed on the desktop, then more")
        saver.changed()
        assert saver.save_now()
        assert note_in(desktop.path_for(session.id)) == "typed on the laptop"
        assert saver.kept_apart is not None and note_in(saver.kept_apart) == "typed on the desktop, then more"
    finally:
        saver.close()


def test_with_encryption_on_the_copy_is_sealed_and_opens_as_the_session(locations, intake, fast_kdf, passphrases):
    from interview_tui.cli.encryption import encrypt
    from interview_tui.store.encryption import is_sealed

    plain = SessionStore(locations.sessions_dir)
    plain.save(Session.start("CL-1", intake))
    passphrases.extend(["correct horse", "correct horse"])
    assert encrypt(locations) == 0
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock("correct horse")
    (sid,) = [s.id for s in store.summaries()[0]]
    session = store.load(sid)
    original = store.path_for(sid)
    saver = Autosaver(store, session)
    try:
        other = store.load(sid)
        other.set_note(PHASE, PROMPT, "theirs")
        temp = original.with_name(".other")
        temp.write_bytes(store.keyring.seal(other.to_json(), original))  # as the other machine sealed it
        os.replace(temp, original)
        session.set_note(PHASE, PROMPT, "mine")
        saver.changed()
        assert saver.save_now()
        copy = saver.kept_apart
        assert copy is not None and is_sealed(copy.read_bytes())
        assert b"mine" not in copy.read_bytes()
        assert Session.model_validate_json(store.unseal(copy.read_bytes(), copy)).note(PHASE, PROMPT) == "mine"
        assert store.load(sid).note(PHASE, PROMPT) == "theirs"
    finally:
        saver.close()
