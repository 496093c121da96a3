"""A session and an app that look the same on every run (fixed ids, dates and clock), for Pilot and snapshot tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from interview_tui.session import Session
from interview_tui.ui.app import InterviewApp, make_app

FIXED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def fixed_session(protocol, client: str = "C-0142", session_id: str = "20260302-093000-0a1b") -> Session:
    session = Session.start(client, protocol, at=FIXED_AT)
    session.id = session_id
    return session


def frozen_clock() -> float:
    """The session clock never moves: the elapsed time shows 0:00:00 in every snapshot."""
    return 1000.0


def build_app(locations, catalogue, *, session=None, settings=None, store=None) -> InterviewApp:
    return make_app(
        locations=locations, catalogue=catalogue, store=store, session=session, settings=settings, clock=frozen_clock
    )


def footer_keys(screen) -> dict[str, str]:
    """Action -> the key the footer shows for it."""
    from textual.widgets._footer import FooterKey

    return {key.action: key.key_display for key in screen.query(FooterKey)}
