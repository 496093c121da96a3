"""Client text never reaches the terminal outside the app's widgets: crashes, CLI errors; files stay private."""

from __future__ import annotations

import json
import os
import stat
import sys
import textwrap
import time
from pathlib import Path

import pytest

from harness.terminal import Terminal
from interview_tui.cli import main as cli
from interview_tui.cli.main import main

SENTINEL = "ZEBRA-SENTINEL-7431"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
CTRL_S = "\x13"  # one byte: no escape sequence to be split under load


def crashing_app(data_dir: Path, stock_crash_output: bool = False) -> Terminal:
    """The real CLI and app, with the save key patched to fail while a note is in a local variable."""
    code = textwrap.dedent(
        f"""
        import sys
        from interview_tui.ui.screens import session as screen
        def broken_save(self):
            self.take_in_notes()  # (as the real save does first: the last change message may still be queued)
            note = self.session.note("preparation", "record-review")
            raise RuntimeError("could not save " + note)
        screen.SessionScreen.action_save = broken_save
        if {stock_crash_output!r}:
            from textual.app import App
            from interview_tui.ui.app import InterviewApp
            InterviewApp._fatal_error = App._fatal_error
        from interview_tui.cli.main import main
        sys.exit(main(["--data-dir", {str(data_dir)!r}, "new", "CL-9"]))
        """
    )
    return Terminal([sys.executable, "-c", code])


def crash_with_sentinel(data_dir: Path, stock: bool) -> tuple[bytes, int]:
    term = crashing_app(data_dir, stock_crash_output=stock)
    try:
        assert term.wait_for_output(b"saved", timeout=30)
        term.type(SENTINEL)
        assert term.wait_for_output(SENTINEL.encode(), timeout=5)
        mark = len(term.output)
        term.type(CTRL_S)
        if stock:  # Textual's own report; the process may linger after it, which is not under test here
            assert term.wait_for_output(b"RuntimeError", timeout=20, start=mark)
            time.sleep(0.3)
            code = -1
        else:
            code = term.wait(timeout=20)
    finally:
        term.close()
    return term.output, code


def test_crash_output_names_the_error_not_the_note_and_the_session_is_saved(tmp_path):
    output, code = crash_with_sentinel(tmp_path, stock=False)
    assert code != 0
    after_app = output.rsplit(LEAVE_ALT_SCREEN, 1)[1]
    assert SENTINEL.encode() not in after_app
    assert b"internal error: RuntimeError in" in after_app and b"broken_save" in after_app
    (path,) = (tmp_path / "sessions").glob("*.json")
    assert str(path).encode() in after_app.replace(b"\r\n", b"").replace(b"\n", b"")
    assert json.loads(path.read_bytes())["phases"]["preparation"]["notes"]["record-review"] == SENTINEL


def test_the_sentinel_check_would_catch_textuals_own_crash_output(tmp_path):
    """Control: with Textual's stock crash report the same sentinel does reach the terminal."""
    output, _code = crash_with_sentinel(tmp_path, stock=True)
    assert SENTINEL.encode() in output.rsplit(LEAVE_ALT_SCREEN, 1)[1]


def test_cli_prints_only_type_and_place_of_an_unexpected_error(locations, monkeypatch, capsys):
    def broken(args, where):
        secret = SENTINEL
        raise ValueError(f"cannot handle {secret}")

    monkeypatch.setattr(cli, "_run", broken)
    assert main(["--data-dir", str(locations.data_dir), "sessions"]) == 70
    out, err = capsys.readouterr()
    assert SENTINEL not in out + err
    assert "internal error: ValueError in test_no_leaks.py" in err and "(broken)" in err
    assert "Traceback" not in err


@pytest.mark.filterwarnings("ignore:A test tried to use socket.socket")
def test_network_is_blocked_in_this_suite():
    """The suite runs with pytest-socket: if the app tried to open a connection, a test would fail."""
    import socket

    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_files_and_folders_are_private_even_under_umask_000(locations, store, intake):
    from interview_tui.store.quarantine import quarantine_file
    from interview_tui.core.session import Session
    from interview_tui.store.lock import SessionLock

    old = os.umask(0)
    try:
        session = Session.start("CL-1", intake)
        store.save(session)
        store.save(session)
        lock = SessionLock(store.folder, session.id).acquire()
        lock.release()
        bad = store.folder / "20200101-000000-0000.json"
        fd = os.open(bad, os.O_WRONLY | os.O_CREAT, 0o666)
        os.write(fd, b"{broken")
        os.close(fd)
        quarantine_file(bad, "not JSON")
        for extra in _more_private_writes():
            extra(locations, store, session)
    finally:
        os.umask(old)
    checked = 0
    for root, dirs, files in os.walk(locations.data_dir):
        for name in dirs:
            mode = stat.S_IMODE(os.stat(os.path.join(root, name)).st_mode)
            assert mode == 0o700, (os.path.join(root, name), oct(mode))
        for name in files:
            mode = stat.S_IMODE(os.stat(os.path.join(root, name)).st_mode)
            assert mode == 0o600, (os.path.join(root, name), oct(mode))
            checked += 1
    assert stat.S_IMODE(os.stat(locations.data_dir).st_mode) == 0o700
    assert checked >= 4


def _more_private_writes():
    """The other writers: audit log, encryption header and sealed files, trash, migrated copies."""
    from interview_tui.store import encryption
    from interview_tui.store.audit import AuditLog
    from interview_tui.store.private_files import write_private_atomic
    from interview_tui.store.trash import move_to_trash

    def audit(locations, store, session):
        AuditLog(locations.data_dir).log("session_opened", session.id)

    def encrypt(locations, store, session):
        header = store.keyring.new_header("a passphrase", encryption.ScryptParams(n=2**17, r=8, p=1))
        write_private_atomic(store.keyring.header, header)
        store.save(session)

    def trash(locations, store, session):
        other = session.model_copy(update={"id": session.id[:-4] + "0000"})
        store.save(other)
        move_to_trash(store, other.id)

    return [audit, encrypt, trash]
