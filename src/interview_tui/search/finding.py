"""Searching the database: the notes that hold a folded text, newest session first, and where in them.

FTS5's trigram index finds the sessions holding every 3 characters of the
folded text (shorter text is looked for in every session's folded notes, and
one client's sessions are looked through directly), newest first, so that a
search with a limit stops early; Python then finds the notes that hold the
text itself, and where (``Found``). A row that cannot be read is reported as
a damaged database (index.py then rebuilds it from the files).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from interview_tui.search import schema
from interview_tui.search.rows import storable
from interview_tui.search.session_notes import Place

SHORTEST_FOR_TRIGRAMS = 3


@dataclass(frozen=True)
class Found:
    """A note that holds the query: its session, its place, its text as written, and where the match starts in
    its folded text (in characters)."""

    session_id: str
    client: str
    started_at: str
    protocol_id: str
    protocol_title: str
    status: str
    name: str
    """The session file's name."""
    place: Place
    text: str
    folded_start: int


_COLUMNS = "s.key, s.session_id, s.client, s.started_at, s.protocol_id, s.protocol_title, s.status, s.name, s.sort," \
           " n.folded, n.fields"  # fmt: skip


def find_notes(db: sqlite3.Connection, query: str, client: str | None, limit: int) -> list[Found]:
    """Up to ``limit`` notes holding ``query`` (folded), newest session first, then in the order of the interview."""
    if client is not None:
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM sessions AS s JOIN notes AS n ON n.key = s.key"
            " WHERE s.client = ? AND instr(n.folded, ?) > 0 ORDER BY s.key DESC",
            (storable(client), query),
        )
    elif len(query) >= SHORTEST_FOR_TRIGRAMS:
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM sessions_fts AS f JOIN notes AS n ON n.key = f.rowid JOIN sessions AS s"
            " ON s.key = f.rowid WHERE sessions_fts MATCH ? AND instr(n.folded, ?) > 0 ORDER BY f.rowid DESC",
            (_every_trigram(query), query),  # (the trigrams may be apart: instr keeps the sessions holding the text)
        )
    else:
        rows = db.execute(f"SELECT {_COLUMNS} FROM notes AS n JOIN sessions AS s ON s.key = n.key"
                          " WHERE instr(n.folded, ?) > 0 ORDER BY n.key DESC", (query,))  # fmt: skip
    found: list[Found] = []
    try:
        for same_second in _by_second(rows):
            same_second.sort(key=lambda row: (row[8], row[1]), reverse=True)  # (sort, session id): the exact order
            for row in same_second:
                found.extend(_notes_holding(row, query))
            if len(found) >= limit:
                break
    finally:
        rows.close()  # a statement left open would hold the database's read lock
    return found[:limit]


def _every_trigram(query: str) -> str:
    """An FTS5 query for the sessions holding every 3 characters of ``query`` (each quoted: any text is literal)."""
    grams = sorted({query[at : at + 3] for at in range(len(query) - 2)})
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


def _by_second(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    """Rows in key order, in groups of sessions started in the same second (read lazily: a limit stops early)."""
    group: list[tuple[Any, ...]] = []
    second = None
    for row in rows:
        this = row[0] >> schema.SLOT_BITS
        if this != second and group:
            yield group
            group = []
        second = this
        group.append(row)
    if group:
        yield group


def _notes_holding(row: tuple[Any, ...], query: str) -> list[Found]:
    """One Found per field of the session that holds ``query``, in the order of the interview."""
    _key, session_id, client, started_at, protocol_id, protocol_title, status, name, _sort, folded, fields = row
    found = []
    texts = None
    try:
        for number, piece in enumerate(folded.split(schema.FIELD_BREAK)):
            start = piece.find(query)
            if start < 0:
                continue
            if texts is None:
                texts = json.loads(zlib.decompress(fields).decode("utf-8", "surrogatepass"))
            phase_id, phase_title, prompt_id, prompt_text, text = texts[number]
            if not isinstance(text, str):
                raise TypeError("not a text")
            found.append(Found(session_id, client, started_at, protocol_id, protocol_title, status, name,
                               (phase_id, phase_title, prompt_id, prompt_text), text, start))  # fmt: skip
    except (ValueError, TypeError, IndexError, AttributeError, zlib.error) as exc:
        raise sqlite3.DatabaseError(f"a damaged row ({type(exc).__name__})") from None
    return found
