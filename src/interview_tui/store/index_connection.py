"""Which database the session index works on, opened again when it is no longer the right one.

Without encryption, the file ``.index.sqlite`` beside the sessions, opened
again if it was removed or replaced behind the app's back (a restored backup);
with encryption on, a copy in memory, loaded from and written to the file
sealed (index_database.py). A folder whose index cannot be written still
lists: the index goes on in memory (``_keep_in_memory``). A database found
damaged is closed and deleted (``_discard``), to be rebuilt from the files.

``IndexConnection`` is the part of ``SessionIndex`` (index.py) that does
this; the session index sets the state named below.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interview_tui.store import index_database, index_schema
from interview_tui.store.index_database import Sealer
from interview_tui.store.index_rows import Entry


class IndexConnection:
    """The database of one session index: opened when first needed, kept open, opened again when it must be."""

    folder: Path
    path: Path
    _persist: Callable[[], bool]
    _keyring: Sealer | None
    _db: sqlite3.Connection | None
    _db_sealed: bool
    _db_in_memory_only: bool
    _identity: tuple[int, int] | None
    fresh: bool
    _cached: tuple[int, dict[str, Entry]] | None

    def connection(self) -> sqlite3.Connection:
        """The open database (for index_client.py)."""
        return self._connection()

    def _cached_entries(self, db: sqlite3.Connection) -> dict[str, Entry] | None:
        if self._cached is not None and self._cached[0] == index_database.data_version(db):
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
                self._db, self.fresh = index_database.new_in_memory(), True
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
                self._db, self.fresh = index_database.new_in_memory(), True
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

    def _write(self, db: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> sqlite3.Connection:
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
                if attempt == 2 or not index_database.cannot_write(error):
                    raise
                db = self._keep_in_memory(db)  # a folder that cannot be written still lists
        raise AssertionError("unreachable")  # pragma: no cover
