"""The session index with encryption on: kept in memory, written sealed whole, no client code on disk in clear."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from interview_tui.cli.main import main
from interview_tui.core.session import Session
from interview_tui.store.encryption import MAGIC as SEALED
from interview_tui.store.index_schema import FILE_NAME, OLD_FILES
from interview_tui.store.sessions import SessionStore

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
CLIENT = "OKAPI-7731"
PASS = "correct horse battery"


def no_clear_text(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            assert CLIENT.encode() not in path.read_bytes(), path


def test_an_encrypted_store_keeps_its_session_index_sealed(locations, store, intake, fast_kdf, passphrases):
    store.save(Session.start(CLIENT, intake, at=BASE))
    assert [s.client for s in store.summaries()[0]] == [CLIENT]
    assert CLIENT.encode() in (store.folder / FILE_NAME).read_bytes()  # in clear before encryption
    (store.folder / OLD_FILES[0]).write_text(f'{{"version": 8, "client": "{CLIENT}"}}\n')  # an index of before
    passphrases.extend([PASS, PASS])
    assert main(["--data-dir", str(locations.data_dir), "encrypt"]) == 0
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock(PASS)
    store.save(Session.start(CLIENT, intake, at=BASE + timedelta(hours=1)))
    assert len(store.summaries()[0]) == 2
    assert [s.client for s in store.client_summaries(CLIENT)] == [CLIENT, CLIENT]
    assert (store.folder / FILE_NAME).read_bytes().startswith(SEALED)
    assert not (store.folder / OLD_FILES[0]).exists()
    no_clear_text(locations.data_dir)
    again = SessionStore(locations.sessions_dir)
    again.keyring.unlock(PASS)
    index = again._session_index()
    index.list()
    assert not index.fresh  # the sealed index was opened and used


def test_a_clear_text_index_in_an_encrypted_store_is_deleted_unread(locations, store, intake, fast_kdf, passphrases):
    store.save(Session.start(CLIENT, intake, at=BASE))
    passphrases.extend([PASS, PASS])
    assert main(["--data-dir", str(locations.data_dir), "encrypt"]) == 0
    planted = sqlite3.connect(locations.sessions_dir / FILE_NAME)
    planted.execute("CREATE TABLE t (x)")
    planted.execute("INSERT INTO t VALUES (?)", (CLIENT,))
    planted.commit()
    planted.close()
    store = SessionStore(locations.sessions_dir)
    store.keyring.unlock(PASS)
    assert [s.client for s in store.summaries()[0]] == [CLIENT]
    no_clear_text(locations.data_dir)
