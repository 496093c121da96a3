"""The audit log: a local, append-only, hash-chained record of what was done, never of what was said.

``<data dir>/audit.log`` holds one JSON object per line::

    {"seq": 3, "at": "2026-11-23T14:25:01Z", "event": "session_opened",
     "session": "20261123-142501-a3f9", "prev": "<hash of line 2>", "hash": "<sha256 of this line>"}

Only an event name from ``EVENTS`` and a session id (a time and a random
number, never the client code) are recorded: no client text can get in.
Each line's hash covers its content and the previous line's hash, so
``interview-tui audit verify`` finds a line that was changed, removed,
inserted or reordered. What a chain without a secret cannot show: someone
who can write the file may rebuild the whole chain after an edit, or cut
lines off the end. Appends from two windows are serialised with a file lock.
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

from interview_tui.store.paths import PRIVATE_FILE_MODE, ensure_private_dir

AUDIT_FILE = "audit.log"
GENESIS = "0" * 64
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
    }
)
_FIELDS = ("seq", "at", "event", "session", "prev")


class AuditError(ValueError):
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

    def record(self, event: str, session_id: str | None = None) -> None:
        """Append one entry. Raises AuditError for an unknown event or anything that is not a session id."""
        if event not in EVENTS:
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
            seq, prev = self._last(fd)
            entry = {
                "seq": seq + 1,
                "at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "event": event,
                "session": session_id,
                "prev": prev,
            }
            entry["hash"] = _digest(entry)
            os.write(fd, _line(entry) + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)  # also releases the flock

    @staticmethod
    def _last(fd: int) -> tuple[int, str]:
        """The last entry's seq and hash (0 and the genesis hash for an empty log)."""
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
            return int(last["seq"]), str(last["hash"])
        except (ValueError, KeyError, TypeError, IndexError):
            raise AuditError(f"the audit log's last line is damaged; run 'interview-tui audit verify'") from None

    def verify(self) -> Verdict:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Verdict(0, None)
        prev = GENESIS
        count = 0
        for number, line in enumerate(raw.split(b"\n"), start=1):
            if not line.strip():
                if number < raw.count(b"\n") + 1:
                    return Verdict(count, f"line {number}: empty line inside the log")
                continue
            try:
                entry = json.loads(line)
                fields = {k: entry[k] for k in (*_FIELDS, "hash")}
            except (ValueError, KeyError, TypeError):
                return Verdict(count, f"line {number}: not an audit entry (damaged or edited)")
            if set(entry) != set(fields) or _line(entry) != line:
                return Verdict(count, f"line {number}: not written the way the app writes it (edited)")
            if fields["prev"] != prev:
                return Verdict(count, f"line {number}: does not follow line {number - 1} (a line was removed, inserted or moved)")
            if fields["seq"] != count + 1:
                return Verdict(count, f"line {number}: sequence number {fields['seq']!r}, expected {count + 1}")
            if _digest(fields) != fields["hash"]:
                return Verdict(count, f"line {number}: its content does not match its hash (edited)")
            prev = fields["hash"]
            count += 1
        return Verdict(count, None)

    def entries(self) -> list[dict[str, Any]]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in raw.split(b"\n") if line.strip()]
