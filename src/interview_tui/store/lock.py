"""One window per session: an OS-level lock that a killed process cannot leave behind.

The lock is an advisory ``flock`` on ``sessions/locks/<id>.lock`` (through
the ``filelock`` library). The kernel drops it when the holder's process
ends, however it ends, so a crash or SIGKILL never leaves a stale lock.
The lock file itself is empty and holds nothing about the client.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from interview_tui.core.errors import InterviewError, os_reason
from interview_tui.store.paths import PRIVATE_FILE_MODE, ensure_private_dir

LOCK_FOLDER = "locks"


class SessionBusy(InterviewError):
    """Another interview-tui window has this session open."""


class CannotLock(InterviewError):
    """The session's lock cannot be taken because its folder cannot be written (a read-only data folder, no
    permission): nothing can be saved there either, so the session can still be opened, to read."""


class SessionLock:
    def __init__(self, sessions_dir: Path, session_id: str) -> None:
        self.session_id = session_id
        self.path = sessions_dir / LOCK_FOLDER / f"{session_id}.lock"
        self._lock = FileLock(
            self.path,
            timeout=0,
            mode=PRIVATE_FILE_MODE,
            thread_local=False,
            fallback_to_soft=False,  # a soft (file-exists) lock would outlive a killed process
        )

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> "SessionLock":
        try:
            ensure_private_dir(self.path.parent)
            self._lock.acquire()
        except Timeout:  # (before OSError: filelock's Timeout is a TimeoutError)
            raise SessionBusy(
                f"session {self.session_id} is already open in another interview-tui window; "
                "close it there first (only one window may write a session)"
            ) from None
        except OSError as exc:
            raise CannotLock(f"the data folder cannot be written ({os_reason(exc)})") from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)
