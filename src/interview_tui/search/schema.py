"""The search index's database schema, in one place, with its version.

The index (index.py) is an SQLite database beside the session files. It is
only an index: the session files are the source of truth, so an older
version is not migrated but rebuilt from them (``is_current`` says no, the
caller starts a new database). Every change to the tables below raises
``VERSION``. Versions so far:

- before 3: ``.search-index``, a file of the app's own layout (removed once
  the database is built: ``OLD_FILES``);
- 3: this schema.

One row per session file in ``sessions`` (small: a search compares the
folder with it) and one in ``notes`` with the same key. ``key`` orders the sessions, newest
last: the second the session started, shifted left by ``SLOT_BITS``, plus a
free slot among the sessions of that second (``FTS5`` returns rows in key
order, so the newest matches come first and a search with a limit stops
early; sessions of the same second are put in exact order by the caller).
``fields`` is every searchable text of the session as written, with the
place it is in (JSON, ``[[phase id, phase title, prompt id, prompt text,
text], ...]``, the client code first, zlib-compressed); ``folded`` is the same texts folded
for search (search/text.py) and joined by ``FIELD_BREAK``, which folding
never leaves in a text, so that no match runs from one note into the next.
``sessions_fts`` indexes ``folded`` by trigrams, without their positions
(``detail=none``: a third of the size): a query of 3 characters or more finds
the sessions holding all its trigrams, and the caller keeps those that hold
the query itself; shorter queries are looked for in ``folded`` directly.
Triggers keep the index in step with ``notes``, and ``notes`` with ``sessions``. ``folder.listing`` is a
digest of every row's file name, mtime and size, stored when every row is
settled (NULL otherwise): a search whose listing of the folder gives the same
digest has nothing to compare row by row.
"""

from __future__ import annotations

import sqlite3

VERSION = 3
APPLICATION_ID = 0x49545553
"""'ITUS' in the database header: this file is an interview-tui search index."""
FILE_NAME = ".search.sqlite"
OLD_FILES = (".search-index",)
"""Index files of versions before the database (deleted once it is built)."""
FIELD_BREAK = "\n"
"""Between two fields in ``folded`` (folding turns every line break in a text into a space)."""
SLOT_BITS = 20
"""Sessions that can start in the same second (``key`` = second << SLOT_BITS | slot)."""

TABLES = f"""
CREATE TABLE sessions (
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    settled INTEGER NOT NULL,
    session_id TEXT NOT NULL,
    client TEXT NOT NULL,
    protocol_id TEXT NOT NULL,
    protocol_title TEXT NOT NULL,
    started_at TEXT NOT NULL,
    sort REAL NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE notes (
    key INTEGER PRIMARY KEY REFERENCES sessions (key) ON DELETE CASCADE,
    fields BLOB NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX sessions_by_client ON sessions (client, key);
CREATE TABLE folder (
    listing BLOB
);
INSERT INTO folder (listing) VALUES (NULL);
CREATE VIRTUAL TABLE sessions_fts USING fts5(
    folded, content='notes', content_rowid='key', tokenize='trigram case_sensitive 1', detail=none
);
CREATE TRIGGER notes_added AFTER INSERT ON notes BEGIN
    INSERT INTO sessions_fts (rowid, folded) VALUES (new.key, new.folded);
END;
CREATE TRIGGER notes_removed AFTER DELETE ON notes BEGIN
    INSERT INTO sessions_fts (sessions_fts, rowid, folded) VALUES ('delete', old.key, old.folded);
END;
CREATE TRIGGER sessions_removed AFTER DELETE ON sessions BEGIN
    DELETE FROM notes WHERE key = old.key;
END;
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {VERSION};
"""


def create(db: sqlite3.Connection) -> None:
    """Make the tables in an empty database."""
    db.executescript(TABLES)


def is_current(db: sqlite3.Connection) -> bool:
    """True if ``db`` is a search index of this version (False for an empty, older or foreign database).
    May raise sqlite3.DatabaseError for a file that is not a database."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return bool(application_id == APPLICATION_ID and version == VERSION)


def is_empty(db: sqlite3.Connection) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0)
