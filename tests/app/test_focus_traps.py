"""Focus traps: a printable key typed anywhere in a session goes into a field that holds text, or is refused
with a bell and a notice saying where typing can go. Never dropped without a sign (issue 14, item 2).

Each sequence from the issue types after it and checks the saved file.
"""

from __future__ import annotations

from capture_keys import every_field_app, saved

from interview_tui.ui.screens.item_form import ItemForm
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.list_field import EntryInput, EntryList
from interview_tui.ui.widgets.note_field import NoteField
from interview_tui.ui.widgets.phase_list import PhaseList
from interview_tui.ui.widgets.item_editor import ItemList


class Signs:
    """What the app showed: bells rung and notices posted."""

    def __init__(self, app) -> None:
        self.bells = 0
        self.notices: list[str] = []
        original = app.notify

        def bell() -> None:
            self.bells += 1

        def notify(message, *args, **kwargs):
            self.notices.append(str(message))
            return original(message, *args, **kwargs)

        app.bell = bell
        app.notify = notify


async def go_to(pilot, screen: SessionScreen, phase_id: str) -> None:
    await screen.show_phase(phase_id)
    await pilot.pause()


async def test_tab_after_adding_a_list_entry_goes_on_to_the_next_field(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.set_focus(screen.query_one("#note-fields-supports EntryInput"))
        await pilot.press(*"Sister", "enter", "tab")
        assert not isinstance(screen.focused, EntryList)
        await pilot.press(*"Sleeps badly", "ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)["phases"]["fields"]
    assert data["answers"]["supports"] == ["Sister"]
    assert data["other_notes"] == "Sleeps badly"


async def test_typing_among_the_list_entries_starts_a_new_entry(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.set_focus(screen.query_one("#note-fields-supports EntryInput"))
        await pilot.press(*"Sister", "enter", "down")
        assert isinstance(screen.focused, EntryList)
        await pilot.press(*"Gym", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(screen.focused, EntryInput)
    assert saved(store, session.id)["phases"]["fields"]["answers"]["supports"] == ["Sister", "Gym"]


async def test_tab_after_saving_a_goal_goes_to_a_field_that_takes_typing(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await go_to(pilot, screen, "goals")
        assert isinstance(screen.focused, ItemList)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press(*"Find a flat", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("tab", *"She smiled", "ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)
    assert [g["what"] for g in data["goals"]] == ["Find a flat"]
    assert data["phases"]["goals"]["other_notes"] == "She smiled"


async def test_tab_after_saving_a_plan_item_goes_to_a_field_that_takes_typing(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await go_to(pilot, screen, "plan")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Call the office", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("tab", *"Agreed", "ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)
    assert [p["action"] for p in data["plan_items"]] == ["Call the office"]
    assert data["phases"]["plan"]["other_notes"] == "Agreed"


async def test_hiding_and_showing_the_phase_list_on_a_wide_screen_keeps_typing_in_the_field(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen.focused, NoteField)
        await pilot.press("ctrl+t", "ctrl+t")
        await pilot.pause()
        assert screen.query_one(PhaseList).display
        await pilot.press(*"Lost job", "ctrl+s")
        await pilot.pause()
    assert saved(store, session.id)["phases"]["fields"]["notes"] == {"story": "Lost job"}


async def test_typing_where_no_text_goes_rings_the_bell_and_says_where_typing_goes(locations, store):
    app, session = every_field_app(locations, store)
    signs = Signs(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.set_focus(screen.query_one(PhaseList))
        await pilot.press(*"Lost job")
        await pilot.pause()
        assert signs.bells >= 1
        assert len(signs.notices) == 1, "one notice for a burst, not one per key"
        assert "tab" in signs.notices[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = saved(store, session.id)["phases"]["fields"]
    assert data["notes"] == {} and data["other_notes"] == ""


async def test_keys_the_focused_widget_uses_are_not_refused(locations, store):
    """A checklist box's space, a goal list's "a": bindings, not lost typing."""
    app, session = every_field_app(locations, store)
    signs = Signs(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await go_to(pilot, screen, "goals")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        await pilot.press("escape")
        await pilot.pause()
    assert signs.bells == 0 and signs.notices == []


async def test_typing_on_the_form_buttons_is_refused_visibly(locations, store):
    app, session = every_field_app(locations, store)
    signs = Signs(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, app.screen, "goals")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        form.set_focus(form.query_one("#item-form-cancel"))
        await pilot.press(*"words")
        await pilot.pause()
        assert signs.bells >= 1 and len(signs.notices) == 1


async def test_enter_in_the_goal_form_moves_to_the_next_field_and_ctrl_s_saves(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, app.screen, "goals")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        await pilot.press(*"Keep the flat", "enter", *"Rent paid", "enter", *"+30", "enter")
        await pilot.pause()
        assert app.screen is form, "enter does not save the form"
        assert form.focused.id == "form-why_it_matters"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        await pilot.press("ctrl+s")  # (the session screen's save: the goal is on disk now)
        await pilot.pause()
    [goal] = saved(store, session.id)["goals"]
    assert (goal["what"], goal["measure"]) == ("Keep the flat", "Rent paid") and goal["by_when"]


async def test_enter_in_the_plan_form_moves_to_the_next_field(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, app.screen, "plan")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Call the office", "enter")
        await pilot.pause()
        assert app.screen is form and form.focused.id == "form-who"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [p["action"] for p in saved(store, session.id)["plan_items"]] == ["Call the office"]


async def test_at_80x24_the_guidance_folds_so_the_first_note_field_is_on_screen_whole(locations, catalogue, store):
    """Issue 14, item 10: the guidance pushed the first note field to the bottom edge; folded to one line there,
    f3 unfolds it (and folds it again), the cursor staying in the note."""
    from fixed_app import build_app, fixed_session
    from interview_tui.ui.widgets.note_field import NoteField

    session = fixed_session(catalogue.protocol("intake"))
    store.save(session)
    app = build_app(locations, catalogue, session=session, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        note = screen.query(NoteField).first()
        folded, full = screen.query_one(".guidance-folded"), screen.query_one(".guidance-inline")
        assert folded.display and not full.display
        assert note.region.y + note.region.height <= 23  # above the footer, borders and all
        assert app.focused is note
        await pilot.press("f3")
        await pilot.pause()
        assert full.display and not folded.display and app.focused is note
        await pilot.press("f3")
        await pilot.pause()
        assert folded.display and not full.display


async def test_at_80x24_the_session_bar_keeps_the_phase_and_says_finished(locations, catalogue, store):
    """Issue 14, item 10: the narrow bar hid the protocol and with it the "finished" status."""
    from fixed_app import build_app, fixed_session
    from textual.widgets import Static

    session = fixed_session(catalogue.protocol("intake"))
    session.finish()
    store.save(session)
    app = build_app(locations, catalogue, session=session, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen
        assert bar.query_one("#bar-finished", Static).display
        assert "Preparation" in str(bar.query_one("#bar-phase", Static).render())
    app = build_app(locations, catalogue, session=session, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#bar-finished", Static).display  # (said beside the protocol there)
        assert "finished" in str(app.screen.query_one("#bar-protocol", Static).render())
