"""From the home screen to a conflict copy set beside its original, and resolved (issue 18): the key shows while
there are copies, the comparison marks what differs and fits 80x24 and 120x40, every outcome asks first, and keeping
both leaves two sessions on disk, the copy in the trash and no Sync line on the home screen."""

from __future__ import annotations

import pytest
from fixed_app import build_app, footer_keys_once_shown, wait_for
from textual.widgets import Button, Static
from textual.widgets._footer import FooterKey

from interview_tui.core.session import Session
from interview_tui.store.conflict_copies import conflict_copies
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import trashed
from interview_tui.ui.screens.confirm import ConfirmDialog
from interview_tui.ui.screens.conflict_compare import ConflictCompareScreen
from interview_tui.ui.screens.conflicts import ConflictsScreen
from interview_tui.ui.screens.home import HomeScreen

PHASE, PROMPT = "preparation", "record-review"
SYNCTHING = ".sync-conflict-20261208-093000-ABCDEF7.json"


def with_copy(store: SessionStore, intake) -> Session:
    session = Session.start("CL-3", intake)
    session.set_note(PHASE, PROMPT, "typed on the laptop")
    store.save(session)
    path = store.path_for(session.id)
    path.with_name(session.id + SYNCTHING).write_bytes(path.read_bytes())
    session = store.load(session.id)
    session.set_note(PHASE, PROMPT, "typed here")
    store.save(session)
    return session


def problems(app) -> str:
    return str(app.screen.query_one("#home-problems", Static).render())


def inside(widget, screen) -> bool:
    region = widget.region
    return region.width > 0 and region.height > 0 and screen.region.contains_region(region)


async def test_keep_both_from_the_home_screen(locations, catalogue, store, intake):
    session = with_copy(store, intake)
    original = store.path_for(session.id).read_bytes()
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and "Sync:" in problems(app), "the Sync line")
        assert "y sets each copy beside its original" in problems(app)
        keys = await footer_keys_once_shown(pilot, app.screen, "conflict_copies")
        assert keys["conflict_copies"] == "y"
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "the list of conflict copies")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictCompareScreen), "the comparison")
        screen = app.screen
        differs = [str(w.render()) for w in screen.query(".compare-cell.-differs")]
        assert differs == ["typed here", "typed on the laptop"]
        marked = [str(w.render()) for w in screen.query(".compare-label.-differs")]
        assert len(marked) == 1 and marked[0].startswith("≠ ")
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.press("escape")  # cancelled: nothing moves
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictCompareScreen), "back to the comparison")
        assert len(conflict_copies(store.folder)) == 1 and trashed(store) == []
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "back to the list")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await wait_for(pilot, lambda: "Sync:" not in problems(app), "the Sync line gone")
        keys = await footer_keys_once_shown(pilot, app.screen, "new_session")
        assert "conflict_copies" not in keys
        await pilot.press("ctrl+q")
    fresh = SessionStore(store.folder)
    summaries, unreadable = fresh.summaries()
    assert unreadable == [] and len(summaries) == 2 and {s.client for s in summaries} == {"CL-3"}
    assert store.path_for(session.id).read_bytes() == original
    [new] = [s for s in summaries if s.id != session.id]
    assert fresh.load(new.id).note(PHASE, PROMPT) == "typed on the laptop"
    assert conflict_copies(store.folder) == [] and len(trashed(store)) == 1


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_comparison_fits_with_its_keys_and_buttons(locations, catalogue, store, intake, size):
    with_copy(store, intake)
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and "Sync:" in problems(app), "the Sync line")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "the list of conflict copies")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictCompareScreen), "the comparison")
        screen = app.screen
        await footer_keys_once_shown(pilot, screen, "next_difference")
        shown = {key.key_display for key in screen.query(FooterKey) if key.display and inside(key, screen)}
        assert {"o", "k", "b", "n"} <= shown, shown  # (escape, if it gives way, is in help)
        for button in screen.query(Button):
            assert inside(button, screen), f"{button.id} is cut off at {size}"
        for cell in screen.query(".compare-cell"):
            assert cell.region.width == 0 or cell.region.right <= size[0]
        await pilot.press("f1")  # help lists every key of the screen, those the footer has no room for too
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "help")
        listed = " ".join(str(w.render()) for w in app.screen.query(".help-key Static"))
        for words in ("Keep original", "Keep copy", "Keep both", "Next diff", "Back"):
            assert words in listed, words
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictCompareScreen), "back from help")
        await pilot.press("n")  # to the one difference, then escape: nothing changed
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "back to the list")
        assert len(conflict_copies(store.folder)) == 1
        await pilot.press("ctrl+q")


async def test_a_copy_that_cannot_be_read_is_named_and_nothing_changes(locations, catalogue, store, intake):
    session = with_copy(store, intake)
    copy = store.path_for(session.id).with_name(session.id + SYNCTHING)
    copy.write_bytes(b"not json")
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and "Sync:" in problems(app), "the Sync line")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "the list of conflict copies")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(copy.name in str(n.message) for n in app._notifications), "the message")
        assert isinstance(app.screen, ConflictsScreen)
        await pilot.press("ctrl+q")
    assert copy.read_bytes() == b"not json" and trashed(store) == []


async def test_a_client_records_copy_is_merged_into_the_record(locations, catalogue, store):
    from interview_tui.casework.clients import ClientBook

    book = ClientBook(store)
    record = book.ensure("AB-12")
    record.notes = "from the laptop"
    book.save(record)
    path = store.folder / "clients" / "AB-12.json"
    copy = path.with_name("AB-12 (conflicted copy 2026-12-08 093000).json")
    copy.write_bytes(path.read_bytes())
    record = ClientBook(store).load("AB-12")
    record.close_case("moved away")
    ClientBook(store).save(record)
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and "Sync:" in problems(app), "the Sync line")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "the list of conflict copies")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictCompareScreen), "the comparison")
        assert str(app.screen.query_one("#compare-keep-both", Button).label) == "Merge both (b)"
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the confirmation")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "back to the list")
        await pilot.press("ctrl+q")
    merged = ClientBook(store).load("AB-12")
    assert merged.notes == "from the laptop" and merged.is_closed
    assert not copy.exists() and len(trashed(store)) == 1


async def test_a_remapped_key_is_the_one_the_sync_line_names(locations, catalogue, store, intake):
    from interview_tui.settings.model import Settings

    with_copy(store, intake)
    app = build_app(locations, catalogue, store=store, settings=Settings(keymap={"conflict_copies": "f6"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and "Sync:" in problems(app), "the Sync line")
        assert "f6 sets each copy beside its original" in problems(app)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen), "the list of conflict copies")
        await pilot.press("ctrl+q")
