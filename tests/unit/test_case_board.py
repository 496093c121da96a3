"""The home screen's board (casework.board): the same flags, due list and open or closed cases as the full
client cases (casework.all_cases), read from fewer sessions and a glance at each record, without pydantic."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from interview_tui.casework.cases import all_cases, board, case_sessions
from interview_tui.casework.due import due_list, plan_actions
from interview_tui.casework.glance import ClientGlances, ClientRecordError, glance_of_data
from interview_tui.casework.clients import ClientBook
from interview_tui.devtools.demo_data import generate
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore

from builders import meaning_phase, risk_phase

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 6, 1)


def case_view(case) -> tuple:
    return (
        case.code,
        case.display_name,
        case.is_closed,
        [(f.flag_id, f.flag.value) for f in case.open_flags],
        case.next_appointment,
        case.problem,
    )


def both(store: SessionStore):
    summaries = store.summaries()[0]
    full = [c for c in all_cases(ClientBook(store), summaries, save=False) if c.sessions]
    light = board(ClientGlances(store), summaries)
    return full, light


def assert_same(store: SessionStore) -> list:
    full, light = both(store)
    assert sorted(map(case_view, light)) == sorted(map(case_view, full))
    assert due_list(light, TODAY) == due_list(full, TODAY)
    return full


def edit_records(store: SessionStore, full) -> None:
    """Clear some flags, close some cases, close and reopen others, name a few clients."""
    book = ClientBook(store)
    for n, case in enumerate(full):
        record = book.get(case.code)
        if n % 3 == 0 and case.open_flags:
            flag = case.open_flags[0]
            record.clear_flag(flag.flag_id, flag.flag.value, "Safety plan in place", at=T0)
        if n % 4 == 1 and not record.is_closed:
            record.close_case("Moved away", at=T0 + timedelta(days=400))
        if n % 5 == 2 and not record.is_closed:
            record.close_case("Goals met", at=T0 - timedelta(days=400))
            record.reopen_case("New referral", at=T0 - timedelta(days=300))
        if n % 2:
            record.display_name = f"Client {n}"
        book.save(record)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_board_says_what_the_full_cases_say(store, catalogue, seed):
    generate(store, catalogue, clients=12, sessions=120, seed=seed)
    full = assert_same(store)
    assert any(c.open_flags for c in full) and any(c.next_appointment for c in full)
    assert due_list(full, TODAY)
    edit_records(store, full)
    assert_same(store)


def test_a_session_that_closed_the_case_counts_on_the_board_without_writing_the_record(store, catalogue, locations):
    ending = catalogue.protocol("termination")
    session = Session.start("E-3", ending, at=T0)
    session.set_answer(*meaning_phase(ending, "close_case"), True)
    session.finish(at=T0 + timedelta(hours=1))
    store.save(session)
    (case,) = board(ClientGlances(store), store.summaries()[0])
    assert case.is_closed and case.record.closed_reason == "Closed by the ending session of 2026-03-02"
    assert not (locations.clients_dir / "E-3.json").exists()  # the board writes nothing
    assert_same(store)


def test_the_board_reads_only_the_sessions_a_case_rests_on(store, intake):
    risky = risk_phase(intake)
    for day in range(6):
        session = Session.start("R-1", intake, at=T0 + timedelta(days=day))
        if day == 2:
            session.set_answer(risky, "risk-level", "high")
        if day == 4:
            session.set_answer(*meaning_phase(intake, "next_appointment"), "2026-04-01")
        store.save(session)
    kept = list(case_sessions(store.summaries()[0]))
    days = [s.started_at.day for s in kept]
    # the newest (day 5, which also keeps the current plan), the one giving an appointment, the one raising a flag
    assert days == [7, 6, 4]
    assert_same(store)


def test_where_never_makes_the_rows_it_refuses(store, intake):
    for day in range(3):
        store.save(Session.start(f"W-{day}", intake, at=T0 + timedelta(days=day)))
    listing = store.summaries()[0]
    asked: list[str] = []

    def keep(client, row):
        asked.append(client)
        return client == "W-1"

    assert [s.client for s in listing.where(keep)] == ["W-1"]
    assert asked == ["W-2", "W-1", "W-0"]  # newest first, each asked once


def test_an_unreadable_record_is_a_problem_on_its_case_not_an_error(store, intake, locations):
    store.save(Session.start("U-1", intake, at=T0))
    locations.clients_dir.mkdir(parents=True, exist_ok=True)
    path = locations.clients_dir / "U-1.json"
    path.write_text("{ not json")
    (case,) = board(ClientGlances(store), store.summaries()[0])
    assert case.problem == f"{path}: not a readable client record; left as it is"
    assert path.read_text() == "{ not json"
    assert_same(store)


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"client_code": "OTHER"},
        {"client_code": "G-1", "display_name": 3},
        {"client_code": "G-1", "case_events": [{"at": "2026-01-01T00:00:00Z", "kind": "paused", "reason": "x"}]},
        {"client_code": "G-1", "case_events": [{"at": "yesterday", "kind": "closed", "reason": "x"}]},
        {"client_code": "G-1", "flag_clearances": [{"flag_id": "a/b/c"}]},
    ],
)
def test_a_glance_refuses_what_is_not_a_client_record(data):
    with pytest.raises(ValueError):
        glance_of_data("G-1", data)


def test_glances_of_an_encrypted_store_open_sealed_records(locations, intake, fast_kdf, passphrases):
    from interview_tui.cli.encryption import encrypt

    store = SessionStore(locations.sessions_dir)
    store.save(Session.start("S-1", intake, at=T0))
    book = ClientBook(store)
    record = book.ensure("S-1", at=T0)
    record.display_name = "Sam"
    record.close_case("Moved away", at=T0 + timedelta(days=1))
    book.save(record)
    passphrases.extend(["correct horse", "correct horse"])
    encrypt(locations)
    (path,) = locations.clients_dir.iterdir()
    assert "S-1" not in path.name and b"Sam" not in path.read_bytes()
    sealed = SessionStore(locations.sessions_dir)
    with pytest.raises(ClientRecordError, match="locked"):
        ClientGlances(sealed).get("S-1")  # said, never guessed
    sealed.keyring.unlock("correct horse")
    glance = ClientGlances(sealed).get("S-1")
    assert (glance.display_name, glance.is_closed, glance.closed_reason) == ("Sam", True, "Moved away")
    (case,) = board(ClientGlances(sealed), sealed.summaries()[0])
    assert case.is_closed and case.display_name == "Sam"


def test_plan_actions_come_from_the_session_files(store, catalogue):
    generate(store, catalogue, clients=6, sessions=40, seed=4)
    cases = board(ClientGlances(store), store.summaries()[0])
    entries = [e for e in due_list(cases, TODAY) if e.kind == "plan_item"]
    assert entries
    actions = plan_actions(store, entries)
    for entry in entries:
        session = store.load(entry.session_id)
        expected = next(item.action for item in session.plan_items if item.id == entry.item_id)
        assert actions[(entry.session_id, entry.item_id)] == expected
    store.path_for(entries[0].session_id).write_text("damaged")
    assert (entries[0].session_id, entries[0].item_id) not in plan_actions(store, entries)


def test_the_board_loads_no_pydantic(store, catalogue, locations):
    generate(store, catalogue, clients=5, sessions=30, seed=5)
    for path in store.folder.glob("*.json"):  # written an hour ago: settled, so the index vouches for them
        os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))
    store.summaries()  # the session index, as any listing leaves it (reading a new file checks it against the model)
    code = (
        "import sys; from pathlib import Path; "
        "from interview_tui.store.sessions import SessionStore; from interview_tui.casework.glance import ClientGlances; "
        "from interview_tui.casework.cases import board; from interview_tui.casework.due import due_list, plan_actions; import datetime; "
        f"store = SessionStore(Path({str(locations.sessions_dir)!r})); "
        "cases = board(ClientGlances(store), store.summaries()[0]); "
        "entries = due_list(cases, datetime.date(2026, 6, 1)); plan_actions(store, entries); "
        "print(len(cases), sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) == 5 and out[1].strip() == "[]"
