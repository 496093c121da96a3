"""The command line: lists, schema, phase checks and one-line errors with non-zero exits."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from interview_tui.cli.main import main
from interview_tui.core.session import Session

AT = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_sessions_json(capsys, tmp_path, store, intake, locations):
    s = Session.start("C-9", intake, at=AT)
    store.save(s)
    code, out, _ = run(capsys, "--data-dir", str(locations.data_dir), "sessions", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows == [
        {
            "id": s.id,
            "client": "C-9",
            "protocol": "intake",
            "status": "in_progress",
            "started_at": "2026-11-23T09:30:00+00:00",
            "updated_at": "2026-11-23T09:30:00+00:00",
            "path": str(store.path_for(s.id)),
        }
    ]
    code, out, _ = run(capsys, "sessions", "--client", "C-8", "--json", "--data-dir", str(locations.data_dir))
    assert json.loads(out) == []


def test_data_dir_from_environment(capsys, monkeypatch, store, intake, locations):
    store.save(Session.start("C-9", intake, at=AT))
    monkeypatch.setenv("INTERVIEW_TUI_DATA_DIR", str(locations.data_dir))
    code, out, _ = run(capsys, "sessions")
    assert code == 0 and "C-9" in out


def test_schema_is_json_schema(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Session" and "client_code" in schema["properties"]


def test_phases_list_json(capsys):
    code, out, _ = run(capsys, "phases", "list", "--json")
    protocols = {p["id"]: p for p in json.loads(out)}
    assert code == 0
    assert {"intake", "follow-up", "crisis", "termination", "contact-note"} <= set(protocols)
    assert protocols["intake"]["phases"][0]["id"] == "preparation"


def test_phases_check_ok_and_bad(capsys, tmp_path):
    code, out, _ = run(capsys, "phases", "check")
    assert code == 0 and "valid" in out
    bad = tmp_path / "bad.toml"
    bad.write_text('[protocol]\nid = "x"\ntitle = "X"\n[[phase]]\nid = "p"\ntitle = "P"\n')
    code, _, err = run(capsys, "phases", "check", str(bad))
    assert code == 1
    assert f"{bad}:4 (phase 'p'): 'purpose' is missing" in err
    assert "Traceback" not in err


def test_bad_client_code(capsys, locations):
    code, _, err = run(capsys, "--data-dir", str(locations.data_dir), "new", "Jane Doe")
    assert code == 2
    assert err.startswith("interview-tui: bad client code 'Jane Doe'") and err.count("\n") == 1


def test_unknown_protocol(capsys, locations):
    code, _, err = run(capsys, "--data-dir", str(locations.data_dir), "new", "C-1", "--protocol", "nope")
    assert code == 2
    assert err.startswith("interview-tui: unknown protocol 'nope' (known: contact-note, crisis, follow-up, intake, termination")


def test_unknown_session(capsys, locations):
    code, _, err = run(capsys, "--data-dir", str(locations.data_dir), "resume", "20261123-093000-abcd")
    assert code == 2 and "no session with id '20261123-093000-abcd'" in err and err.count("\n") == 1


def test_python_dash_m_is_the_same_command():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "interview_tui", "phases", "list", "--json"], capture_output=True, text=True, check=True
    ).stdout
    assert any(p["id"] == "intake" for p in json.loads(out))


def test_a_listing_cut_short_by_its_reader_ends_quietly(locations):
    """`interview-tui sessions | head -1`: no BrokenPipeError traceback when the reader stops early."""
    import subprocess
    import sys

    data = str(locations.data_dir)
    subprocess.run(
        [sys.executable, "-m", "interview_tui", "--data-dir", data, "demo-data", "--clients", "30", "--sessions", "400"],
        capture_output=True,
        check=True,
    )
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = subprocess.run(
        [sys.executable, "-m", "interview_tui", "--data-dir", data, "sessions", "--json"],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
    )
    reader.stdin.close()
    assert reader.stdout.read().strip()
    reader.wait()
    assert writer.stderr == ""
    assert writer.returncode in (0, 141)
