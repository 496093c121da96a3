"""Snapshot of the review screen on the awkward fixture session (finished, amended, with gaps).

Regenerate after an intended change: .venv/bin/python -m pytest tests/snapshots/test_review_snapshot.py --snapshot-update
"""

from __future__ import annotations

from export_fixture import awkward_session

from interview_tui.ui.app import make_app


def test_review_screen_snapshot(locations, catalogue, store, snap_compare) -> None:
    session = awkward_session()
    store.save(session)
    app = make_app(locations, catalogue, store, session)

    async def open_review(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, run_before=open_review, terminal_size=(120, 40))
