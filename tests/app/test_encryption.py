"""Encryption at rest: no plaintext on disk (temp files included), wrong passphrase and tampering refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from interview_tui.store import encryption

from interview_tui.store import sessions as storage
from interview_tui.store.autosave import Autosaver
from interview_tui.cli.main import main
from interview_tui.store.encryption import MAGIC, HEADER_NAME, WrongPassphrase, is_sealed, make_header, unwrap
from interview_tui.store.quarantine import list_quarantined
from interview_tui.core.session import Session
from interview_tui.store.lock import SessionLock
from interview_tui.store.sessions import SessionStore, StoreError

SENTINEL = "OKAPI-SENTINEL-5519"
PASS = "correct horse battery"


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def assert_no_sentinel(folder: Path) -> int:
    files = every_file(folder)
    for path in files:
        assert SENTINEL.encode() not in path.read_bytes(), path
    return len(files)


def cli(locations, *args: str) -> int:
    return main(["--data-dir", str(locations.data_dir), *args])


@pytest.fixture
def saved(store, intake):
    """Two sessions on disk, one with the sentinel in a note."""
    first = Session.start("CL-1", intake)
    first.set_note("preparation", "record-review", f"said {SENTINEL} twice")
    second = Session.start("CL-2", intake)
    second.id = second.id[:-4] + "beef"
    store.save(first)
    store.save(second)
    return first, second


@pytest.fixture
def encrypted(locations, saved, fast_kdf, passphrases):
    passphrases.extend([PASS, PASS])
    assert cli(locations, "encrypt") == 0
    return saved


def unlocked_store(locations) -> SessionStore:
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock(PASS)
    return store


def test_default_key_derivation_is_owasp_scrypt_and_round_trips():
    assert encryption.DEFAULT_PARAMS == encryption.OWASP_MINIMUM == encryption.ScryptParams(n=2**17, r=8, p=1)
    header = make_header(PASS, b"k" * 32)
    kdf = json.loads(header)["kdf"]
    assert (kdf["name"], kdf["n"], kdf["r"], kdf["p"]) == ("scrypt", 2**17, 8, 1) and len(kdf["salt"]) == 24
    assert unwrap(header, PASS)[0] == b"k" * 32
    assert json.loads(make_header(PASS, b"k" * 32))["kdf"]["salt"] != kdf["salt"]  # a fresh salt every time


def test_encrypt_leaves_no_plaintext_anywhere_and_sessions_still_open(locations, encrypted, capsys):
    first, second = encrypted
    assert assert_no_sentinel(locations.data_dir) >= 3
    for path in locations.sessions_dir.glob("*.json"):
        assert is_sealed(path.read_bytes()) and path.stat().st_mode & 0o777 == 0o600
    store = unlocked_store(locations)
    assert store.load(first.id).note("preparation", "record-review") == f"said {SENTINEL} twice"
    assert {s.id for s in store.summaries()[0]} == {first.id, second.id}


def test_cli_asks_once_and_refuses_a_wrong_passphrase(locations, encrypted, passphrases, capsys):
    capsys.readouterr()
    passphrases.extend(["wrong one", "wrong two", "wrong three"])
    assert cli(locations, "sessions") == 2
    err = capsys.readouterr().err
    assert "wrong passphrase (3 tries)" in err and encrypted[0].id not in err
    passphrases.extend(["wrong one", PASS])
    assert cli(locations, "sessions") == 0
    assert encrypted[0].id in capsys.readouterr().out


def test_locked_store_reads_and_writes_nothing(locations, encrypted):
    store = SessionStore(locations.sessions_dir)
    assert store.keyring.locked
    with pytest.raises(StoreError, match="locked"):
        store.load(encrypted[0].id)
    before = store.path_for(encrypted[0].id).read_bytes()
    with pytest.raises(StoreError, match="locked"):
        store.save(encrypted[0])
    assert store.path_for(encrypted[0].id).read_bytes() == before
    with pytest.raises(WrongPassphrase):
        store.keyring.unlock("not it at all")


def test_tampered_file_is_refused_never_loaded(locations, encrypted):
    store = unlocked_store(locations)
    path = store.path_for(encrypted[0].id)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="failed authentication"):
        store.load(encrypted[0].id)
    (moved,) = list_quarantined(store.folder)
    assert moved.moved_to.read_bytes() == bytes(data)
    assert store.load(encrypted[1].id).id == encrypted[1].id


def test_a_file_swapped_for_another_sessions_ciphertext_is_refused(locations, encrypted):
    store = unlocked_store(locations)
    first, second = (store.path_for(s.id) for s in encrypted)
    first.write_bytes(second.read_bytes())
    with pytest.raises(StoreError, match="not the file's name"):
        store.load(encrypted[0].id)


def test_tampered_header_is_refused(locations, encrypted):
    header = locations.sessions_dir / HEADER_NAME
    data = json.loads(header.read_bytes())
    data["kdf"]["n"] = 2**11  # someone lowers the cost (still above the test floor): the key no longer matches
    header.write_text(json.dumps(data))
    with pytest.raises(WrongPassphrase):
        SessionStore(locations.sessions_dir).keyring.unlock(PASS)
    data["kdf"]["n"] = 2**4
    header.write_text(json.dumps(data))
    with pytest.raises(encryption.EncryptionError, match="weaker"):
        SessionStore(locations.sessions_dir).keyring.unlock(PASS)


def test_plaintext_file_in_an_encrypted_store_is_refused_and_left_alone(locations, encrypted, intake):
    planted = Session.start("CL-X", intake)
    planted.id = planted.id[:-4] + "0bad"
    path = locations.sessions_dir / f"{planted.id}.json"
    path.write_bytes(planted.to_json())
    store = unlocked_store(locations)
    with pytest.raises(StoreError, match="not encrypted although this store is"):
        store.load(planted.id)
    assert path.read_bytes() == planted.to_json()
    assert planted.id not in {s.id for s in store.summaries()[0]}


def test_no_plaintext_reaches_any_write_including_temporary_files(locations, encrypted, monkeypatch):
    written: list[bytes] = []
    real_write = os.write

    def spy(fd, data):
        written.append(bytes(data))
        return real_write(fd, data)

    store = unlocked_store(locations)
    session = store.load(encrypted[0].id)
    monkeypatch.setattr(os, "write", spy)
    saver = Autosaver(store, session)
    try:
        session.set_note("preparation", "interview-purpose", f"{SENTINEL} again")
        saver.changed()
        assert saver.save_now()
    finally:
        saver.close()
    monkeypatch.undo()
    assert written and all(SENTINEL.encode() not in chunk for chunk in written)
    assert any(chunk.startswith(MAGIC) for chunk in written)
    assert_no_sentinel(locations.data_dir)


def test_change_passphrase_rewraps_the_key(locations, encrypted, passphrases):
    path = locations.sessions_dir / f"{encrypted[0].id}.json"
    before = path.read_bytes()
    passphrases.extend([PASS, "a brand new one", "a brand new one"])
    assert cli(locations, "change-passphrase") == 0
    with pytest.raises(WrongPassphrase):
        SessionStore(locations.sessions_dir).keyring.unlock(PASS)
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock("a brand new one")
    assert store.load(encrypted[0].id).note("preparation", "record-review") == f"said {SENTINEL} twice"
    assert path.read_bytes() == before


def test_passphrases_must_match_and_be_long_enough(locations, saved, fast_kdf, passphrases, capsys):
    passphrases.extend([PASS, PASS + "x"])
    assert cli(locations, "encrypt") == 2
    passphrases.extend(["short", "short"])
    assert cli(locations, "encrypt") == 2
    err = capsys.readouterr().err
    assert "the two passphrases differ" in err and "at least 8 characters" in err and PASS not in err
    assert not (locations.sessions_dir / HEADER_NAME).exists()


def test_decrypt_turns_it_all_back(locations, encrypted, passphrases):
    passphrases.append(PASS)
    assert cli(locations, "decrypt") == 0
    assert not (locations.sessions_dir / HEADER_NAME).exists()
    store = SessionStore(locations.sessions_dir)
    assert store.load(encrypted[0].id).note("preparation", "record-review") == f"said {SENTINEL} twice"


def test_an_interrupted_encryption_is_finished_by_running_it_again(locations, saved, fast_kdf, passphrases, monkeypatch):
    real = storage.write_private_atomic
    calls = []

    def crash_on_third(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the header and one file are done
        real(path, data)

    import interview_tui.cli.encryption as cli_encryption

    monkeypatch.setattr(cli_encryption, "write_private_atomic", crash_on_third)
    passphrases.extend([PASS, PASS])
    assert cli(locations, "encrypt") == 130
    monkeypatch.setattr(cli_encryption, "write_private_atomic", real)
    sealed = [is_sealed(p.read_bytes()) for p in locations.sessions_dir.glob("*.json")]
    assert sorted(sealed) == [False, True]
    passphrases.append(PASS)  # asked once: the existing passphrase
    assert cli(locations, "encrypt") == 0
    assert_no_sentinel(locations.data_dir)
    assert unlocked_store(locations).load(saved[0].id).id == saved[0].id


def test_encrypt_is_refused_while_a_session_is_open(locations, saved, fast_kdf, passphrases, capsys):
    lock = SessionLock(locations.sessions_dir, saved[0].id).acquire()
    try:
        assert cli(locations, "encrypt") == 2
    finally:
        lock.release()
    assert "already open" in capsys.readouterr().err
    assert not (locations.sessions_dir / HEADER_NAME).exists()


async def test_app_with_encryption_on_writes_only_ciphertext(locations, catalogue, encrypted):
    from interview_tui.ui.app import make_app

    store = unlocked_store(locations)
    session = store.load(encrypted[1].id)
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*SENTINEL)
        await pilot.pause(1.5)
        await pilot.press("ctrl+q")
    assert_no_sentinel(locations.data_dir)
    assert SENTINEL in unlocked_store(locations).load(encrypted[1].id).note("preparation", "record-review")
