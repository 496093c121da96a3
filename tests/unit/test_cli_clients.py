"""``interview-tui clients [--json]`` and ``new`` for a closed case."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from interview_tui.cli import clients as cli_clients
from interview_tui.cli.main import main
from interview_tui.casework.clients import ClientBook
from interview_tui.core.session import Session
from builders import closed_by_its_ending_session

AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def test_clients_lists_sessions_flags_case_and_next_appointment(capsys, store, intake, locations):
    s = Session.start("C-1", intake, at=AT)
    s.set_answer("assessment", "risk-level", "medium")
    s.set_answer("closure", "next-appointment", "2026-03-16")
    store.save(s)
    store.save(Session.start("B-2", intake, at=AT.replace(day=1)))
    book = ClientBook(store)
    record = book.ensure("B-2", at=AT)
    record.display_name = "Bea"
    record.close_case("Done")
    book.save(record)

    assert main(["--data-dir", str(locations.data_dir), "clients", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == ["C-1", "B-2"]
    first, second = rows
    assert first["sessions"] == 1 and first["case"] == "open" and first["next_appointment"] == "2026-03-16"
    assert [(f["name"], f["value"], f["label"]) for f in first["flags"]] == [("risk", "medium", "Medium")]
    assert second["display_name"] == "Bea" and second["case"] == "closed" and second["flags"] == []

    assert main(["--data-dir", str(locations.data_dir), "clients"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["CLIENT", "SESSIONS", "LAST", "CASE", "NEXT", "FLAGS"]
    assert out[1].split() == ["C-1", "1", "2026-03-02", "open", "2026-03-16", "⚑", "RISK", "Medium"]
    assert out[2].split()[:4] == ["B-2", "1", "2026-03-01", "closed"]
    assert "Bea" not in "\n".join(out)  # the text listing shows codes only


def test_clients_on_an_empty_store(capsys, locations):
    assert main(["--data-dir", str(locations.data_dir), "clients"]) == 0
    assert capsys.readouterr().out.strip() == "No clients yet."


def test_a_closed_case_is_reopened_with_a_reason_before_a_new_session(store, capsys):
    book = ClientBook(store)
    record = book.ensure("K-1", at=AT)
    record.close_case("Goals met")
    book.save(record)
    cli_clients.before_new_session(store, "K-1", ask=lambda _q: "New referral from GP")
    assert [(e.kind, e.reason) for e in book.load("K-1").case_events][-1] == ("reopened", "New referral from GP")
    record = book.load("K-1")
    record.close_case("Again")
    book.save(record)
    try:
        cli_clients.before_new_session(store, "K-1", ask=lambda _q: "  ")
    except cli_clients.ClosedCase as exc:
        assert "no session was started" in str(exc)
    else:
        raise AssertionError("an empty reason must not reopen")
    assert book.load("K-1").is_closed


def test_a_case_closed_by_its_ending_session_is_reopened_first_too(store, catalogue, capsys):
    session = closed_by_its_ending_session(store, catalogue, "E-9")
    asked = []
    cli_clients.before_new_session(store, "E-9", ask=lambda q: asked.append(q) or "Came back after a relapse")
    assert asked and "closed (Closed by the ending session of 2026-03-02)" in capsys.readouterr().out
    events = ClientBook(store).load("E-9").case_events
    assert [(e.kind, e.session_id) for e in events] == [("closed", session.id), ("reopened", None)]
