"""Client records and the case derived from sessions: creation, lazy records, flags, closing, encryption."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from interview_tui.core.case_facts import CaseFacts, facts_of, row_is_sound, row_of_text, text_is_sound
from interview_tui.casework.cases import all_cases, client_case, matches
from interview_tui.casework.due import due_list
from interview_tui.casework.clients import ClientBook, ClientRecord, ClientRecordError
from interview_tui.phases.files import parse_file
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore
from builders import meaning_phase, risk_phase

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


def start(store: SessionStore, protocol, code: str, at: datetime, **answers) -> Session:
    session = Session.start(code, protocol, at=at)
    if "risk" in answers:
        session.set_answer(risk_phase(protocol), "risk-level", answers["risk"])
    if "appointment" in answers:
        session.set_answer(*meaning_phase(protocol, "next_appointment"), answers["appointment"])
    store.save(session)
    return session


def summaries(store: SessionStore, code: str | None = None):
    return store.summaries(code)[0]


def test_the_shipped_protocols_mark_risk_appointment_and_closing(catalogue):
    intake, follow_up, ending = (catalogue.protocol(p) for p in ("intake", "follow-up", "termination"))
    for protocol in (intake, follow_up, catalogue.protocol("crisis")):
        prompt = next(q for ph in protocol.phases for q in ph.prompts if q.id == "risk-level")
        assert prompt.flags == {"medium": "risk", "high": "risk"}
    assert meaning_phase(intake, "next_appointment") == ("closure", "next-appointment")
    assert meaning_phase(follow_up, "next_appointment") == ("closure", "next-appointment")
    assert meaning_phase(ending, "close_case")[1] == "close-case"


def test_ensure_writes_a_private_record_once(store, locations):
    book = ClientBook(store)
    record = book.ensure("C-1", at=T0)
    path = locations.clients_dir / "C-1.json"
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    assert json.loads(path.read_text())["created_at"].startswith("2026-03-02")
    record.display_name = "Sam"
    book.save(record)
    assert book.ensure("C-1", at=T0 + timedelta(days=3)).display_name == "Sam"  # not replaced
    assert book.codes() == ["C-1"]


def test_a_client_of_an_old_store_gets_a_record_from_their_sessions(store, intake):
    start(store, intake, "OLD-7", T0)
    start(store, intake, "OLD-7", T0 + timedelta(days=7))
    book = ClientBook(store)
    assert book.load("OLD-7") is None
    case = client_case(book, "OLD-7", summaries(store, "OLD-7"))
    assert case.record.created_at == T0 and len(case.sessions) == 2
    assert book.load("OLD-7") is None  # nothing changed, nothing written
    case.record.notes = "prefers mornings"
    book.save(case.record)
    assert book.load("OLD-7").created_at == T0


def test_medium_or_high_risk_raises_a_flag_until_cleared_with_a_reason(store, intake, locations):
    first = start(store, intake, "R-1", T0, risk="low")
    second = start(store, intake, "R-1", T0 + timedelta(days=1), risk="high")
    book = ClientBook(store)
    case = client_case(book, "R-1", summaries(store, "R-1"))
    assert [f.text for f in case.open_flags] == ["⚑ RISK High"]
    flag = case.open_flags[0]
    assert flag.flag_id == f"{second.id}/assessment/risk-level" and flag.raised_on == date(2026, 3, 3)
    with pytest.raises(ValueError, match="say why"):
        case.record.clear_flag(flag.flag_id, flag.flag.value, "  ")
    case.record.clear_flag(flag.flag_id, flag.flag.value, "Safety plan in place; GP informed")
    book.save(case.record)
    saved = json.loads((locations.clients_dir / "R-1.json").read_text())
    assert saved["flag_clearances"][0]["reason"] == "Safety plan in place; GP informed"
    assert client_case(book, "R-1", summaries(store, "R-1")).open_flags == []
    # the same answer changed to another flagged value shows again
    second.set_answer("assessment", "risk-level", "medium")
    store.save(second)
    again = client_case(book, "R-1", summaries(store, "R-1")).open_flags
    assert [f.text for f in again] == ["⚑ RISK Medium"]
    assert first.id not in {f.session_id for f in again}


def test_flags_are_data_driven(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[protocol]\nid = "mine"\ntitle = "Mine"\n[choices]\nlevel = ["calm", "worried"]\n'
        '[[phase]]\nid = "a"\ntitle = "A"\npurpose = "P."\n'
        '[[phase.prompt]]\nid = "mood"\ntext = "Mood"\ntype = "choice"\nchoices = "level"\n'
        'flags = { worried = "watch" }\n',
        encoding="utf-8",
    )
    protocol = parse_file(path)
    session = Session.start("X", protocol, at=T0)
    session.set_answer("a", "mood", "worried")
    facts = facts_of(session)
    assert [(f.name, f.value, f.label) for f in facts.flags] == [("watch", "worried", "worried")]
    assert CaseFacts.from_row(facts.to_row()) == facts and row_is_sound(facts.to_row())
    assert CaseFacts.from_text(facts.to_text()) == facts and row_of_text(facts.to_text()) == facts.to_row()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('flags = { worried = "watch" }', 'flags = { angry = "watch" }', "flags names 'angry', which is not in choice list 'level'"),
        ('type = "choice"\nchoices = "level"\nflags = { worried = "watch" }\n', 'meaning = "next_appointment"\n',
         "meaning = 'next_appointment' is only for date prompts, not text"),
        ('flags = { worried = "watch" }', 'meaning = "someday"', "meaning"),
    ],
)
def test_bad_flags_or_meaning_are_reported(tmp_path, old, new, message):
    text = (
        '[protocol]\nid = "mine"\ntitle = "Mine"\n[choices]\nlevel = ["calm", "worried"]\n'
        '[[phase]]\nid = "a"\ntitle = "A"\npurpose = "P."\n'
        '[[phase.prompt]]\nid = "mood"\ntext = "Mood"\ntype = "choice"\nchoices = "level"\n'
        'flags = { worried = "watch" }\n'
    )
    assert old in text
    path = tmp_path / "mine.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    errors = parse_file(path)
    assert isinstance(errors, list) and message in str(errors[0]) and "mine.toml:" in str(errors[0])


def test_close_and_reopen_are_events_with_reasons(store, locations):
    book = ClientBook(store)
    record = book.ensure("K-2", at=T0)
    with pytest.raises(ValueError):
        record.reopen_case("nothing to reopen")
    record.close_case("Goals met; client agreed to end", at=T0 + timedelta(days=30))
    assert record.is_closed and record.closed_reason == "Goals met; client agreed to end"
    with pytest.raises(ValueError):
        record.close_case("again")
    record.reopen_case("Client asked for help again", at=T0 + timedelta(days=60))
    book.save(record)
    events = json.loads((locations.clients_dir / "K-2.json").read_text())["case_events"]
    assert [(e["kind"], e["reason"]) for e in events] == [
        ("closed", "Goals met; client agreed to end"),
        ("reopened", "Client asked for help again"),
    ]
    assert not book.load("K-2").is_closed


def test_a_finished_ending_session_that_says_so_closes_the_case_once(store, catalogue, locations):
    ending = catalogue.protocol("termination")
    session = Session.start("E-3", ending, at=T0)
    session.set_answer(*meaning_phase(ending, "close_case"), True)
    store.save(session)
    book = ClientBook(store)
    assert not client_case(book, "E-3", summaries(store, "E-3")).is_closed  # not finished yet
    session.finish(at=T0 + timedelta(hours=1))
    store.save(session)
    case = client_case(book, "E-3", summaries(store, "E-3"))
    assert case.is_closed and case.record.case_events[0].session_id == session.id
    case.record.reopen_case("New referral")
    book.save(case.record)
    again = client_case(book, "E-3", summaries(store, "E-3"))
    assert not again.is_closed and len(again.record.case_events) == 2  # the ending session counts once


def test_next_appointment_and_due_list_with_a_fixed_clock(store, intake, catalogue):
    follow_up = catalogue.protocol("follow-up")
    start(store, intake, "A-1", T0, appointment="2026-03-09")
    start(store, intake, "B-2", T0, appointment="2026-03-20")
    plan = Session.start("B-2", follow_up, at=T0 + timedelta(days=1))
    plan.add_plan_item(action="Call the housing office", due="2026-03-05")
    plan.add_plan_item(action="Done already", due="2026-03-01", status="done")
    plan.add_plan_item(action="No date")
    store.save(plan)
    start(store, intake, "C-3", T0, appointment="2026-03-12")
    book = ClientBook(store)
    cases = all_cases(book, summaries(store))
    by_code = {c.code: c for c in cases}
    assert by_code["B-2"].next_appointment == date(2026, 3, 20)
    due = due_list(cases, today=date(2026, 3, 9))
    assert [(e.day.isoformat(), e.client, e.kind, e.word) for e in due] == [
        ("2026-03-05", "B-2", "plan_item", "overdue"),
        ("2026-03-09", "A-1", "appointment", "today"),
        ("2026-03-12", "C-3", "appointment", "due"),
        ("2026-03-20", "B-2", "appointment", "due"),
    ]
    # a closed case drops out; a session held on the appointment day keeps the appointment
    record = by_code["C-3"].record
    record.close_case("Moved away")
    book.save(record)
    start(store, intake, "A-1", datetime(2026, 3, 9, 9, 0, tzinfo=timezone.utc))
    due = due_list(all_cases(book, summaries(store)), today=date(2026, 3, 9))
    assert [(e.client, e.kind) for e in due] == [("B-2", "plan_item"), ("B-2", "appointment")]


def test_search_matches_code_or_display_name(store):
    book = ClientBook(store)
    record = book.ensure("Q-9", at=T0)
    record.display_name = "Ana Lúcia"
    book.save(record)
    [case] = all_cases(book, [])
    assert matches(case, "q-") and matches(case, "LÚC") and matches(case, "") and not matches(case, "bob")


def test_an_unreadable_record_is_reported_and_never_written_over(store, locations, intake):
    start(store, intake, "D-4", T0)
    path = locations.clients_dir / "D-4.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{not json")
    book = ClientBook(store)
    case = client_case(book, "D-4", summaries(store, "D-4"))
    assert case.problem and "not a readable client record" in case.problem and "{not" not in case.problem
    with pytest.raises(ClientRecordError, match="not written over"):
        book.save(case.record)
    assert path.read_bytes() == b"{not json"


def test_encrypted_store_keeps_client_records_sealed(locations, intake, fast_kdf, passphrases):
    from interview_tui.cli.encryption import decrypt, encrypt

    store = SessionStore(locations.sessions_dir)
    book = ClientBook(store)
    record = book.ensure("ENC-1", at=T0)
    record.display_name = "Zebulon Plaintext"
    record.notes = "hates Mondays"
    book.save(record)
    passphrases.extend(["correct horse", "correct horse"])
    encrypt(locations)
    assert not (locations.clients_dir / "ENC-1.json").exists()  # no code in a file name once encrypted
    (path,) = locations.clients_dir.iterdir()
    assert "ENC" not in path.name
    assert b"Zebulon" not in path.read_bytes() and b"Mondays" not in path.read_bytes()

    store = SessionStore(locations.sessions_dir)
    book = ClientBook(store)
    with pytest.raises(ClientRecordError, match="locked"):
        book.load("ENC-1")
    store.keyring.unlock("correct horse")
    book = ClientBook(store)
    record = book.load("ENC-1")
    assert record.display_name == "Zebulon Plaintext"
    record.notes = "new note: Tuesdays too"
    book.save(record)
    book.ensure("ENC-2", at=T0)
    assert book.codes() == ["ENC-1", "ENC-2"]  # read from inside the sealed records
    for file in locations.clients_dir.iterdir():
        raw = file.read_bytes()
        assert "ENC" not in file.name
        assert b"Tuesdays" not in raw and b"ENC-2" not in raw and b"created_at" not in raw
    passphrases.append("correct horse")
    decrypt(locations)
    assert sorted(p.name for p in locations.clients_dir.iterdir()) == ["ENC-1.json", "ENC-2.json"]
    assert b"Tuesdays too" in (locations.clients_dir / "ENC-1.json").read_bytes()


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_an_open_flag_heads_every_export_until_cleared(store, intake, fmt):
    from interview_tui.casework.notices import session_notices
    from interview_tui.export import render

    session = start(store, intake, "X-1", T0, risk="high")
    notices = session_notices(store, session)
    assert notices == ("RISK High: raised in this session and not cleared.",)
    text = render(session, fmt, notices=notices)
    lower = text.lower()  # the text export writes headings in capitals
    answered_phase = lower.index(session.protocol.phase("assessment").title.lower())
    assert lower.index("alerts") < lower.index("risk high") < answered_phase  # with the alerts, after the header, before any phase
    book = ClientBook(store)
    record = book.get("X-1", T0)
    record.clear_flag(f"{session.id}/assessment/risk-level", "high", "Reviewed with supervisor")
    book.save(record)
    assert session_notices(store, session) == ()
    assert "RISK" not in render(session, fmt, notices=session_notices(store, session))


@pytest.mark.parametrize(
    "text",
    ['[]', '[[],"",false,[],1]', '[[],"",false,[]]', '[[["a","b","c","d"]],"",false,[],true]',
     '[[],"",false,[],true] ', '[ [],"",false,[],true]', '[[],"\x01",false,[],true]', '[[],"\\q",false,[],true]',
     '[[],"",false,[["a","b"]],true]', 'null',
     '[[],"",false,[],true]', '[[],"",false,[],true,[["a","b"]]]'],  # (a row of index version 9; a short review)
)
def test_an_index_text_of_another_shape_is_not_sound(text):
    assert not text_is_sound(text)  # (the index is then rebuilt from the session files)
    if text.strip() == text and " " not in text:  # (only the spaces are JSON all the same)
        assert row_of_text(text) is None


def test_every_facts_text_is_sound_and_reads_back():
    from interview_tui.core.case_facts import PlanDue, RaisedFlag

    facts = CaseFacts(
        (RaisedFlag("p", 'q"\\x', "risk", "high", "Hög \u2028 ☂ \n"), RaisedFlag("a", "b", "c", "d", "e")),
        "2026-01-01", True, (PlanDue("plan-1", "2026-02-02", "in_progress"),), True,
        (PlanDue("plan-2", "2026-02-09", "not_started"),),
    )  # fmt: skip
    for f in (facts, CaseFacts(), CaseFacts(keeps_plan=True)):
        text = f.to_text()
        assert text_is_sound(text) and CaseFacts.from_text(text) == f


# ------------------------------------------------------------ two windows, one client (issue 15, item 16)


def _two_windows(store, code="CL-2W"):
    from interview_tui.casework.clients import ClientBook

    ClientBook(store).ensure(code)
    a, b = ClientBook(store), ClientBook(store)
    return a, a.get(code), b, b.get(code)


def test_a_record_saved_in_another_window_since_it_was_read_keeps_both_windows_events(store):
    from interview_tui.casework.clients import ClientBook

    book_a, in_a, book_b, in_b = _two_windows(store)
    in_a.close_case("moved away")
    in_a.notes = "notes written in A"
    book_a.save(in_a)
    in_b.display_name = "Sam"  # B read the record before A closed the case
    book_b.save(in_b)
    on_disk = ClientBook(store).load("CL-2W")
    assert on_disk.is_closed and on_disk.notes == "notes written in A" and on_disk.display_name == "Sam"
    assert in_b.is_closed  # B's copy is the merged record now


def test_a_field_changed_in_both_windows_is_asked_about_never_overwritten_silently(store):
    from interview_tui.casework.clients import ClientBook, RecordConflict

    book_a, in_a, book_b, in_b = _two_windows(store)
    in_a.notes = "A's notes"
    in_a.clear_flag("20260101-100000-aaaa/risk/level", "high", "seen by the GP")
    book_a.save(in_a)
    in_b.notes = "B's notes"
    in_b.close_case("ended")
    with pytest.raises(RecordConflict) as conflict:
        book_b.save(in_b)
    assert conflict.value.fields == ["notes"] and conflict.value.mine == {"notes": "B's notes"}
    on_disk = ClientBook(store).load("CL-2W")
    assert on_disk.notes == "A's notes" and on_disk.is_closed and len(on_disk.flag_clearances) == 1
    in_b.notes = conflict.value.mine["notes"]
    book_b.save(in_b, keep_mine={"notes"})  # the practitioner chose B's text
    assert ClientBook(store).load("CL-2W").notes == "B's notes"
