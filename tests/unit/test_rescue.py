"""Rescue copies (issue 14, item 4): what could not be saved on the way out is kept elsewhere, private and sealed,
and can be put back."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta, timezone

from interview_tui.core.session import Session
from interview_tui.store.rescue import bring_back, keep_rescue_copy, rescue_copies, rescue_places
from interview_tui.store.sessions import SessionStore

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
SENTINEL = "Sentinel-rescued-words"


def typed(intake, at=T0) -> Session:
    session = Session.start("C-7", intake, at=at)
    session.set_note(intake.phases[0].id, intake.phases[0].prompts[0].id, f"said {SENTINEL}")
    return session


def test_a_rescue_copy_goes_to_the_first_place_that_takes_it_and_is_private(locations, store, intake):
    session = typed(intake)
    places = rescue_places(locations)
    assert locations.data_dir not in [p.parents[1] for p in places]  # never the data folder that failed
    places[0].parent.parent.mkdir(parents=True)
    places[0].parent.write_text("not a folder")  # the first place cannot take it
    path = keep_rescue_copy(store, locations, session.id, session.to_json())
    assert path is not None and path.parent == places[1]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert SENTINEL in path.read_text()


def test_with_the_store_encrypted_the_rescue_copy_is_sealed(locations, store, intake, fast_kdf, passphrases):
    from interview_tui.cli.encryption import encrypt

    store.save(Session.start("C-1", intake, at=T0))
    passphrases.extend(["correct horse", "correct horse"])
    encrypt(locations)
    sealed = SessionStore(locations.sessions_dir)
    sealed.keyring.unlock("correct horse")
    session = typed(intake)
    path = keep_rescue_copy(sealed, locations, session.id, session.to_json())
    assert path is not None and SENTINEL.encode() not in path.read_bytes()
    [copy] = rescue_copies(sealed, locations)
    assert copy.session_id == session.id and SENTINEL in copy.plain.decode()
    locked = SessionStore(locations.sessions_dir)
    assert rescue_copies(locked, locations) == []  # cannot be opened while locked: left for later, not lost
    assert path.exists()


def test_a_copy_newer_than_the_file_is_offered_and_put_back(locations, store, intake):
    session = Session.start("C-7", intake, at=T0)
    store.save(session)
    later = typed(intake)
    later = Session.model_validate_json(later.to_json().replace(later.id.encode(), session.id.encode()))
    later.updated_at = T0 + timedelta(minutes=5)
    path = keep_rescue_copy(store, locations, session.id, later.to_json())
    [copy] = rescue_copies(store, locations)
    assert copy.newer_than_file and copy.client == "C-7"
    bring_back(store, copy)
    assert SENTINEL in json.dumps(json.loads(store.path_for(session.id).read_bytes()))
    assert not path.exists()


def test_a_copy_older_than_its_file_is_said_to_be_older_never_removed_unasked(locations, store, intake):
    session = typed(intake)
    path = keep_rescue_copy(store, locations, session.id, session.to_json())
    session.updated_at = session.updated_at + timedelta(minutes=1)
    store.save(session)
    [copy] = rescue_copies(store, locations)
    assert not copy.newer_than_file and path.exists()


def test_another_data_folder_never_sees_this_one_s_copies(locations, store, intake, tmp_path):
    from dataclasses import replace

    session = typed(intake)
    keep_rescue_copy(store, locations, session.id, session.to_json())
    other = replace(locations, data_dir=tmp_path / "other-data")
    assert rescue_copies(SessionStore(other.sessions_dir), other) == []
