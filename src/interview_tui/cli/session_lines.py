"""What ``interview-tui sessions`` prints: one line per session, or a JSON array, from the index's rows.

The rows come straight from the index (``index_queries.session_lines``), times as they are stored
(``datetime.isoformat``), so a listing of 50,000 sessions parses no date and makes no summary: the line's
``2026-03-21 14:05`` is the stored text cut where ``%Y-%m-%d %H:%M`` would cut it, and the JSON gives the
stored texts as ``SessionSummary.as_json`` gives them. Lines go out in large pieces, each through the
neutraliser (``sys.stdout`` is a ``VisibleStream``: a client code never drives the terminal).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from interview_tui.cli.visible_output import print_json
from interview_tui.store.index_queries import SessionLine

PIECE = 2000
"""Lines written to stdout at a time."""


def print_lines(folder: Path, lines: list[SessionLine], client: str | None, as_json: bool) -> int:
    if as_json:
        print_json([_as_json(folder, line) for line in lines], ensure_ascii=True)
        return 0
    if not lines:
        print("No sessions yet." if not client else f"No sessions for {client}.")
        return 0
    write = sys.stdout.write
    for start in range(0, len(lines), PIECE):
        write("".join([_line(line) for line in lines[start : start + PIECE]]))
    return 0


def _line(line: SessionLine) -> str:
    name, client, protocol, status, started_at, _updated_at = line
    word = "finished" if status == "completed" else "in progress"
    return f"{name[:-5]}  {_minute(started_at)}  {client:<16} {protocol:<14} {word}\n"


def _minute(stored: str) -> str:
    """``%Y-%m-%d %H:%M`` of a stored ``isoformat`` time, without parsing it (parsed when it is not of that form)."""
    if len(stored) >= 16 and stored[4] == "-" and stored[10] == "T":
        return f"{stored[:10]} {stored[11:16]}"
    return f"{datetime.fromisoformat(stored):%Y-%m-%d %H:%M}"


def _as_json(folder: Path, line: SessionLine) -> dict[str, str]:
    """As ``SessionSummary.as_json``."""
    name, client, protocol, status, started_at, updated_at = line
    return {
        "id": name[:-5],
        "client": client,
        "protocol": protocol,
        "status": status,
        "started_at": started_at,
        "updated_at": updated_at,
        "path": str(folder / name),
    }
