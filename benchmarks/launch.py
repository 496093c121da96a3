"""Launch a terminal app as a real process in a pseudo-terminal and time it to its first drawn screen.

The app writes "<wall-clock ns> <process CPU ns>" to the file named by
INTERVIEW_TUI_BENCH_READY_FILE once its first screen has been drawn (see
benchmarks/README.md); launch time is that wall-clock time minus the time just
before the process was started. Peak memory is the process's VmHWM (peak resident set)
read from /proc one second after its first frame (so the work the app does
just after that frame counts), just before it is asked to quit (SIGTERM).
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

READY_ENV = "INTERVIEW_TUI_BENCH_READY_FILE"
SIZE = (120, 40)


@dataclass
class Launch:
    seconds: float
    """Wall clock, process start to first screen drawn."""
    cpu_seconds: float
    """CPU time the process had used when its first screen was drawn (as the app itself reports it):
    steadier than wall time on a busy machine."""
    peak_rss_kb: int


class LaunchFailed(Exception):
    pass


def _become_terminal_owner() -> None:
    """In the child: make the pty on stdin the controlling terminal, as a shell would."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _drain(fd: int) -> None:
    """Read and drop the app's output, so it never blocks writing to a full pty."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def peak_rss_kb(pid: int) -> int:
    """VmHWM: the peak resident set of the program since it was exec'd (KiB).

    (Not wait4's ru_maxrss: that also counts the forked copy of this benchmark process before exec.)"""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise LaunchFailed("no VmHWM in /proc status")


def launch(argv: list[str], env: dict[str, str] | None = None, timeout: float = 60.0, settle: float = 1.0) -> Launch:
    with tempfile.TemporaryDirectory(prefix="bench-ready-") as tmp:
        ready = Path(tmp) / "ready"
        child_env = dict(os.environ if env is None else env)
        child_env.update({READY_ENV: str(ready), "TERM": "xterm-256color", "COLUMNS": str(SIZE[0]), "LINES": str(SIZE[1])})
        child_env.pop("TEXTUAL", None)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        started = time.time_ns()
        proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=child_env,
            start_new_session=True,
            preexec_fn=_become_terminal_owner,
            close_fds=True,
        )
        os.close(slave)
        drainer = threading.Thread(target=_drain, args=(master,), daemon=True)
        drainer.start()
        try:
            deadline = time.monotonic() + timeout
            while True:
                if ready.exists() and len(ready.read_text().split()) == 2:
                    break
                if proc.poll() is not None:
                    raise LaunchFailed(f"{argv[0]} exited with {proc.returncode} before its first screen")
                if time.monotonic() > deadline:
                    raise LaunchFailed(f"{argv[0]} not ready after {timeout:.0f} s")
                time.sleep(0.002)
            shown_ns, cpu_ns = (int(x) for x in ready.read_text().split())
            time.sleep(settle)  # let the work scheduled after the first frame run (it counts towards the peak)
            peak = peak_rss_kb(proc.pid)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            os.close(master)
            drainer.join(timeout=2)
        return Launch(seconds=(shown_ns - started) / 1e9, cpu_seconds=cpu_ns / 1e9, peak_rss_kb=peak)
