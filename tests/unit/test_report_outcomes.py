"""`interview-tui report outcomes` (issue 18): one row per goal rating and instrument result, CSV or JSON.

Golden files in tests/support/golden_outcomes/; after an intended change regenerate them and read the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_report_outcomes.py -q
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest
from data_paths import SUPPORT
from outcomes_fixture import ESCAPE_GOAL, FORMULA_GOAL, HOSTILE_CLIENT, REVIEW_ID, fill_store
from read_only_folder import make_read_only

from interview_tui.cli import main as cli
from interview_tui.core.visible_text import has_control_characters
from interview_tui.export.outcomes import COLUMNS, outcome_rows
from interview_tui.export.table import safe_cell

GOLDEN = SUPPORT / "golden_outcomes"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture
def filled(store):
    return fill_store(store)


def _run(locations, *args: str) -> int:
    return cli.main(["report", "outcomes", "--data-dir", str(locations.data_dir), *args])


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_table_matches_its_golden_file(locations, filled, capsysbinary, fmt) -> None:
    assert _run(locations, "--format", fmt) == 0
    produced, err = capsysbinary.readouterr()
    assert err == b""
    path = GOLDEN / f"outcomes.{fmt}"
    if UPDATE:
        path.write_bytes(produced)
    assert produced == path.read_bytes(), f"{path.name} differs: if the change is intended, run with UPDATE_GOLDEN=1"


def test_one_row_per_goal_rating_and_instrument_result(filled) -> None:
    rows = outcome_rows(filled)
    case = [r for r in rows if r.client == "C-0216"]
    # First meeting: two baselines (the third goal has none) and two screens; then 3 ratings and 2 screens twice.
    assert [(r.kind, r.item_id, r.score) for r in case[:4]] == [
        ("goal", "goal-1", 2), ("goal", "goal-2", 3), ("instrument", "phq-9", 17), ("instrument", "gad-7", 12),
    ]
    assert len(case) == 4 + 5 + 5
    ending_phq = next(r for r in case if r.session_id.endswith("e3c3") and r.item_id == "phq-9")
    assert (ending_phq.score, ending_phq.out_of, ending_phq.band) == (6, 27, "Mild")
    assert case[2].status == "alert: item 9"
    assert next(r for r in case if r.session_id.endswith("e3c3") and r.item_id == "goal-1").status == "Achieved"


def test_rows_name_clients_by_code_only(locations, filled, store, capsys) -> None:
    from interview_tui.casework.clients import ClientBook

    book = ClientBook(store)
    record = book.ensure("C-0216")
    record.display_name = "Jane Realname"
    book.save(record)
    assert _run(locations, "--format", "json") == 0
    out = capsys.readouterr().out
    assert "Realname" not in out
    assert {row["client"] for row in json.loads(out)} == {"C-0216", HOSTILE_CLIENT}


def test_client_and_dates_choose_the_rows(locations, filled, capsys) -> None:
    assert _run(locations, "--format", "json", "--client", "C-0216", "--from", "2026-03-01", "--to", "2026-03-29") == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["session_id"] for r in rows} == {REVIEW_ID}
    assert [r["item_id"] for r in rows] == ["goal-1", "goal-2", "goal-3", "phq-9", "gad-7"]
    assert list(rows[0]) == list(COLUMNS)


def test_dates_are_read_in_the_practitioners_order(locations, filled, capsys, monkeypatch) -> None:
    monkeypatch.setenv("INTERVIEW_TUI_DATE_ORDER", "day-month-year")
    assert _run(locations, "--format", "json", "--from", "30/03/2026") == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["session_id"] for r in rows} == {"20260330-093000-e3c3"}


def test_spreadsheet_formulas_and_control_characters_are_defused(locations, filled, capsys) -> None:
    assert _run(locations, "--client", HOSTILE_CLIENT) == 0
    out = capsys.readouterr().out
    assert not has_control_characters(out.replace("\r\n", "\n"))
    cells = [row[6] for row in csv.reader(io.StringIO(out))][1:]
    assert cells[0] == "'" + FORMULA_GOAL
    assert cells[1].startswith("'@SUM(1+1)␛]0;owned␇") and "\\x9b2J" in cells[1]
    assert cells[2].startswith("'-2+3 nights, ␍\t")
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for row in csv.reader(io.StringIO(out)) for c in row)


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'␍x"),
    ("plain", "plain"), ("a=b", "a=b"), (7, 7), ("bell\x07", "bell␇"),
])
def test_a_cell_that_would_be_a_formula_is_text(value, cell) -> None:
    assert safe_cell(value) == cell


def test_json_keeps_what_was_typed(locations, filled, capsys) -> None:
    assert _run(locations, "--format", "json", "--client", HOSTILE_CLIENT) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out
    assert [r["item"] for r in json.loads(out)][:2] == [FORMULA_GOAL, ESCAPE_GOAL]


def test_writes_a_private_file_and_keeps_an_existing_one(locations, filled, tmp_path, capsys) -> None:
    path = tmp_path / "out" / "outcomes.csv"
    assert _run(locations, "-o", str(path)) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == (GOLDEN / "outcomes.csv").read_bytes()
    assert capsys.readouterr().err == f"Wrote 17 row(s) to {path}\n"
    path.write_text("earlier")
    assert _run(locations, "-o", str(path)) == 2
    assert path.read_text() == "earlier"
    assert capsys.readouterr().err == f"interview-tui: {path} already exists (use --force to replace it)\n"
    assert _run(locations, "-o", str(path), "--force") == 0
    assert path.read_bytes() == (GOLDEN / "outcomes.csv").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--client", "C-9999"], "no sessions for client 'C-9999'"),
        (["--client", "Jane Doe"], "bad client code 'Jane Doe'"),
        (["--from", "31/02/2026"], "--from '31/02/2026': ambiguous"),
        (["--to", "2026-02-31"], "--to '2026-02-31': there is no such day"),
        (["--from", "last week"], "--from 'last week': not a date"),
        (["--from", "2026-04-01", "--to", "2026-03-01"], "--from 2026-04-01 is after --to 2026-03-01"),
        (["--format", "xlsx"], "unknown report format 'xlsx' (known: csv, json)"),
        (["-o", "{folder}"], "is a folder; give a file name"),
        (["-o", "{file}/t.csv"], "cannot write {file}/t.csv: Not a directory"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(locations, filled, tmp_path, capsys, args, message) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    before = sorted(p.name for p in tmp_path.iterdir())
    args = [a.format(folder=tmp_path, file=a_file) for a in args]
    assert _run(locations, *args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("interview-tui: ")
    assert message.format(file=a_file) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before and a_file.read_text() == ""


def test_a_folder_that_cannot_be_written_is_one_line(locations, filled, tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    make_read_only(monkeypatch, folder)
    assert _run(locations, "-o", str(folder / "t.csv")) == 2
    err = capsys.readouterr().err
    assert err == f"interview-tui: cannot write {folder / 't.csv'}: Read-only file system\n"
    assert list(folder.iterdir()) == []


def test_an_encrypted_store_asks_once_and_gives_the_same_table(locations, filled, passphrases, fast_kdf, tmp_path, capsys) -> None:
    passphrases += ["a long passphrase", "a long passphrase"]
    assert cli.main(["encrypt", "--data-dir", str(locations.data_dir)]) == 0
    capsys.readouterr()
    passphrases.append("a long passphrase")
    path = tmp_path / "outcomes.csv"
    assert _run(locations, "-o", str(path)) == 0
    assert path.read_bytes() == (GOLDEN / "outcomes.csv").read_bytes()
    assert "the table is not encrypted" in capsys.readouterr().err
    assert passphrases == []  # asked once
