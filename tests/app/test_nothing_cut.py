"""Nothing cut where it matters (issue 19): a long checklist item wraps whole, a phone number stays on one line."""

from __future__ import annotations

import pytest
from fixed_app import build_app, fixed_session

from interview_tui.settings.model import Contact, Settings
from interview_tui.ui.widgets.checklist_box import ChecklistBox

PHONE = "+44 20 7946 0123 ext 4567"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_checklist_items_wrap_and_lose_no_word(locations, catalogue, intake, size):
    session = fixed_session(intake)
    app = build_app(locations, catalogue, session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        boxes = list(app.screen.query(ChecklistBox))
        assert boxes
        for box in boxes:
            drawn = " ".join(strip.text for strip in box.render_lines(box.region.reset_offset)).split()
            assert drawn[0] == "▐X▌" and drawn[1:] == str(box.label).split()  # every word, none cut
            assert box.region.width <= box.parent.content_region.width


async def test_the_crisis_phone_number_is_on_one_line(locations, catalogue):
    crisis = catalogue.protocol("crisis")
    contact = Contact(name="Out-of-hours duty team for the north of the county", phone=PHONE, notes="Evenings.")
    app = build_app(locations, catalogue, session=fixed_session(crisis), settings=Settings(emergency_contacts=[contact]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        phone = app.screen.query_one(".panel-phone")
        [line] = [strip.text for strip in phone.render_lines(phone.region.reset_offset)]
        assert PHONE in line


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_choice_labels_wrap_and_lose_no_word(locations, catalogue, intake, size):
    """Seen in tmux at 120x40 with the phase list shown: "Required: by a court, an agency or another a"; the
    choice list took its widest label's width and was cut at the column's edge."""
    from interview_tui.ui.widgets.pick_one import PickOne

    session = fixed_session(intake)
    app = build_app(locations, catalogue, session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for phase in intake.phases:
            await app.screen.go_to_phase(phase.id)
            await pilot.pause()
            for pick in app.screen.query(PickOne):
                if not pick.display or pick.region.height == 0:
                    continue
                assert pick.outer_size.width <= pick.parent.content_region.width, f"{pick.id} is wider than its column"
                drawn = " ".join(strip.text for strip in pick.render_lines(pick.region.reset_offset)).split()
                for index in range(pick.option_count):
                    label = str(pick.get_option_at_index(index).prompt).split()
                    assert " ".join(label) in " ".join(drawn), f"{pick.id}: {' '.join(label)!r} is cut"
