"""The search screen: / on the home screen, results as you type, enter opens the session, escape goes back."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone

import pytest
from fixed_app import build_app, footer_keys_once_shown, wait_for
from textual.content import Content
from textual.widgets import Input, OptionList

from interview_tui.core.session import Session
from interview_tui.settings.model import Settings
from interview_tui.ui.screens import search as search_screen
from interview_tui.ui.screens.home import HomeScreen
from interview_tui.ui.screens.search import MATCH_STYLE, SearchScreen
from interview_tui.ui.screens.session import SessionScreen

AT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
SIZE = (120, 40)


@pytest.fixture
def sessions(store, intake) -> list[Session]:
    """Three clients; two notes mention the allotment (one with square brackets), the oldest does not."""
    phase = intake.phases[2]
    made = []
    for n, note in enumerate(["Nothing of note.", "Talks about the Allotment and her [supports].", "The allotment again."]):
        session = Session.start(f"C-{n}", intake, at=AT + timedelta(days=n))
        session.set_note(phase.id, phase.prompts[0].id, note)
        store.save(session)
        made.append(session)
    return made


async def open_search(pilot) -> SearchScreen:
    await pilot.pause()
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    assert screen.query_one("#search-input", Input).has_focus
    return screen


async def type_and_wait(pilot, screen: SearchScreen, text: str) -> None:
    before = screen.searches
    await pilot.press(*text)
    await wait_for(pilot, lambda: screen.searches > before and not screen.workers, "the search to finish")
    await pilot.pause()


def shown(screen: SearchScreen) -> list[Content]:
    results = screen.query_one("#search-results", OptionList)
    return [results.get_option_at_index(i).prompt for i in range(results.option_count)]


async def test_type_see_results_and_open_the_right_session(locations, catalogue, store, sessions):
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        await type_and_wait(pilot, screen, "ALLOT")
        assert [h.session_id for h in screen.hits] == [sessions[2].id, sessions[1].id]
        entries = shown(screen)
        assert len(entries) == 2
        second = entries[1]
        assert "C-1" in second.plain and "Talks about the Allotment and her [supports]." in second.plain  # no markup
        marked = [second.plain[s.start : s.end] for s in second.spans if s.style == MATCH_STYLE]
        assert marked == ["Allot"]
        assert "2 note(s) match" in str(screen.query_one("#search-status").render())
        await pilot.press("down", "down", "enter")  # to the results, to the second one, open it
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.id == sessions[1].id
        await pilot.press("ctrl+o")  # close the session: back to the results
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    on_disk = json.loads(store.path_for(sessions[1].id).read_bytes())
    assert on_disk["phases"][sessions[1].protocol.phases[2].id]["notes"] == sessions[1].phases[
        sessions[1].protocol.phases[2].id].notes  # opened and closed: the notes are as they were


async def test_enter_right_after_typing_opens_the_newest_hit(locations, catalogue, store, sessions):
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        await pilot.press(*"supports", "enter")  # before the typing pause has passed
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen), "the session to open")
        assert app.screen.session.id == sessions[1].id
        assert screen.query_one("#search-input", Input).value == "supports"


async def test_results_follow_the_typing_and_no_match_says_so(locations, catalogue, store, sessions):
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        await type_and_wait(pilot, screen, "the")
        assert len(screen.hits) == 2
        await type_and_wait(pilot, screen, " allotment again")
        assert [h.session_id for h in screen.hits] == [sessions[2].id]
        await type_and_wait(pilot, screen, "zz")
        assert screen.hits == [] and shown(screen) == []
        assert "No note matches" in str(screen.query_one("#search-status").render())
        await pilot.press("enter")  # nothing to open
        await pilot.pause()
        assert app.screen is screen


async def test_typing_is_never_held_up_by_a_slow_search(locations, catalogue, store, sessions, monkeypatch):
    release = threading.Event()
    started = threading.Event()
    real = search_screen.search_notes

    def slow(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(search_screen, "search_notes", slow)
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        await pilot.press(*"allot")
        await wait_for(pilot, started.is_set, "the search to start")
        await pilot.press(*"ment again")  # typed while the first search is still running
        field = screen.query_one("#search-input", Input)
        assert field.value == "allotment again"
        assert screen.hits == []
        release.set()
        await wait_for(pilot, lambda: [h.session_id for h in screen.hits] == [sessions[2].id], "the newest search")


async def test_the_search_key_is_in_the_footer_and_can_be_remapped(locations, catalogue, store, sessions):
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert (await footer_keys_once_shown(pilot, app.screen, "search_notes"))["search_notes"] == "/"
    app = build_app(locations, catalogue, store=store, settings=Settings(keymap={"search_notes": "ctrl+f"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert (await footer_keys_once_shown(pilot, app.screen, "search_notes"))["search_notes"] == "^f"
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_closing_the_screen_and_the_app_while_a_search_runs_hangs_nothing(
    locations, catalogue, store, sessions, monkeypatch
):
    """The worker hands its results over without waiting for the UI thread: the screen and then the app close
    while it is still searching, it finishes afterwards, and nothing waits on anything."""
    started, release = threading.Event(), threading.Event()
    real = search_screen.search_notes

    def slow_search(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    done = threading.Event()
    monkeypatch.setattr(search_screen, "search_notes", slow_search)
    monkeypatch.setattr(search_screen, "update_index", lambda store: done.set())
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        await pilot.press(*"allot")
        await wait_for(pilot, started.is_set, "the search to start")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not screen.is_attached
        threading.Timer(0.3, release.set).start()
    assert not release.is_set()  # the app closed without waiting for the search
    assert done.wait(10), "the search finished after all"
    assert screen.searches == 0  # its results never reached the closed screen


@pytest.mark.parametrize("word", ["allotment", "kestrel"])
async def test_a_hit_opens_its_session_at_the_note_that_matched(locations, catalogue, store, intake, word):
    """Not at the phase the session was left in: at the matching note's phase, the cursor in that note."""
    session = Session.start("C-7", intake, at=AT)
    later = intake.phases[3]
    text_prompt = next(q for q in later.prompts if q.type == "text")
    session.set_note(later.id, text_prompt.id, "She keeps the allotment going.")
    session.set_other_notes(intake.phases[2].id, "Other: the kestrel nest.")
    session.current_phase = intake.phases[0].id
    store.save(session)
    phase, field = {
        "allotment": (later.id, f"note-{later.id}-{text_prompt.id}"),
        "kestrel": (intake.phases[2].id, f"note-{intake.phases[2].id}-other"),
    }[word]
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        await type_and_wait(pilot, screen, word)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.focused is not None,
                       "the session to open")
        assert app.screen.session.current_phase == phase
        assert app.screen.focused.id == field
