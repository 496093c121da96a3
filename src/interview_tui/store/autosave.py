"""Autosave: what was typed reaches the disk within a couple of seconds, off the typing path.

The caller (the UI) says when something changed and calls ``tick`` on a short
timer. The session is serialised on the caller's thread (so the snapshot is
consistent) and written by one background thread, one write at a time. A
failed write keeps the session marked unsaved and is retried on the next
tick; the last good file is never touched by a failed write.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Callable

from interview_tui.core.errors import os_reason
from interview_tui.core.session import Session
from interview_tui.store.check_before_write import FileWatch
from interview_tui.store.sessions import SessionStore, StoreError

SAVE_AFTER_SECONDS = 0.8
"""At most one background write per this many seconds; a change waits at most this long plus one tick."""

SaveListener = Callable[[bool, str | None], None]
"""Called after every write with (saved, problem). Runs on the writer thread."""


class PhaseClock:
    """Counts the time spent in the current phase, in wall seconds, and books it to the session."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._since = clock()

    def unbooked(self) -> float:
        """Seconds in the current phase not yet added to the session."""
        return self._clock() - self._since

    def book(self, session: Session) -> None:
        moment = self._clock()
        session.add_time(session.current_phase, moment - self._since)
        self._since = moment


class Autosaver:
    def __init__(
        self,
        store: SessionStore,
        session: Session,
        listener: SaveListener | None = None,
        phase_clock: PhaseClock | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.session = session
        self.phase_clock = phase_clock or PhaseClock(clock)
        self._listener = listener
        self._clock = clock
        self._changes = 0
        self._saved_changes = 0
        self._last_write_started = clock()
        self._pending: Future[bool] | None = None
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self.last_problem: str | None = None
        self._watch = store.watch(session.id)
        """The session's file as this session was read from it: every write is checked against it."""

    @property
    def kept_apart(self) -> Path | None:
        """The conflict copy this session is saved to since another machine changed its file, or None."""
        return self._watch.path if self._watch.kept_apart else None

    def based_on(self) -> FileWatch:
        """The file this session's saves go to and what it held when last read or written here (a copy): what a
        rescue copy of unsaved changes is based on (``rescue.keep_rescue_copy``)."""
        if not self._lock.acquire(timeout=1):  # a write hanging on the way out: what it held before it
            return replace(self._watch)
        try:
            return replace(self._watch)
        finally:
            self._lock.release()

    def kept_apart_notice(self) -> str | None:
        """What to tell the practitioner while the session is kept apart (see ``check_before_write``)."""
        return self._watch.notice()

    @property
    def unsaved(self) -> bool:
        return self._changes != self._saved_changes

    def changed(self) -> None:
        """Something in the session changed; it will be written soon."""
        self._changes += 1

    def tick(self) -> None:
        """Write in the background if there are changes and the last write is old enough."""
        if not self.unsaved or (self._pending is not None and not self._pending.done()):
            return
        if self._clock() - self._last_write_started < SAVE_AFTER_SECONDS and self.last_problem is None:
            return
        self._submit()

    def save_in_background(self) -> None:
        """Write now, off this thread (at a phase change, or on ctrl+s)."""
        self._submit()

    def save_now(self) -> bool:
        """Write now and wait for it (on quit or a signal). True if the file is up to date.

        A finished session is a record: with nothing changed in it (only looked at), its file is left as it
        is, ``updated_at`` included. A session in progress is written anyway, to book the time in its phase."""
        if self._pending is not None:
            try:
                self._pending.result(timeout=10)
            except Exception:  # noqa: BLE001 - reported through the listener already
                pass
        if self.session.status == "completed" and not self.unsaved and self.last_problem is None:
            return True
        data, generation = self._snapshot()
        return self._write(data, generation)

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    # ------------------------------------------------------------ internals

    def _snapshot(self) -> tuple[bytes, int]:
        self.phase_clock.book(self.session)
        self.session.touch()
        return self.session.to_json(), self._changes

    def _submit(self) -> None:
        data, generation = self._snapshot()
        self._last_write_started = self._clock()
        self._pending = self._executor.submit(self._write, data, generation)

    def _write(self, data: bytes, generation: int) -> bool:
        with self._lock:
            try:
                self.store.save_bytes(self.session.id, data, watch=self._watch)
            except OSError as exc:
                self.last_problem = f"{os_reason(exc)} ({self.store.folder})"
                ok = False
            except StoreError as exc:  # e.g. a file from a newer app version: never written over
                self.last_problem = str(exc)
                ok = False
            else:
                self.last_problem = None
                self._saved_changes = max(self._saved_changes, generation)
                ok = True
        if self._listener is not None:
            self._listener(ok, self.last_problem)
        return ok
