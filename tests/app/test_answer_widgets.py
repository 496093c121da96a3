"""Pilot tests: every field type filled with the keyboard only, checked in the saved file on disk."""

from __future__ import annotations

from capture_keys import every_field_app, saved

from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.date_field import resolve_date_entry
from interview_tui.ui.widgets.list_field import EntryInput, EntryList
from interview_tui.ui.widgets.multi_field import MultiField
from interview_tui.ui.widgets.note_field import NoteField
from interview_tui.ui.widgets.pick_one import PickOne
from interview_tui.ui.widgets.prompt_block import PromptBlock
from interview_tui.ui.widgets.scale_field import ScaleField
from interview_tui.ui.widgets.short_field import ShortField


def block(screen, prompt_id: str) -> PromptBlock:
    return next(b for b in screen.query(PromptBlock) if b.prompt_id == prompt_id)


def problem(screen, prompt_id: str) -> str:
    label = block(screen, prompt_id).query_one(".field-problem")
    return str(label.render()) if label.display else ""


async def test_every_field_type_filled_with_the_keyboard_is_saved(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert isinstance(screen.focused, NoteField)
        await pilot.press(*"Lost job [May]", "tab")
        assert isinstance(screen.focused, ShortField)
        await pilot.press(*"Sam", "enter")  # enter moves on from a one-line answer
        assert isinstance(screen.focused, PickOne)
        await pilot.press("w")  # the first letter picks "Worried [a lot]"
        await pilot.pause()
        await pilot.press("tab", *"rent", "tab")  # the show_if prompt appeared right after
        assert isinstance(screen.focused, MultiField)
        await pilot.press("space", "down", "down", "space", "tab")
        assert isinstance(screen.focused, ScaleField)
        await pilot.press("7", "right", "tab")
        await pilot.press(*"2026-03-01", "enter")
        assert isinstance(screen.focused, PickOne)
        await pilot.press("y", "tab")
        assert isinstance(screen.focused, EntryInput)
        await pilot.press(*"Sister", "enter", *"Neighbour", "enter", *"Gym [Tue]", "enter", "down")
        assert isinstance(screen.focused, EntryList)  # (tab would go on to the next field)
        await pilot.press("up", "backspace")  # removes "Neighbour" (the highlight was on the last entry)
        await pilot.press("up", "enter")  # edit "Sister": it comes back into the line
        assert isinstance(screen.focused, EntryInput)
        await pilot.press(*" Jo", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)["phases"]["fields"]
    assert data["notes"] == {"story": "Lost job [May]"}
    assert data["answers"] == {
        "name": "Sam",
        "mood": "worried",
        "worry-detail": "rent",
        "help": ["food", "money"],
        "distress": 8,
        "seen": "2026-03-01",
        "consent": True,
        "supports": ["Sister Jo", "Gym [Tue]"],
    }


async def test_an_invalid_date_shows_the_core_message_and_saves_nothing(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.set_focus(screen.query_one("#note-fields-seen"))
        await pilot.press(*"2026-02-30", "enter")
        await pilot.pause()
        assert problem(screen, "seen") == "⚠ date answer must be a real date written yyyy-mm-dd, e.g. 2026-03-21"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "seen" not in saved(store, session.id)["phases"].get("fields", {}).get("answers", {})
        await pilot.press("shift+tab", *["backspace"] * 10, *"today", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert problem(screen, "seen") == ""
        assert screen.query_one("#note-fields-seen").value == resolve_date_entry("today")
    assert saved(store, session.id)["phases"]["fields"]["answers"]["seen"] == resolve_date_entry("today")


def test_date_shortcuts():
    from datetime import date

    today = date(2026, 3, 2)
    assert resolve_date_entry("today", today) == "2026-03-02"
    assert resolve_date_entry(" +7 ", today) == "2026-03-09"
    assert resolve_date_entry("-2", today) == "2026-02-28"
    assert resolve_date_entry("2026-13-01", today) == "2026-13-01"  # left to the core to refuse


async def test_show_if_shows_and_hides_prompts_and_phases_live_keeping_focus_and_text(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        phase_ids = lambda: [screen.query_one("#phase-list").get_option_at_index(i).id  # noqa: E731
                             for i in range(screen.query_one("#phase-list").option_count)]
        assert not block(screen, "worry-detail").display
        assert "sharing" not in phase_ids()
        screen.set_focus(screen.query_one("#note-fields-mood"))
        await pilot.press("w")
        await pilot.pause()
        assert block(screen, "worry-detail").display
        await pilot.press("tab", *"rent")
        await pilot.press("shift+tab", "c")  # calm: the follow-up hides, what was typed is kept
        await pilot.pause()
        assert not block(screen, "worry-detail").display
        assert isinstance(screen.focused, PickOne)
        assert session.answer("fields", "worry-detail") == "rent"
        screen.set_focus(screen.query_one("#note-fields-consent"))
        await pilot.press("y")
        await pilot.pause()
        assert "sharing" in phase_ids()
        await pilot.press("n")
        await pilot.pause()
        assert "sharing" not in phase_ids()
        await pilot.press("ctrl+n")  # the hidden phase is skipped
        await pilot.pause()
        assert session.current_phase == "screen"
    data = saved(store, session.id)
    assert data["phases"]["fields"]["answers"]["consent"] is False


async def test_required_prompts_and_optional_phases_are_marked_in_words(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert str(block(screen, "name").query_one(".prompt-text").render()).endswith("· required")
        assert "required" not in str(block(screen, "mood").query_one(".prompt-text").render())
        listing = screen.query_one("#phase-list")
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert labels[1].endswith("Screen (optional)") and not labels[0].endswith("(optional)")


async def _type_date(locations, store, order: str, typed: str):
    from datetime import date

    from interview_tui.settings.model import Settings

    app, session = every_field_app(locations, store)
    app.settings = Settings(date_order=order)
    app.casework_today = lambda: date(2026, 3, 2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        field = screen.query_one("#note-fields-seen")
        screen.set_focus(field)
        await pilot.press(*typed, "enter")
        await pilot.pause()
        shown = (field.value, str(field.border_subtitle), problem(screen, "seen"), field.placeholder)
        await pilot.press("ctrl+s")
        await pilot.pause()
    return shown, saved(store, session.id)["phases"].get("fields", {}).get("answers", {})


async def test_a_date_in_day_month_year_is_stored_iso_with_its_weekday_shown(locations, store):
    (value, beside, shown_problem, hint), answers = await _type_date(locations, store, "day-month-year", "21/03/2026")
    assert value == "2026-03-21" and beside == "Sat 21/03/2026" and shown_problem == ""
    assert hint.startswith("dd/mm/yyyy")
    assert answers["seen"] == "2026-03-21"


async def test_a_date_in_month_day_year_is_stored_iso_with_its_weekday_shown(locations, store):
    (value, beside, _, hint), answers = await _type_date(locations, store, "month-day-year", "03/21/2026")
    assert value == "2026-03-21" and beside == "Sat 03/21/2026" and hint.startswith("mm/dd/yyyy")
    assert answers["seen"] == "2026-03-21"


async def test_iso_order_takes_plus_days_and_shows_the_weekday(locations, store):
    (value, beside, _, _), answers = await _type_date(locations, store, "iso", "+5")
    assert value == "2026-03-07" and beside == "Sat 2026-03-07"
    assert answers["seen"] == "2026-03-07"


async def test_an_ambiguous_date_is_refused_and_the_reason_stays_until_corrected(locations, store):
    from datetime import date

    from interview_tui.settings.model import Settings

    app, session = every_field_app(locations, store)
    app.settings = Settings(date_order="iso")
    app.casework_today = lambda: date(2026, 3, 2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        field = screen.query_one("#note-fields-seen")
        screen.set_focus(field)
        await pilot.press(*"03/04/2026", "enter")
        await pilot.pause()
        assert "ambiguous" in str(field.border_subtitle)
        screen.set_focus(field)
        await pilot.press("end", "backspace")  # still not a date: the reason stays
        await pilot.pause()
        assert "ambiguous" in str(field.border_subtitle)
        await pilot.press(*["backspace"] * 9, *"2026-04-03")
        await pilot.pause()
        assert str(field.border_subtitle) == "Fri 2026-04-03"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved(store, session.id)["phases"]["fields"]["answers"]["seen"] == "2026-04-03"
