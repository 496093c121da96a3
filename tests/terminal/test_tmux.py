"""The installed app in a real terminal (tmux): type, change phase, quit, resume, kill -9, closed window."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

APP = Path(sys.executable).with_name("interview-tui")


class Terminal:
    """One tmux session running the installed app, with its own server socket."""

    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"itui-{uuid.uuid4().hex[:8]}"
        self.name = "app"
        self.data = tmp_path / "data"
        self.env = {**os.environ, "INTERVIEW_TUI_DATA_DIR": str(self.data), "TERM": "xterm-256color"}

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=self.env, check=False
        ).stdout

    def start(self, *app_args: str) -> None:
        command = " ".join([str(APP), *app_args]) + "; echo EXIT=$?; sleep 60"
        for _ in range(50):  # right after the last session was killed, the tmux server may still be shutting down
            made = subprocess.run(
                ["tmux", "-L", self.socket, "new-session", "-d", "-x", "120", "-y", "40", "-s", self.name, command],
                capture_output=True, text=True, env=self.env, check=False,
            )
            if made.returncode == 0:
                break
            time.sleep(0.1)
        else:
            raise AssertionError(f"tmux could not start the app: {made.stderr}")
        self.wait_for("Phases")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def key(self, key: str) -> None:
        self.tmux("send-keys", "-t", self.name, key)

    def app_pid(self) -> int:
        out = subprocess.run(["pgrep", "-f", f"{APP} "], capture_output=True, text=True).stdout.split()
        shell = self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        for pid in out:
            if Path(f"/proc/{pid}/status").exists():
                ppid = next(
                    (line.split()[1] for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("PPid:")),
                    "",
                )
                if ppid == shell:
                    return int(pid)
        raise AssertionError("app process not found")

    def close(self) -> None:
        self.tmux("kill-server")

    def session_json(self) -> dict:
        out = subprocess.run(
            [str(APP), "sessions", "--json"], capture_output=True, text=True, env=self.env, check=True
        ).stdout
        rows = json.loads(out)
        assert len(rows) == 1
        return json.loads(Path(rows[0]["path"]).read_text(encoding="utf-8"))


@pytest.fixture
def term(tmp_path):
    t = Terminal(tmp_path)
    yield t
    t.close()


def _intake_phase_count() -> int:
    from interview_tui.store.paths import builtin_phases_dir
    from interview_tui.phases.files import load_catalogue

    return len(load_catalogue([builtin_phases_dir()]).protocol("intake").phases)


def test_type_change_phase_quit_and_resume(term):
    term.start("new", "TEST-01")
    term.type("Came in about [rent] arrears")
    term.key("C-n")
    term.wait_for(f"2/{_intake_phase_count()} ")
    term.type("Met at the family centre")
    time.sleep(3)
    data = term.session_json()
    assert data["phases"]["preparation"]["notes"]["record-review"] == "Came in about [rent] arrears"
    phase2 = data["protocol"]["phases"][1]
    assert data["phases"][phase2["id"]]["notes"][phase2["prompts"][0]["id"]] == "Met at the family centre"
    term.key("C-q")
    term.wait_for("EXIT=0")
    term.tmux("kill-session", "-t", term.name)
    term.start("resume", data["id"])
    term.wait_for("Met at the family centre")
    term.wait_for("TEST-01")
    term.key("C-b")
    term.wait_for("Came in about [rent] arrears")


def test_kill_9_three_seconds_after_typing_loses_nothing(term):
    term.start("new", "TEST-02")
    term.type("typed before the crash")
    time.sleep(3)
    os.kill(term.app_pid(), signal.SIGKILL)
    term.wait_for("EXIT=137")
    data = term.session_json()
    assert data["phases"]["preparation"]["notes"]["record-review"] == "typed before the crash"


def test_closed_window_saves_everything(term):
    term.start("new", "TEST-03")
    term.type("typed just before the window closed")
    # Close as soon as the app has shown the text: well inside the autosave interval,
    # so it is the hang-up handler that must save it.
    term.wait_for("typed just before the window closed")
    pid = term.app_pid()
    term.tmux("kill-window", "-t", term.name)
    end = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < end:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists(), "app still running after its terminal closed"
    data = term.session_json()
    assert data["phases"]["preparation"]["notes"]["record-review"] == "typed just before the window closed"


def _tty_flags(term: Terminal) -> list[str]:
    tty = term.tmux("display-message", "-p", "-t", term.name, "#{pane_tty}").strip()
    return subprocess.run(["stty", "-F", tty, "-a"], capture_output=True, text=True, check=True).stdout.split()


def test_keys_typed_before_the_first_screen_leave_nothing_in_the_scrollback(term):
    """The terminal does not echo keys typed while the app starts (they would stay on the normal screen after it
    closes); the app still gets them, and the terminal's echo is back on once it has closed."""
    command = f"{APP} new TEST-04; echo EXIT=$?; sleep 60"
    term.tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", term.name, command)
    end = time.monotonic() + 20
    # Typed in the moment the app has turned the echo off but Textual has not yet taken the terminal over
    # (still line by line: "icanon"): without the app's care the terminal would echo these keys itself.
    while (flags := _tty_flags(term)) and not ("-echo" in flags and "icanon" in flags):
        assert time.monotonic() < end, "the terminal's echo was never turned off before the app started"
    term.type("said in confidence")
    term.wait_for("said in confidence")  # in the note field
    term.key("C-q")
    screen = term.wait_for("EXIT=0")
    assert "said in confidence" not in screen
    assert "said in confidence" not in term.tmux("capture-pane", "-p", "-S", "-200", "-t", term.name)
    assert "echo" in _tty_flags(term)  # as the shell had it
    data = term.session_json()
    assert data["phases"]["preparation"]["notes"]["record-review"] == "said in confidence"
