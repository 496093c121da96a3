"""One way to open a saved session and one way to start one, used by the command line and every screen
(issue 13, one spelling per concept)."""

from __future__ import annotations

import ast
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import interview_tui
from interview_tui.casework.clients import ClientBook
from interview_tui.casework.starting import save_started, start_session
from interview_tui.core.session import Session
from interview_tui.store.lock import SessionBusy, SessionLock
from interview_tui.store.opening import open_saved
from interview_tui.store.sessions import SessionStore, StoreError

PACKAGE = Path(interview_tui.__file__).parent
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


def callers_of(method: str) -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method:
                found.add(str(path.relative_to(PACKAGE)))
    return found


def test_only_the_store_s_open_saved_falls_back_to_read_only():
    assert callers_of("load_read_only") == {"store/opening.py"}


def test_only_save_started_writes_a_first_client_record():
    assert callers_of("ensure") == {"casework/starting.py"}


def test_open_saved_locks_before_it_reads_and_refuses_a_session_open_elsewhere(store, intake):
    session = Session.start("C-1", intake, at=T0)
    store.save(session)
    other_window = SessionLock(store.folder, session.id).acquire()
    try:
        with pytest.raises(SessionBusy):
            open_saved(store, session.id)
    finally:
        other_window.release()
    opened = open_saved(store, session.id)
    assert opened.session.id == session.id and opened.lock is not None and not opened.read_only
    opened.lock.release()


def test_open_saved_lets_go_of_the_lock_when_the_session_cannot_be_read(store):
    with pytest.raises(StoreError):
        open_saved(store, "20260302-100000-abcd")
    SessionLock(store.folder, "20260302-100000-abcd").acquire().release()  # not left held


def test_the_first_record_of_a_client_seen_before_records_is_dated_from_their_first_session(store, intake):
    earliest = Session.start("OLD-1", intake, at=T0)
    store.save(earliest)  # (a store from before client records: no record written)
    assert ClientBook(store).load("OLD-1") is None
    earlier, _problems = store.summaries("OLD-1")
    session = start_session(store, "OLD-1", intake, at=T0 + timedelta(days=30), summaries=list(earlier))
    assert save_started(store, session, earlier) is None
    assert ClientBook(store).load("OLD-1").created_at == T0
    assert store.load(session.id).id == session.id
