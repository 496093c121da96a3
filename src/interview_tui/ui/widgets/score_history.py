"""Scored instruments over the client's sessions, beside the goals in the client view.

``ScoreHistory(tracks)`` takes ``score_history.case_scores(sessions)``: per
instrument its title and range, a sparkline of its totals session by session
(as high as the total on the instrument's own range), the totals and the
first and latest band in words, and any alert with its date, so it reads the
same without colour.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from interview_tui.core.goal_history import sparkline
from interview_tui.core.score_history import ScoreTrack


def score_line(track: ScoreTrack) -> str:
    """``▆▄▂  17 → 11 → 6 · Moderately severe → Mild · ⚠ item 9 on 2026-02-02``"""
    bands = [p.band for p in track.points if p.band]
    band = ""
    if bands:
        band = f" · {bands[0]}" if bands[0] == bands[-1] else f" · {bands[0]} → {bands[-1]}"
    alerts = "".join(
        f" · ⚠ item{'s' if len(p.alert_items) > 1 else ''} {', '.join(map(str, p.alert_items))} on {p.date.isoformat()}"
        for p in track.points
        if p.alert_items
    )
    totals = " → ".join(str(t) for t in track.totals)
    return f"{sparkline(track.totals, 0, max(track.highest, 1))}  {totals}{band}{alerts}"


class ScoreHistory(Vertical):
    """Instruments over time: one block per instrument, its title and range, then its trend."""

    DEFAULT_CSS = """
    ScoreHistory { height: auto; }
    ScoreHistory .score-history-title { text-style: bold; }
    ScoreHistory .score-history-trend { padding-left: 2; margin-bottom: 1; }
    """

    def __init__(self, tracks: list[ScoreTrack], id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.tracks = tracks
        self.border_title = "Scores over time"

    def compose(self) -> ComposeResult:
        if not self.tracks:
            yield Static(Content("No screen (PHQ-9, GAD-7...) answered in full yet."), classes="score-history-empty")
            return
        for track in self.tracks:
            yield Static(Content(f"{track.title} (0-{track.highest})"), classes="score-history-title",
                         id=f"score-history-{track.instrument_id}")
            trend = Static(Content(score_line(track)), classes="score-history-trend")
            trend.tooltip = "Sessions: " + ", ".join(p.date.isoformat() for p in track.points)
            yield trend
