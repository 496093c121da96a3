"""Client records in an encrypted store are named so that no client code shows in the folder (issue 15, item 11)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.casework.clients import ClientBook
from interview_tui.casework.glance import ClientGlances
from interview_tui.cli.encryption import change_passphrase, decrypt, encrypt
from interview_tui.core.ids import CLIENT_CODE_PATTERN
from interview_tui.store import record_names
from interview_tui.store.reseal import reseal
from interview_tui.store.sessions import SessionStore

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
PASS = "correct horse"
CODES = ("AB-12", "C.7", "Zed_99")


def make_records(locations) -> None:
    book = ClientBook(SessionStore(locations.sessions_dir))
    for code in CODES:
        record = book.ensure(code, at=T0)
        record.notes = f"notes of {code}"
        record.display_name = f"name of {code}"
        book.save(record)


def names(locations) -> list[str]:
    return sorted(p.name for p in locations.clients_dir.iterdir())


def unlocked(locations, passphrase: str = PASS) -> SessionStore:
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock(passphrase)
    return store


def test_a_plain_store_names_records_by_their_code(locations):
    make_records(locations)
    assert names(locations) == sorted(f"{code}.json" for code in CODES)


def test_encrypting_renames_every_record_and_decrypting_names_them_back(locations, fast_kdf, passphrases):
    make_records(locations)
    passphrases.extend([PASS, PASS])
    encrypt(locations)
    listed = names(locations)
    assert len(listed) == len(CODES)
    for name in listed:
        assert name.startswith("r-") and not any(code in name for code in CODES)
        raw = (locations.clients_dir / name).read_bytes()
        assert not any(code.encode() in raw for code in CODES)
    store = unlocked(locations)
    assert ClientBook(store).codes() == sorted(CODES)
    assert ClientBook(store).load("C.7").notes == "notes of C.7"
    assert ClientGlances(store).get("C.7").display_name == "name of C.7"
    passphrases.append(PASS)
    decrypt(locations)
    assert names(locations) == sorted(f"{code}.json" for code in CODES)
    assert json.loads((locations.clients_dir / "AB-12.json").read_bytes())["notes"] == "notes of AB-12"


def test_the_same_code_has_another_name_in_another_store(tmp_path, fast_kdf, passphrases):
    """The names are keyed by the store's secret: a guessed code cannot be tested against a listing."""
    from interview_tui.store.paths import Locations

    found = []
    for n in range(2):
        config = tmp_path / f"config-{n}"
        locations = Locations(data_dir=tmp_path / f"store-{n}", config_dir=config, user_phases_dir=config / "phases")
        make_records(locations)
        passphrases.extend([PASS, PASS])
        encrypt(locations)
        store = unlocked(locations)
        found.append(record_names.current_name(store.keyring, "AB-12"))
        assert (locations.clients_dir / found[-1]).exists()
    assert found[0] != found[1]


def test_a_change_of_key_renames_records_and_they_still_open(locations, fast_kdf, passphrases):
    make_records(locations)
    passphrases.extend([PASS, PASS])
    encrypt(locations)
    before = names(locations)
    passphrases.extend([PASS, "a brand new one", "a brand new one"])
    assert change_passphrase(locations) == 0
    after = names(locations)
    assert len(after) == len(CODES) and not set(before) & set(after)
    store = unlocked(locations, "a brand new one")
    book = ClientBook(store)
    assert book.codes() == sorted(CODES)
    assert all(store.keyring.is_current(p.read_bytes()) for p in locations.clients_dir.iterdir())
    assert book.load("Zed_99").notes == "notes of Zed_99"


def test_a_change_of_key_stopped_halfway_keeps_the_newer_record(locations, fast_kdf, passphrases):
    """Stopped after the renamed record was written and before the old name was removed, and the record then
    edited: the next run removes the old file and never writes the older content over the newer."""
    make_records(locations)
    passphrases.extend([PASS, PASS])
    encrypt(locations)
    store = unlocked(locations)
    store.keyring.start_key_change("a brand new one")
    old_name = record_names.every_name(store.keyring, "AB-12")[1]
    old_bytes = (locations.clients_dir / old_name).read_bytes()
    book = ClientBook(store)
    record = book.load("AB-12")  # read under its old name, saved under its new one
    record.notes = "edited after the key change began"
    book.save(record)
    (locations.clients_dir / old_name).write_bytes(old_bytes)  # as if the old one were never removed
    done = reseal(store)
    assert done.finished
    assert not (locations.clients_dir / old_name).exists()
    assert ClientBook(unlocked(locations, "a brand new one")).load("AB-12").notes == "edited after the key change began"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.from_regex(CLIENT_CODE_PATTERN, fullmatch=True), min_size=2, max_size=2, unique=True),
    st.binary(min_size=32, max_size=32),
)
def test_keyed_names_are_hex_and_tell_codes_apart(codes, key):
    first, second = (record_names._keyed(key, code) for code in codes)
    assert re.fullmatch(r"r-[0-9a-f]{32}\.json", first) and re.fullmatch(r"r-[0-9a-f]{32}\.json", second)
    assert first != second and first == record_names._keyed(key, codes[0])
