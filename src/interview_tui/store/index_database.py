"""Where the session index is kept: an SQLite file beside the sessions, or, with encryption on, in memory.

Without encryption the index is ``sessions/.index.sqlite`` (0600, in the 0700
sessions folder), written in transactions with SQLite's rollback journal and
locking: a crash leaves it whole (the journal puts back a transaction begun),
one writer at a time. The journal rather than WAL, so that between
transactions the database is one file, which ``encrypt`` and ``decrypt``
seal and open like any other file of the store.

With encryption on, the index holds client codes, which must not reach the
disk in clear, and the standard library has no encrypted SQLite. So, as the
search index does (search/database.py), it lives in memory, loaded from
``.index.sqlite`` sealed whole with the store's data key (authenticated: a
damaged file is refused, not misread) and written back sealed whole when it
changed. A clear-text index found in an encrypted store is deleted unread.

Anything that is not a whole index of this version (missing, damaged, older,
foreign) is replaced by a new empty one, which the caller fills from the files.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Protocol

from interview_tui.store import index_schema as schema
from interview_tui.store.encryption import EncryptionError, is_sealed
from interview_tui.store.paths import PRIVATE_FILE_MODE
from interview_tui.store.private_files import write_private_atomic

COMPANIONS = ("-journal", "-wal", "-shm")


class Sealer(Protocol):
    """What the sealed index needs of the keyring (``Keyring`` has both)."""

    def seal(self, plain: bytes, path: Path) -> bytes: ...

    def open(self, raw: bytes, path: Path) -> bytes: ...


def open_file(path: Path) -> tuple[sqlite3.Connection, bool]:
    """The index database at ``path`` (made new if unusable) and whether it was made new. Raises OSError if the
    folder cannot be written."""
    for attempt in (1, 2):
        if attempt == 2:
            remove_with_companions(path)
        try:
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE))  # SQLite would make it 0644
            db = _connect(str(path))
            try:
                db.execute("PRAGMA busy_timeout = 10000")
                db.execute("PRAGMA journal_mode = DELETE")
                fresh = _usable(db)
                if fresh is not None:
                    return db, fresh
            except sqlite3.DatabaseError:
                pass
            db.close()
        except sqlite3.DatabaseError:
            pass
    raise OSError(f"{path}: cannot make a session index")


def open_sealed(path: Path, keyring: Sealer) -> tuple[sqlite3.Connection, bool]:
    """The sealed index at ``path`` opened into memory (or a new one there) and whether it was made new."""
    for companion in COMPANIONS:
        remove(_companion(path, companion))
    try:
        raw: bytes | None = path.read_bytes()
    except OSError:
        raw = None
    if raw is not None and not is_sealed(raw):
        remove(path)  # client codes in clear in an encrypted store (from before encryption was turned on)
        raw = None
    if raw:
        try:
            image = keyring.open(raw, path)
            db = _connect(":memory:")
            try:
                db.deserialize(image)
                fresh = _usable(db)
                if fresh is not None:
                    return db, fresh
            except (sqlite3.DatabaseError, ValueError, OverflowError):
                pass
            db.close()
        except EncryptionError:
            pass
    db = _connect(":memory:")
    schema.create(db)
    return db, True


def write_sealed(db: sqlite3.Connection, path: Path, keyring: Sealer) -> bool:
    """Write the in-memory index sealed whole; False if it could not be (it is only a shortcut)."""
    try:
        write_private_atomic(path, keyring.seal(db.serialize(), path))
    except (OSError, EncryptionError, sqlite3.Error, MemoryError):
        return False
    return True


def new_in_memory() -> sqlite3.Connection:
    """A new empty index in memory (for a folder whose index cannot be written, or no keyring to seal it)."""
    db = _connect(":memory:")
    schema.create(db)
    return db


def data_version(db: sqlite3.Connection) -> int:
    """SQLite's count of commits by other connections: unchanged means nobody else wrote."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def cannot_write(error: sqlite3.Error) -> bool:
    """True if ``error`` says the database cannot be written (a read-only folder), not that it is damaged."""
    return any(words in str(error) for words in ("readonly", "read-only", "unable to open", "disk I/O error"))


def _usable(db: sqlite3.Connection) -> bool | None:
    """False if ``db`` is an index of this version, True if it was empty and now is one, None if it must go."""
    if schema.is_empty(db):
        schema.create(db)
        return True
    if not schema.is_current(db):
        return None
    db.execute(f"SELECT {schema.COLUMNS} FROM files LIMIT 1").fetchall()
    return False


def _connect(where: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and committed explicitly (index.py).
    return sqlite3.connect(where, isolation_level=None, check_same_thread=False)


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
