"""A small index of the session folder, so lists do not read every session file.

The session files stay the only source of truth. The index (``.index.json``
in the sessions folder) keeps, for each session file, the fields lists show
(client, protocol, status, times) and the file's size and modification time
when they were read. Each listing compares the folder with the index: a file
that is new, changed (size or mtime differ) or too recent to trust is read
again, a file that is gone is dropped, and the rest come from the index. So
files added, changed or removed behind the app's back, a crash between a
session write and the next index write, or a missing or corrupt index all
end in the same place: an index rebuilt from the files.

Nothing in the index is client text beyond what the file names and lists
already show (client codes, protocol ids and titles). It is written like a
session file: atomically, 0600.

Later features (search across notes, clients, goals) can add fields to an
entry; bump ``INDEX_VERSION`` when they do, and old indexes are rebuilt.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from interview_tui.storage import SessionSummary, summary_of, write_private_atomic

INDEX_NAME = ".index.json"
INDEX_VERSION = 1

SETTLE_NS = 2_000_000_000
"""A file modified less than this long before it was read may be rewritten within the same mtime tick
without its size changing (an autosave replacing one character), so it is read again next time.
The same guard git uses for its own index ("racily clean" entries)."""

SUMMARY_FIELDS = ("id", "client", "protocol", "protocol_title", "status", "started_at", "updated_at")


@dataclass
class Entry:
    """What the index knows of one session file."""

    mtime_ns: int
    size: int
    settled: bool
    summary: dict[str, str] | None
    """The summary's fields as JSON strings, or None if the file could not be read."""
    problem: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "mtime_ns": self.mtime_ns,
            "size": self.size,
            "settled": self.settled,
            "summary": self.summary,
            "problem": self.problem,
        }


@dataclass
class Listing:
    """The result of one look at the folder."""

    summaries: list[SessionSummary]
    problems: list[str]
    files_read: int
    """How many session files had to be opened (0 when the index was up to date)."""


class SessionIndex:
    """The index of one sessions folder."""

    def __init__(self, folder: Path, clock_ns: Callable[[], int] = time.time_ns) -> None:
        self.folder = folder
        self.path = folder / INDEX_NAME
        self._clock_ns = clock_ns

    def list(self) -> Listing:
        """Every session, newest first, reading only the files the index does not vouch for."""
        if not self.folder.is_dir():
            return Listing([], [], 0)
        old = self._load()
        new: dict[str, Entry] = {}
        files_read = 0
        started_ns = self._clock_ns()
        with os.scandir(self.folder) as entries:
            for item in entries:
                name = item.name
                if name.startswith(".") or not name.endswith(".json"):
                    continue
                try:
                    stat = item.stat()
                except OSError:
                    continue  # removed while we looked
                known = old.get(name)
                if (
                    known is not None
                    and known.settled
                    and known.mtime_ns == stat.st_mtime_ns
                    and known.size == stat.st_size
                ):
                    new[name] = known
                    continue
                files_read += 1
                new[name] = _read_entry(Path(item.path), stat, started_ns)
        if files_read or new.keys() != old.keys():
            self._save(new)
        return _listing(self.folder, new, files_read)

    # ------------------------------------------------------------ file

    def _load(self) -> dict[str, Entry]:
        """The index on disk; anything missing, foreign or damaged counts as an empty index."""
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("version") != INDEX_VERSION:
                return {}
            found = {}
            for name, raw in data["files"].items():
                summary = raw["summary"]
                if summary is not None and not all(isinstance(summary.get(k), str) for k in SUMMARY_FIELDS):
                    return {}
                found[str(name)] = Entry(
                    mtime_ns=int(raw["mtime_ns"]),
                    size=int(raw["size"]),
                    settled=bool(raw["settled"]),
                    summary=summary,
                    problem=raw.get("problem"),
                )
            return found
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def _save(self, entries: dict[str, Entry]) -> None:
        data = {"version": INDEX_VERSION, "files": {name: e.as_json() for name, e in entries.items()}}
        try:
            write_private_atomic(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        except OSError:
            pass  # a read-only folder still lists; the index is only a shortcut


def _read_entry(path: Path, stat: os.stat_result, started_ns: int) -> Entry:
    settled = stat.st_mtime_ns < started_ns - SETTLE_NS
    try:
        summary = summary_of(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Entry(stat.st_mtime_ns, stat.st_size, settled, None, type(exc).__name__)
    fields = {
        "id": summary.id,
        "client": summary.client,
        "protocol": summary.protocol,
        "protocol_title": summary.protocol_title,
        "status": summary.status,
        "started_at": summary.started_at.isoformat(),
        "updated_at": summary.updated_at.isoformat(),
    }
    return Entry(stat.st_mtime_ns, stat.st_size, settled, fields)


def _listing(folder: Path, entries: dict[str, Entry], files_read: int) -> Listing:
    found: list[SessionSummary] = []
    problems: list[str] = []
    for name, entry in entries.items():
        path = folder / name
        if entry.summary is None:
            problems.append(f"{path}: not a readable session file ({entry.problem or 'unknown problem'})")
            continue
        s = entry.summary
        found.append(
            SessionSummary(
                id=s["id"],
                client=s["client"],
                protocol=s["protocol"],
                protocol_title=s["protocol_title"],
                status=s["status"],
                started_at=datetime.fromisoformat(s["started_at"]),
                updated_at=datetime.fromisoformat(s["updated_at"]),
                path=path,
            )
        )
    found.sort(key=lambda s: (s.started_at, s.id), reverse=True)
    problems.sort()
    return Listing(found, problems, files_read)
