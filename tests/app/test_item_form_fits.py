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
