"""A client record's conflict copy, "keep both": a client has one record, so the two are merged into it (every case
event and flag clearance of either, each field from the side that has it, both notes kept when both changed), the
copy goes to the trash, and nothing is written when either file cannot be read."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from interview_tui.casework.clients import ClientBook
from interview_tui.casework.record_conflict import resolve_copy
from interview_tui.cli.encryption import encrypt
from interview_tui.store import record_names
from interview_tui.store.conflict_comparison import ConflictError, find_copy
from interview_tui.store.conflict_copies import conflict_copies
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import trashed

PASS = "correct horse"
NEXTCLOUD = " (conflicted copy 2026-12-08 093000).json"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def two_records(store: SessionStore):
    """The record as the laptop wrote it (display name, a cleared flag) copied beside the record, then the record
    changed here (notes, the case closed)."""
    book = ClientBook(store)
    record = book.ensure("AB-12", at=T0)
    record.notes = "notes from the laptop"
    record.display_name = "Sam"
    record.clear_flag("20261201-090000-abcd/screen/risk", "high", "safety plan in place", at=T0)
    book.save(record)
    path = store.folder / "clients" / record_names.current_name(store.keyring, "AB-12")
    copy = path.with_name(path.stem + NEXTCLOUD)
    copy.write_bytes(path.read_bytes())
    record = ClientBook(store).load("AB-12")
    record.notes = "notes typed here"
    record.display_name = ""
    record.close_case("moved away", at=datetime(2026, 12, 5, tzinfo=timezone.utc))
    ClientBook(store).save(record)
    return copy


@pytest.mark.parametrize("encrypt_it", [False, True])
def test_both_are_merged_into_the_one_record(locations, fast_kdf, passphrases, encrypt_it):
    store = SessionStore(locations.sessions_dir)
    if encrypt_it:
        passphrases.extend([PASS, PASS])
        assert encrypt(locations) == 0
        store = SessionStore(locations.sessions_dir)
        store.keyring.unlock(PASS)
    copy_path = two_records(store)
    resolved = resolve_copy(store, find_copy(store.folder, f"clients/{copy_path.name}"), "both")
    merged = ClientBook(store).load("AB-12")
    assert merged.is_closed and merged.closed_reason == "moved away"
    assert [c.reason for c in merged.flag_clearances] == ["safety plan in place"]
    assert merged.display_name == "Sam"  # only the copy has one
    assert merged.notes.startswith("notes typed here\n\n[from the conflict copy, Nextcloud: conflicted copy ")
    assert merged.notes.endswith("]\nnotes from the laptop")
    assert conflict_copies(store.folder) == [] and resolved.trashed[0] in trashed(store)
    assert resolved.message().startswith("Merged the copy into the record ")


def test_a_copy_whose_record_is_gone_is_not_merged(store):
    copy_path = two_records(store)
    copy_path.with_name("AB-12.json").unlink()
    with pytest.raises(ConflictError, match="nothing to merge"):
        resolve_copy(store, find_copy(store.folder, f"clients/{copy_path.name}"), "both")
    assert copy_path.exists()


def test_a_session_copy_is_kept_as_a_session_of_its_own(store, intake):
    from interview_tui.core.session import Session

    session = Session.start("CL-1", intake)
    store.save(session)
    path = store.path_for(session.id)
    path.with_name(session.id + ".sync-conflict-20261208-093000-ABCDEF7.json").write_bytes(path.read_bytes())
    resolved = resolve_copy(store, conflict_copies(store.folder)[0], "both")
    assert resolved.new_session_id is not None and store.path_for(resolved.new_session_id).exists()
