"""`interview-tui calendar PATH.ics` (issue 18): next appointments and plan items due, client codes only.

The golden file is tests/support/golden_outcomes/calendar.ics; after an intended change regenerate it:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_calendar_file.py -q
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest
from builders import meaning_phase
from data_paths import SUPPORT
from outcomes_fixture import HOSTILE_CLIENT, fill_store
from read_only_folder import make_read_only

from interview_tui.casework.calendar import calendar_events, ics_bytes
from interview_tui.casework.cases import all_cases
from interview_tui.casework.due import due_list
from interview_tui.casework.clients import ClientBook
from interview_tui.cli import main as cli
from interview_tui.core.session import Session

GOLDEN = SUPPORT / "golden_outcomes" / "calendar.ics"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
STAMP = datetime(2026, 3, 10, 8, 0, tzinfo=timezone.utc)
ODD_CLIENT = "C-0400.x_y"


@pytest.fixture
def filled(store, catalogue):
    fill_store(store)
    intake = catalogue.protocols["intake"]
    session = Session.start(ODD_CLIENT, intake, at=datetime(2026, 3, 5, 10, 0, tzinfo=timezone.utc))
    session.id = "20260305-100000-c4c4"
    session.set_answer(*meaning_phase(intake, "next_appointment"), "2026-04-01")
    session.add_plan_item(action="Call Jane Realname's landlord, 10 Elm St", due=date(2026, 3, 25))
    store.save(session)
    book = ClientBook(store)
    record = book.ensure(ODD_CLIENT)
    record.display_name = "Jane Realname"
    book.save(record)
    return store


def _ics(store) -> bytes:
    cases = all_cases(ClientBook(store), store.summaries()[0], save=False)
    return ics_bytes(calendar_events(due_list(cases, date(2026, 3, 10))), STAMP)


def _run(locations, *args: str) -> int:
    return cli.main(["calendar", "--data-dir", str(locations.data_dir), *args])


def _without_stamp(data: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:[0-9TZ]+", b"DTSTAMP:-", data)


def test_the_calendar_matches_its_golden_file(filled) -> None:
    produced = _ics(filled)
    if UPDATE:
        GOLDEN.write_bytes(produced)
    assert produced == GOLDEN.read_bytes(), "calendar.ics differs: if the change is intended, run with UPDATE_GOLDEN=1"


def test_events_are_all_day_with_client_codes_only(filled) -> None:
    calendar = icalendar.Calendar.from_ical(_ics(filled))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"plan-{HOSTILE_CLIENT}-plan-1@interview-tui",
        f"plan-{ODD_CLIENT}-plan-1@interview-tui",
        f"appointment-{ODD_CLIENT}@interview-tui",
    }
    appointment = events[f"appointment-{ODD_CLIENT}@interview-tui"]
    assert appointment.decoded("dtstart") == date(2026, 4, 1)
    assert appointment.decoded("dtend") == date(2026, 4, 2)
    assert str(appointment["summary"]) == f"{ODD_CLIENT}: next appointment"
    text = _ics(filled).decode("utf-8")
    assert "Realname" not in text and "landlord" not in text and "Ring" not in text  # no names, no plan wording
    assert "\x1b" not in text


def test_uids_stay_when_dates_move_so_a_calendar_updates_its_events(filled, catalogue) -> None:
    before = {str(e["uid"]) for e in icalendar.Calendar.from_ical(_ics(filled)).walk("VEVENT")}
    intake = catalogue.protocols["intake"]
    later = Session.start(ODD_CLIENT, intake, at=datetime(2026, 3, 8, 10, 0, tzinfo=timezone.utc))
    later.id = "20260308-100000-c5c5"
    later.set_answer(*meaning_phase(intake, "next_appointment"), "2026-04-08")
    filled.save(later)
    calendar = icalendar.Calendar.from_ical(_ics(filled))
    moved = {str(e["uid"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    assert moved[f"appointment-{ODD_CLIENT}@interview-tui"] == date(2026, 4, 8)
    assert set(moved) <= before


def test_writes_a_private_file_and_keeps_an_existing_one(locations, filled, tmp_path, capsys) -> None:
    path = tmp_path / "out" / "work.ics"
    assert _run(locations, str(path)) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _without_stamp(path.read_bytes()) == _without_stamp(GOLDEN.read_bytes())
    assert capsys.readouterr().err == f"Wrote 3 event(s) to {path}\n"
    path.write_text("earlier")
    assert _run(locations, str(path)) == 2
    assert path.read_text() == "earlier"
    assert capsys.readouterr().err == f"interview-tui: {path} already exists (use --force to replace it)\n"
    assert _run(locations, str(path), "--force") == 0
    assert _without_stamp(path.read_bytes()) == _without_stamp(GOLDEN.read_bytes())


def test_a_store_without_appointments_gives_an_empty_calendar(locations, capsysbinary) -> None:
    assert _run(locations, "-") == 0
    calendar = icalendar.Calendar.from_ical(capsysbinary.readouterr().out)
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize(
    ("target", "message"),
    [("{folder}", "is a folder; give a file name"), ("{file}/c.ics", "cannot write {file}/c.ics: Not a directory")],
)
def test_mistakes_are_one_line_and_exit_2(locations, filled, tmp_path, capsys, target, message) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert _run(locations, target.format(folder=tmp_path, file=a_file)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("interview-tui: ")
    assert message.format(file=a_file) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before and a_file.read_text() == ""


def test_a_folder_that_cannot_be_written_is_one_line(locations, filled, tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(monkeypatch, folder)
    assert _run(locations, str(folder / "c.ics")) == 2
    assert capsys.readouterr().err == f"interview-tui: cannot write {folder / 'c.ics'}: Read-only file system\n"
    assert list(folder.iterdir()) == []


def test_the_command_line_loads_icalendar_only_for_the_calendar() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from interview_tui.cli.main import _parser; _parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('icalendar', 'docx')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_closed_cases_and_finished_plan_items_are_left_out(filled) -> None:
    book = ClientBook(filled)
    record = book.ensure(HOSTILE_CLIENT)
    record.close_case("work finished")
    book.save(record)
    odd = next(s for s in filled.client_summaries(ODD_CLIENT))
    session = filled.load(odd.id)
    session.update_plan_item("plan-1", status="done")
    filled.save(session)
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(_ics(filled)).walk("VEVENT")}
    assert uids == {f"appointment-{ODD_CLIENT}@interview-tui"}
