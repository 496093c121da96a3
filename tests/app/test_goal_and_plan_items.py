"""Pilot tests: the instrument grid, goals and plan items with the keyboard, amendments after finishing,
and fast key bursts; always checked in the saved file on disk."""

from __future__ import annotations

from datetime import date, timedelta

from capture_keys import burst, every_field_app, saved

from interview_tui.ui.screens.item_form import ItemForm
from interview_tui.ui.widgets.instrument_grid import InstrumentGrid
from interview_tui.ui.widgets.item_editor import ItemList


async def go_to(pilot, phase_id: str) -> None:
    await pilot.app.screen.show_phase(phase_id)
    await pilot.pause()


def text_of(widget) -> str:
    return str(widget.render())


async def test_instrument_grid_scores_live_raises_the_alert_and_saves(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "screen")
        screen = app.screen
        grid = screen.query_one(InstrumentGrid)
        assert screen.focused is grid
        assert "Over the last week:" in text_of(grid.query_one(".instrument-instructions"))
        assert text_of(grid.query_one(".instrument-source")) == "Source: Made up for tests [free]."
        await pilot.press("1")
        await pilot.pause()
        total = grid.summary.query_one(".instrument-total")  # pinned above the phase, not below the grid
        assert text_of(total).startswith("Mini screen · Total: 1 of 6 · 1 of 3 answered · band shown when every item")
        await pilot.press("0", "right", "right", "right")  # q2: 0; then on q3 the arrows pick 0, 1, 2
        await pilot.pause()
        assert text_of(total) == "Mini screen · Total: 3 of 6 · 3 of 3 answered · High"
        alerts = grid.summary.query_one(".instrument-alerts")
        assert alerts.display
        assert text_of(alerts) == "⚠ ALERT: Thoughts of harm: follow your agency's safety protocol now."
        await pilot.press("up", "left")  # q2 back... stays at 0 (lowest)
        await pilot.press("down", "backspace")  # clears q3: the alert goes
        await pilot.pause()
        assert not alerts.display
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)["phases"]["screen"]
    assert data["instrument"] == {"q1": 1, "q2": 0, "q3": 2}
    assert data["instrument_score"]["total"] == 3 and data["instrument_score"]["band"] == "High"
    assert data["instrument_score"]["alerts"] == ["Thoughts of harm: follow your agency's safety protocol now."]


async def test_a_digit_the_instrument_does_not_offer_rings_the_bell_and_answers_nothing(locations, store, monkeypatch):
    """(Found by mypy: the grid called a ``bell`` that widgets do not have, and the app crashed.)"""
    app, session = every_field_app(locations, store)
    rang: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "screen")
        grid = app.screen.query_one(InstrumentGrid)
        monkeypatch.setattr(app, "bell", lambda: rang.append(True))
        await pilot.press("7")  # the options are 0-2
        await pilot.pause()
        assert rang == [True]
        assert [row.points for row in grid.rows] == [None, None, None]
        await pilot.press("1", "ctrl+s")  # the grid still takes answers
        await pilot.pause()
        assert app.is_running
    assert saved(store, session.id)["phases"]["screen"]["instrument"] == {"q1": 1}


async def test_goals_added_edited_and_removed_with_the_keyboard(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "goals")
        screen = app.screen
        assert isinstance(screen.focused, ItemList)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press(*"Keep the flat [Elm St]", "ctrl+s")  # a goal in a few keys
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        goals = saved(store, session.id)["goals"]
        assert [(g["id"], g["what"], g["status"]) for g in goals] == [("goal-1", "Keep the flat [Elm St]", "open")]
        await pilot.press("enter")  # edit it
        await pilot.pause()
        await pilot.press("tab", *"Rent paid 3 months", "tab", *"2027-03-01", "tab", *"School nearby")
        await pilot.press("tab", *"I'm not moving him again", "ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", "tab", *"2027-02-30", "ctrl+s")  # no 'what', bad date: the form stays, with the message
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        assert text_of(form.query_one("#item-form-problem")).startswith("⚠ a goal needs its 'what'")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        goal = saved(store, session.id)["goals"][0]
        assert goal["measure"] == "Rent paid 3 months" and goal["by_when"] == "2027-03-01"
        assert goal["why_it_matters"] == "School nearby" and goal["client_words"] == "I'm not moving him again"
        assert len(saved(store, session.id)["goals"]) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # the question focuses Cancel: nothing removed
        await pilot.pause()
        assert len(session.goals) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved(store, session.id)["goals"] == []


async def test_plan_item_with_who_goal_and_due_date(locations, store):
    app, session = every_field_app(locations, store)
    session.add_goal(what="Keep the flat")
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "plan")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Call the landlord", "tab", "enter", "down", "down", "enter")  # who: other agency
        await pilot.press("tab", *"Citizens Advice, Jo 0123", "tab", "enter", "down", "enter")  # goal-1
        await pilot.press("tab", *"+7", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        items = saved(store, session.id)["plan_items"]
        assert items == [{
            "id": "plan-1", "action": "Call the landlord", "who": "other_agency",
            "agency_contact": "Citizens Advice, Jo 0123", "goal_id": "goal-1",
            "due": (date.today() + timedelta(days=7)).isoformat(), "status": "not_started",
        }]
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(6):
            await pilot.press("tab")
        await pilot.press("enter", "down", "down", "enter", "ctrl+s")  # status: done
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved(store, session.id)["plan_items"][0]["status"] == "done"


async def test_plan_item_done_by_both_with_a_review_date(locations, store):
    """Issue 16, item 19: the form takes "Client and practitioner" and a review date, saved as both and ISO."""
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "plan")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Read the tenancy letter together", "tab", "enter", "down", "down", "down", "enter")
        await pilot.press("tab", "tab", "tab", *"2027-03-05", "tab", *"+14", "ctrl+s")  # due, then review on
        await pilot.pause()
        editor = app.screen.query_one(ItemList)
        line = str(editor.get_option_at_index(0).prompt)
        review = date.today() + timedelta(days=14)
        assert "Client and practitioner" in line and f"review {review.strftime('%a')} {review.isoformat()}" in line
        await pilot.press("ctrl+s")
        await pilot.pause()
    items = saved(store, session.id)["plan_items"]
    assert items == [{
        "id": "plan-1", "action": "Read the tenancy letter together", "who": "both", "agency_contact": "",
        "goal_id": None, "due": "2027-03-05", "review_on": review.isoformat(), "status": "not_started",
    }]


async def test_after_finishing_answers_goals_and_plan_items_are_amended_and_marked(locations, store):
    app, session = every_field_app(locations, store)
    goal = session.add_goal(what="Keep the flat")
    session.finish()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.set_focus(screen.query_one("#note-fields-mood"))
        await pilot.press("a")  # angry
        await pilot.pause()
        mark = screen.query_one("#note-fields-mood").parent.query_one(".field-amended")
        assert mark.display and text_of(mark).startswith("✎ amended")
        await go_to(pilot, "goals")
        await pilot.press("enter", "tab", *"Rent paid", "ctrl+s")
        await pilot.pause()
        line = str(screen.query_one(ItemList).get_option_at_index(0).prompt)
        assert line.endswith("✎ amended")
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)
    kinds = sorted((a["kind"], a.get("prompt_id") or a.get("item_id")) for a in data["amendments"])
    assert kinds == [("answer", "mood"), ("goal", goal.id)]
    assert data["phases"]["fields"]["answers"]["mood"] == "angry"


async def test_a_fast_burst_of_keys_lands_where_the_practitioner_looks(locations, store):
    """Keys delivered all at once (no wait between them) still go field by field."""
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        burst(app, [*"story", "tab", *"Sam", "tab", "w", "tab", *"rent", "tab", "space", "tab", "1", "0", "tab",
                    *"2026-03-01", "tab", "n", "tab", *"Sister", "enter", *"Gym", "tab"])
        await pilot.pause(0.5)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert session.current_phase == "screen"  # "sharing" is hidden: consent is no
        burst(app, ["1", "0", "2", "ctrl+n"])
        await pilot.pause(0.5)
        assert session.current_phase == "goals"
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)["phases"]
    assert data["fields"]["notes"] == {"story": "story"}
    assert data["fields"]["answers"] == {
        "name": "Sam", "mood": "worried", "worry-detail": "rent", "help": ["food"], "distress": 10,
        "seen": "2026-03-01", "consent": False, "supports": ["Sister", "Gym"],
    }
    assert data["screen"]["instrument"] == {"q1": 1, "q2": 0, "q3": 2}


async def test_a_burst_in_the_plan_form_keeps_the_date_typed_just_before_ctrl_s(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "plan")
        burst(app, ["a"])
        await pilot.pause()
        burst(app, [*"Call", "tab", "tab", *"CAB", "tab", "tab", *"+14", "ctrl+s"])
        await pilot.pause(0.8)
        await pilot.press("ctrl+s")
        await pilot.pause()
    item = saved(store, session.id)["plan_items"][0]
    assert (item["action"], item["agency_contact"]) == ("Call", "CAB")
    assert item["due"] == (date.today() + timedelta(days=14)).isoformat()
