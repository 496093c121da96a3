"""The session index: what lists show of every session file, in an SQLite database, so lists read no session file.

The session files stay the only source of truth. The index (its schema in
index_schema.py, where it is kept in index_database.py) keeps, for each session
file, the fields lists show (client, protocol, status, times, case facts) and
the file's size and modification time when they were read. Each listing
compares the folder with the index: one ``scandir`` and the sizes and mtimes it
gives, against the names, sizes and mtimes stored. A file that is new, changed
or too recent to trust (``SETTLE_NS``) is read again and only its row replaced,
the row of a file that is gone deleted, nothing else read or written; all in
transactions, so a crash between a session write and the index write, files
added, changed or removed behind the app's back (a restored backup, a synced
folder), or a missing, damaged or older index all end in the same place: an
index that agrees with the files.

A first screen is drawn from the index alone (``peek``: the newest rows, no
file looked at) and checked against the files just after. One client's
sessions come from the database's index on client (``client_listing`` in
index_client.py), without making the other rows.

Memory matters as much as time (50,000 sessions, an app that stays open all
day): a listing is a lazy sequence that makes a ``SessionSummary`` only for the
rows it is asked for (a screen shows sixty), from small tuples whose repeated
texts (client codes, protocol titles) are shared.

Nothing in the index is client text beyond what the file names and lists
already show (client codes, protocol ids and titles); with encryption on even
that never reaches the disk in clear (index_database.py).
"""

from __future__ import annotations

import builtins
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar, overload

from interview_tui.store import index_database, index_schema
from interview_tui.store.conflict_copies import recognise
from interview_tui.store.index_database import Sealer
from interview_tui.store.sessions import SessionSummary, is_session_id

T = TypeVar("T")

SummaryReader = Callable[[Path], "SessionSummary | str"]
"""Reads one session file's summary (decrypting it if needed), or says why it cannot be listed."""

INDEX_NAME = index_schema.FILE_NAME
PEEK_MOST = 200
"""The most rows ``peek`` gives (a first screen)."""
READ_IN_ONE_GO = 500
"""Session files read and written to the index per transaction (a rebuild keeps what it did if stopped)."""

SETTLE_NS = 2_000_000_000
"""A file modified less than this long before it was read may be rewritten within the same mtime tick
without its size changing (an autosave replacing one character), so it is read again next time.
The same guard git uses for its own index ("racily clean" entries)."""

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


Progress = Callable[[int, int], None]
"""Told (files read so far, files to read) while a listing reads many session files (a rebuild)."""

Stored = dict[str, tuple[int, int, int]]
"""For each file the index knows: (mtime_ns, size, settled) when it was read."""


class SessionIndex:
    """The index of one sessions folder. Keep one per folder: it keeps the database open and the last listing."""

    def __init__(
        self,
        folder: Path,
        read_summary: SummaryReader,
        persist: Callable[[], bool] = lambda: True,
        clock_ns: Callable[[], int] = time.time_ns,
        keyring: Sealer | None = None,
    ) -> None:
        self.folder = folder
        self._read_summary = read_summary
        self._persist = persist
        """False while the store is encrypted: the index is then in memory, written to disk sealed (``keyring``)."""
        self._keyring = keyring
        self.path = folder / INDEX_NAME
        self._clock_ns = clock_ns
        self._db: sqlite3.Connection | None = None
        self._db_sealed = False
        self._db_in_memory_only = False
        self._identity: tuple[int, int] | None = None
        self.fresh = False
        """True when the database was made new (nothing kept): every session file is read."""
        self._cached: tuple[int, dict[str, Entry]] | None = None
        """The database's ``data_version`` and every entry, newest first, as last listed (while nobody wrote)."""
        self._built: dict[str, tuple[Entry, SessionSummary]] = {}
        """Summaries made so far, reused while the entry is the very same object."""
        self.progress: Progress | None = None
        self.lock = threading.RLock()
        """Held while the database is used: the home screen checks the index on a thread of its own."""

    # ------------------------------------------------------------ listing

    def list(self, client: str | None = None) -> Listing:
        """Sessions newest first (only ``client``'s, if given), reading only files the index does not vouch for."""
        if not self.folder.is_dir():
            return Listing([], [], 0)
        with self.lock:
            return self._list_again_if_damaged(client)

    def _list_again_if_damaged(self, client: str | None) -> Listing:
        for attempt in (1, 2):
            try:
                return self._list(client)
            except sqlite3.DatabaseError:
                if attempt == 2:
                    raise
                self._discard()  # damaged under our feet: rebuilt from the files
        raise AssertionError("unreachable")  # pragma: no cover

    def _list(self, client: str | None) -> Listing:
        db = self._connection()
        entries = self._cached_entries(db)
        if entries is None:
            entries = _load(db)
        stored = {name: (e[0], e[1], e[2]) for name, e in entries.items()}
        files_read = self.update(db, stored)
        db = self._connection()  # (a copy in memory if the file could not be written)
        if files_read or len(stored) != len(entries):
            entries = _load(db)
        self._cached = (_data_version(db), entries)
        self.fresh = False  # (the database now holds every file)
        return self._listing(entries, files_read, client)

    def query(self, ask: Callable[[sqlite3.Connection], "T"]) -> "T | None":
        """``ask(db)`` on the database once it agrees with the folder (names, sizes and mtimes compared, what changed
        read), without making a row into Python: for answers worked out in SQL (index_queries.py). None if there is
        no sessions folder. A database damaged under our feet is rebuilt from the files and asked again."""
        if not self.folder.is_dir():
            return None
        with self.lock:
            for attempt in (1, 2):
                try:
                    db = self._connection()
                    stored = {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT name, mtime_ns, size, settled FROM files")}
                    if self.update(db, stored):
                        self._cached = None  # (our own writes leave data_version as it was)
                    self.fresh = False
                    return ask(self._connection())
                except sqlite3.DatabaseError:
                    if attempt == 2:
                        raise
                    self._discard()
        raise AssertionError("unreachable")  # pragma: no cover

    def update(self, db: sqlite3.Connection, stored: Stored) -> int:
        """Compare the folder with ``stored`` (the database's names, mtimes and sizes), read what changed, write it
        to the database (in transactions of ``READ_IN_ONE_GO``) and drop the rows of files that are gone; how many
        files were read. ``stored`` is left holding what the database now holds."""
        started_ns = self._clock_ns()
        to_read: list[tuple[str, str, os.stat_result]] = []
        seen: set[str] = set()
        with os.scandir(self.folder) as items:
            for item in items:
                name = item.name
                if name[0] == "." or not name.endswith(".json"):
                    continue
                if not is_session_id(name[:-5]) and recognise(Path(item.path)) is not None:
                    continue  # a sync tool's conflict copy: named on the home screen, never read as a session
                try:
                    stat = item.stat()
                except OSError:
                    continue  # removed while we looked
                seen.add(name)
                known = stored.get(name)
                if known is None or not known[2] or known[0] != stat.st_mtime_ns or known[1] != stat.st_size:
                    to_read.append((name, item.path, stat))
        gone = [name for name in stored if name not in seen]
        if not to_read and not gone:
            return 0
        db = self._write(db, "DELETE FROM files WHERE name = ?", [(name,) for name in gone])
        for name in gone:
            del stored[name]
        total = len(to_read)
        for start in range(0, total, READ_IN_ONE_GO):
            if self.progress is not None and total > READ_IN_ONE_GO:
                self.progress(start, total)
            rows = []
            for name, path, stat in to_read[start : start + READ_IN_ONE_GO]:
                try:
                    entry = _read_entry(self._read_summary, Path(path), stat, started_ns)
                except FileNotFoundError:
                    stored.pop(name, None)
                    db = self._write(db, "DELETE FROM files WHERE name = ?", [(name,)])
                    continue
                rows.append(_row_of(name, entry))
                stored[name] = (entry[0], entry[1], int(entry[2]))
            db = self._write(db, f"INSERT OR REPLACE INTO files ({index_schema.COLUMNS}) VALUES ({', '.join('?' * 14)})", rows)
        if self.progress is not None and total > READ_IN_ONE_GO:
            self.progress(total, total)
        self.fresh = False
        if self._db_sealed and self._keyring is not None:
            index_database.write_sealed(db, self.path, self._keyring)
        return total

    def _write(self, db: sqlite3.Connection, sql: str, rows: builtins.list[tuple[Any, ...]]) -> sqlite3.Connection:
        """Run ``sql`` for every row in one transaction; the connection to go on with (a copy in memory if the
        database cannot be written)."""
        if not rows:
            return db
        for attempt in (1, 2):
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    db.executemany(sql, rows)
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                return db
            except sqlite3.OperationalError as error:
                if attempt == 2 or not _cannot_write(error):
                    raise
                db = self._keep_in_memory(db)  # a folder that cannot be written still lists
        raise AssertionError("unreachable")  # pragma: no cover

    def peek(self, limit: int) -> tuple[builtins.list[SessionSummary], int] | None:
        """The newest ``limit`` sessions and how many there are, as the index last saw them, without looking at
        the session files: for drawing a first screen at once. Follow it with ``list()``, which checks the files.
        None if there is no usable index (or ``limit`` exceeds ``PEEK_MOST``)."""
        if limit > PEEK_MOST or not self.folder.is_dir():
            return None
        if self._db is None and not self.path.exists():
            return None
        with self.lock:
            return self._peek(limit)

    def _peek(self, limit: int) -> tuple[builtins.list[SessionSummary], int] | None:
        try:
            db = self._connection()
            if self.fresh:
                return None
            rows = db.execute(
                f"SELECT {index_schema.COLUMNS} FROM files WHERE problem IS NULL ORDER BY sort DESC, name DESC LIMIT ?",
                (limit,),
            ).fetchall()
            count = db.execute("SELECT count(*) FROM files WHERE problem IS NULL").fetchone()[0]
        except (sqlite3.DatabaseError, OSError):
            return None
        return [_make_summary(self.folder, row[0], _entry_of(row)) for row in rows], count

    def _listing(self, entries: dict[str, Entry], files_read: int, client: str | None) -> Listing:
        names: builtins.list[str] = []
        problems: builtins.list[str] = []
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

    # ------------------------------------------------------------ database

    def connection(self) -> sqlite3.Connection:
        """The open database (for index_client.py)."""
        return self._connection()

    def _cached_entries(self, db: sqlite3.Connection) -> dict[str, Entry] | None:
        if self._cached is not None and self._cached[0] == _data_version(db):
            return self._cached[1]
        return None

    def _connection(self) -> sqlite3.Connection:
        sealed = not self._persist()
        if self._db is not None and sealed == self._db_sealed and (sealed or self._db_in_memory_only or self._is_still_the_file()):
            return self._db
        self._close()
        if sealed:
            if self._keyring is not None:
                self._db, self.fresh = index_database.open_sealed(self.path, self._keyring)
            else:
                self._db, self.fresh = _new_in_memory(), True
            for old in index_schema.OLD_FILES:  # client codes in clear
                index_database.remove(self.folder / old)
        else:
            try:
                self._db, self.fresh = index_database.open_file(self.path)
                stat = self.path.stat()
                self._identity = (stat.st_dev, stat.st_ino)
                for old in index_schema.OLD_FILES:  # the database replaces them
                    index_database.remove(self.folder / old)
            except OSError:
                self._db, self.fresh = _new_in_memory(), True
                self._db_in_memory_only = True
        self._db_sealed = sealed
        return self._db

    def _is_still_the_file(self) -> bool:
        """False if the database file was removed or replaced since it was opened (a restored backup, say)."""
        try:
            stat = self.path.stat()
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) == self._identity

    def _keep_in_memory(self, db: sqlite3.Connection) -> sqlite3.Connection:
        memory = index_database._connect(":memory:")
        db.backup(memory)
        self._close()
        self._db, self._db_in_memory_only, self._db_sealed = memory, True, not self._persist()
        return memory

    def _discard(self) -> None:
        self._close()
        if not self._db_in_memory_only:
            index_database.remove_with_companions(self.path)

    def _close(self) -> None:
        self._cached = None
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None


def _new_in_memory() -> sqlite3.Connection:
    db = index_database._connect(":memory:")
    index_schema.create(db)
    return db


def _data_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def _cannot_write(error: sqlite3.Error) -> bool:
    return any(words in str(error) for words in ("readonly", "read-only", "unable to open", "disk I/O error"))


def _load(db: sqlite3.Connection) -> dict[str, Entry]:
    """Every row, readable sessions newest first (then by name), unreadable files after them."""
    rows = db.execute(
        f"SELECT {index_schema.COLUMNS} FROM files ORDER BY problem IS NOT NULL, sort DESC, name DESC"
    ).fetchall()
    return {row[0]: _entry_of(row) for row in rows}


def load_client(db: sqlite3.Connection, client: str) -> dict[str, Entry]:
    """One client's rows, newest first."""
    rows = db.execute(
        f"SELECT {index_schema.COLUMNS} FROM files WHERE client = ? AND problem IS NULL ORDER BY sort DESC, name DESC",
        (client,),
    ).fetchall()
    return {row[0]: _entry_of(row) for row in rows}


_shared = sys.intern
"""Client codes, protocol ids and titles and statuses repeat across thousands of rows: keep one copy of each."""


def _entry_of(row: tuple[Any, ...]) -> Entry:
    if row[13] is not None:
        return (row[1], row[2], False, row[13])
    return (
        row[1], row[2], bool(row[3]), _shared(row[4]), _shared(row[5]), _shared(row[6]), _shared(row[7]),
        row[8], row[9], row[10], bool(row[11]), row[12],
    )  # fmt: skip


def _row_of(name: str, entry: Entry) -> tuple[Any, ...]:
    if len(entry) == BAD_ENTRY:
        return (name, entry[0], entry[1], 0, None, None, None, None, None, None, None, None, None, entry[3])
    return (name, entry[0], entry[1], int(entry[2]), *entry[3:], None)

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
