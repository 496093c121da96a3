"""A store for the outcome table and calendar tests: the case of three sessions (case_fixture.py) and a second
client whose goal wording tries every trick a spreadsheet or a terminal falls for (a formula, a control
sequence), with an appointment and a plan item due."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from case_fixture import ZONE, case_protocol, ending_meeting, first_meeting, review_meeting

from interview_tui.core.session import Session

HOSTILE_CLIENT = "C-0300"
FORMULA_GOAL = '=HYPERLINK("http://evil.example","click")'
ESCAPE_GOAL = "@SUM(1+1)\x1b]0;owned\x07 and \x9b2J"
MINUS_GOAL = "-2+3 nights, \r\ttabbed"
HOSTILE_STARTED = datetime(2026, 3, 9, 14, 0, tzinfo=ZONE)


def hostile_session() -> Session:
    s = Session.start(HOSTILE_CLIENT, case_protocol("case-start"), at=HOSTILE_STARTED)
    s.id = "20260309-140000-d4d4"
    at = HOSTILE_STARTED + timedelta(minutes=10)
    s.add_goal(at=at, what=FORMULA_GOAL, baseline=1)
    s.add_goal(at=at, what=ESCAPE_GOAL, baseline=0)
    s.add_goal(at=at, what=MINUS_GOAL, baseline=4)
    s.add_plan_item(action="Ring +44 =the= office\x1b[2J", due=date(2026, 3, 20), goal_id="goal-1")
    s.add_time("goals", 600)
    s.updated_at = HOSTILE_STARTED + timedelta(minutes=30)
    s.finish(at=HOSTILE_STARTED + timedelta(minutes=30))
    return s


REVIEW_ID = "20260302-093000-b2b2"
"""(The case fixture's review id is not one a store takes: its suffix is not hex.)"""


def stored_case() -> list[Session]:
    first = first_meeting()
    review = review_meeting(first)
    review.id = REVIEW_ID
    return [first, review, ending_meeting(first, review)]


def fill_store(store) -> list[Session]:
    sessions = [*stored_case(), hostile_session()]
    for session in sessions:
        store.save(session)
    return sessions
