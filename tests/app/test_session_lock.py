"""Two windows on one session: the second is refused; a killed first window leaves no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interview_tui.cli.main import main
from interview_tui.core.session import Session
from interview_tui.store.lock import SessionBusy, SessionLock
from interview_tui.ui.app import make_app


def hold_in_other_process(sessions_dir: Path, session_id: str) -> subprocess.Popen:
    code = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from interview_tui.store.lock import SessionLock
        lock = SessionLock(Path({str(sessions_dir)!r}), {session_id!r}).acquire()
        print("held", flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_process_is_refused_and_a_killed_holder_leaves_no_stale_lock(store, intake):
    session = Session.start("CL-1", intake)
    store.save(session)
    holder = hold_in_other_process(store.folder, session.id)
    try:
        with pytest.raises(SessionBusy, match=f"session {session.id} is already open in another interview-tui window"):
            SessionLock(store.folder, session.id).acquire()
        assert SessionLock(store.folder, "20200101-000000-0000").acquire().held  # other sessions are free
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = SessionLock(store.folder, session.id).acquire()
    assert lock.held
    assert lock.path.stat().st_mode & 0o777 == 0o600
    assert lock.path.read_bytes() == b""  # nothing about the client in it
    lock.release()


def test_cli_resume_is_refused_while_another_window_has_the_session(locations, store, intake, capsys):
    session = Session.start("CL-1", intake)
    store.save(session)
    holder = hold_in_other_process(store.folder, session.id)
    try:
        assert main(["--data-dir", str(locations.data_dir), "resume", session.id]) == 2
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "already open in another interview-tui window" in err and "Traceback" not in err


def test_cli_resume_with_a_path_as_id_touches_nothing(locations, capsys):
    assert main(["--data-dir", str(locations.data_dir), "resume", "../../etc/passwd"]) == 2
    assert not (locations.sessions_dir / "locks").exists()


async def test_app_holds_the_lock_while_the_session_is_open_and_refuses_a_busy_one(locations, catalogue, store, intake):
    mine = Session.start("CL-1", intake)
    busy = Session.start("CL-2", intake)
    busy.id = busy.id[:-4] + "ffff"
    store.save(mine)
    store.save(busy)
    holder = hold_in_other_process(store.folder, busy.id)
    try:
        app = make_app(locations, catalogue, store, mine)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            with pytest.raises(SessionBusy):
                SessionLock(store.folder, mine.id).acquire()
            await pilot.press("ctrl+o")
            await pilot.pause()
            SessionLock(store.folder, mine.id).acquire().release()  # closed: free again
            app.open_session(busy)
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
            assert any("already open in another" in str(n.message) for n in app._notifications)
    finally:
        holder.kill()
        holder.wait()
