"""Where the search index is kept: an SQLite file beside the sessions, or, with encryption on, in memory.

Without encryption the index is ``sessions/.search.sqlite`` (0600, in the
0700 sessions folder), written in transactions with SQLite's rollback journal
(so that a crash leaves it whole: the journal puts back what a transaction
had begun) and its locking (one writer at a time). The journal, not WAL: the
database is then a single file between transactions, which ``interview-tui
encrypt`` and ``decrypt`` seal and open like any other file of the store.

With encryption on, SQLite would write note text to disk in clear (the file,
its journal, its temporary files), and the standard library has no
encrypted SQLite. So the index lives in memory, is loaded from
``.search.sqlite`` sealed whole with the store's data key (as a session file
is: authenticated, so a damaged file is refused, not misread), and is
written back sealed whole (``Connection.serialize``) when it changed. A
clear-text database found in an encrypted store is deleted unread.

Any file that is not a whole index of this version (missing, damaged, of an
older version, foreign) is replaced by a new empty one, which the caller
fills from the session files.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from interview_tui.search import schema
from interview_tui.store.encryption import EncryptionError, is_sealed
from interview_tui.store.keyring import Keyring
from interview_tui.store.paths import PRIVATE_FILE_MODE, ensure_private_dir
from interview_tui.store.private_files import write_private_atomic

COMPANIONS = ("-journal", "-wal", "-shm")
"""Files SQLite may keep beside a database."""


class IndexDatabase:
    """One open search index: ``db`` and how it is kept (on disk, or in memory and ``sealed``)."""

    def __init__(self, folder: Path, keyring: Keyring, read_only: bool = False) -> None:
        self.path = folder / schema.FILE_NAME
        self.sealed = keyring.enabled
        self.read_only = read_only
        """Kept in memory only (a copy of the file, if there is one): the folder cannot be written."""
        self._keyring = keyring
        self.fresh = False
        """True when the database was made new here (nothing could be kept): every session file is read."""
        if self.sealed:
            self.db = self._open_sealed()
        elif not read_only:
            try:
                self.db = self._open_file()
            except OSError:  # a folder that cannot be written still searches; the index is only a shortcut
                self.read_only = True
        if self.read_only and not self.sealed:
            self.db = self._open_copy()
        self._identity = self._file_identity()

    # -------------------------------------------------------- opening

    def _open_file(self) -> sqlite3.Connection:
        ensure_private_dir(self.path.parent)
        for attempt in (1, 2):
            if attempt == 2:
                remove_with_companions(self.path)
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)  # SQLite would make it 0644
                os.close(fd)
                db = _connect(str(self.path))
                try:
                    db.execute("PRAGMA busy_timeout = 10000")
                    db.execute("PRAGMA journal_mode = DELETE")
                    db.execute("PRAGMA secure_delete = ON")  # a deleted session's text does not stay in free pages
                    if self._usable(db):
                        return db
                except sqlite3.DatabaseError:
                    pass
                db.close()
            except sqlite3.DatabaseError:
                pass
        raise OSError(f"{self.path}: cannot make a search index")

    def _open_copy(self) -> sqlite3.Connection:
        """The database file read into memory (or a new one there), never written back."""
        try:
            raw: bytes | None = self.path.read_bytes()
        except OSError:
            raw = None
        return self._in_memory(raw)

    def _open_sealed(self) -> sqlite3.Connection:
        for companion in COMPANIONS:  # left by a clear-text database before encryption was turned on
            remove(_companion(self.path, companion))
        try:
            raw = self.path.read_bytes()
        except OSError:
            raw = None
        if raw is not None and not is_sealed(raw):
            remove(self.path)  # clear text in an encrypted store (from before encryption was turned on)
            raw = None
        if raw is not None:
            try:
                raw = self._keyring.open(raw, self.path)
            except EncryptionError:
                raw = None
        return self._in_memory(raw)

    def _in_memory(self, image: bytes | None) -> sqlite3.Connection:
        """A database in memory holding ``image`` (the bytes of a database file) if it is a usable index."""
        if image:
            db = _connect(":memory:")
            try:
                db.deserialize(image)
                db.execute("PRAGMA secure_delete = ON")  # the image written out holds no deleted text either
                if self._usable(db):
                    return db
            except (sqlite3.DatabaseError, ValueError, OverflowError):
                pass
            db.close()
        db = _connect(":memory:")
        db.execute("PRAGMA secure_delete = ON")
        schema.create(db)
        self.fresh = True
        return db

    def _usable(self, db: sqlite3.Connection) -> bool:
        """True if ``db`` is an index of this version, or was empty and now is one; False if it must go."""
        if schema.is_empty(db):
            schema.create(db)
            self.fresh = True
            return True
        if not schema.is_current(db):
            return False
        db.execute("SELECT key, name, mtime_ns, size, settled FROM sessions LIMIT 1").fetchall()
        db.execute("SELECT key, fields, folded FROM notes LIMIT 1").fetchall()
        db.execute("SELECT listing FROM folder").fetchall()
        return True

    # -------------------------------------------------------- keeping

    def is_still_the_file(self) -> bool:
        """False if another process replaced the database file since it was opened (reopen it)."""
        return self.sealed or self.read_only or self._file_identity() == self._identity

    def _file_identity(self) -> tuple[int, int] | None:
        if self.sealed or self.read_only:
            return None
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_dev, stat.st_ino

    def write_sealed(self) -> bool:
        """Write the in-memory index, sealed whole; False if it could not be written (it is only a shortcut)."""
        try:
            write_private_atomic(self.path, self._keyring.seal(self.db.serialize(), self.path))
        except (OSError, EncryptionError, sqlite3.Error, MemoryError):
            return False
        return True

    def discard(self) -> None:
        """Close and delete the database (damaged, or holding what it may no longer hold)."""
        self.close()
        if not self.read_only:
            remove_with_companions(self.path)

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:
            pass


def _connect(where: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and committed explicitly (index.py).
    return sqlite3.connect(where, isolation_level=None, check_same_thread=False)


def cannot_write(error: sqlite3.Error) -> bool:
    """True for SQLite's answer when the database or its folder cannot be written (not a damaged file)."""
    return isinstance(error, sqlite3.OperationalError) and any(
        words in str(error) for words in ("readonly", "read-only", "unable to open", "disk I/O error")
    )


def remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def remove_with_companions(path: Path) -> None:
    """Delete a database and its journal (a journal left beside a new database would be played into it)."""
    for companion in COMPANIONS:
        remove(_companion(path, companion))
    remove(path)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
