"""The screens never send a note's or a forged file's escape sequences to the terminal: they show symbols.

Driven on a real pseudo-terminal so the bytes checked are the bytes a terminal would obey:
the session is resumed (its notes drawn in the note fields, the goals and plan in their
editors) and the home screen lists a forged session whose client code holds an OSC sequence.
"""

from __future__ import annotations

import time
from pathlib import Path

from interview_tui.phases.files import load_catalogue
from interview_tui.store.paths import builtin_phases_dir
from interview_tui.store.sessions import SessionStore
from harness.terminal import Terminal, installed_app
from hostile import forge_client_code, hostile_session

OBEYED = [b"\x1b]0;EVIL", b"\x1b]52;", b"\x1b]0;CODE", b"\x1b[2J", b"\xc2\x9b", b"\x7f", b"\x00", b"\x08"]


def _store(data_dir: Path):
    store = SessionStore(data_dir / "sessions")
    intake = load_catalogue([builtin_phases_dir()]).protocol("intake")
    session = hostile_session(intake)
    store.save(session)
    return store, session


def _drive(data_dir: Path, *args: str, keys: tuple[str, ...] = ()) -> bytes:
    term = Terminal([installed_app(), "--data-dir", str(data_dir), *args])
    try:
        assert term.wait_for_output(b"\x1b[?1049h", timeout=20)  # the app's screen is up
        time.sleep(3)
        for key in keys:
            term.type(key)
            time.sleep(1)
        output = bytes(term.output)
        term.type("\x11")  # ctrl+q
        term.wait(timeout=15)
        return output
    finally:
        term.close()


def test_a_resumed_session_shows_its_notes_escapes_as_symbols(tmp_path):
    _store_, session = _store(tmp_path)
    output = _drive(tmp_path, "resume", session.id)
    for sequence in OBEYED:
        assert sequence not in output, sequence
    assert "retitle \u241b]0;EVIL-TITLE\u2407".encode() in output  # the note is on screen, as symbols


def test_the_home_screen_never_sends_a_forged_client_code(tmp_path):
    store, session = _store(tmp_path)
    forge_client_code(store, session)
    output = _drive(tmp_path)
    for sequence in OBEYED:
        assert sequence not in output, sequence
