"""The installed app in tmux, with its own server socket: keys as a terminal sends them, signals, the pane's tty.

Each ``TmuxApp`` runs one command in a pane (``COMMAND; echo EXIT=$?; sleep 60``), so the exit code shows in
the pane once the app has gone, and the pane (with its tty) stays for ``stty -a``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

APP = Path(sys.executable).with_name("interview-tui")


class TmuxApp:
    def __init__(self, data_dir: Path, size: tuple[int, int] = (120, 40)) -> None:
        self.socket = f"itui-{uuid.uuid4().hex[:8]}"
        self.name = "app"
        self.data = data_dir
        self.size = size
        self.env = {**os.environ, "INTERVIEW_TUI_DATA_DIR": str(self.data), "TERM": "xterm-256color"}
        self.env.pop("TEXTUAL", None)

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, env=self.env, check=False
        ).stdout

    def start(self, *app_args: str, before: str = "") -> None:
        """Run the app in a new pane (``before``: shell commands first, e.g. ``stty`` settings)."""
        command = " ".join([before, shlex.join([str(APP), *app_args]), "; echo EXIT=$?; sleep 60"])
        cols, rows = self.size
        for _ in range(50):  # right after another server was killed, tmux may still be shutting down
            made = subprocess.run(
                ["tmux", "-L", self.socket, "new-session", "-d", "-x", str(cols), "-y", str(rows), "-s", self.name,
                 command],
                capture_output=True, text=True, env=self.env, check=False,
            )
            if made.returncode == 0:
                return
            time.sleep(0.1)
        raise AssertionError(f"tmux could not start the app: {made.stderr}")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def exit_code(self, timeout: float = 20) -> int:
        """Wait for the app to end; its exit code as the shell saw it (128 + n for a signal n)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = re.search(r"EXIT=(\d+)", self.screen())
            if found:
                return int(found.group(1))
            time.sleep(0.05)
        raise AssertionError(f"the app did not exit:\n{self.screen()}")

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def key(self, key: str) -> None:
        self.tmux("send-keys", "-t", self.name, key)

    def type_then_key(self, text: str, key: str) -> None:
        """Both in one tmux command: the key follows the text at once, as from a fast typist."""
        self.tmux("send-keys", "-t", self.name, "-l", text, ";", "send-keys", "-t", self.name, key)

    def app_pid(self, timeout: float = 10) -> int:
        """The app's process: the pane shell's child."""
        shell = self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
            if children:
                return int(children[0])
            time.sleep(0.01)
        raise AssertionError("app process not found")

    def tty_flags(self) -> list[str]:
        tty = self.tmux("display-message", "-p", "-t", self.name, "#{pane_tty}").strip()
        return subprocess.run(["stty", "-F", tty, "-a"], capture_output=True, text=True, check=True).stdout.split()

    def session_files(self) -> list[Path]:
        return sorted((self.data / "sessions").glob("*.json"))

    def only_session(self) -> dict:
        (path,) = self.session_files()
        return json.loads(path.read_text(encoding="utf-8"))

    def close(self) -> None:
        self.tmux("kill-server")
