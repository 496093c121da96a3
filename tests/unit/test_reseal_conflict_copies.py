"""A sync tool's conflict copy in an encrypted store is what the tool copied: a file sealed for its original's name.
Changing the key, decrypting and encrypting treat it as a conflict copy (re-sealed or opened with the rest, under a
name that still says what it copies), never as a damaged file: never reported as damaged, quarantined, written over
its original, or removed. One that does not open is left as it is and named as a conflict copy."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from interview_tui.casework.clients import ClientBook
from interview_tui.cli.encryption import change_passphrase, decrypt, encrypt
from interview_tui.core.session import Session
from interview_tui.store import record_names
from interview_tui.store.backup import write_backup
from interview_tui.store.backup_check import check_backup
from interview_tui.store.conflict_copies import conflict_copies
from interview_tui.store.paths import Locations
from interview_tui.store.sessions import SessionStore

PASS = "correct horse"
NEW = "a brand new one"
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
DROPBOX = " (Sam's conflicted copy 2026-03-03).json"
NEXTCLOUD = " (conflicted copy 2026-03-03 093000).json"
SYNCTHING = ".sync-conflict-20260303-093000-ABCDEF7.json"


def unlocked(locations: Locations, passphrase: str) -> SessionStore:
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock(passphrase)
    return store


def encrypted_store_with_copies(locations: Locations, intake, passphrases) -> dict[str, Path]:
    """An encrypted store with a session and a client record, and conflict copies of both as sync tools name them
    (made as the tools make them: the bytes of the file as the other machine had written it)."""
    store = SessionStore(locations.sessions_dir)
    session = Session.start("CL-1", intake)
    session.set_note("preparation", "record-review", "first machine")
    store.save(session)
    book = ClientBook(store)
    record = book.ensure("AB-12", at=T0)
    record.notes = "notes of AB-12"
    book.save(record)
    passphrases.extend([PASS, PASS])
    assert encrypt(locations) == 0
    store = unlocked(locations, PASS)
    session_file = store.path_for(session.id)
    record_file = locations.clients_dir / record_names.current_name(store.keyring, "AB-12")
    copies = {
        "dropbox": session_file.with_name(session.id + DROPBOX),
        "onedrive": session_file.with_name(f"{session.id}-DESKTOP-4J2K9QX.json"),
        "syncthing": session_file.with_name(session.id + SYNCTHING),
        "record": record_file.with_name(record_file.stem + NEXTCLOUD),
    }
    for name, copy in copies.items():
        copy.write_bytes((record_file if name == "record" else session_file).read_bytes())
    # the originals move on after the copies were made: the copies keep the other machine's version
    loaded = store.load(session.id)
    loaded.set_note("preparation", "record-review", "second machine")
    store.save(loaded)
    edited = ClientBook(store).load("AB-12")
    edited.notes = "edited here"
    ClientBook(store).save(edited)
    return {"session": session_file, **copies}


def copy_plain(store: SessionStore, copy: Path) -> bytes:
    """A conflict copy's plain bytes, opened as the file it copies (as a sync tool made it)."""
    found = {c.path: c for c in conflict_copies(store.folder)}
    assert copy in found, (copy, sorted(found))
    return store.keyring.open(copy.read_bytes(), found[copy].original)


def no_damage_said(text: str) -> None:
    for word in ("damaged", "does not open", "quarantine", "could not be"):
        assert word not in text, text


def test_a_change_of_key_reseals_conflict_copies_as_copies(locations, intake, fast_kdf, passphrases, capsys):
    files = encrypted_store_with_copies(locations, intake, passphrases)
    before = {name: copy_plain(unlocked(locations, PASS), path) for name, path in files.items() if name != "session"}
    capsys.readouterr()
    passphrases.extend([PASS, NEW, NEW])
    assert change_passphrase(locations) == 0
    no_damage_said(capsys.readouterr().err)
    store = unlocked(locations, NEW)
    assert not (locations.sessions_dir / "quarantine").exists()
    assert not store.keyring.pending()  # nothing left under the old key
    found = {c.path.name: c for c in conflict_copies(store.folder)}
    assert len(found) == 4, sorted(found)
    for name in ("dropbox", "onedrive", "syncthing"):
        assert files[name].name in found
        assert store.keyring.is_current(files[name].read_bytes())
        assert copy_plain(store, files[name]) == before[name]
    record_copy = next(c for c in found.values() if c.path.parent == locations.clients_dir)
    assert record_copy.original.name == record_names.current_name(store.keyring, "AB-12")  # it follows its record
    assert copy_plain(store, record_copy.path) == before["record"]
    assert json.loads(before["record"])["notes"] == "notes of AB-12"
    assert ClientBook(store).load("AB-12").notes == "edited here"  # the record itself is not written over
    assert "second machine" in store.load(files["session"].stem).to_json().decode()


def test_decrypting_opens_conflict_copies_and_the_store_is_plain(locations, intake, fast_kdf, passphrases, capsys):
    files = encrypted_store_with_copies(locations, intake, passphrases)
    before = {name: copy_plain(unlocked(locations, PASS), path) for name, path in files.items() if name != "session"}
    capsys.readouterr()
    passphrases.append(PASS)
    assert decrypt(locations) == 0
    no_damage_said(capsys.readouterr().err)
    store = SessionStore(locations.sessions_dir)
    assert not store.keyring.enabled
    for name in ("dropbox", "onedrive", "syncthing"):
        assert files[name].read_bytes() == before[name]
    record_copy = locations.clients_dir / ("AB-12" + NEXTCLOUD)
    assert record_copy.read_bytes() == before["record"]
    assert json.loads((locations.clients_dir / "AB-12.json").read_bytes())["notes"] == "edited here"
    assert len(conflict_copies(store.folder)) == 4


def test_encrypting_seals_a_records_conflict_copy_beside_its_record_not_over_it(locations, fast_kdf, passphrases):
    store = SessionStore(locations.sessions_dir)
    book = ClientBook(store)
    record = book.ensure("AB-12", at=T0)
    record.notes = "this machine"
    book.save(record)
    other = json.loads((locations.clients_dir / "AB-12.json").read_bytes())
    other["notes"] = "the other machine"
    (locations.clients_dir / ("AB-12" + NEXTCLOUD)).write_text(json.dumps(other))
    passphrases.extend([PASS, PASS])
    assert encrypt(locations) == 0
    store = unlocked(locations, PASS)
    assert ClientBook(store).load("AB-12").notes == "this machine"
    [copy] = conflict_copies(store.folder)
    assert copy.original.name == record_names.current_name(store.keyring, "AB-12")
    assert json.loads(copy_plain(store, copy.path))["notes"] == "the other machine"


def test_a_conflict_copy_that_does_not_open_is_left_and_named_not_called_damaged(
        locations, tmp_path, intake, fast_kdf, passphrases, capsys):
    """A copy sealed with a key this store never had (the other machine's store was encrypted apart): left exactly as
    it is, named as a conflict copy; the change of key finishes."""
    files = encrypted_store_with_copies(locations, intake, passphrases)
    elsewhere = Locations(data_dir=tmp_path / "other", config_dir=tmp_path / "oc", user_phases_dir=tmp_path / "op")
    other = SessionStore(elsewhere.sessions_dir)
    session = Session.start("CL-9", intake)
    other.save(session)
    passphrases.extend(["another pass", "another pass"])
    assert encrypt(elsewhere) == 0
    stranger = files["session"].with_name(files["session"].stem + " (conflicted copy 2026-03-04 101010).json")
    stranger.write_bytes(other.path_for(session.id).read_bytes())
    raw = stranger.read_bytes()
    capsys.readouterr()
    passphrases.extend([PASS, NEW, NEW])
    assert change_passphrase(locations) == 0
    err = capsys.readouterr().err
    no_damage_said(err)
    assert stranger.name in err and "conflict copy" in err
    assert stranger.read_bytes() == raw
    assert not (locations.sessions_dir / "quarantine").exists()
    assert not unlocked(locations, NEW).keyring.pending()


def test_a_backup_of_an_encrypted_store_with_conflict_copies_checks_sound(locations, intake, fast_kdf, passphrases,
                                                                           tmp_path):
    encrypted_store_with_copies(locations, intake, passphrases)
    path = tmp_path / "b.itb"
    with open(path, "wb") as out:
        write_backup(out, locations, PASS, "2026-03-04T00:00:00Z", True)
    checked = check_backup(path, PASS)
    assert sum(1 for name in checked.entries if "conflict" in name or "DESKTOP" in name) == 4
