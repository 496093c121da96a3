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

Rows are kept newest first, so a first screen can be drawn from the index
alone (``peek``: no file looked at) and checked against the files just after.

Nothing in the index is client text beyond what the file names and lists
already show (client codes, protocol ids and titles). It is written like a
session file: atomically, 0600. Several app windows may list at once: each
writes a whole index, the last one wins, and both are right.

Later features (clients, goals) can add fields to a row; bump
``INDEX_VERSION`` when they do, and old indexes are rebuilt. A search index
over notes could reuse the same check (file name, mtime, size, settle guard)
to know which sessions to re-read.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from interview_tui.case_facts import row_is_sound
from interview_tui.storage import SessionSummary, write_private_atomic

SummaryReader = Callable[[Path], "SessionSummary | str"]
"""Reads one session file's summary (decrypting it if needed), or says why it cannot be listed."""

INDEX_NAME = ".index.json"
INDEX_VERSION = 6
HEAD_ROWS = 200
"""The newest rows repeated on the index's first line, for ``peek``."""

SETTLE_NS = 2_000_000_000
"""A file modified less than this long before it was read may be rewritten within the same mtime tick
without its size changing (an autosave replacing one character), so it is read again next time.
The same guard git uses for its own index ("racily clean" entries)."""

# Two JSON lines: {"version", "count", "head": [[name, row], ...newest HEAD_ROWS]}, then {"files": {name: row}}.
# One row per session file, a flat JSON array (small and quick to parse for 10,000 files):
#   readable:   [mtime_ns, size, settled, id, client, protocol, protocol_title, status, started_at, updated_at, sort,
#                read_only, case]
#   ``case`` is the session's case facts (flags, next appointment, ...: case_facts.CaseFacts.to_row()).
#   unreadable: [mtime_ns, size, settled, problem]   (never settled: read again at every listing)
# ``sort`` is started_at in UTC seconds, so lists sort without parsing dates.
Row = list
GOOD_ROW = 13
BAD_ROW = 4


@dataclass
class Listing:
    """The result of one look at the folder."""

    summaries: list[SessionSummary]
    problems: list[str]
    files_read: int
    """How many session files had to be opened (0 when the index was up to date)."""


class SessionIndex:
    """The index of one sessions folder. Keep one per folder: it remembers the index it last read or wrote."""

    def __init__(
        self,
        folder: Path,
        read_summary: SummaryReader,
        persist: Callable[[], bool] = lambda: True,
        clock_ns: Callable[[], int] = time.time_ns,
    ) -> None:
        self.folder = folder
        self._read_summary = read_summary
        self._persist = persist
        """False while the store is encrypted: the index (client codes) then lives in memory only."""
        self._memory: dict[str, Row] = {}
        self.path = folder / INDEX_NAME
        self._clock_ns = clock_ns
        self._cached: tuple[tuple[int, int, int], dict[str, Row]] | None = None
        """The index file's identity (inode, mtime, size) and its rows, as last read or written."""
        self._built: dict[str, tuple[Row, SessionSummary]] = {}
        """Summaries made from rows in an earlier listing, reused while the row is the very same object."""

    def list(self, client: str | None = None) -> Listing:
        """Sessions newest first (only ``client``'s, if given), reading only files the index does not vouch for."""
        if not self.folder.is_dir():
            return Listing([], [], 0)
        old = self._load()
        new: dict[str, Row] = {}
        files_read = 0
        worth_saving = False
        started_ns = self._clock_ns()
        with os.scandir(self.folder) as entries:
            for item in entries:
                name = item.name
                if name[0] == "." or not name.endswith(".json"):
                    continue
                try:
                    stat = item.stat()
                except OSError:
                    continue  # removed while we looked
                row = old.get(name)
                if row is not None and row[2] and row[0] == stat.st_mtime_ns and row[1] == stat.st_size:
                    new[name] = row
                    continue
                files_read += 1
                try:
                    row = new[name] = _read_row(self._read_summary, Path(item.path), stat, started_ns)
                except FileNotFoundError:
                    continue  # removed (or moved to quarantine) while we looked
                worth_saving = worth_saving or name not in old or row[2]
        if files_read or len(new) != len(old):
            new = _newest_first(new)
            if worth_saving or len(new) != len(old):
                # (A file that is only re-read because it was just saved, as during an interview, will be
                # read again next time anyway: rewriting the whole index for it is not worth the time.)
                self._save(new)
            else:
                self._cached = (self._cached[0], new) if self._cached else None
        else:
            new = old  # the same rows, already in order
        return self._listing(new, files_read, client)

    def peek(self, limit: int) -> tuple[list[SessionSummary], int] | None:
        """The newest ``limit`` sessions and how many there are, as the index last saw them, without looking at
        the session files: for drawing a first screen at once. Follow it with ``list()``, which checks the files.
        Reads only the index's first line. None if there is no usable index (or ``limit`` exceeds ``HEAD_ROWS``)."""
        if limit > HEAD_ROWS or not self._persist():
            return None
        try:
            with open(self.path, "rb") as f:
                head = json.loads(f.readline())
            if head["version"] != INDEX_VERSION:
                return None
            rows, count = head["head"], head["count"]
            if type(count) is not int or not isinstance(rows, list):
                return None
            firsts = []
            for name, row in rows[:limit]:
                if type(name) is not str or not _sound(row) or len(row) != GOOD_ROW:
                    return None
                firsts.append(_summary(self.folder, name, row))
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return firsts, count

    def _listing(self, rows: dict[str, Row], files_read: int, client: str | None) -> Listing:
        good: list[tuple[str, Row]] = []
        problems: list[str] = []
        for name, row in rows.items():
            if len(row) == BAD_ROW:
                problems.append(row[3])
            elif client is None or row[4] == client:
                good.append((name, row))
        built = self._built
        if client is None:
            built = self._built = {name: built[name] for name, _ in good if name in built}
        found = []
        for name, row in good:
            known = built.get(name)
            if known is None or known[0] is not row:
                known = built[name] = (row, _summary(self.folder, name, row))
            found.append(known[1])
        problems.sort()
        return Listing(found, problems, files_read)

    # ------------------------------------------------------------ file

    def _load(self) -> dict[str, Row]:
        """The index on disk, newest first; anything missing, foreign or damaged counts as an empty index."""
        if not self._persist():
            return self._memory
        try:
            stat = self.path.stat()
        except OSError:
            return {}
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        try:
            head, _, body = self.path.read_bytes().partition(b"\n")
            if json.loads(head)["version"] != INDEX_VERSION:
                return {}
            rows = json.loads(body)["files"]
            if not isinstance(rows, dict) or not all(map(_sound, rows.values())):
                return {}
        except (OSError, ValueError, TypeError, KeyError):
            return {}
        self._cached = (key, rows)
        return rows

    def _save(self, rows: dict[str, Row]) -> None:
        if not self._persist():
            self._memory = rows
            try:
                self.path.unlink()  # an index written before encryption was turned on holds client codes
            except OSError:
                pass
            return
        good = [item for item in rows.items() if len(item[1]) == GOOD_ROW]
        head = {"version": INDEX_VERSION, "count": len(good), "head": good[:HEAD_ROWS]}
        data = _compact(head) + b"\n" + _compact({"files": rows})
        try:
            write_private_atomic(self.path, data)
            stat = self.path.stat()
        except OSError:
            return  # a read-only folder still lists; the index is only a shortcut
        self._cached = ((stat.st_ino, stat.st_mtime_ns, stat.st_size), rows)


def _compact(data: object) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _newest_first(rows: dict[str, Row]) -> dict[str, Row]:
    """Readable sessions newest first (then by id), unreadable files after them."""
    good = sorted(
        ((name, row) for name, row in rows.items() if len(row) == GOOD_ROW),
        key=lambda item: (item[1][10], item[1][3]),
        reverse=True,
    )
    bad = sorted((name, row) for name, row in rows.items() if len(row) != GOOD_ROW)
    return dict(good + bad)


def _sound(row: object) -> bool:
    """A row of the shape this version writes (a damaged index is rebuilt rather than trusted)."""
    if type(row) is not list:
        return False
    n = len(row)
    if n == GOOD_ROW:
        return (
            type(row[0]) is int and type(row[1]) is int and type(row[2]) is bool
            and type(row[3]) is str and type(row[4]) is str and type(row[5]) is str and type(row[6]) is str
            and type(row[7]) is str and type(row[8]) is str and type(row[9]) is str
            and type(row[10]) in (int, float) and type(row[11]) is bool and row_is_sound(row[12])
        )  # fmt: skip
    return n == BAD_ROW and type(row[0]) is int and type(row[1]) is int and type(row[3]) is str


def _read_row(read_summary: SummaryReader, path: Path, stat: os.stat_result, started_ns: int) -> Row:
    settled = stat.st_mtime_ns < started_ns - SETTLE_NS
    try:
        s = read_summary(path)
        if isinstance(s, str):
            return [stat.st_mtime_ns, stat.st_size, False, s]
        sort_key = s.started_at.timestamp()
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, TypeError, OverflowError) as exc:
        return [stat.st_mtime_ns, stat.st_size, False, f"{path}: not a readable session file ({type(exc).__name__})"]
    return [
        stat.st_mtime_ns, stat.st_size, settled,
        s.id, s.client, s.protocol, s.protocol_title, s.status,
        s.started_at.isoformat(), s.updated_at.isoformat(), sort_key, s.read_only, list(s.case_row),
    ]  # fmt: skip


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` for a plain file name, without parsing it again (a third of a 10,000-row listing).

    Uses the helper ``Path.iterdir`` uses on CPython 3.11-3.13, and plain ``/`` where it does not exist."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def _summary(folder: Path, name: str, row: Row) -> SessionSummary:
    return SessionSummary(
        id=row[3],
        client=row[4],
        protocol=row[5],
        protocol_title=row[6],
        status=row[7],
        started_at=datetime.fromisoformat(row[8]),
        updated_at=datetime.fromisoformat(row[9]),
        path=_child(folder, name),
        read_only=row[11],
        case_row=row[12],
    )
