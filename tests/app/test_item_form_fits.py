"""The goal and plan-item forms at 80x24: the form's title (with its keys) stays on screen and so does the field being typed into.

Seen in tmux: at 80x24 the goal form opened scrolled to its buttons, its title and first field ("What") off screen.
"""

from __future__ import annotations

import pytest
from fixed_app import build_app, fixed_session

from interview_tui.ui.screens.item_form import ItemForm
from interview_tui.ui.widgets.item_editor import ItemList


def inside(widget, screen) -> bool:
    region = widget.region
    return region.width > 0 and region.height > 0 and screen.region.contains_region(region)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("phase_id", ["goal-setting", "planning"])
async def test_the_item_form_keeps_its_title_and_the_typed_field_on_screen(locations, catalogue, intake, phase_id, size):
    app = build_app(locations, catalogue, session=fixed_session(intake))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.screen.go_to_phase(phase_id)
        await pilot.pause()
        app.screen.query_one(ItemList).focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        title = form.query_one(".section-title")
        for step in range(len(form.fields) + 2):  # every field, then Save and Cancel
            await pilot.pause()
            focused = form.focused
            assert focused is not None
            assert inside(focused, form), f"{focused.id} is off screen ({step} tabs)"
            assert inside(title, form), f"the title is off screen with focus in {focused.id}"
            await pilot.press("tab")


LONG_GOAL = ("To get back to work part time by the spring, without losing the carer's allowance, "
             "and to have one afternoon a week that is only for herself")


async def test_a_long_goal_wraps_and_grows_in_the_form_and_enter_still_moves_on(locations, catalogue, intake, store):
    """Issue 19: an Input scrolled sideways, so a long goal showed only its last forty characters at 80 columns."""
    from textual.events import Paste

    from interview_tui.ui.widgets.line_area import LineArea

    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, session=session, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.screen.go_to_phase("goal-setting")
        await pilot.pause()
        app.screen.query_one(ItemList).focus()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        what = form.query_one("#form-what", LineArea)
        assert form.focused is what
        await pilot.press(*LONG_GOAL)
        await pilot.pause()
        assert what.value == LONG_GOAL
        assert what.size.height >= 2, "the field grew to show the whole goal"
        assert what.size.height * what.size.width >= len(LONG_GOAL), "every character of the goal is in view"
        assert inside(what, form)
        await pilot.press("enter")
        await pilot.pause()
        assert form.focused.id == "form-measure", "enter moves to the next field, it never breaks the line"
        form.focused.post_message(Paste("Rent paid\nthree months"))
        await pilot.pause()
        assert form.query_one("#form-measure", LineArea).value == "Rent paid three months"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        goal = session.goals[-1]
        assert (goal.what, goal.measure) == (LONG_GOAL, "Rent paid three months")
