"""A case of three sessions for the case-numbers tests (issue 16): a first meeting, a review and an ending.

The first meeting sets two goals with baselines and a third without, and
scores PHQ-9 17 (item 9 answered "Several days") and GAD-7 12; the review
rates the goals, notes on them and changes a status, with PHQ-9 11 and GAD-7
8; the ending rates them again, closes them, with PHQ-9 6 and GAD-7 4. The
protocols are small ones in tests/support/fixtures/case_protocols/ (so the
golden files do not follow edits of the built-in phase files); times and ids
are fixed.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from data_paths import FIXTURES

from interview_tui.casework.carry_forward import carry_forward
from interview_tui.core.protocol import Protocol
from interview_tui.core.session import Session
from interview_tui.phases.files import parse_file

ZONE = timezone(timedelta(hours=1))
FIRST = datetime(2026, 2, 2, 9, 30, tzinfo=ZONE)
CLIENT = "C-0216"

PHQ9 = {"first": [3, 2, 2, 2, 2, 2, 2, 1, 1], "review": [2, 2, 1, 1, 1, 2, 1, 1, 0], "ending": [1, 1, 1, 1, 0, 1, 1, 0, 0]}
"""PHQ-9 answers q1-q9: totals 17 (item 9 above 'Not at all'), 11 and 6."""
GAD7 = {"first": [2, 2, 2, 2, 1, 2, 1], "review": [1, 2, 1, 1, 1, 1, 1], "ending": [1, 1, 1, 0, 0, 1, 0]}
"""GAD-7 answers q1-q7: totals 12, 8 and 4."""


def case_protocol(protocol_id: str) -> Protocol:
    protocol = parse_file(FIXTURES / "case_protocols" / f"{protocol_id}.toml")
    assert isinstance(protocol, Protocol), protocol
    return protocol


def _screens(session: Session, which: str) -> None:
    for n, points in enumerate(PHQ9[which], 1):
        session.set_instrument_answer("phq-9", f"q{n}", points)
    for n, points in enumerate(GAD7[which], 1):
        session.set_instrument_answer("gad-7", f"q{n}", points)


def _start(protocol_id: str, at: datetime, suffix: str, earlier: list[Session]) -> Session:
    session = Session.start(CLIENT, case_protocol(protocol_id), at=at)
    session.id = f"{at:%Y%m%d-%H%M%S}-{suffix}"
    if earlier:
        carry_forward(session, earlier)
    return session


def _finish(session: Session, minutes: int) -> None:
    session.add_time("goals", minutes * 60)
    session.updated_at = session.started_at + timedelta(minutes=minutes)
    session.finish(at=session.started_at + timedelta(minutes=minutes))


def first_meeting() -> Session:
    s = _start("case-start", FIRST, "f1a1", [])
    s.edit_note("goals", "goal-talk", "Wants the flat sorted [before winter] and to sleep.")
    agreed = FIRST + timedelta(minutes=30)
    s.add_goal(at=agreed, what="Move to a dry flat", measure="A signed tenancy", baseline=2,
               client_words="somewhere the kids can breathe")
    s.add_goal(at=agreed, what="Sleep through <most> nights", measure="Nights slept, in a diary", baseline=3)
    s.add_goal(at=agreed, what="Walk to the park with the children")
    _screens(s, "first")
    s.edit_note("closure", "summary", "Housing first; low mood, item 9 talked through, safety plan agreed.")
    s.edit_note("closure", "next-steps", "Review on 2 March; client calls the housing office.")
    _finish(s, 50)
    return s


def review_meeting(first: Session) -> Session:
    s = _start("case-review", FIRST + timedelta(days=28), "r2b2", [first])
    at = s.started_at + timedelta(minutes=20)
    s.review_goal("goal-1", at=at, rating=5, note="Viewing booked for the 10th & the landlord replied.")
    s.review_goal("goal-2", at=at, rating=4, note="Diary kept: 3 good nights of 7.", status="partly")
    s.review_goal("goal-3", at=at, rating=6, note="")
    _screens(s, "review")
    s.edit_note("closure", "summary", "Steady progress on housing and sleep.")
    _finish(s, 45)
    return s


def ending_meeting(first: Session, review: Session) -> Session:
    s = _start("case-ending", FIRST + timedelta(days=56), "e3c3", [first, review])
    at = s.started_at + timedelta(minutes=20)
    s.review_goal("goal-1", at=at, rating=9, note="Tenancy signed; moving on the 4th.", status="achieved")
    s.review_goal("goal-2", at=at, rating=7, note="Most nights now.", status="partly")
    s.review_goal("goal-3", at=at, rating=8, status="achieved")
    _screens(s, "ending")
    s.edit_note("closure", "summary", "Goals met or nearly; ending as agreed.")
    _finish(s, 40)
    return s


def the_case() -> tuple[Session, Session, Session]:
    first = first_meeting()
    review = review_meeting(first)
    return first, review, ending_meeting(first, review)
