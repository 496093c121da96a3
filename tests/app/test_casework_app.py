"""Pilot tests of casework across sessions: intake -> follow-up (with a crisis opened beside it) -> ending.

Goals and plan items are added through the session's methods in the intake
(the goal editor's keys have their own tests in test_goal_and_plan_items.py);
everything else is driven with keys, every step is checked against the files
on disk, and the client view at the end shows the goal's history.
"""

from __future__ import annotations

import json

from textual.widgets import Input

from interview_tui.core.session import Session
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.screens.clients import ClientsScreen
from interview_tui.ui.screens.crisis import CrisisSessionScreen
from interview_tui.ui.screens.home import HomeScreen
from interview_tui.ui.screens.review import ReviewScreen
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.carried_panels import CarriedPanel, ContactsPanel
from interview_tui.ui.widgets.goal_history import GoalHistory
from interview_tui.ui.widgets.goal_review import GoalReviewRow, PlanReviewRow
from interview_tui.ui.widgets.phase_view import NoteField
from fixed_app import build_app, footer_keys_once_shown, wait_for


def saved(store, session_id: str) -> dict:
    return json.loads(store.path_for(session_id).read_text(encoding="utf-8"))


def text_of(widget) -> str:
    return " ".join(str(s.render()) for s in widget.query("Static"))


async def start_from_home(pilot, client: str, protocol_id: str) -> Session:
    """Press n on the home screen, type the client code, pick the protocol, start."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*client)
    from textual.widgets import Select

    app.screen.query_one("#protocol", Select).value = protocol_id
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
    await pilot.pause()
    return app.screen.session


async def go_to(pilot, phase_id: str) -> None:
    await pilot.app.screen.show_phase(phase_id)
    await pilot.pause()


async def type_in(pilot, phase_id: str, prompt_id: str, text: str) -> NoteField:
    screen = pilot.app.screen
    await go_to(pilot, phase_id)
    field = screen.query_one(f"#note-{phase_id}-{prompt_id}", NoteField)
    field.focus()
    await pilot.pause()
    await pilot.press(*text)
    return field


async def finish_and_leave(pilot) -> None:
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen), "the review screen")
    await pilot.press("f")
    await pilot.pause()
    await pilot.press("enter")  # confirm
    await wait_for(pilot, lambda: pilot.app.screen.session.status == "completed", "the session to finish")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "the home screen")


async def test_a_case_from_intake_through_a_crisis_to_the_ending(locations, catalogue, store):
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(140, 45)) as pilot:
        # ---- intake: a goal and a plan item, a summary and next steps
        intake = await start_from_home(pilot, "C-77", "intake")
        goal = intake.add_goal(what="Find a [safe] flat", client_words="my own door")
        intake.add_plan_item(action="Call the housing office", goal_id=goal.id, due="2026-04-01")
        app.screen.saver.changed()
        await type_in(pilot, "closure", "summary", "Housing first.")
        await type_in(pilot, "closure", "next-steps", "Meet in two weeks.")
        await finish_and_leave(pilot)
        assert saved(store, intake.id)["goals"][0]["what"] == "Find a [safe] flat"

        # ---- follow-up: the carried context in preparation
        follow = await start_from_home(pilot, "C-77", "follow-up")
        screen = app.screen
        panel = screen.query_one("#carried-preparation", CarriedPanel)
        shown = text_of(panel)
        assert "Find a [safe] flat" in shown and "Housing first." in shown and "Meet in two weeks." in shown
        assert "Call the housing office" in shown and "due 2026-04-01" in shown
        assert [g.carried_from for g in follow.goals] == [intake.id]

        # rate the goal 6 with a note; move the plan item on
        await go_to(pilot, "review-progress")
        row = screen.query_one(f"#review-{goal.id}", GoalReviewRow)
        row.focus()
        await pilot.press("6", "n", *"viewing on Friday", "enter")
        await pilot.pause()
        assert screen.focused is row
        screen.query_one(PlanReviewRow).focus()
        await pilot.press("s")
        await pilot.pause()
        field = await type_in(pilot, "review-progress", "what-helped", "Her sister [helped]")
        await pilot.press("ctrl+s")
        data = saved(store, follow.id)
        assert data["goal_reviews"][0]["rating"] == 6 and data["goal_reviews"][0]["note"] == "viewing on Friday"
        assert data["plan_items"][0]["status"] == "in_progress"

        # ---- crisis beside the follow-up, and back
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, CrisisSessionScreen), "the crisis session")
        crisis_screen = app.screen
        crisis = crisis_screen.session
        assert crisis.client_code == "C-77" and crisis.protocol.id == "crisis" and crisis.opened_from == follow.id
        assert crisis_screen.query(ContactsPanel)
        assert (await footer_keys_once_shown(pilot, crisis_screen, "crisis")).get("crisis") == "f2"
        await pilot.press(*"Client safe, at home")
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.screen is screen, "the follow-up again")
        assert screen.focused is field and field.text == "Her sister [helped]"
        assert follow.current_phase == "review-progress"
        await pilot.press(*" a lot")
        await pilot.press("ctrl+s")
        on_disk, crisis_on_disk = saved(store, follow.id), saved(store, crisis.id)
        assert on_disk["phases"]["review-progress"]["notes"]["what-helped"] == "Her sister [helped] a lot"
        assert on_disk["crisis_session_id"] == crisis.id and on_disk["crisis_began_at"]
        assert crisis_on_disk["opened_from"] == follow.id
        assert crisis_on_disk["phases"]["immediate-safety"]["notes"]["danger-now"] == "Client safe, at home"

        # f2 again reopens the same crisis session, its note intact
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, CrisisSessionScreen), "the crisis session again")
        assert app.screen.session.id == crisis.id
        assert app.screen.focused.text == "Client safe, at home"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "the follow-up again")
        assert saved(store, follow.id)["crisis_began_at"] == on_disk["crisis_began_at"]
        await finish_and_leave(pilot)

        # ---- ending: review the goal as achieved
        ending = await start_from_home(pilot, "C-77", "termination")
        screen = app.screen
        assert "viewing on Friday" not in text_of(screen.query_one("#carried-preparation"))
        assert "last rated 6/10" in text_of(screen.query_one("#carried-preparation"))
        await go_to(pilot, "review-goals")
        row = screen.query_one(f"#review-{goal.id}", GoalReviewRow)
        row.focus()
        await pilot.press("1", "0", "s", "s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        data = saved(store, ending.id)
        assert data["goals"][0]["status"] == "achieved"
        review = data["goal_reviews"][0]
        assert (review["rating"], review["status_before"], review["status_after"]) == (10, "open", "achieved")

        # ---- the client view: the goal's history across the sessions
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ClientsScreen), "the clients")
        await pilot.press(*"C-77", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ClientViewScreen), "the client view")
        history = app.screen.query_one(GoalHistory)
        trend = text_of(history)
        assert "Find a [safe] flat" in trend and "6 → 10/10" in trend and "Achieved" in trend, trend
        await pilot.press("ctrl+q")

    # every file agrees with the others
    files = {sid: saved(store, sid) for sid in (intake.id, follow.id, crisis.id, ending.id)}
    assert files[follow.id]["goals"][0]["carried_from"] == intake.id
    assert files[ending.id]["goals"][0]["carried_from"] == follow.id
    # the follow-up and the crisis wrote no summary or next steps: the ending carries the intake's (issue 16,
    # item 10); the crisis recorded no risk or safety plan, so nothing of it is carried either
    assert files[ending.id]["carried"]["last_session_id"] == intake.id
    assert files[ending.id]["carried"]["summary"] == "Housing first."
    assert "crisis" not in files[ending.id]["carried"]
    assert {f["client_code"] for f in files.values()} == {"C-77"}


async def test_the_crisis_key_works_from_every_phase_and_from_the_review_screen(locations, catalogue, store):
    follow = Session.start("C-5", catalogue.protocol("follow-up"))
    store.save(follow)
    app = build_app(locations, catalogue, store=store, session=follow)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        screen = app.screen
        assert (await footer_keys_once_shown(pilot, screen, "crisis")).get("crisis") == "f2"
        crisis_ids = set()
        for phase_id in follow.phase_ids:
            await go_to(pilot, phase_id)
            before = screen.focused
            await pilot.press("f2")
            await wait_for(pilot, lambda: isinstance(app.screen, CrisisSessionScreen), f"crisis from {phase_id}")
            crisis_ids.add(app.screen.session.id)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen, f"back to {phase_id}")
            assert follow.current_phase == phase_id and screen.focused is before
        assert len(crisis_ids) == 1  # one crisis session for this session, reopened each time
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
        review = app.screen
        assert (await footer_keys_once_shown(pilot, review, "crisis")).get("crisis") == "f2"
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, CrisisSessionScreen), "crisis from the review")
        assert app.screen.session.id in crisis_ids
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.screen is review, "back to the review")
        assert app.active_saver is screen.saver
    assert saved(store, follow.id)["crisis_session_id"] in crisis_ids


async def test_the_crisis_protocol_shows_the_contacts_from_the_settings(locations, catalogue, store):
    from interview_tui.settings.model import Contact, Settings

    settings = Settings(
        emergency_contacts=[Contact(name="Duty team [out of hours]", phone="0100 000 000", notes="Say the code")],
        referral_contacts=[Contact(name="Housing advice")],
    )
    crisis = Session.start("C-5", catalogue.protocol("crisis"))
    store.save(crisis)
    app = build_app(locations, catalogue, store=store, session=crisis, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        shown = text_of(app.screen.query_one("#contacts-immediate-safety", ContactsPanel))
        assert "Emergency: Duty team [out of hours]" in shown and "0100 000 000" in shown and "Say the code" in shown
        assert "Referral: Housing advice" in shown
        await pilot.press("f2")  # already the crisis protocol: nothing new is started
        await pilot.pause()
        assert app.screen.session is crisis and store.path_for(crisis.id).exists()
        assert len(list(store.folder.glob("*.json"))) == 1


async def test_without_contacts_the_panel_says_where_to_add_them(locations, catalogue, store):
    crisis = Session.start("C-5", catalogue.protocol("crisis"))
    store.save(crisis)
    app = build_app(locations, catalogue, store=store, session=crisis)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        assert "No local contacts set" in text_of(app.screen.query_one("#contacts-immediate-safety"))
