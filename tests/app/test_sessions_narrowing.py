"""Narrowing the home screen's sessions list by status, protocol and client (issue 19), kept for the run."""

from __future__ import annotations

from datetime import datetime, timezone

from fixed_app import build_app
from textual.widgets import DataTable

from interview_tui.core.session import Session

AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def shown(app) -> list[tuple[str, str, str]]:
    return [(s.client, s.protocol, s.status) for s in app.screen.summaries]


async def test_status_protocol_and_client_narrow_the_list_and_stay_for_the_run(locations, catalogue, store, intake):
    follow_up = catalogue.protocol("follow-up")
    assert follow_up is not None
    done = Session.start("C-1", intake, at=AT)
    done.finish(at=AT.replace(hour=11))
    store.save(done)
    store.save(Session.start("C-1", follow_up, at=AT.replace(day=3)))
    store.save(Session.start("B-7", intake, at=AT.replace(day=4)))
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(shown(app)) == 3
        await pilot.press("s")  # in progress
        await pilot.pause()
        assert {status for _, _, status in shown(app)} == {"in_progress"} and len(shown(app)) == 2
        await pilot.press("s")  # finished
        await pilot.pause()
        assert shown(app) == [("C-1", "intake", "completed")]
        await pilot.press("s", "p")  # every status, then the first protocol (follow-up sorts first)
        await pilot.pause()
        assert shown(app) == [("C-1", "follow-up", "in_progress")]
        await pilot.press("p")  # intake
        await pilot.pause()
        assert {p for _, p, _ in shown(app)} == {"intake"} and len(shown(app)) == 2
        table = app.screen.query_one("#sessions", DataTable)
        table.move_cursor(row=[c for c, _, _ in shown(app)].index("B-7"))
        await pilot.press("w")  # this client
        await pilot.pause()
        assert shown(app) == [("B-7", "intake", "in_progress")]
        home = app.screen
        await pilot.press("c")  # away to the clients, and back: the narrowing holds
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and shown(app) == [("B-7", "intake", "in_progress")]
        await pilot.press("w", "p")  # every client, every protocol
        await pilot.pause()
        assert len(shown(app)) == 3
