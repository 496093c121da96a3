"""One session's rows in the search database, and how they are written: in transactions, keyed newest first.

A session is a row of ``sessions`` (its file's name, size and mtime when read,
what a result shows of it) and a row of ``notes`` (its notes as written,
compressed, and folded for search), under one key: the second it started and a
free slot in that second (schema.py), so that the key orders sessions newest
first. ``listing_digest`` sums up the folder (every file's name, mtime and
size) so that a search can see at once that nothing changed. Text SQLite cannot
hold (a lone surrogate) is made storable first.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import zlib
from collections.abc import Iterator

from interview_tui.search import schema
from interview_tui.search.session_notes import SessionNotes
from interview_tui.search.text import fold


class transaction:
    """``with transaction(db):`` one write transaction (SQLite's lock: one writer at a time), committed whole."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, trace: object) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")


def replace_session(db: sqlite3.Connection, notes: SessionNotes, settled: bool) -> None:
    """Put one session's row in place of what the database held for its file."""
    db.execute("DELETE FROM sessions WHERE name = ?", (notes.name,))
    fields = [[*place, text] for place, text in notes.fields]
    fields_json = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    folded = schema.FIELD_BREAK.join(storable(fold(text)) for _, text in notes.fields)
    key = _free_key(db, notes.sort)
    db.execute(
        "INSERT INTO sessions (key, name, mtime_ns, size, settled, session_id, client, protocol_id, protocol_title,"
        " started_at, sort, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, notes.name, notes.mtime_ns, notes.size, int(settled), storable(notes.session_id),
         storable(notes.client), storable(notes.protocol_id), storable(notes.protocol_title),
         storable(notes.started_at), notes.sort, storable(notes.status)),
    )  # fmt: skip
    db.execute("INSERT INTO notes (key, fields, folded) VALUES (?, ?, ?)", (key, zlib.compress(fields_json, 1), folded))


SLOTS = 1 << schema.SLOT_BITS
LAST_SECOND = 1 << 40
"""Beyond any date a session can hold (year 9999 is about 2**38 seconds)."""


def listing_digest(files: Iterator[tuple[str, int, int]]) -> bytes:
    """A digest of (file name, mtime, size) of every file, in any order."""
    lines = sorted(f"{name}\t{mtime}\t{size}" for name, mtime, size in files)
    return hashlib.blake2b("\n".join(lines).encode("utf-8"), digest_size=16).digest()


def _free_key(db: sqlite3.Connection, sort: float) -> int:
    """A key for a session started at ``sort`` (see schema.py): its second, and a slot not taken in it."""
    second = max(-LAST_SECOND, min(LAST_SECOND, math.floor(sort))) if math.isfinite(sort) else 0
    low = second * SLOTS
    top = db.execute("SELECT max(key) FROM sessions WHERE key >= ? AND key < ?", (low, low + SLOTS)).fetchone()[0]
    if top is None:
        return low
    if top + 1 < low + SLOTS:
        return int(top) + 1
    expected = low
    for (key,) in db.execute("SELECT key FROM sessions WHERE key >= ? AND key < ? ORDER BY key", (low, low + SLOTS)):
        if key != expected:
            return expected
        expected += 1
    raise sqlite3.DataError("too many sessions started in the same second")


def storable(text: str) -> str:
    """``text`` as SQLite can hold it: a lone surrogate (which UTF-8 cannot hold) becomes "?", one for one."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text
