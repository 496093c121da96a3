"""Drive the installed ``interview-tui`` in a real pseudo-terminal, as a person at a keyboard would.

Used by the signal, crash and leak tests and by ``benchmarks/bench_crash.py``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path


def installed_app() -> str:
    """The console script installed next to this Python (the real entry point, not an import)."""
    beside = Path(sys.executable).with_name("interview-tui")
    if beside.exists():
        return str(beside)
    found = shutil.which("interview-tui")
    if found is None:
        raise RuntimeError("interview-tui is not installed in this environment")
    return found


class Terminal:
    """One process on its own pseudo-terminal (its controlling terminal), with everything it printed."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None, size: tuple[int, int] = (120, 40)) -> None:
        environment = dict(os.environ if env is None else env)
        environment.setdefault("TERM", "xterm-256color")
        environment.pop("TEXTUAL", None)
        pid, fd = pty.fork()
        if pid == 0:  # child: the terminal is already its stdin/stdout/stderr and controlling tty
            try:
                os.execve(argv[0], argv, environment)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        cols, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self._output = bytearray()
        self._lock = threading.Lock()
        self._closed = False
        self.exit_status: int | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
            except (OSError, ValueError):
                return
            if self._closed:
                return
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._output += chunk

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def wait_for_output(self, needle: bytes, timeout: float = 15.0, start: int = 0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.output[start:]:
                return True
            if self.poll() is not None:
                return needle in self.output[start:]
            time.sleep(0.02)
        return False

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode("utf-8"))

    def signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def poll(self) -> int | None:
        if self.exit_status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
        return self.exit_status

    def wait(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while self.poll() is None:
            if time.monotonic() > deadline:
                self.signal(signal.SIGKILL)
                _, status = os.waitpid(self.pid, 0)
                self.exit_status = os.waitstatus_to_exitcode(status)
                raise TimeoutError("the app did not exit")
            time.sleep(0.02)
        self._reader.join(timeout=2)
        return self.exit_status  # type: ignore[return-value]

    def hang_up(self) -> None:
        """Close the terminal, as closing the window does (the kernel sends SIGHUP)."""
        self._closed = True
        self._reader.join(timeout=2)
        os.close(self.fd)

    def close(self) -> None:
        if self.poll() is None:
            self.signal(signal.SIGKILL)
            self.wait()
        if not self._closed:
            self._closed = True
            self._reader.join(timeout=2)
            try:
                os.close(self.fd)
            except OSError:
                pass


def start_new_session(data_dir: Path, client: str = "CL-01", extra_env: dict[str, str] | None = None) -> Terminal:
    env = dict(os.environ)
    env.update(extra_env or {})
    return Terminal([installed_app(), "--data-dir", str(data_dir), "new", client], env=env)
