"""Snapshot tests of the home and session screens (fixed times, fixed clock)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from interview_tui.session import Session
from interview_tui.ui.app import make_app

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
    assert snap_compare(app, terminal_size=(120, 30))


def test_session_screen(snap_compare, locations, catalogue, store, intake):
    s = Session.start("C-0142", intake, at=AT)
    phase = intake.phases[2]
    s.current_phase = phase.id
    s.set_note(phase.id, phase.prompts[0].id, "Rent is [two months] late; landlord <angry>.\nWorried about the kids.")
    s.set_note(intake.phases[0].id, intake.phases[0].prompts[0].id, "Referral from school.")
    s.add_time(intake.phases[0].id, 95)
    store.save(s)
    app = make_app(locations=locations, catalogue=catalogue, store=store, session=s, clock=fixed_clock)
    assert snap_compare(app, terminal_size=(120, 40))
