"""SIGTERM, SIGHUP and a closed terminal: the installed app saves everything typed and exits 0."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from harness.terminal import Terminal, start_new_session


def note_on_disk(data_dir: Path) -> str:
    (path,) = (data_dir / "sessions").glob("*.json")
    return json.loads(path.read_bytes())["phases"]["preparation"]["notes"].get("record-review", "")


def type_then_finish(term: Terminal, final: str) -> str:
    """Type for a second (so autosave lags behind), then a last word, returning once it is on screen."""
    assert term.wait_for_output(b"saved", timeout=30)
    text = ""
    for char in "steady typing ":
        term.type(char)
        text += char
        time.sleep(0.07)
    mark = len(term.output)
    term.type(final)
    assert term.wait_for_output(final.encode(), timeout=5, start=mark)
    return text + final


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "closed terminal"])
def test_signal_saves_everything_and_exits_zero(tmp_path, how):
    term = start_new_session(tmp_path)
    try:
        typed = type_then_finish(term, "lastword")
        if how == "closed terminal":
            term.hang_up()
        else:
            term.signal(getattr(signal, how))
        assert term.wait(timeout=15) == 0
    finally:
        term.close()
    assert note_on_disk(tmp_path) == typed


def test_leftover_temp_files_are_removed_at_next_start(tmp_path):
    sessions = tmp_path / "sessions"
    sessions.mkdir(parents=True)
    leftover = sessions / ".20261120-142501-a3f9.json.tmp-4242-abcdef"
    leftover.write_text("half a note from a killed write")
    unrelated = sessions / "notes-by-hand.txt"
    unrelated.write_text("not ours")
    term = start_new_session(tmp_path)
    try:
        assert term.wait_for_output(b"saved", timeout=30)
        assert not leftover.exists()
        assert unrelated.exists()
        term.signal(signal.SIGTERM)
        assert term.wait() == 0
    finally:
        term.close()
