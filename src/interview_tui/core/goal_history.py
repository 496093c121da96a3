"""The history of each of a client's goals over their sessions: date, rating and status, session by session.

A goal keeps its id from the session where it was set through every session
it was carried into (see carry_forward.py), so its history is every session
that has a goal with that id, in time order. The rating is that session's
review of the goal (None when it was not rated there); the status is the
goal's status at the end of that session. The history starts at the goal's
0-10 baseline, given when it was set: the session where it was set counts it
as its rating unless it also reviewed the goal there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from interview_tui.core.session import Session

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
"""Eight heights for a 0-10 rating; a session without a rating shows as a gap (·)."""


@dataclass(frozen=True)
class GoalPoint:
    """One goal in one session."""

    session_id: str
    date: date
    protocol_id: str
    rating: int | None
    status: str
    note: str = ""
    baseline: bool = False
    """The rating is the goal's baseline, given when it was set (not a review)."""


@dataclass
class GoalTrack:
    """One goal over the client's sessions, oldest first; ``what`` as it was last written."""

    goal_id: str
    what: str
    points: list[GoalPoint] = field(default_factory=list)

    @property
    def ratings(self) -> list[int | None]:
        return [p.rating for p in self.points]

    @property
    def latest_rating(self) -> int | None:
        return next((p.rating for p in reversed(self.points) if p.rating is not None), None)

    @property
    def first_rating(self) -> int | None:
        return next((p.rating for p in self.points if p.rating is not None), None)

    @property
    def status(self) -> str:
        return self.points[-1].status if self.points else "open"


def goal_history(sessions: Iterable[Session]) -> list[GoalTrack]:
    """Per goal id, its points across ``sessions`` (in time order); goals in the order they first appear."""
    tracks: dict[str, GoalTrack] = {}
    for session in sorted(sessions, key=lambda s: (s.started_at, s.id)):
        for goal in session.goals:
            review = session.goal_review(goal.id)
            track = tracks.setdefault(goal.id, GoalTrack(goal.id, goal.what))
            track.what = goal.what
            rating = review.rating if review else None
            baseline = rating is None and goal.carried_from is None and goal.baseline is not None
            track.points.append(
                GoalPoint(
                    session_id=session.id,
                    date=session.started_at.date(),
                    protocol_id=session.protocol.id,
                    rating=goal.baseline if baseline else rating,
                    status=goal.status,
                    note=review.note if review else "",
                    baseline=baseline,
                )
            )
    return list(tracks.values())


def sparkline(ratings: Iterable[int | None], low: int = 0, high: int = 10) -> str:
    """One block per rating, as high as the rating on the 0-10 scale; '·' where a session has no rating."""
    out = []
    for rating in ratings:
        if rating is None:
            out.append("·")
            continue
        share = (min(max(rating, low), high) - low) / (high - low)
        out.append(SPARK_BLOCKS[round(share * (len(SPARK_BLOCKS) - 1))])
    return "".join(out)
