"""How the screens look at 80x24 (an old laptop, a small window) and 160x50 (a big monitor).

The sessions, ids, dates and clocks are fixed so the pictures are the same on
every run. Update them with ``pytest tests/snapshots/test_snapshots.py --snapshot-update``
after a deliberate change, and look at the report before committing.
The review screen on the awkward export fixture is in test_review_snapshot.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fixed_app import build_app, fixed_follow_up, fixed_session, steady

from interview_tui.core.session import Session
from interview_tui.settings.model import Contact, Settings
from interview_tui.ui.app import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]

SETTINGS = Settings(
    practitioner_name="Sam Rivera",
    emergency_contacts=[Contact(name="Example duty team", phone="000 000", notes="24 hours")],
)


@pytest.fixture
def two_sessions(store, intake):
    first = fixed_session(intake, client="C-0142")
    second = fixed_session(intake, client="C-0007", session_id="20260302-093000-0c2d")
    second.status = "completed"
    for session in (first, second):
        store.save(session)
    return first


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, locations, catalogue, store, two_sessions, size):
    app = build_app(locations, catalogue, store=store, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_session(snap_compare, locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    session.set_note(intake.phases[0].id, intake.phases[0].prompts[0].id, "Referral from the GP [urgent]; read twice.")
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_session_with_the_phase_list_shown(snap_compare, locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady(*(["ctrl+t"] if size == (80, 24) else [])))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady("f1"))


@pytest.mark.parametrize("size", SIZES)
def test_help_searching(snap_compare, locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady("f1", *"scaling"))


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    first = intake.phases[0]
    session.set_note(first.id, first.prompts[0].id, "Referral from the GP [urgent]; read twice.")
    session.set_checked(first.id, first.checklist[0].id, True)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady("ctrl+r"))


@pytest.mark.parametrize("size", SIZES)
def test_help_over_the_review_screen(snap_compare, locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady("ctrl+r", "f1"))


@pytest.mark.parametrize("size", SIZES)
def test_new_session_dialog(snap_compare, locations, catalogue, store, size):
    app = build_app(locations, catalogue, store=store, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady("n"))


@pytest.mark.parametrize("theme", ["readable-light", "high-contrast"])
def test_session_in_the_app_themes(snap_compare, locations, catalogue, store, intake, theme):
    session = fixed_session(intake)
    store.save(session)
    settings = Settings(theme=theme)
    app = build_app(locations, catalogue, store=store, session=session, settings=settings)
    assert snap_compare(app, terminal_size=(120, 30), run_before=steady())


# ---------------------------------------------------------------- the walk-through's own (120 columns)

AT = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


def fixed_clock() -> float:
    return 1000.0


def test_home_screen(snap_compare, locations, catalogue, store, intake):
    for n, code in enumerate(["C-0142", "C-0007", "FAM-12"]):
        s = Session.start(code, intake, at=AT + timedelta(hours=n))
        s.updated_at = s.started_at + timedelta(minutes=50)
        if n == 0:
            s.status = "completed"
        store.save(s)
    app = make_app(locations=locations, catalogue=catalogue, store=store, clock=fixed_clock)
    assert snap_compare(app, terminal_size=(120, 30), run_before=steady())


def test_session_screen(snap_compare, locations, catalogue, store, intake):
    s = Session.start("C-0142", intake, at=AT)
    phase = intake.phases[2]
    s.current_phase = phase.id
    s.set_note(phase.id, phase.prompts[0].id, "Rent is [two months] late; landlord <angry>.\nWorried about the kids.")
    s.set_note(intake.phases[0].id, intake.phases[0].prompts[0].id, "Referral from school.")
    s.add_time(intake.phases[0].id, 95)
    store.save(s)
    app = make_app(locations=locations, catalogue=catalogue, store=store, session=s, clock=fixed_clock)
    assert snap_compare(app, terminal_size=(120, 40), run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_session_typed_answers(snap_compare, locations, catalogue, store, intake, size):
    """The assessment phase: a scale, lists, a required choice and the safety follow-up it shows."""
    session = fixed_session(intake)
    session.current_phase = "assessment"
    session.set_answer("assessment", "distress", 7)
    session.set_answer("assessment", "strengths", ["Raised three kids alone", "Good cook [family recipes]"])
    session.set_answer("assessment", "risk-level", "medium")
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady(*["tab"] * 3))


@pytest.mark.parametrize("size", SIZES)
def test_session_instrument_grid(snap_compare, locations, catalogue, store, intake, size):
    """PHQ-9 part answered, with the item-9 alert raised and the live total."""
    session = fixed_session(intake)
    session.current_phase = "phq-9"
    for item, points in {"q1": 1, "q2": 2, "q3": 0, "q9": 1}.items():
        session.set_instrument_answer("phq-9", item, points)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")])
def test_phq9_answered_to_item_9(snap_compare, locations, catalogue, store, intake, size):
    """Every PHQ-9 item answered with the keyboard, item 9 last: the total, band and alert stay pinned in view
    above the item being answered, and the bar marks the alert."""
    session = fixed_session(intake)
    session.current_phase = "phq-9"
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady(*"121010101"))


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")])
def test_follow_up_goal_review(snap_compare, locations, catalogue, store, size):
    """A follow-up's "Review progress" (the phase list shown at 120x40): each goal stacked and readable, the first
    one focused and rated 7."""
    follow = fixed_follow_up(store, catalogue)
    follow.current_phase = "review-progress"
    store.save(follow)
    app = build_app(locations, catalogue, store=store, session=follow, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady("7"))
