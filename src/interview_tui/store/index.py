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
file looked at) and checked against the files just after.

Here: the ``SessionIndex``, which brings the database up to date and lists
from it. Which database it works on: index_connection.py; what changed in the
folder: index_changes.py; one file's row: index_rows.py; the lazy listing it
gives: index_listing.py; one client's sessions through the database's index
on client: index_client.py; answers worked out in SQL: index_queries.py.

Nothing in the index is client text beyond what the file names and lists
already show (client codes, protocol ids and titles); with encryption on even
that never reaches the disk in clear (index_database.py).
"""

from __future__ import annotations

import builtins
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable, TypeVar

from interview_tui.store import index_database, index_schema
from interview_tui.store.index_changes import Stored, changed_files
from interview_tui.store.index_connection import IndexConnection
from interview_tui.store.index_database import Sealer
from interview_tui.store.index_listing import Listing, Summaries
from interview_tui.store.index_rows import (
    BAD_ENTRY,
    CLIENT,
    GOOD_ENTRY,
    Entry,
    SummaryReader,
    entry_of,
    load_client,
    load_every_row,
    make_summary,
    read_entry,
    row_of,
)
from interview_tui.store.sessions import SessionSummary

__all__ = ["BAD_ENTRY", "GOOD_ENTRY", "INDEX_NAME", "PEEK_MOST", "READ_IN_ONE_GO", "SETTLE_NS", "Entry", "Listing",
           "Progress", "SessionIndex", "Stored", "Summaries", "SummaryReader", "load_client"]  # fmt: skip

T = TypeVar("T")

INDEX_NAME = index_schema.FILE_NAME
PEEK_MOST = 200
"""The most rows ``peek`` gives (a first screen)."""
READ_IN_ONE_GO = 500
"""Session files read and written to the index per transaction (a rebuild keeps what it did if stopped)."""

SETTLE_NS = 2_000_000_000
"""A file modified less than this long before it was read may be rewritten within the same mtime tick
without its size changing (an autosave replacing one character), so it is read again next time.
The same guard git uses for its own index ("racily clean" entries)."""

Progress = Callable[[int, int], None]
"""Told (files read so far, files to read) while a listing reads many session files (a rebuild)."""


class SessionIndex(IndexConnection):
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
            entries = load_every_row(db)
        stored = {name: (e[0], e[1], e[2]) for name, e in entries.items()}
        files_read = self.update(db, stored)
        db = self._connection()  # (a copy in memory if the file could not be written)
        if files_read or len(stored) != len(entries):
            entries = load_every_row(db)
        self._cached = (index_database.data_version(db), entries)
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
        to_read, gone = changed_files(self.folder, stored)
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
                    entry = read_entry(self._read_summary, Path(path), stat, started_ns - SETTLE_NS)
                except FileNotFoundError:
                    stored.pop(name, None)
                    db = self._write(db, "DELETE FROM files WHERE name = ?", [(name,)])
                    continue
                rows.append(row_of(name, entry))
                stored[name] = (entry[0], entry[1], int(entry[2]))
            db = self._write(db, f"INSERT OR REPLACE INTO files ({index_schema.COLUMNS}) VALUES ({', '.join('?' * 14)})", rows)
        if self.progress is not None and total > READ_IN_ONE_GO:
            self.progress(total, total)
        self.fresh = False
        if self._db_sealed and self._keyring is not None:
            index_database.write_sealed(db, self.path, self._keyring)
        return total

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
        return [make_summary(self.folder, row[0], entry_of(row)) for row in rows], count

    def _listing(self, entries: dict[str, Entry], files_read: int, client: str | None) -> Listing:
        names: builtins.list[str] = []
        problems: builtins.list[str] = []
        for name, entry in entries.items():
            if len(entry) == BAD_ENTRY:
                problems.append(entry[3])
            elif client is None or entry[CLIENT] == client:
                names.append(name)
        if client is None and self._built:  # forget summaries of files that are gone or changed
            self._built = {n: b for n, b in self._built.items() if entries.get(n) is b[0]}
        problems.sort()
        return Listing(Summaries(self, names, entries), problems, files_read)

    def _summary(self, name: str, entry: Entry) -> SessionSummary:
        known = self._built.get(name)
        if known is None or known[0] is not entry:
            known = self._built[name] = (entry, make_summary(self.folder, name, entry))
        return known[1]
