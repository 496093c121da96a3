"""A session file that is valid JSON but holds an invalid value (a client code that is a path, a wrong type) is
damaged for every command that reads it: moved to quarantine as a corrupt file is, said on stderr, and the
command goes on with the rest. Run through the installed command, as the practitioner runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_tui.core.session import Session

COMMAND = str(Path(sys.executable).with_name("interview-tui"))

BAD_VALUES = {
    "a path as client code": ("client_code", "../../etc/x"),
    "a number as client code": ("client_code", 42),
    "a number as status": ("status", 7),
    "an unknown status": ("status", "deleted"),
    "a list as protocol title": ("protocol.title", ["x"]),
    "a number as start time": ("started_at", 1700000000),
    "a text as goal list": ("goals", "not a list"),
}


def _plant(store, intake, key: str, value) -> tuple[Session, Session]:
    good = Session.start("GOOD-1", intake)
    store.save(good)
    bad = Session.start("BAD-1", intake)
    store.save(bad)
    data = json.loads(bad_path(store, bad).read_text())
    where = data
    *parents, last = key.split(".")
    for part in parents:
        where = where[part]
    where[last] = value
    bad_path(store, bad).write_text(json.dumps(data))
    return good, bad


def bad_path(store, session) -> Path:
    return store.folder / f"{session.id}.json"


def run(locations, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [COMMAND, "--data-dir", str(locations.data_dir), *args], capture_output=True, text=True, timeout=60
    )


def _quarantined(store) -> list[str]:
    folder = store.folder / "quarantine"
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".why")) if folder.is_dir() else []


@pytest.mark.parametrize("command", [["sessions"], ["sessions", "--json"], ["clients"], ["clients", "--json"]])
@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_a_listing_moves_a_file_with_an_invalid_value_to_quarantine_and_goes_on(store, intake, locations, command, case):
    good, bad = _plant(store, intake, *BAD_VALUES[case])
    result = run(locations, *command)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert f"{bad.id}.json" in result.stderr and "quarantine" in result.stderr
    assert result.stderr.count("\n") == 1
    assert "GOOD-1" in result.stdout and "BAD-1" not in result.stdout and "etc/x" not in result.stdout
    assert not bad_path(store, bad).exists() and [n.split(".")[0] for n in _quarantined(store)] == [bad.id]


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_search_moves_a_file_with_an_invalid_value_to_quarantine_and_searches_the_rest(store, intake, locations, case):
    good, bad = _plant(store, intake, *BAD_VALUES[case])
    result = run(locations, "search", "GOOD-1")
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert f"{bad.id}.json" in result.stderr and "quarantine" in result.stderr
    assert good.id in result.stdout and bad.id not in result.stdout
    assert not bad_path(store, bad).exists() and [n.split(".")[0] for n in _quarantined(store)] == [bad.id]
    again = run(locations, "search", "BAD-1")
    assert bad.id not in again.stdout and "quarantine" not in again.stderr


def test_resume_of_a_file_with_an_invalid_client_code_says_which_and_why(store, intake, locations):
    _good, bad = _plant(store, intake, *BAD_VALUES["a path as client code"])
    result = run(locations, "resume", bad.id)
    assert result.returncode == 2
    assert f"{bad.id}.json" in result.stderr and "client_code" in result.stderr and "quarantine" in result.stderr
    assert "internal error" not in result.stderr and result.stderr.count("\n") == 1
