"""The audit log: a local, append-only, hash-chained record of what was done, never of what was said.

``<data dir>/audit.log`` holds one JSON object per line::

    {"seq": 3, "at": "2026-11-23T14:25:01Z", "event": "session_opened",
     "session": "20261123-142501-a3f9", "prev": "<hash of line 2>", "hash": "<sha256 of this line>"}

Only an event name from ``EVENTS`` and a session id (a time and a random
number, never the client code) are recorded: no client text can get in.
Each line's hash covers its content and the previous line's hash, so
``interview-tui audit verify`` finds a line that was changed, removed,
inserted or reordered. The chain's head (the last entry's number and hash)
is kept apart, in ``sessions/audit.head`` beside the encryption header, so a
deleted log, or lines cut off its end, no longer verify as intact. When the
log is damaged (its last line unreadable) or gone, logging goes on: a new
segment starts with a ``log_damaged_new_segment`` entry, and ``verify``
keeps reporting the damage. What a chain without a secret cannot show:
someone who can write both files may rebuild the chain and the head after an
edit. Appends from two windows are serialised with a file lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from interview_tui.core.errors import InterviewError
from interview_tui.store.paths import PRIVATE_FILE_MODE, ensure_private_dir

AUDIT_FILE = "audit.log"
HEAD_FILE = "audit.head"
"""Beside the encryption header in the sessions folder: the last entry's number and hash."""
SESSIONS_FOLDER = "sessions"
GENESIS = "0" * 64
SEGMENT_EVENT = "log_damaged_new_segment"
"""The first entry of a segment begun because the log before it was damaged or missing."""
EVENTS = frozenset(
    {
        "session_opened",
        "session_exported",
        "session_deleted",
        "trash_emptied",
        "unlock_failed",
        "encryption_turned_on",
        "encryption_turned_off",
        "passphrase_changed",
        "notes_searched",
        "outcomes_reported",
        "calendar_written",
        "case_closed",
        "case_reopened",
        "flag_cleared",
        "client_record_changed",
        "backup_made",
        "backup_restored",
        "conflict_kept_original",
        "conflict_kept_copy",
        "conflict_kept_both",
        SEGMENT_EVENT,
    }
)
_FIELDS = ("seq", "at", "event", "session", "prev")


class AuditError(InterviewError, ValueError):
    pass


def _digest(entry: dict[str, Any]) -> str:
    body = json.dumps({k: entry[k] for k in _FIELDS}, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def _line(entry: dict[str, Any]) -> bytes:
    """The one way an entry is written, so any changed byte shows (even insignificant whitespace)."""
    return json.dumps(entry, separators=(", ", ": "), ensure_ascii=True).encode("ascii")


@dataclass(frozen=True)
class Verdict:
    entries: int
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


class AuditLog:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / AUDIT_FILE
        self.head_path = data_dir / SESSIONS_FOLDER / HEAD_FILE

    def log(self, event: str, session_id: str | None = None) -> None:
        """Append one entry. Raises AuditError for an unknown event or anything that is not a session id."""
        if event not in EVENTS or event == SEGMENT_EVENT:
            raise AuditError(f"unknown audit event {event!r}")
        if session_id is not None:
            from interview_tui.store.sessions import is_session_id

            if not is_session_id(session_id):
                raise AuditError("only a session id may be recorded")
        ensure_private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
            fcntl.flock(fd, fcntl.LOCK_EX)
            last = self._last(fd)
            head = self._head()
            if last is None or (last == (0, GENESIS) and head is not None and head[0] > 0):
                last = self._append(fd, 0, GENESIS, SEGMENT_EVENT, None)  # damaged or deleted: a new, marked segment
            seq, prev = self._append(fd, *last, event, session_id)
            self._write_head(seq, prev)
        finally:
            os.close(fd)  # also releases the flock

    @staticmethod
    def _append(fd: int, seq: int, prev: str, event: str, session_id: str | None) -> tuple[int, str]:
        entry: dict[str, Any] = {
            "seq": seq + 1,
            "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "event": event,
            "session": session_id,
            "prev": prev,
        }
        digest = entry["hash"] = _digest(entry)
        if os.fstat(fd).st_size and os.pread(fd, 1, os.fstat(fd).st_size - 1) != b"\n":
            os.write(fd, b"\n")  # a damaged last line without its end: the new entry starts on a line of its own
        os.write(fd, _line(entry) + b"\n")
        os.fsync(fd)
        return seq + 1, digest

    def _head(self) -> tuple[int, str] | None:
        try:
            data = json.loads(self.head_path.read_bytes())
            return int(data["seq"]), str(data["hash"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return (1, "damaged")  # unreadable: something was written before

    def _write_head(self, seq: int, digest: str) -> None:
        if not self.head_path.parent.is_dir():
            return  # no store yet: nothing to keep a head beside
        from interview_tui.store.private_files import write_private_atomic

        write_private_atomic(self.head_path, json.dumps({"seq": seq, "hash": digest}).encode("ascii") + b"\n")

    @staticmethod
    def _last(fd: int) -> tuple[int, str] | None:
        """The last entry's seq and hash (0 and the genesis hash for an empty log); None if the last line is damaged."""
        size = os.fstat(fd).st_size
        if size == 0:
            return 0, GENESIS
        chunk = 4096
        tail = b""
        position = size
        while position > 0 and tail.count(b"\n") < 2:
            position = max(0, position - chunk)
            tail = os.pread(fd, size - position, position)
        lines = [line for line in tail.split(b"\n") if line.strip()]
        try:
            last = json.loads(lines[-1])
            fields = {k: last[k] for k in (*_FIELDS, "hash")}
            if _digest(fields) != fields["hash"] or type(fields["seq"]) is not int:
                return None
            return fields["seq"], fields["hash"]
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def verify(self) -> Verdict:
        head = self._head()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            if head is not None and head[0] > 0:
                return Verdict(0, f"the log is missing, but {self.head_path} says entries were written (deleted?)")
            return Verdict(0, None)
        prev: str | None = GENESIS
        count = 0
        problem: str | None = None
        last: tuple[int, str] = (0, GENESIS)
        lines = raw.split(b"\n")
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                if number < len(lines) and problem is None:
                    problem = f"line {number}: empty line inside the log"
                continue
            found = self._check_line(line, number, prev, last[0])
            if isinstance(found, str):
                problem = problem or found
                prev = None  # until a new segment begins, nothing after the damage can be trusted
                continue
            if found["event"] == SEGMENT_EVENT:
                problem = problem or f"line {number}: a new segment was begun because the log was damaged or missing"
            prev = found["hash"]
            last = (found["seq"], found["hash"])
            count += 1
        if problem is None and head is not None and head != last:
            problem = f"the log ends at entry {last[0]} but {self.head_path} says {head[0]} (lines cut off the end?)"
        return Verdict(count, problem)

    @staticmethod
    def _check_line(line: bytes, number: int, prev: str | None, seq: int) -> "dict[str, Any] | str":
        try:
            entry = json.loads(line)
            fields = {k: entry[k] for k in (*_FIELDS, "hash")}
        except (ValueError, KeyError, TypeError):
            return f"line {number}: not an audit entry (damaged or edited)"
        if set(entry) != set(fields) or _line(entry) != line:
            return f"line {number}: not written the way the app writes it (edited)"
        if _digest(fields) != fields["hash"] and fields["prev"] == prev:
            return f"line {number}: its content does not match its hash (edited)"
        restarts = fields["event"] == SEGMENT_EVENT and fields["prev"] == GENESIS and fields["seq"] == 1
        if fields["prev"] != prev and not restarts:
            return f"line {number}: does not follow line {number - 1} (a line was removed, inserted or moved)"
        if fields["seq"] != seq + 1 and not restarts:
            return f"line {number}: sequence number {fields['seq']!r}, expected {seq + 1}"
        if _digest(fields) != fields["hash"]:
            return f"line {number}: its content does not match its hash (edited)"
        return fields

    def entries(self) -> list[dict[str, Any]]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        found = []
        for line in raw.split(b"\n"):
            try:
                entry = json.loads(line) if line.strip() else None
            except ValueError:
                continue  # a damaged line: verify says where
            if isinstance(entry, dict):
                found.append(entry)
        return found
