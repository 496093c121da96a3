"""Answers worked out by SQL over the session index: the `sessions` lines and the tallies of `clients`.

A listing of 50,000 sessions must not make 50,000 ``SessionSummary`` objects,
parse 50,000 dates or read 50,000 case facts in Python. Here the index
(``SessionIndex.query``: the folder compared with the database first, as for
any listing) answers in SQL with plain rows: the texts `sessions` prints, and
for `clients` each client's count and newest session, the few sessions their
flags and closing rest on, and their next appointment (the case columns of
index_schema.py). The rows are the same ones ``SessionStore.summaries`` gives,
in the same order (newest first, then by name); the tests of both commands
hold them to the same output.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview_tui.store.index_rows import child_path
from interview_tui.store.sessions import SessionSummary

if TYPE_CHECKING:
    from interview_tui.store.index import SessionIndex

LINE_COLUMNS = "name, client, protocol, status, started_at, updated_at"
"""What a `sessions` line or JSON entry shows of a session (``SessionLine``)."""

SessionLine = tuple[str, str, str, str, str, str]
"""(file name, client, protocol id, status, started_at, updated_at), times as stored (``isoformat``)."""

_NEWEST_FIRST = "ORDER BY sort DESC, name DESC"
_SUMMARY_COLUMNS = "name, client, protocol, protocol_title, status, started_at, updated_at, read_only, case_text"


def problems(db: sqlite3.Connection) -> list[str]:
    """Why each file that cannot be listed cannot be, sorted (as ``Listing.problems``)."""
    return sorted(row[0] for row in db.execute("SELECT problem FROM files WHERE problem IS NOT NULL"))


def session_lines(index: "SessionIndex", client: str | None = None) -> tuple[list[SessionLine], list[str]]:
    """Every session (or ``client``'s), newest first, as ``SessionLine`` rows, and the problems."""

    def ask(db: sqlite3.Connection) -> tuple[list[SessionLine], list[str]]:
        if client is None:
            rows = db.execute(f"SELECT {LINE_COLUMNS} FROM files WHERE problem IS NULL {_NEWEST_FIRST}").fetchall()
        else:
            rows = db.execute(
                f"SELECT {LINE_COLUMNS} FROM files WHERE client = ? AND problem IS NULL {_NEWEST_FIRST}", (client,)
            ).fetchall()
        return rows, problems(db)

    return index.query(ask) or ([], [])


@dataclass
class ClientTally:
    """One client's sessions as `clients` needs them, from the index alone."""

    code: str
    sessions: int
    newest_started_at: datetime
    newest_sort: float
    case_sessions: list[SessionSummary] = field(default_factory=list)
    """Newest first: the sessions that raise a flag or close the case (what open flags and closing rest on)."""
    appointment_session: SessionSummary | None = None
    """The newest session that gives a next appointment, if no later session took place on or after that day."""


def client_tallies(index: "SessionIndex") -> tuple[list[ClientTally], list[str]]:
    """Every client with a session (in no particular order), and the problems."""

    def ask(db: sqlite3.Connection) -> tuple[list[ClientTally], list[str]]:
        folder = index.folder
        tallies: dict[str, ClientTally] = {}
        for code, count, started_at, sort in db.execute(
            f"SELECT client, count(*), (SELECT started_at FROM files AS newest WHERE newest.client = f.client"
            f" AND newest.problem IS NULL {_NEWEST_FIRST} LIMIT 1), max(sort) FROM files AS f WHERE problem IS NULL"
            " GROUP BY client"
        ):
            tallies[code] = ClientTally(code, count, datetime.fromisoformat(started_at), sort)
        for row in db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM files WHERE problem IS NULL AND (flagged OR closes) {_NEWEST_FIRST}"
        ):
            tallies[row[1]].case_sessions.append(_summary(folder, row))
        for row in db.execute(
            f"SELECT {_given(_SUMMARY_COLUMNS)} FROM (SELECT (SELECT name FROM files AS a WHERE a.client = c.client"
            f" AND a.problem IS NULL AND a.appointment IS NOT NULL {_NEWEST_FIRST} LIMIT 1) AS name"
            " FROM (SELECT DISTINCT client FROM files WHERE problem IS NULL AND appointment IS NOT NULL) AS c) AS pick"
            " JOIN files AS given ON given.name = pick.name"
            " WHERE NOT EXISTS (SELECT 1 FROM files AS later WHERE later.client = given.client AND later.problem IS NULL"
            " AND (later.sort > given.sort OR (later.sort = given.sort AND later.name > given.name))"
            " AND substr(later.started_at, 1, 10) >= given.appointment)"
        ):
            tallies[row[1]].appointment_session = _summary(folder, row)
        return list(tallies.values()), problems(db)

    return index.query(ask) or ([], [])


def _given(columns: str) -> str:
    return ", ".join(f"given.{c.strip()}" for c in columns.split(","))


def _summary(folder: Path, row: tuple[object, ...]) -> SessionSummary:
    name, client, protocol, title, status, started_at, updated_at, read_only, case_text = row
    return SessionSummary(
        id=str(name)[:-5],
        client=str(client),
        protocol=str(protocol),
        protocol_title=str(title),
        status=str(status),
        started_at=datetime.fromisoformat(str(started_at)),
        updated_at=datetime.fromisoformat(str(updated_at)),
        path=child_path(folder, str(name)),
        read_only=bool(read_only),
        case_text=str(case_text),
    )
