"""The session's casework methods: reviewing a carried goal (rating, note, status change).

Mixed into ``Session`` (session.py). A goal is reviewed at most once per
session: reviewing it again changes that review (its ``status_before`` stays
what the goal was when the session first reviewed it). The goal's status in
the session follows the review. Once the session is finished, every change is
an amendment (kind ``goal_review``, item id the goal's id).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from interview_tui.core.session_carried import RATING_MAX, RATING_MIN, GoalReview
from interview_tui.core.goals import GOAL_STATUS_LABELS

if TYPE_CHECKING:
    from interview_tui.core.amendments import AmendmentKind
    from interview_tui.core.goals import Goal

_SAME = object()


def check_rating(rating: object) -> int | None:
    """A 0-10 whole number or None; ValueError with a message for the practitioner otherwise."""
    if rating is None:
        return None
    if isinstance(rating, str) and rating.strip().isdigit():
        rating = int(rating.strip())
    if isinstance(rating, bool) or not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
        raise ValueError(f"a goal's rating must be a whole number {RATING_MIN}-{RATING_MAX}, or empty")
    return rating


def check_goal_status(status: object) -> str:
    if status not in GOAL_STATUS_LABELS:
        raise ValueError("a goal's status must be one of: " + ", ".join(GOAL_STATUS_LABELS))
    return str(status)


def _json(review: GoalReview | None) -> dict[str, Any] | None:
    """The review as amendment data (its time left out: the amendment has its own)."""
    return None if review is None else review.model_dump(mode="json", exclude={"at"})


class CaseworkMethods:
    """Methods of ``Session``; ``self`` is always a Session."""

    if TYPE_CHECKING:
        # What these methods use of the Session they are mixed into (Session defines them; mypy checks that they agree).
        goal_reviews: list[GoalReview]

        def goal(self, goal_id: str) -> Goal: ...
        def update_goal(self, goal_id: str, at: datetime | None = None, **changes: Any) -> Goal: ...
        def _amend(
            self,
            kind: AmendmentKind,
            phase_id: str | None,
            prompt_id: str | None,
            item_id: str | None,
            before: object,
            after: object,
            at: datetime | None,
        ) -> None: ...

    def goal_review(self, goal_id: str) -> GoalReview | None:
        """This session's review of a goal, if it has one."""
        return next((r for r in self.goal_reviews if r.goal_id == goal_id), None)

    def review_goal(
        self,
        goal_id: str,
        rating: object = _SAME,
        note: object = _SAME,
        status: object = _SAME,
        at: datetime | None = None,
    ) -> GoalReview:
        """Record (or change) this session's review of a goal; leave out what stays as it is.

        ``rating`` 0-10 or None, ``note`` text, ``status`` a goal status (the
        goal takes it). ValueError with a message for an unknown goal or a bad value.
        """
        from interview_tui.core.session import now

        goal = self.goal(goal_id)
        old = self.goal_review(goal_id)
        fields = {
            "rating": (old.rating if old else None) if rating is _SAME else check_rating(rating),
            "note": (old.note if old else "") if note is _SAME else note,
            "status_after": goal.status if status is _SAME else check_goal_status(status),
        }
        if not isinstance(fields["note"], str):
            raise ValueError("a goal review's note must be text")
        review = GoalReview(
            goal_id=goal_id, status_before=old.status_before if old else goal.status, at=at or now(), **fields
        )
        if old is not None and _json(old) == _json(review):
            return old
        if goal.status != review.status_after:
            self.update_goal(goal_id, at=at, status=review.status_after)
        if old is None:
            self.goal_reviews.append(review)
        else:
            self.goal_reviews[self.goal_reviews.index(old)] = review
        self._amend("goal_review", None, None, goal_id, _json(old), _json(review), at)
        return review

    def remove_goal_review(self, goal_id: str, at: datetime | None = None) -> None:
        """Take back a review: the goal's status goes back to what it was before the review."""
        old = self.goal_review(goal_id)
        if old is None:
            raise ValueError(f"goal '{goal_id}' has no review in this session")
        goal = self.goal(goal_id)
        if goal.status != old.status_before:
            self.update_goal(goal_id, at=at, status=old.status_before)
        self.goal_reviews.remove(old)
        self._amend("goal_review", None, None, goal_id, _json(old), None, at)
