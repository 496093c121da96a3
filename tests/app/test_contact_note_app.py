"""A contact note from the client's view (issues 16 item 20 and 19): one key, the cursor in its first field, tab
straight through, and the saved note belongs to the client's case with the case's open flags beside it."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from fixed_app import build_app, footer_keys_once_shown, wait_for
from textual.widgets import DataTable, Static

from interview_tui.core.session import Session
from interview_tui.settings.model import Settings
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.screens.help import HelpScreen
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.answer_message import field_id
from interview_tui.ui.widgets.carried_panels import CarriedPanel, FlagsPanel

AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
TODAY = date(2026, 3, 9)
CODE = "C-0207"


@pytest.fixture
def flagged(store, intake) -> Session:
    """An intake of C-0207 that rated the risk Medium: an open risk flag on the case."""
    session = Session.start(CODE, intake, at=AT)
    session.set_answer("assessment", "risk-level", "medium")
    store.save(session)
    return session


def make(locations, catalogue, store, settings=None):
    app = build_app(locations, catalogue, store=store, settings=settings)
    app.casework_today = lambda: TODAY
    return app


async def open_view(pilot, app) -> ClientViewScreen:
    await pilot.pause()
    app.push_screen(ClientViewScreen(CODE))
    await wait_for(pilot, lambda: isinstance(app.screen, ClientViewScreen), "the client view")
    await pilot.pause()
    return app.screen


def contact_field(prompt_id: str) -> str:
    return field_id("contact", prompt_id)


async def test_a_contact_note_from_the_client_view_is_written_in_one_pass(locations, catalogue, store, flagged):
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_view(pilot, app)
        assert (await footer_keys_once_shown(pilot, view, "contact_note_here"))["contact_note_here"] == "^r"
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the contact note")
        screen = app.screen
        session = screen.session
        assert session.protocol.id == "contact-note" and session.client_code == CODE
        await wait_for(pilot, lambda: screen.focused is not None, "a focused field")
        assert screen.focused.id == contact_field("contact-kind")  # the first field, not the panel or a list
        panel = screen.query_one(FlagsPanel)
        assert any("RISK Medium" in str(line.render()) for line in panel.query(Static))
        order = [screen.focused.id]
        await pilot.press("h", "tab")  # Home visit
        order.append(screen.focused.id)
        await pilot.press(*"Her mother", "tab")
        order.append(screen.focused.id)
        await pilot.press(*"Rent letter came", "tab")
        order.append(screen.focused.id)
        await pilot.press("c", "tab")  # Concern noted: its note shows, and tab goes to it
        await pilot.pause()
        order.append(screen.focused.id)
        await pilot.press(*"Told the duty manager", "tab")
        order.append(screen.focused.id)
        await pilot.press(*"I ring housing Friday", "ctrl+s")
        await pilot.pause()
        assert order == [contact_field(p) for p in (
            "contact-kind", "with-whom", "discussed", "risk-check", "concern-follow-up", "actions-agreed")]  # fmt: skip
        saved = json.loads(store.path_for(session.id).read_bytes())
        record = saved["phases"]["contact"]
        assert saved["client_code"] == CODE and saved["protocol"]["id"] == "contact-note"
        assert record["answers"] == {"contact-kind": "home-visit", "with-whom": "Her mother", "risk-check": "concern"}
        assert record["notes"] == {"discussed": "Rent letter came", "concern-follow-up": "Told the duty manager",
                                   "actions-agreed": "I ring housing Friday"}  # fmt: skip
        [carried_flag] = saved["carried"]["open_flags"]
        assert carried_flag["session_id"] == flagged.id and carried_flag["label"] == "Medium"
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: app.screen is view, "the client view again")
        await pilot.pause()
        sessions = view.query_one("#client-sessions", DataTable)
        assert [str(k.value) for k in sessions.rows] == [session.id, flagged.id]
        flags = view.query_one("#client-flags", DataTable)
        shown = [str(flags.get_row_at(i)[0]) for i in range(flags.row_count)]
        assert "⚑ RISK Concern noted" in shown and "⚑ RISK Medium" in shown


async def test_the_contact_note_key_is_in_the_help_and_remappable(locations, catalogue, store, flagged):
    app = make(locations, catalogue, store, Settings(keymap={"client_contact_note": "f6"}))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_view(pilot, app)
        assert (await footer_keys_once_shown(pilot, view, "contact_note_here"))["contact_note_here"] == "f6"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = [str(block.words) for block in app.screen.query(".help-key")]
        assert any(line.strip().startswith("f6  contact note") for line in lines), lines
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+r")  # the old key does nothing now
        await pilot.pause()
        assert app.screen is view
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the contact note")
        assert app.screen.session.protocol.id == "contact-note"


async def test_a_follow_up_shows_the_case_flags_in_its_carried_forward_panel(locations, catalogue, store, flagged):
    app = make(locations, catalogue, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(pilot, app)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the follow-up")
        screen = app.screen
        assert screen.session.protocol.id == "follow-up"
        await wait_for(pilot, lambda: bool(screen.query(CarriedPanel)), "the carried-forward panel")
        lines = [str(line.render()) for line in screen.query_one(CarriedPanel).query(Static)]
        assert lines[0] == "Open flags on the case (1)" and "⚑ RISK Medium" in lines[1], lines
