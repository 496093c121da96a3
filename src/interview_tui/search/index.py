"""The search index: every note of every session, folded for search, in an SQLite database (FTS5, trigrams).

The session files stay the only source of truth. The database (its schema in
schema.py, where it is kept in database.py) holds, for each session file, its
name, size and modification time when it was read, what a search result
shows of the session, and its notes as written and folded (search/text.py).

Each search first compares the folder with the database: one ``scandir`` and
the sizes and mtimes it gives, against the names, sizes and mtimes stored.
A session file that is new, changed or too recent to trust (written less than
``SETTLE_NS`` ago: it may change again within the same mtime tick, as in the
session index) is read again and only its row replaced; the row of a file
that is gone is deleted; nothing else is read or written. All that happens in
transactions, committed before the search runs, so a crash leaves the
database as it was before or after, and the next search puts right whatever
the files say. A database that SQLite finds damaged while searching is
deleted and rebuilt from the files, and the search made again.

With encryption on, the database is in memory (database.py says why) and
``write_if_out_of_date`` writes it, sealed whole, after the results are shown.

Here: the ``NoteIndex`` of a folder, which brings the database up to date and
searches it. One session's rows and how they are written: rows.py; the search
itself (FTS5's trigrams, then the notes that hold the text): finding.py.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from interview_tui.core.errors import os_reason
from interview_tui.core.session_format import UnreadableSession
from interview_tui.search import schema
from interview_tui.search.database import IndexDatabase, cannot_write, remove
from interview_tui.search.finding import SHORTEST_FOR_TRIGRAMS, Found, find_notes
from interview_tui.search.rows import LAST_SECOND, SLOTS, listing_digest, replace_session, storable, transaction
from interview_tui.search.session_notes import SessionNotes, Unseal, read_session
from interview_tui.store.encryption import StoreLocked
from interview_tui.store.keyring import Keyring
from interview_tui.store.sessions import StoreError

if TYPE_CHECKING:
    from interview_tui.store.sessions import SessionStore

__all__ = ["LAST_SECOND", "READ_IN_ONE_GO", "SETTLE_NS", "SHORTEST_FOR_TRIGRAMS", "SLOTS", "Found", "NoteIndex",
           "Searched", "note_index"]  # fmt: skip

SETTLE_NS = 2_000_000_000
"""A session file written less than this long before a search may change again without its size or mtime
changing (the same clock tick): it is read again until it is older (the session index's rule too)."""
READ_IN_ONE_GO = 500
"""Session files read and written to the database per transaction (a rebuild keeps what it did if stopped)."""


@dataclass
class Searched:
    found: list[Found]
    """Newest session first, then in the order of the interview."""
    problems: list[str] = field(default_factory=list)
    """Session files that could not be searched, and why (never their content)."""
    files_read: int = 0
    """Session files read because the index did not vouch for them (0 when it was up to date)."""


class NoteIndex:
    """The search index of one sessions folder. Keep one per folder. Thread-safe: one search at a time."""

    def __init__(
        self,
        folder: Path,
        keyring: Keyring,
        unseal: Unseal,
        clock_ns: Callable[[], int] = time.time_ns,
        set_aside_damaged: Callable[[], list[str]] = lambda: [],
    ):
        self.folder = folder
        self.keyring = keyring
        self._unseal = unseal
        self._clock_ns = clock_ns
        self._set_aside_damaged = set_aside_damaged
        """Runs the store's check of the files it has not seen as they are now (a damaged file, one holding a
        value no session can hold, is moved to quarantine); returns what it moved and why."""
        self._lock = threading.Lock()
        self._held: IndexDatabase | None = None
        self._read_only = False
        """The database file could not be written: the index is kept in memory."""
        self._out_of_date = False
        """The in-memory (sealed) database changed since it was last written."""

    @property
    def path(self) -> Path:
        return self.folder / schema.FILE_NAME

    def search(self, folded_query: str, client: str | None, limit: int) -> Searched:
        """Up to ``limit`` notes holding ``folded_query`` (already folded), newest session first."""
        with self._lock:
            if self.keyring.locked:
                raise StoreLocked("the session store is locked: unlock it to search")
            for attempt in (1, 2):
                held = self._database()
                try:
                    problems, files_read = self._bring_up_to_date(held)
                    found = find_notes(held.db, storable(folded_query), client, limit)
                    break
                except sqlite3.DatabaseError as exc:
                    if attempt == 2 or not self.folder.is_dir():
                        raise
                    if cannot_write(exc) and not held.sealed:
                        held.close()
                        self._held = None
                        self._read_only = True  # kept in memory from now on: the index is only a shortcut
                    else:
                        self._discard()  # damaged in a way opening it did not show: rebuilt from the files
        return Searched(found, problems, files_read)

    def write_if_out_of_date(self) -> bool:
        """Write the sealed in-memory index if the last search changed it. True if it was written.
        (Searching does not wait for this: call it after the results are shown. Without encryption every change
        is already in the database file, committed before the search: nothing to write.)"""
        with self._lock:
            if self._held is None or not self._held.sealed or not self._out_of_date:
                return False
            if self.keyring.locked or not self._held.write_sealed():
                return False
            self._out_of_date = False
            self._forget_old_files()
            return True

    def purge_deleted(self) -> None:
        """Take the notes of sessions whose files are gone out of the index now (the trash was emptied). An index
        that cannot be read here (the store locked, the database damaged) is deleted; it is rebuilt when needed."""
        with self._lock:
            if self.keyring.locked:
                self._discard()
                return
            try:
                held = self._database()
                present = self._session_files()
                known = [name for (name,) in held.db.execute("SELECT name FROM sessions")]
                gone = [(name,) for name in known if name not in present]
                if not gone:
                    return
                with transaction(held.db):
                    held.db.executemany("DELETE FROM sessions WHERE name = ?", gone)
                    held.db.execute("UPDATE folder SET listing = NULL")  # the rows no longer match it
                held.db.execute("INSERT INTO sessions_fts (sessions_fts) VALUES ('optimize')")  # old trigrams too
                if held.sealed and not held.write_sealed():
                    self._discard()
            except (sqlite3.Error, OSError):
                self._discard()

    # -------------------------------------------------------- keeping the database up to date

    def _database(self) -> IndexDatabase:
        held = self._held
        if held is not None and (held.sealed != self.keyring.enabled or not held.is_still_the_file()):
            held.close()  # encryption turned on or off, or another process rebuilt the file
            held = self._held = None
        if held is None:
            held = self._held = IndexDatabase(self.folder, self.keyring, read_only=self._read_only)
            self._out_of_date = held.sealed and held.fresh
        return held

    def _discard(self) -> None:
        if self._held is not None:
            self._held.discard()
        else:
            remove(self.path)
        self._held = None

    def _session_files(self) -> dict[str, os.stat_result]:
        """Every session file in the folder, with its size and mtime (what the file system gives at once)."""
        found: dict[str, os.stat_result] = {}
        try:
            entries = os.scandir(self.folder)
        except OSError:
            return found
        with entries:
            for item in entries:
                name = item.name
                if name[0] == "." or not name.endswith(".json") or not name.isascii():
                    continue  # (a session's file name is its id: ASCII)
                try:
                    found[name] = item.stat()
                except OSError:
                    continue
        return found

    def _bring_up_to_date(self, held: IndexDatabase) -> tuple[list[str], int]:
        """Compare the folder with the database; read what it does not vouch for and replace only those rows.
        Returns the problems met (files that could not be read) and how many files were read."""
        db = held.db
        started = self._clock_ns()
        files = self._session_files()
        stored = db.execute("SELECT listing FROM folder").fetchone()
        if stored is not None and stored[0] is not None and stored[0] == listing_digest(
                (name, stat.st_mtime_ns, stat.st_size) for name, stat in files.items()):
            return [], 0  # every file as the rows say, every row settled: nothing to read
        known = {name: (mtime, size, settled) for name, mtime, size, settled
                 in db.execute("SELECT name, mtime_ns, size, settled FROM sessions")}  # fmt: skip
        to_read = []
        changed = False
        for name, stat in files.items():
            row = known.get(name)
            if row is None or row[0] != stat.st_mtime_ns or row[1] != stat.st_size:
                to_read.append(name)
                changed = True
            elif not row[2]:
                to_read.append(name)  # the same size and mtime, but too recent to trust: read again
        gone = [(name,) for name in known if name not in files]
        if gone:
            with transaction(db):
                db.executemany("DELETE FROM sessions WHERE name = ?", gone)
        # The store vouches for a new or changed file before it is searched (a file read again only because it
        # was too recent to trust was vouched for when it was first read).
        problems: list[str] = self._set_aside_damaged() if changed else []
        files_read = 0
        for at in range(0, len(to_read), READ_IN_ONE_GO):
            read: list[SessionNotes] = []
            unreadable: list[tuple[str]] = []
            for name in to_read[at : at + READ_IN_ONE_GO]:
                outcome = self._read(self.folder / name)
                if outcome is None:
                    unreadable.append((name,))  # gone (or moved to quarantine)
                    continue
                files_read += 1
                if isinstance(outcome, str):
                    problems.append(outcome)
                    unreadable.append((name,))  # its old notes are not searched either
                else:
                    read.append(outcome)
            with transaction(db):
                db.executemany("DELETE FROM sessions WHERE name = ?", unreadable)
                for notes in read:
                    replace_session(db, notes, settled=notes.mtime_ns < started - SETTLE_NS)
        if not problems:
            rows = db.execute("SELECT name, mtime_ns, size, settled FROM sessions").fetchall()
            listing = listing_digest((n, m, z) for n, m, z, _ in rows) if all(row[3] for row in rows) else None
        else:
            listing = None  # files that cannot be read are tried again at every search
        if stored is None or listing != stored[0]:
            with transaction(db):
                db.execute("DELETE FROM folder")
                db.execute("INSERT INTO folder (listing) VALUES (?)", (listing,))
        if gone or to_read:
            self._out_of_date = True
            if not held.sealed and not held.read_only:
                self._forget_old_files()
        return sorted(problems), files_read

    def _read(self, path: Path) -> SessionNotes | str | None:
        """A session file as search holds it, a message saying why it cannot be searched, or None if it is gone."""
        try:
            return read_session(path, path.stat(), self._unseal)
        except FileNotFoundError:
            return None
        except StoreError as exc:  # (it names the file and the problem, never the content)
            return f"{exc}; not searched"
        except UnreadableSession as exc:
            return f"{path}: not searched ({exc})"
        except OSError as exc:
            return f"{path}: not searched ({os_reason(exc)})"
        except Exception as exc:  # noqa: BLE001 - a damaged file is for the list to report; never quote it
            return f"{path}: not searched (not a readable session file: {type(exc).__name__})"

    def _forget_old_files(self) -> None:
        for name in schema.OLD_FILES:
            remove(self.folder / name)


_OPEN: weakref.WeakKeyDictionary[SessionStore, NoteIndex] = weakref.WeakKeyDictionary()


def note_index(store: SessionStore) -> NoteIndex:
    """The index of every note in ``store``, for search; kept in memory and sealed whole when encrypted.

    One per store object, kept as long as the store is: it holds the lock and the open database.
    """
    index = _OPEN.get(store)
    if index is None:
        index = _OPEN[store] = NoteIndex(
            store.folder, store.keyring, store.unseal, set_aside_damaged=store.set_aside_damaged
        )
        store.when_files_removed(index.purge_deleted)
    return index
