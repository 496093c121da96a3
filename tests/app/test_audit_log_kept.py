"""Item 18 of issue 15: the audit chain's head is kept apart (a deleted or cut log is detected), logging goes on
after damage as a new marked segment, and searches and client-record changes are logged (ids only)."""

from __future__ import annotations

from interview_tui.casework.clients import ClientBook
from interview_tui.cli.main import main
from interview_tui.core.session import Session
from interview_tui.store.audit import SEGMENT_EVENT, AuditLog

SENTINEL = "QUOKKA-SENTINEL-7731"


def cli(locations, *args: str) -> int:
    return main(["--data-dir", str(locations.data_dir), *args])


def logged(store, intake) -> AuditLog:
    session = Session.start("CL-1", intake)
    session.set_note("preparation", "record-review", f"said {SENTINEL}")
    store.save(session)
    log = AuditLog(store.folder.parent)
    for _ in range(3):
        log.log("session_opened", session.id)
    return log


def test_a_deleted_audit_log_does_not_verify_as_intact(locations, store, intake, capsys):
    log = logged(store, intake)
    log.path.unlink()
    assert cli(locations, "audit", "verify") == 1
    assert "the log is missing" in capsys.readouterr().err


def test_lines_cut_off_the_end_of_the_log_are_detected(locations, store, intake, capsys):
    log = logged(store, intake)
    lines = log.path.read_bytes().splitlines(keepends=True)
    log.path.write_bytes(b"".join(lines[:-1]))
    assert cli(locations, "audit", "verify") == 1
    assert "lines cut off the end" in capsys.readouterr().err


def test_logging_goes_on_after_the_last_line_is_damaged_as_a_marked_segment(locations, store, intake, capsys):
    log = logged(store, intake)
    log.path.write_bytes(log.path.read_bytes()[:-20])  # the last line cut in half
    log.log("trash_emptied")
    log.log("trash_emptied")
    events = [e["event"] for e in log.entries()]
    assert events[-3:] == [SEGMENT_EVENT, "trash_emptied", "trash_emptied"]
    verdict = log.verify()
    assert not verdict.ok and "line 3" in verdict.problem
    assert cli(locations, "audit", "verify") == 1


def test_logging_after_the_log_was_deleted_starts_a_marked_segment(store, intake):
    log = logged(store, intake)
    log.path.unlink()
    log.log("trash_emptied")
    assert [e["event"] for e in log.entries()] == [SEGMENT_EVENT, "trash_emptied"]
    assert "new segment" in log.verify().problem


def test_searches_are_logged_without_their_text(locations, store, intake, capsys):
    logged(store, intake)
    assert cli(locations, "search", SENTINEL) == 0
    log = AuditLog(locations.data_dir)
    assert log.entries()[-1]["event"] == "notes_searched" and log.verify().ok
    assert SENTINEL.encode() not in log.path.read_bytes()


def test_client_record_changes_are_logged_by_kind_and_session_id_only(locations, store, intake):
    session = Session.start("CL-7", intake)
    store.save(session)
    book = ClientBook(store)
    record = book.ensure("CL-7")
    record.close_case(f"moved away {SENTINEL}", session_id=session.id)
    book.save(record)
    record.reopen_case(f"came back {SENTINEL}")
    record.clear_flag(f"{session.id}/risk/level", "high", f"seen {SENTINEL}")
    book.save(record)
    record.display_name = f"Name {SENTINEL}"
    book.save(record)
    other = ClientBook(store)  # another window's book: only what it changes is logged
    again = other.get("CL-7")
    again.notes = "x"
    other.save(again)
    log = AuditLog(locations.data_dir)
    assert [(e["event"], e["session"]) for e in log.entries()] == [
        ("case_closed", session.id),
        ("case_reopened", None),
        ("flag_cleared", session.id),
        ("client_record_changed", None),
        ("client_record_changed", None),
    ]
    raw = log.path.read_bytes()
    assert SENTINEL.encode() not in raw and b"CL-7" not in raw and log.verify().ok
