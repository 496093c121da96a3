"""Scored instruments over a client's sessions: PHQ-9, GAD-7 (or an agency's own) totals, bands and alerts.

A session's scores are its instrument phases answered in full (a partial
total would understate, and has no band), one ``InstrumentScore`` each. A
trend is one instrument's scores in time order, matched by instrument id
across protocols (the intake's PHQ-9 and the follow-up's are one line).
A follow-up or ending keeps its earlier sessions' scores in
``session.carried.scores`` when it starts, so its export states the trend
from the session alone: ``PHQ-9: 17 → 11 → 6, moderately severe → mild``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from interview_tui.core.instruments import Instrument, score
from interview_tui.core.session import Session
from interview_tui.core.session_carried import InstrumentScore


def instrument_score(session_id: str, day: date, instrument: Instrument, answers: Mapping[str, int]) -> InstrumentScore | None:
    """The score of one instrument's answers in one session; None unless every item is answered."""
    result = score(instrument, answers)
    if not answers or not result.complete:
        return None
    numbers = {item.id: n for n, item in enumerate(instrument.items, 1)}
    return InstrumentScore(
        session_id=session_id,
        date=day,
        instrument_id=instrument.id,
        title=instrument.title,
        total=result.total,
        highest=instrument.highest_total,
        band=result.band,
        alert_items=sorted({numbers[a.item_id] for a in result.alerts if a.item_id in numbers}),
    )


def session_scores(session: Session) -> list[InstrumentScore]:
    """The session's complete instrument scores, in phase order."""
    out = []
    for phase in session.protocol.phases:
        record = session.phases.get(phase.id)
        if phase.instrument is None or record is None:
            continue
        found = instrument_score(session.id, session.started_at.date(), phase.instrument, record.instrument)
        if found is not None:
            out.append(found)
    return out


@dataclass
class ScoreTrack:
    """One instrument's scores over the client's sessions, oldest first; its title as last given."""

    instrument_id: str
    title: str
    highest: int
    points: list[InstrumentScore] = field(default_factory=list)

    @property
    def totals(self) -> list[int]:
        return [p.total for p in self.points]


def score_tracks(scores: Iterable[InstrumentScore]) -> list[ScoreTrack]:
    """Scores grouped by instrument (in the order the instruments first appear), each in time order."""
    tracks: dict[str, ScoreTrack] = {}
    for point in sorted(scores, key=lambda s: (s.date, s.session_id)):
        track = tracks.setdefault(point.instrument_id, ScoreTrack(point.instrument_id, point.title, point.highest))
        track.title, track.highest = point.title, point.highest
        track.points.append(point)
    return list(tracks.values())


def case_scores(sessions: Iterable[Session]) -> list[ScoreTrack]:
    """The trends of every instrument across ``sessions``."""
    return score_tracks(score for session in sessions for score in session_scores(session))


def session_trends(session: Session) -> list[ScoreTrack]:
    """The trends a follow-up or ending states: its earlier sessions' scores (kept when it started) and its own."""
    earlier = session.carried.scores if session.carried is not None else []
    return score_tracks([*[s for s in earlier if s.session_id != session.id], *session_scores(session)])


def trend_text(track: ScoreTrack) -> str:
    """``17 → 11 → 6, moderately severe → mild (2026-02-02, 2026-03-02, 2026-03-30)``, then any alert with its
    date: ``; ⚠ item 9 on 2026-02-02``."""
    totals = " → ".join(str(t) for t in track.totals)
    bands = [p.band.lower() for p in track.points if p.band]
    if not bands:
        band = ""
    elif bands[0] == bands[-1]:
        band = f", {bands[-1]}"
    else:
        band = f", {bands[0]} → {bands[-1]}"
    dates = ", ".join(p.date.isoformat() for p in track.points)
    alerts = [
        f"⚠ item{'s' if len(p.alert_items) > 1 else ''} {', '.join(map(str, p.alert_items))} on {p.date.isoformat()}"
        for p in track.points
        if p.alert_items
    ]
    return f"{totals}{band} ({dates})" + "".join(f"; {alert}" for alert in alerts)


def trend_line(track: ScoreTrack) -> str:
    """``PHQ-9: 17 → 11 → 6, moderately severe → mild (...)``: one line per instrument."""
    return f"{track.title}: {trend_text(track)}"


def latest_line(track: ScoreTrack) -> str:
    """The instrument's newest score: ``PHQ-9: 11 of 27, moderate (2026-03-02)``, and its alert if it raised one."""
    point = track.points[-1]
    band = f", {point.band.lower()}" if point.band else ""
    alert = ""
    if point.alert_items:
        alert = f"; ⚠ item{'s' if len(point.alert_items) > 1 else ''} {', '.join(map(str, point.alert_items))}"
    return f"{track.title}: {point.total} of {point.highest}{band} ({point.date.isoformat()}){alert}"
