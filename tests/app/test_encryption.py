"""Encryption at rest: no plaintext on disk (temp files included), wrong passphrase and tampering refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def test_a_sealed_file_put_in_another_files_place_fails_authentication(locations, encrypted):
    """Item 9: the file's identity is in the authenticated data, not only the id inside."""
    store = unlocked_store(locations)
    first, second = (store.path_for(s.id) for s in encrypted)
    first.write_bytes(second.read_bytes())
    with pytest.raises(StoreError, match="failed authentication.*another file's put in its place"):
        store.load(encrypted[0].id)
    (moved,) = list_quarantined(store.folder)
    assert moved.moved_to.read_bytes() == second.read_bytes()
    assert store.load(encrypted[1].id).id == encrypted[1].id


def test_a_sealed_client_record_put_in_another_clients_place_fails_authentication(locations, encrypted):
    from interview_tui.casework.clients import ClientBook
    from interview_tui.casework.glance import ClientRecordError

    book = ClientBook(unlocked_store(locations))
    book.ensure("CL-1")
    book.ensure("CL-2")
    book.path_for("CL-1").write_bytes(book.path_for("CL-2").read_bytes())
    with pytest.raises(ClientRecordError, match="failed authentication"):
        book.load("CL-1")
    assert book.load("CL-2").client_code == "CL-2"


def test_a_sealed_session_still_opens_after_it_moves_to_the_trash_and_back(locations, encrypted):
    from interview_tui.store.trash import move_to_trash

    store = unlocked_store(locations)
    moved = move_to_trash(store, encrypted[0].id)
    assert f"said {SENTINEL}" in store.keyring.open(moved.read_bytes(), moved).decode()


def legacy_store(locations, sessions) -> None:
    """A store encrypted by the first format (constant authenticated data, header without checksum)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = os.urandom(32)
    salt = os.urandom(16)
    params = encryption.ScryptParams(n=2**12)
    kek = AESGCM(encryption._derive(PASS, salt, params))
    nonce = os.urandom(12)
    header = {
        "format": 1,
        "kdf": {"name": "scrypt", "n": params.n, "r": params.r, "p": params.p, "salt": encryption._b64(salt)},
        "wrapped_key": encryption._b64(nonce + kek.encrypt(nonce, key, encryption._WRAP_AAD)),
    }
    locations.sessions_dir.mkdir(parents=True, exist_ok=True)
    (locations.sessions_dir / HEADER_NAME).write_text(json.dumps(header))
    for session in sessions:
        nonce = os.urandom(12)
        sealed = encryption.LEGACY_MAGIC + nonce + AESGCM(key).encrypt(nonce, session.to_json(), encryption._LEGACY_FILE_AAD)
        (locations.sessions_dir / f"{session.id}.json").write_bytes(sealed)


def test_files_sealed_in_the_first_format_are_resealed_with_their_identity(locations, intake, fast_kdf, passphrases):
    """Item 9, migration: an existing store opens as before, and its files are brought to the bound format."""
    first = Session.start("CL-1", intake)
    first.set_note("preparation", "record-review", f"said {SENTINEL} twice")
    legacy_store(locations, [first])
    path = locations.sessions_dir / f"{first.id}.json"
    assert path.read_bytes().startswith(encryption.LEGACY_MAGIC)
    passphrases.append(PASS)
    assert cli(locations, "sessions") == 0
    assert path.read_bytes().startswith(MAGIC)
    header = json.loads((locations.sessions_dir / HEADER_NAME).read_bytes())
    assert header["format"] == 2 and header["legacy_key"] is None and len(header["keys"]) == 1
    store = unlocked_store(locations)
    assert store.load(first.id).note("preparation", "record-review") == f"said {SENTINEL} twice"
    # a first-format copy put back afterwards is no longer accepted
    old = bytearray(path.read_bytes())
    legacy = encryption.LEGACY_MAGIC + bytes(old[len(MAGIC) + 8 :])
    path.write_bytes(legacy)
    with pytest.raises(StoreError, match="first format"):
        unlocked_store(locations).load(first.id)


def rewrite_header(locations, change) -> None:
    """Change the header as a forger would: the checksum made to match again."""
    header = locations.sessions_dir / HEADER_NAME
    data = json.loads(header.read_bytes())
    change(data)
    data.pop("check")
    data["check"] = encryption._checksum(data)
    header.write_text(json.dumps(data))


def test_a_forged_header_is_refused(locations, encrypted):
    rewrite_header(locations, lambda d: d["kdf"].update(n=2**11))  # the cost lowered: the key no longer matches
    with pytest.raises(WrongPassphrase):
        SessionStore(locations.sessions_dir).keyring.unlock(PASS)
    rewrite_header(locations, lambda d: d["kdf"].update(n=2**4))
    with pytest.raises(encryption.EncryptionError, match="weaker"):
        SessionStore(locations.sessions_dir).keyring.unlock(PASS)


def flip_in_header(locations, where: str) -> None:
    header = locations.sessions_dir / HEADER_NAME
    data = json.loads(header.read_bytes())
    holder = data["kdf"] if where == "salt" else data["keys"][0]
    raw = bytearray(encryption._unb64(holder[where]))
    raw[3] ^= 0x01
    holder[where] = encryption._b64(bytes(raw))
    header.write_text(json.dumps(data, indent=1) + "\n")


@pytest.mark.parametrize("where", ["salt", "wrapped"])
def test_header_damage_is_told_apart_from_a_wrong_passphrase_and_logs_no_failed_unlock(
    locations, encrypted, passphrases, capsys, where
):
    """Item 12: a flipped byte in the salt or the wrapped key is damage, said once; no false unlock_failed lines."""
    from interview_tui.store.audit import AuditLog

    flip_in_header(locations, where)
    capsys.readouterr()
    asked_before = len(passphrases.asked)
    passphrases.extend([PASS, PASS, PASS])
    assert cli(locations, "sessions") == 2
    err = capsys.readouterr().err
    assert "encryption.header is damaged" in err and "wrong passphrase" not in err
    assert len(passphrases.asked) - asked_before <= 1
    assert "unlock_failed" not in [e["event"] for e in AuditLog(locations.data_dir).entries()]
    with pytest.raises(encryption.HeaderDamaged):
        SessionStore(locations.sessions_dir).keyring.unlock(PASS)


def test_a_wrong_passphrase_on_a_whole_header_is_still_a_wrong_passphrase(locations, encrypted, passphrases):
    from interview_tui.store.audit import AuditLog

    passphrases.extend(["wrong one", "wrong two", "wrong three"])
    assert cli(locations, "sessions") == 2
    assert [e["event"] for e in AuditLog(locations.data_dir).entries()].count("unlock_failed") == 3


def test_a_plaintext_file_planted_in_an_encrypted_store_is_quarantined_and_never_sealed(
    locations, encrypted, intake, passphrases, capsys
):
    """Item 10: listed nowhere, moved aside with the reason, and 'encrypt' never seals it as genuine."""
    planted = Session.start("CL-X", intake)
    planted.id = planted.id[:-4] + "0bad"
    path = locations.sessions_dir / f"{planted.id}.json"
    path.write_bytes(planted.to_json())
    capsys.readouterr()
    passphrases.append(PASS)
    assert cli(locations, "sessions") == 0
    out, err = capsys.readouterr()
    assert planted.id not in out and "no encryption is under way" in err and "run 'interview-tui encrypt'" not in err
    assert not path.exists()
    (moved,) = list_quarantined(locations.sessions_dir)
    assert moved.moved_to.read_bytes() == planted.to_json() and "not written by this app" in moved.reason
    # planted again, then 'encrypt' as someone might run it: the file is set aside, not sealed
    path.write_bytes(planted.to_json())
    assert cli(locations, "encrypt") == 2
    assert "already encrypted" in capsys.readouterr().err
    assert not path.exists()
    assert all(not is_sealed(q.moved_to.read_bytes()) for q in list_quarantined(locations.sessions_dir))


def test_a_plaintext_file_during_an_interrupted_encryption_is_left_for_encrypt(locations, saved, fast_kdf, passphrases):
    store = SessionStore(locations.sessions_dir)
    storage.write_private_atomic(store.keyring.header, store.keyring.new_header(PASS, encrypting=True))
    store = unlocked_store(locations)
    with pytest.raises(StoreError, match="not encrypted yet"):
        store.load(saved[0].id)
    assert store.path_for(saved[0].id).exists() and not list_quarantined(store.folder)


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


def test_change_passphrase_reencrypts_every_file_so_a_copy_of_the_old_header_opens_nothing(
    locations, encrypted, passphrases, capsys
):
    """Item 8: the message is true: a new data key, every file sealed again, the old key gone from the header."""
    header = locations.sessions_dir / HEADER_NAME
    old_header = header.read_bytes()
    path = locations.sessions_dir / f"{encrypted[0].id}.json"
    before = path.read_bytes()
    passphrases.extend([PASS, "a brand new one", "a brand new one"])
    assert cli(locations, "change-passphrase") == 0
    assert "no longer open these sessions" in capsys.readouterr().out
    with pytest.raises(WrongPassphrase):
        SessionStore(locations.sessions_dir).keyring.unlock(PASS)
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock("a brand new one")
    assert store.load(encrypted[0].id).note("preparation", "record-review") == f"said {SENTINEL} twice"
    assert path.read_bytes() != before and len(json.loads(header.read_bytes())["keys"]) == 1
    # someone kept the old header and knows the old passphrase: it opens no file written since
    header.write_bytes(old_header)
    thief = SessionStore(locations.sessions_dir)
    thief.keyring.unlock(PASS)
    for sealed in locations.sessions_dir.glob("*.json"):
        with pytest.raises(encryption.Tampered):
            thief.keyring.open(sealed.read_bytes(), sealed)


def test_a_key_change_stopped_halfway_opens_every_file_and_is_finished_by_running_it_again(
    locations, encrypted, passphrases, monkeypatch
):
    import interview_tui.store.reseal as reseal

    real = reseal.write_private_atomic
    calls = []

    def crash_on_second(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # one file sealed with the new key, the others still with the old one
        real(path, data)

    monkeypatch.setattr(reseal, "write_private_atomic", crash_on_second)
    passphrases.extend([PASS, "a brand new one", "a brand new one"])
    assert cli(locations, "change-passphrase") == 130
    monkeypatch.setattr(reseal, "write_private_atomic", real)
    header = locations.sessions_dir / HEADER_NAME
    assert len(json.loads(header.read_bytes())["keys"]) == 2  # both keys, under the new passphrase
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock("a brand new one")
    assert {store.load(s.id).id for s in encrypted} == {s.id for s in encrypted}
    passphrases.append("a brand new one")  # asked once: the finishing run asks for no new passphrase
    assert cli(locations, "change-passphrase") == 0
    assert len(json.loads(header.read_bytes())["keys"]) == 1
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock("a brand new one")
    assert store.load(encrypted[0].id).note("preparation", "record-review") == f"said {SENTINEL} twice"
    assert all(store.keyring.is_current(p.read_bytes()) for p in locations.sessions_dir.glob("*.json"))


def test_change_passphrase_is_refused_while_a_session_is_open(locations, encrypted, passphrases, capsys):
    lock = SessionLock(locations.sessions_dir, encrypted[0].id).acquire()
    before = (locations.sessions_dir / HEADER_NAME).read_bytes()
    try:
        assert cli(locations, "change-passphrase") == 2
    finally:
        lock.release()
    assert "already open" in capsys.readouterr().err
    assert (locations.sessions_dir / HEADER_NAME).read_bytes() == before


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


@pytest.mark.parametrize("command", [["sessions"], ["change-passphrase"], ["new", "C-9"]])
def test_a_passphrase_is_never_read_where_it_would_show(locations, encrypted, command):
    """Issue 14, item 6 (stdin closed, no terminal): a one-line message and exit 2, never an internal error, and
    never getpass's fallback that reads the passphrase with echo on."""
    before = sorted((p.name, p.read_bytes()) for p in locations.sessions_dir.glob("*.json"))
    result = subprocess.run(
        [sys.executable, "-m", "interview_tui", "--data-dir", str(locations.data_dir), *command],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, start_new_session=True,
        env=dict(os.environ, INTERVIEW_TUI_CONFIG_DIR=str(locations.config_dir)),
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        "interview-tui: no terminal to type the passphrase on (it would show as typed); stopped"
    ]
    assert sorted((p.name, p.read_bytes()) for p in locations.sessions_dir.glob("*.json")) == before
