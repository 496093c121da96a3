"""The session index's database schema, in one place, with its version.

The session index (index.py) is an SQLite database beside the session files
(``.index.sqlite``). It is only an index: the session files are the source of
truth, so an older version is not migrated but rebuilt from them
(``is_current`` says no, the caller starts a new database). Every change to
the table below raises ``VERSION``. Versions so far:

- up to 8: ``.index.json``, one JSON line per session file (removed once the
  database is built: ``OLD_FILES``);
- 9: the table below without its case columns;
- 10: the case facts of ``case_text`` also hold the plan items' review dates (a sixth part);
- 11: ``flagged``, ``closes`` and ``appointment``, worked out by SQLite from ``case_text`` as each row is written
  (generated columns, stored), so that ``clients`` tallies the case in queries (index_queries.py) instead of
  reading every row's facts in Python.

One row per session file: its name, modification time and size when it was
read, ``settled`` (written long enough before it was read that the same size
and mtime mean the same content), and either what lists show of the session
(client code, protocol, status, times, case facts as ``CaseFacts.to_text()``)
or, for a file that could not be read, ``problem`` (read again every time).
``sort`` is ``started_at`` in UTC seconds, so lists sort without parsing dates.
No note text is kept here: only what file names and lists already show.
"""

from __future__ import annotations

import sqlite3

VERSION = 11
APPLICATION_ID = 0x49545349
"""'ITSI' in the database header: this file is an interview-tui session index."""
FILE_NAME = ".index.sqlite"
OLD_FILES = (".index.json",)
"""Index files of versions before the database (deleted once it is built)."""

TABLES = f"""
CREATE TABLE files (
    name TEXT PRIMARY KEY NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    settled INTEGER NOT NULL CHECK (settled IN (0, 1)),
    client TEXT,
    protocol TEXT,
    protocol_title TEXT,
    status TEXT,
    started_at TEXT,
    updated_at TEXT,
    sort REAL,
    read_only INTEGER,
    case_text TEXT,
    problem TEXT,
    flagged INTEGER GENERATED ALWAYS AS (
        CASE WHEN json_valid(case_text) THEN json_array_length(case_text, '$[0]') > 0 ELSE 0 END) STORED,
    closes INTEGER GENERATED ALWAYS AS (
        CASE WHEN json_valid(case_text) THEN json_extract(case_text, '$[2]') = 1 ELSE 0 END) STORED,
    appointment TEXT GENERATED ALWAYS AS (
        CASE WHEN json_valid(case_text) THEN nullif(json_extract(case_text, '$[1]'), '') END) STORED,
    CHECK ((problem IS NULL) = (client IS NOT NULL AND protocol IS NOT NULL AND protocol_title IS NOT NULL
        AND status IS NOT NULL AND started_at IS NOT NULL AND updated_at IS NOT NULL AND sort IS NOT NULL
        AND read_only IS NOT NULL AND case_text IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX files_newest_first ON files (sort DESC, name DESC) WHERE problem IS NULL;
CREATE INDEX files_by_client ON files (client, sort DESC, name DESC) WHERE problem IS NULL;
CREATE INDEX files_case_rows ON files (client, sort DESC, name DESC) WHERE problem IS NULL AND (flagged OR closes);
CREATE INDEX files_appointments ON files (client, sort DESC, name DESC) WHERE problem IS NULL AND appointment IS NOT NULL;
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {VERSION};
"""

COLUMNS = (
    "name, mtime_ns, size, settled, client, protocol, protocol_title, status, started_at, updated_at, sort,"
    " read_only, case_text, problem"
)


def create(db: sqlite3.Connection) -> None:
    """Make the table in an empty database."""
    db.executescript(TABLES)


def is_current(db: sqlite3.Connection) -> bool:
    """True if ``db`` is a session index of this version. May raise sqlite3.DatabaseError for a non-database."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return bool(application_id == APPLICATION_ID and version == VERSION)


def is_empty(db: sqlite3.Connection) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0)
