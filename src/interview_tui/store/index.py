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

Memory matters as much as time (10,000 sessions, an app that stays open all
day): the index file has one line per session file, read one line at a
time into a small tuple (repeated texts such as protocol titles shared, the
session id not kept: it is the file's name), and a listing is a lazy
sequence that makes a ``SessionSummary`` only for the rows it is asked for
(a screen shows sixty). Reading the whole index as one JSON document and
making every summary up front cost about 17 MiB for 10,000 sessions.

One client's sessions are read without holding the whole index (``index_client.py``).

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

import builtins
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator, overload

from interview_tui.core.case_facts import text_is_sound
from interview_tui.store.private_files import write_private_atomic
from interview_tui.store.sessions import SessionSummary

SummaryReader = Callable[[Path], "SessionSummary | str"]
"""Reads one session file's summary (decrypting it if needed), or says why it cannot be listed."""

INDEX_NAME = ".index.json"
INDEX_VERSION = 8
HEAD_ROWS = 200
"""The newest rows repeated on the index's first line, for ``peek``."""

SETTLE_NS = 2_000_000_000
"""A file modified less than this long before it was read may be rewritten within the same mtime tick
without its size changing (an autosave replacing one character), so it is read again next time.
The same guard git uses for its own index ("racily clean" entries)."""

# The file: a first line {"version", "count", "head": [[name, row], ...newest HEAD_ROWS]}, then one line per
# session file, newest first (unreadable files last): [name, *row]. A row is a flat JSON array:
#   readable:   [mtime_ns, size, settled, id, client, protocol, protocol_title, status, started_at, updated_at, sort,
#                read_only, case]
#   ``case`` is the session's case facts (flags, next appointment, ...) as a JSON text: CaseFacts.to_text().
#   unreadable: [mtime_ns, size, settled, problem]   (never settled: read again at every listing)
# ``sort`` is started_at in UTC seconds, so lists sort without parsing dates; ``id`` is the name without ".json".
Row = list[Any]
GOOD_ROW = 13
BAD_ROW = 4

# In memory, one tuple per file (``Entry``), without the id (the name holds it):
#   readable:   (mtime_ns, size, settled, client, protocol, protocol_title, status, started_at, updated_at, sort,
#                read_only, case)
#   unreadable: (mtime_ns, size, settled, problem)
Entry = tuple[Any, ...]
GOOD_ENTRY = 12
BAD_ENTRY = 4
_CLIENT, _SORT, _CASE = 3, 9, 11


@dataclass
class Listing:
    """The result of one look at the folder."""

    summaries: Sequence[SessionSummary]
    """Newest first; made one by one as they are read (see ``Summaries``)."""
    problems: list[str]
    files_read: int
    """How many session files had to be opened (0 when the index was up to date)."""


class Summaries(Sequence[SessionSummary]):
    """Sessions newest first, each ``SessionSummary`` made when it is asked for (and kept while its row is).

    Behaves as a read-only list: ``len``, indexes, slices (which give lists), iteration, ``==`` with a list."""

    def __init__(self, index: "SessionIndex", names: list[str], entries: dict[str, Entry]) -> None:
        self._index = index
        self._names = names
        self._entries = entries

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, i: int) -> SessionSummary: ...
    @overload
    def __getitem__(self, i: slice) -> list[SessionSummary]: ...
    def __getitem__(self, i: int | slice) -> SessionSummary | list[SessionSummary]:
        if isinstance(i, slice):
            return [self._index._summary(name, self._entries[name]) for name in self._names[i]]
        name = self._names[i]
        return self._index._summary(name, self._entries[name])

    def __iter__(self) -> Iterator[SessionSummary]:
        for name in self._names:
            yield self._index._summary(name, self._entries[name])

    def where(self, keep: Callable[[str, str], bool]) -> Iterator[SessionSummary]:
        """The sessions, newest first, whose client and case facts (``CaseFacts.to_text()``) ``keep`` accepts, each
        made for the caller and not kept here: the rows refused are never made into summaries."""
        folder = self._index.folder
        for name in self._names:
            entry = self._entries[name]
            if keep(entry[_CLIENT], entry[_CASE]):
                yield _make_summary(folder, name, entry)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Summaries, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"Summaries({len(self)} sessions)"


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
        self._memory: dict[str, Entry] = {}
        self.path = folder / INDEX_NAME
        self._clock_ns = clock_ns
        self._cached: tuple[tuple[int, int, int], dict[str, Entry]] | None = None
        """The index file's identity (inode, mtime, size) and its entries, as last read or written."""
        self._built: dict[str, tuple[Entry, SessionSummary]] = {}
        """Summaries made so far, reused while the entry is the very same object."""

    def list(self, client: str | None = None) -> Listing:
        """Sessions newest first (only ``client``'s, if given), reading only files the index does not vouch for."""
        if not self.folder.is_dir():
            return Listing([], [], 0)
        old = self._load()
        new: dict[str, Entry] = {}
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
                entry = old.get(name)
                if entry is not None and entry[2] and entry[0] == stat.st_mtime_ns and entry[1] == stat.st_size:
                    new[name] = entry
                    continue
                files_read += 1
                try:
                    entry = new[name] = _read_entry(self._read_summary, Path(item.path), stat, started_ns)
                except FileNotFoundError:
                    continue  # removed (or moved to quarantine) while we looked
                worth_saving = worth_saving or name not in old or entry[2]
        if files_read or len(new) != len(old):
            new = _newest_first(new)
            if worth_saving or len(new) != len(old):
                # (A file that is only re-read because it was just saved, as during an interview, will be
                # read again next time anyway: rewriting the whole index for it is not worth the time.)
                self._save(new)
            else:
                self._cached = (self._cached[0], new) if self._cached else None
        else:
            new = old  # the same entries, already in order
        return self._listing(new, files_read, client)

    def peek(self, limit: int) -> tuple[builtins.list[SessionSummary], int] | None:
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
                entry = _entry_of(name, row)
                if entry is None or len(entry) != GOOD_ENTRY:
                    return None
                firsts.append(_make_summary(self.folder, name, entry))
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return firsts, count

    def _listing(self, entries: dict[str, Entry], files_read: int, client: str | None) -> Listing:
        names: list[str] = []
        problems: list[str] = []
        for name, entry in entries.items():
            if len(entry) == BAD_ENTRY:
                problems.append(entry[3])
            elif client is None or entry[_CLIENT] == client:
                names.append(name)
        if client is None and self._built:  # forget summaries of files that are gone or changed
            self._built = {n: b for n, b in self._built.items() if entries.get(n) is b[0]}
        problems.sort()
        return Listing(Summaries(self, names, entries), problems, files_read)

    def _summary(self, name: str, entry: Entry) -> SessionSummary:
        known = self._built.get(name)
        if known is None or known[0] is not entry:
            known = self._built[name] = (entry, _make_summary(self.folder, name, entry))
        return known[1]

    # ------------------------------------------------------------ file

    def _load(self) -> dict[str, Entry]:
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
        entries: dict[str, Entry] = {}
        try:
            with open(self.path, "rb") as f:
                if json.loads(f.readline())["version"] != INDEX_VERSION:
                    return {}
                loads = json.loads
                for line in f:  # one line at a time: the whole file parsed at once would take 8 MiB for 10,000
                    item = loads(line)
                    name = item[0]
                    entry = _entry_of(name, item[1:]) if type(name) is str else None
                    if entry is None:
                        return {}
                    entries[name] = entry
        except (OSError, ValueError, TypeError, KeyError, IndexError):
            return {}
        self._cached = (key, entries)
        return entries

    def _save(self, entries: dict[str, Entry]) -> None:
        if not self._persist():
            self._memory = entries
            try:
                self.path.unlink()  # an index written before encryption was turned on holds client codes
            except OSError:
                pass
            return
        good = [(name, _row_of(name, entry)) for name, entry in _take(entries, HEAD_ROWS) if len(entry) == GOOD_ENTRY]
        count = sum(1 for entry in entries.values() if len(entry) == GOOD_ENTRY)
        lines = [_compact({"version": INDEX_VERSION, "count": count, "head": good})]
        lines += [_compact([name, *_row_of(name, entry)]) for name, entry in entries.items()]
        try:
            write_private_atomic(self.path, b"\n".join(lines) + b"\n")
            stat = self.path.stat()
        except OSError:
            return  # a read-only folder still lists; the index is only a shortcut
        self._cached = ((stat.st_ino, stat.st_mtime_ns, stat.st_size), entries)


def _take(entries: dict[str, Entry], n: int) -> list[tuple[str, Entry]]:
    taken: list[tuple[str, Entry]] = []
    for item in entries.items():
        if len(taken) == n:
            break
        taken.append(item)
    return taken


def _compact(data: object) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _newest_first(entries: dict[str, Entry]) -> dict[str, Entry]:
    """Readable sessions newest first (then by id), unreadable files after them."""
    good = sorted(
        ((name, entry) for name, entry in entries.items() if len(entry) == GOOD_ENTRY),
        key=lambda item: (item[1][_SORT], item[0]),
        reverse=True,
    )
    bad = sorted((name, entry) for name, entry in entries.items() if len(entry) != GOOD_ENTRY)
    return dict(good + bad)


_shared = sys.intern
"""Client codes, protocol ids and titles and statuses repeat across thousands of rows: keep one copy of each."""


def _entry_of(name: object, row: object) -> Entry | None:
    """The in-memory entry for a row as the file holds it; None for a row of the wrong shape (a damaged index is
    rebuilt rather than trusted)."""
    if type(name) is not str or type(row) is not list:
        return None
    n = len(row)
    if n == GOOD_ROW:
        if not (
            type(row[0]) is int and type(row[1]) is int and type(row[2]) is bool
            and type(row[3]) is str and type(row[4]) is str and type(row[5]) is str and type(row[6]) is str
            and type(row[7]) is str and type(row[8]) is str and type(row[9]) is str
            and type(row[10]) in (int, float) and type(row[11]) is bool and type(row[12]) is str and text_is_sound(row[12])
            and name == row[3] + ".json"
        ):  # fmt: skip
            return None
        return (
            row[0], row[1], row[2], _shared(row[4]), _shared(row[5]), _shared(row[6]), _shared(row[7]),
            row[8], row[9], row[10], row[11], row[12],
        )  # fmt: skip
    if n == BAD_ROW and type(row[0]) is int and type(row[1]) is int and type(row[3]) is str:
        return (row[0], row[1], False, row[3])
    return None


def _row_of(name: str, entry: Entry) -> Row:
    if len(entry) == GOOD_ENTRY:
        return [entry[0], entry[1], entry[2], name[:-5], *entry[3:]]
    return list(entry)


def _read_entry(read_summary: SummaryReader, path: Path, stat: os.stat_result, started_ns: int) -> Entry:
    settled = stat.st_mtime_ns < started_ns - SETTLE_NS
    try:
        s = read_summary(path)
        if isinstance(s, str):
            return (stat.st_mtime_ns, stat.st_size, False, s)
        sort_key = s.started_at.timestamp()
    except FileNotFoundError:
        raise
    except (OSError, ValueError, KeyError, TypeError, OverflowError) as exc:
        return (stat.st_mtime_ns, stat.st_size, False, f"{path}: not a readable session file ({type(exc).__name__})")
    return (
        stat.st_mtime_ns, stat.st_size, settled,
        _shared(s.client), _shared(s.protocol), _shared(s.protocol_title), _shared(s.status),
        s.started_at.isoformat(), s.updated_at.isoformat(), sort_key, s.read_only, s.case_text,
    )  # fmt: skip


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` for a plain file name, without parsing it again (a third of a 10,000-row listing).

    Uses the helper ``Path.iterdir`` uses on CPython 3.11-3.13, and plain ``/`` where it does not exist."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def _make_summary(folder: Path, name: str, entry: Entry) -> SessionSummary:
    return SessionSummary(
        id=name[:-5],
        client=entry[3],
        protocol=entry[4],
        protocol_title=entry[5],
        status=entry[6],
        started_at=datetime.fromisoformat(entry[7]),
        updated_at=datetime.fromisoformat(entry[8]),
        path=_child(folder, name),
        read_only=entry[10],
        case_text=entry[11],
    )
