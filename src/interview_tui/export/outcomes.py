"""Outcomes as a table: one row per goal rating and per instrument result, for a spreadsheet or an agency's
outcome reporting.

A goal rating is a goal's 0-10 rating in a session (its review there, or its baseline in the session where it
was set: see ``core.goal_history``); an instrument result is an instrument answered in full in a session (see
``core.score_history.session_scores``; a partial total has no band and is left out). Each session gives its
own results only, never the earlier scores it carries, so a result is never counted twice.

Rows name the client by code, never by name. The goal's "what" is the practitioner's wording of the goal; it
is the one piece of free text in a row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from interview_tui.core.goal_history import goal_history
from interview_tui.core.goals import GOAL_STATUS_LABELS
from interview_tui.core.score_history import session_scores
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore, StoreError

COLUMNS: tuple[str, ...] = (
    "client",
    "session_id",
    "session_date",
    "protocol",
    "kind",
    "item_id",
    "item",
    "score",
    "out_of",
    "band",
    "status",
)
"""The table's columns, in order (the CSV header and the JSON keys)."""

GOAL_SCALE_TOP = 10


@dataclass(frozen=True)
class OutcomeRow:
    client: str
    session_id: str
    session_date: date
    protocol: str
    kind: str
    """``goal`` or ``instrument``."""
    item_id: str
    """The goal's id (kept through every session it was carried into) or the instrument's id."""
    item: str
    """The goal's what, or the instrument's title."""
    score: int
    out_of: int
    band: str
    """An instrument's band ("" when it has none; always "" for a goal)."""
    status: str
    """A goal's status at the end of that session ("Baseline" added when the rating is its baseline); an
    instrument's alerts (``alert: item 9``) or ""."""

    def values(self) -> tuple[str | int, ...]:
        return (
            self.client, self.session_id, self.session_date.isoformat(), self.protocol, self.kind, self.item_id,
            self.item, self.score, self.out_of, self.band, self.status,
        )  # fmt: skip

    def as_json(self) -> dict[str, str | int]:
        return dict(zip(COLUMNS, self.values()))


def _goal_rows(client: str, sessions: list[Session]) -> list[OutcomeRow]:
    protocols = {s.id: s.protocol.title for s in sessions}
    rows = []
    for track in goal_history(sessions):
        for point in track.points:
            if point.rating is None:
                continue
            status = GOAL_STATUS_LABELS.get(point.status, point.status)
            rows.append(
                OutcomeRow(
                    client, point.session_id, point.date, protocols[point.session_id], "goal", track.goal_id,
                    _goal_what(sessions, point.session_id, track.goal_id, track.what), point.rating, GOAL_SCALE_TOP,
                    "", f"{status} (baseline)" if point.baseline else status,
                )
            )  # fmt: skip
    return rows


def _goal_what(sessions: list[Session], session_id: str, goal_id: str, fallback: str) -> str:
    """The goal as it was written in that session (it may have been reworded since)."""
    for session in sessions:
        if session.id == session_id:
            return next((g.what for g in session.goals if g.id == goal_id), fallback)
    return fallback


def _instrument_rows(client: str, session: Session) -> list[OutcomeRow]:
    rows = []
    for found in session_scores(session):
        alerts = ""
        if found.alert_items:
            plural = "s" if len(found.alert_items) > 1 else ""
            alerts = f"alert: item{plural} " + ", ".join(str(n) for n in found.alert_items)
        rows.append(
            OutcomeRow(
                client, session.id, found.date, session.protocol.title, "instrument", found.instrument_id,
                found.title, found.total, found.highest, found.band or "", alerts,
            )
        )  # fmt: skip
    return rows


def outcome_rows(sessions: Iterable[Session], start: date | None = None, end: date | None = None) -> list[OutcomeRow]:
    """Every goal rating and instrument result of ``sessions`` whose session took place from ``start`` to
    ``end`` (both included, either open), by client, then date, then session, goals before instruments.

    A goal's rating in a session needs nothing from other sessions (its baseline is the rating of the
    session that set it), so ``sessions`` may be only those in the period."""
    by_client: dict[str, list[Session]] = {}
    for session in sessions:
        by_client.setdefault(session.client_code, []).append(session)
    rows: list[OutcomeRow] = []
    for client, own in sorted(by_client.items()):
        own.sort(key=lambda s: (s.started_at, s.id))
        found = _goal_rows(client, own)
        for session in own:
            found += _instrument_rows(client, session)
        rows += [r for r in found if (start is None or r.session_date >= start) and (end is None or r.session_date <= end)]
    order = {"goal": 0, "instrument": 1}
    rows.sort(key=lambda r: (r.client, r.session_date, r.session_id, order.get(r.kind, 2)))
    return rows


def stored_outcomes(
    store: SessionStore, client: str | None = None, start: date | None = None, end: date | None = None
) -> tuple[list[OutcomeRow], list[str]]:
    """The outcome rows of the sessions in ``store`` (or only ``client``'s) from ``start`` to ``end``, and a
    message for each session file that could not be read (its rows are missing; the others are given)."""
    summaries, problems = store.summaries(client=client)
    wanted = [
        s for s in summaries
        if (start is None or s.started_at.date() >= start) and (end is None or s.started_at.date() <= end)
    ]  # fmt: skip
    sessions = []
    problems = list(problems)
    for summary in wanted:
        try:
            sessions.append(store.load(summary.id))
        except StoreError as exc:
            problems.append(str(exc))
    return outcome_rows(sessions, start, end), problems
