"""One session file's row of the session index: its shape in memory, and how it is read, stored, loaded and shown.

In memory each file is one small tuple (``Entry``), without the file name (the
key it is kept under holds it):

- readable:   (mtime_ns, size, settled, client, protocol, protocol_title, status, started_at, updated_at, sort,
  read_only, case)
- unreadable: (mtime_ns, size, settled, problem)

An entry is made from a session file (``read_entry``) or from a database row
(``entry_of``), written back as a row (``row_of``), and made into the
``SessionSummary`` lists show only when asked for (``make_summary``). Texts that
repeat across thousands of rows (client codes, protocol ids and titles,
statuses) are kept once (``shared``).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from interview_tui.store import index_schema
from interview_tui.store.sessions import SessionSummary

SummaryReader = Callable[[Path], "SessionSummary | str"]
"""Reads one session file's summary (decrypting it if needed), or says why it cannot be listed."""

Entry = tuple[Any, ...]
GOOD_ENTRY = 12
BAD_ENTRY = 4
CLIENT, SORT, CASE = 3, 9, 11
"""Where an entry of a readable file holds its client code, its sort key and its case facts."""

shared = sys.intern
"""Client codes, protocol ids and titles and statuses repeat across thousands of rows: keep one copy of each."""


def load_every_row(db: sqlite3.Connection) -> dict[str, Entry]:
    """Every row, readable sessions newest first (then by name), unreadable files after them."""
    rows = db.execute(
        f"SELECT {index_schema.COLUMNS} FROM files ORDER BY problem IS NOT NULL, sort DESC, name DESC"
    ).fetchall()
    return {row[0]: entry_of(row) for row in rows}


def load_client(db: sqlite3.Connection, client: str) -> dict[str, Entry]:
    """One client's rows, newest first."""
    rows = db.execute(
        f"SELECT {index_schema.COLUMNS} FROM files WHERE client = ? AND problem IS NULL ORDER BY sort DESC, name DESC",
        (client,),
    ).fetchall()
    return {row[0]: entry_of(row) for row in rows}


def entry_of(row: tuple[Any, ...]) -> Entry:
    if row[13] is not None:
        return (row[1], row[2], False, row[13])
    return (
        row[1], row[2], bool(row[3]), shared(row[4]), shared(row[5]), shared(row[6]), shared(row[7]),
        row[8], row[9], row[10], bool(row[11]), row[12],
    )  # fmt: skip


def row_of(name: str, entry: Entry) -> tuple[Any, ...]:
    if len(entry) == BAD_ENTRY:
        return (name, entry[0], entry[1], 0, None, None, None, None, None, None, None, None, None, entry[3])
    return (name, entry[0], entry[1], int(entry[2]), *entry[3:], None)


def read_entry(read_summary: SummaryReader, path: Path, stat: os.stat_result, settled_before_ns: int) -> Entry:
    """The entry of the session file at ``path`` (``stat`` as the folder listing gave it); settled if it was
    modified before ``settled_before_ns``. Raises FileNotFoundError if the file is gone."""
    settled = stat.st_mtime_ns < settled_before_ns
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
        shared(s.client), shared(s.protocol), shared(s.protocol_title), shared(s.status),
        s.started_at.isoformat(), s.updated_at.isoformat(), sort_key, s.read_only, s.case_text,
    )  # fmt: skip


def child_path(folder: Path, name: str) -> Path:
    """``folder / name`` for a plain file name, without parsing it again (a third of a 10,000-row listing).

    Uses the helper ``Path.iterdir`` uses on CPython 3.11-3.13, and plain ``/`` where it does not exist."""
    make = getattr(folder, "_make_child_relpath", None)
    return make(name) if make is not None else folder / name


def make_summary(folder: Path, name: str, entry: Entry) -> SessionSummary:
    return SessionSummary(
        id=name[:-5],
        client=entry[3],
        protocol=entry[4],
        protocol_title=entry[5],
        status=entry[6],
        started_at=datetime.fromisoformat(entry[7]),
        updated_at=datetime.fromisoformat(entry[8]),
        path=child_path(folder, name),
        read_only=entry[10],
        case_text=entry[11],
    )
