"""Rescue copies in a synced folder (issue 18): a rescued version is put back only over the file it was based on.
If another machine changed the session's file since (its edit synced in), the rescued notes go to a conflict copy
beside it, and both are kept. A rescue copy kept before bases were recorded is never put back over a file newer than
it, or one that changed since it was offered."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from interview_tui.core.session import Session
from interview_tui.store.autosave import Autosaver
from interview_tui.store.conflict_copies import conflict_copies, recognise
from interview_tui.store.rescue import (
    bring_back,
    keep_rescue_copy,
    rescue_copies,
    rescue_places,
)
from interview_tui.store.sessions import SessionStore

PHASE, PROMPT = "preparation", "record-review"
SENTINEL = "Sentinel-rescued-words"


@pytest.fixture(params=["plain", "encrypted"])
def any_store(request, locations, intake) -> SessionStore:
    if request.param == "plain":
        return SessionStore(locations.sessions_dir)
    request.getfixturevalue("fast_kdf")
    passphrases = request.getfixturevalue("passphrases")
    from interview_tui.cli.encryption import encrypt

    SessionStore(locations.sessions_dir).save(Session.start("CL-0", intake))
    passphrases.extend(["correct horse", "correct horse"])
    assert encrypt(locations) == 0
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock("correct horse")
    return store


def read(store: SessionStore, path: Path) -> Session:
    return Session.model_validate_json(store.keyring.open(path.read_bytes(), path))


def started(store: SessionStore, intake) -> Session:
    session = Session.start("CL-1", intake)
    session.set_note(PHASE, PROMPT, "first words")
    store.save(session)
    return store.load(session.id)


def synced_in(store: SessionStore, session_id: str, text: str, later: timedelta = timedelta(0)) -> bytes:
    """Another machine's edit of the session arrives the way a sync tool puts it: a whole new file renamed over the
    old one (sealed on that machine with the same store key), ``later`` than the file it was made from."""
    path = store.path_for(session_id)
    other = read(store, path)
    other.set_note(PHASE, PROMPT, text)
    other.updated_at = other.updated_at + later
    data = store.keyring.seal(other.to_json(), path)
    temp = path.with_name(".syncing")
    temp.write_bytes(data)
    os.replace(temp, path)
    return data


def rescued(store: SessionStore, locations, session: Session, based_on=None) -> Path:
    session.set_note(PHASE, PROMPT, f"first words and {SENTINEL}")
    session.updated_at = session.updated_at + timedelta(minutes=1)  # typed a minute after the last save
    path = keep_rescue_copy(store, locations, session.id, session.to_json(), based_on=based_on)
    assert path is not None
    return path


def test_a_rescued_version_is_never_put_back_over_another_machines_edit(any_store, locations, intake):
    store = any_store
    session = started(store, intake)
    saver = Autosaver(store, session)
    try:
        kept = rescued(store, locations, session, saver.based_on())  # the last save failed on the way out
    finally:
        saver.close()
    original = store.path_for(session.id)
    # Edited on the other machine before the failed save there, synced in after: older than the copy.
    theirs = synced_in(store, session.id, "typed on the other machine")
    [copy] = rescue_copies(store, locations)
    assert copy.newer_than_file  # by the clocks it looks safe to put back: only the base says it is not

    written = bring_back(store, copy)

    assert original.read_bytes() == theirs
    assert written != original and written.parent == original.parent
    found = recognise(written)
    assert found is not None and found.original == original
    assert SENTINEL in read(store, written).note(PHASE, PROMPT)
    assert [c.path for c in conflict_copies(store.folder)] == [written]
    assert not kept.exists() and rescue_copies(store, locations) == []
    assert list(kept.parent.iterdir()) == []  # what was recorded beside the copy went with it


def test_a_rescued_version_goes_back_in_place_over_the_file_it_was_based_on(any_store, locations, intake):
    store = any_store
    session = started(store, intake)
    saver = Autosaver(store, session)
    try:
        session.set_note(PHASE, PROMPT, "saved before the failure")
        saver.changed()
        assert saver.save_now()
        rescued(store, locations, session, saver.based_on())
    finally:
        saver.close()
    [copy] = rescue_copies(store, locations)
    written = bring_back(store, copy)
    assert written == store.path_for(session.id)
    assert SENTINEL in read(store, written).note(PHASE, PROMPT)
    assert conflict_copies(store.folder) == []


@pytest.mark.parametrize("any_store", ["encrypted"], indirect=True)
def test_with_encryption_on_nothing_recorded_beside_the_copy_is_plain(any_store, locations, intake):
    from interview_tui.store.encryption import is_sealed

    store = any_store
    assert store.keyring.enabled
    session = started(store, intake)
    saver = Autosaver(store, session)
    try:
        kept = rescued(store, locations, session, saver.based_on())
    finally:
        saver.close()
    beside = list(kept.parent.iterdir())
    assert len(beside) == 2  # the copy and what it was based on
    for path in beside:
        raw = path.read_bytes()
        assert is_sealed(raw), path.name
        assert SENTINEL.encode() not in raw and b"CL-1" not in raw


def test_a_copy_recorded_without_a_base_is_never_put_back_over_a_newer_file(any_store, locations, intake):
    """A rescue copy from before bases were recorded: the file newer than the copy (saved since, here or
    elsewhere) is kept, and so is the copy's version, beside it."""
    store = any_store
    session = started(store, intake)
    rescued(store, locations, session)
    original = store.path_for(session.id)
    theirs = synced_in(store, session.id, "typed later on the other machine", later=timedelta(hours=1))
    [copy] = rescue_copies(store, locations)
    assert not copy.newer_than_file
    written = bring_back(store, copy)
    assert original.read_bytes() == theirs
    assert written != original and SENTINEL in read(store, written).note(PHASE, PROMPT)


def test_a_copy_recorded_without_a_base_is_never_put_back_over_a_file_changed_since_it_was_offered(
    any_store, locations, intake
):
    store = any_store
    session = started(store, intake)
    rescued(store, locations, session)
    original = store.path_for(session.id)
    [copy] = rescue_copies(store, locations)  # offered: the practitioner is asked
    assert copy.newer_than_file
    theirs = synced_in(store, session.id, "arrived while the offer was on screen")
    written = bring_back(store, copy)
    assert original.read_bytes() == theirs
    assert written != original and SENTINEL in read(store, written).note(PHASE, PROMPT)


def test_a_copy_recorded_without_a_base_goes_back_in_place_over_the_file_it_was_offered_over(store, locations, intake):
    session = started(store, intake)
    rescued(store, locations, session)
    [copy] = rescue_copies(store, locations)
    assert bring_back(store, copy) == store.path_for(session.id)
    assert SENTINEL in read(store, store.path_for(session.id)).note(PHASE, PROMPT)


def test_a_base_that_is_not_this_copys_is_not_trusted(store, locations, intake):
    """What is recorded beside a copy names the copy it belongs to: beside another copy of the same session (a
    write cut short between the two), it is ignored and the copy is treated as one without a base."""
    session = started(store, intake)
    saver = Autosaver(store, session)
    try:
        kept = rescued(store, locations, session, saver.based_on())
    finally:
        saver.close()
    other = read(store, kept)
    other.set_note(PHASE, PROMPT, "another run's copy")
    other.updated_at = other.updated_at - timedelta(days=1)  # older than the file
    kept.write_bytes(other.to_json())
    [copy] = rescue_copies(store, locations)
    assert copy.base is None and not copy.newer_than_file
    written = bring_back(store, copy)
    assert written != store.path_for(session.id)  # never over the newer file


def test_the_autosaver_of_a_session_kept_apart_records_the_conflict_copy_as_its_base(store, locations, intake):
    """A session already saved to a conflict copy when the last save failed: its rescued version goes back into
    that copy, never into the file the other machine changed."""
    session = started(store, intake)
    original = store.path_for(session.id)
    saver = Autosaver(store, session)
    try:
        theirs = synced_in(store, session.id, "theirs")
        session.set_note(PHASE, PROMPT, "mine")
        saver.changed()
        assert saver.save_now() and saver.kept_apart is not None
        apart = saver.kept_apart
        rescued(store, locations, session, saver.based_on())
    finally:
        saver.close()
    [copy] = rescue_copies(store, locations)
    assert bring_back(store, copy) == apart
    assert original.read_bytes() == theirs
    assert SENTINEL in read(store, apart).note(PHASE, PROMPT)
    assert len(conflict_copies(store.folder)) == 1


def test_rescue_places_hold_nothing_but_the_copy_and_its_base(store, locations, intake):
    session = started(store, intake)
    saver = Autosaver(store, session)
    try:
        kept = rescued(store, locations, session, saver.based_on())
    finally:
        saver.close()
    assert kept.parent == rescue_places(locations)[0]
    assert sorted(p.name for p in kept.parent.iterdir()) == [f"{session.id}.base", f"{session.id}.json"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in kept.parent.iterdir())
    rescued(store, locations, session)  # a later copy without a base: the old base goes
    assert [p.name for p in kept.parent.iterdir()] == [f"{session.id}.json"]


def test_a_copy_based_on_the_file_as_it_is_is_newer_whatever_the_clocks_say(store, locations, intake):
    """Saved and rescued within one second (times are kept to the second): the file is just what the copy was
    based on, so the copy is offered to be put back, not for removal."""
    session = started(store, intake)
    saver = Autosaver(store, session)
    try:
        session.set_note(PHASE, PROMPT, SENTINEL)
        path = keep_rescue_copy(store, locations, session.id, session.to_json(), based_on=saver.based_on())
    finally:
        saver.close()
    assert path is not None
    [copy] = rescue_copies(store, locations)
    assert copy.saved_at <= read(store, store.path_for(session.id)).updated_at
    assert copy.newer_than_file
    assert bring_back(store, copy) == store.path_for(session.id)
