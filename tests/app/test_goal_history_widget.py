"""The goals-over-time widget with a fixed history: what, sparkline, ratings and status in words."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from interview_tui.core.goal_history import GoalPoint, GoalTrack
from interview_tui.ui.widgets.goal_history import GoalHistory, track_line


def point(day: int, rating: int | None, status: str = "open") -> GoalPoint:
    return GoalPoint(session_id=f"2026010{day}-100000-0000", date=date(2026, 1, day), protocol_id="follow-up",
                     rating=rating, status=status)


TRACKS = [
    GoalTrack("goal-1", "Find a [safe] flat", [point(1, 2), point(3, None), point(5, 6), point(7, 9, "achieved")]),
    GoalTrack("goal-2", "Sleep better", [point(1, None), point(3, None, "dropped")]),
    GoalTrack("goal-3", "Back to work", [point(7, 4)]),
]


class Host(App[None]):
    def __init__(self, tracks) -> None:
        super().__init__()
        self.tracks = tracks

    def compose(self) -> ComposeResult:
        yield GoalHistory(self.tracks, id="history")


def test_each_line_reads_without_colour():
    assert track_line(TRACKS[0]) == "▂·▅▇  2 → 9/10 · Achieved · 4 sessions"
    assert track_line(TRACKS[1]) == "··  not rated yet · Dropped · 2 sessions"
    assert track_line(TRACKS[2]) == "▄  4/10 · Open · 1 session"


async def test_the_widget_shows_every_goal_with_its_trend():
    app = Host(TRACKS)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        history = app.query_one(GoalHistory)
        whats = [str(s.render()) for s in history.query(".goal-history-what")]
        trends = [str(s.render()) for s in history.query(".goal-history-trend")]
        assert whats == ["Find a [safe] flat", "Sleep better", "Back to work"]
        assert trends == [track_line(t) for t in TRACKS]
        assert history.query_one(".goal-history-trend").tooltip == (
            "Sessions: 2026-01-01, 2026-01-03, 2026-01-05, 2026-01-07"
        )


async def test_no_goals_says_so():
    app = Host([])
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert str(app.query_one(".goal-history-empty").render()) == "No goals recorded yet."
