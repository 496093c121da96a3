"""Issue 16 item 12: the parent session's export gives the crisis step's time, risk level and safety plan."""

from __future__ import annotations

from datetime import datetime, timezone

from interview_tui.casework.notices import session_notices
from interview_tui.core.session import Session
from interview_tui.export import render


def test_the_parent_export_summarises_the_crisis(store, catalogue, intake):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
    parent = Session.start("C-7", intake, at=at)
    crisis = Session.start("C-7", catalogue.protocol("crisis"), at=at)
    crisis.opened_from = parent.id
    crisis.set_answer("severity", "risk-level", "medium")
    crisis.set_note("safety-plan", "warning-signs", "Not sleeping")
    crisis.set_note("safety-plan", "reasons-for-living", "My daughter")
    store.save(crisis)
    parent.crisis_session_id = crisis.id
    parent.crisis_began_at = datetime(2026, 3, 2, 10, 25, tzinfo=timezone.utc)
    store.save(parent)
    notices = session_notices(store, parent)
    line = next(n for n in notices if n.startswith("CRISIS"))
    assert "2026-03-02 10:25" in line and "risk level: Medium" in line
    assert "Not sleeping" in line and "My daughter" in line
    for fmt in ("markdown", "text", "html"):  # (the json export is the session record itself, as for flags)
        assert "risk level: Medium" in render(parent, fmt, "soap", notices=notices), fmt


def test_no_crisis_no_crisis_notice(store, intake):
    parent = Session.start("C-7", intake)
    store.save(parent)
    assert not [n for n in session_notices(store, parent) if n.startswith("CRISIS")]
