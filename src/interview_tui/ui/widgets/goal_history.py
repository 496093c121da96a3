"""Each goal's progress over the client's sessions, small enough for the client view.

``GoalHistory(tracks)`` takes ``goal_history.goal_history(sessions)``: per
goal its what, a sparkline of the 0-10 ratings session by session (``·``
where a session did not rate it), the first and latest rating and the
latest status in words, so it reads the same without colour.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from interview_tui.core.goal_history import GoalTrack, sparkline
from interview_tui.core.goals import STATUS_LABELS


def track_line(track: GoalTrack) -> str:
    """``▂▅▇ 2 → 9/10 · Achieved · 3 sessions``"""
    first, latest = track.first_rating, track.latest_rating
    if latest is None:
        ratings = "not rated yet"
    elif sum(r is not None for r in track.ratings) < 2:
        ratings = f"{latest}/10"
    else:
        ratings = f"{first} → {latest}/10"
    sessions = len(track.points)
    return (
        f"{sparkline(track.ratings)}  {ratings} · {STATUS_LABELS.get(track.status, track.status)}"
        f" · {sessions} session{'s' if sessions != 1 else ''}"
    )


class GoalHistory(Vertical):
    """Goals over time: one block per goal, its what on one line, its trend on the next."""

    DEFAULT_CSS = """
    GoalHistory { height: auto; }
    GoalHistory .goal-history-what { text-style: bold; }
    GoalHistory .goal-history-trend { padding-left: 2; margin-bottom: 1; }
    """

    def __init__(self, tracks: list[GoalTrack], id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.tracks = tracks
        self.border_title = "Goals over time"

    def compose(self) -> ComposeResult:
        if not self.tracks:
            yield Static(Content("No goals recorded yet."), classes="goal-history-empty")
            return
        for track in self.tracks:
            yield Static(Content(track.what), classes="goal-history-what", id=f"goal-history-{track.goal_id}")
            dates = ", ".join(p.date.isoformat() for p in track.points)
            trend = Static(Content(track_line(track)), classes="goal-history-trend")
            trend.tooltip = f"Sessions: {dates}"
            yield trend
