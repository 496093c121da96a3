"""``interview-tui new CLIENT``: the opening screen, then the session screen in its place, nothing typed lost.

The opening screen is drawn from the protocol file's TOML before the phase
files are validated; the session is made once they are. These tests hold the
validation back (a gate on the background reading) to type on the opening
screen first, then check that every key ends up where it was typed, in the
session on screen and in the saved file.
"""

from __future__ import annotations

import json
import threading

import pytest
from textual.widgets import Checkbox, Static

from interview_tui.phases.catalogue import LazyCatalogue
from interview_tui.store.paths import Locations, builtin_phases_dir
from interview_tui.phases.outline import pending_start
from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.home import HomeScreen
from interview_tui.ui.screens.opening import OpeningScreen
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.phase_view import NoteField

from fixed_app import wait_for


class GatedCatalogue(LazyCatalogue):
    """Reading on the app's background thread waits for ``gate``; the app's own thread never waits."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()

    def get(self):
        if threading.current_thread() is not threading.main_thread():
            self.gate.wait(10)
        return super().get()


def folders(locations: Locations):
    return [builtin_phases_dir(), locations.user_phases_dir]


def opening_app(locations: Locations, client: str = "C-0142", protocol: str = "intake"):
    LazyCatalogue(folders(locations), check_file=locations.phase_check_file).get()  # an earlier launch checked the files
    check = LazyCatalogue(folders(locations), check_file=locations.phase_check_file).remembered_check()
    assert check is not None
    pending = pending_start(client, protocol, check)
    assert pending is not None
    catalogue = GatedCatalogue(folders(locations), check_file=locations.phase_check_file)
    return make_app(locations=locations, catalogue=catalogue, pending_start=pending), catalogue


def saved_sessions(locations: Locations) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(locations.sessions_dir.glob("*.json")) if p.name[0] != "."]


async def session_screen(pilot) -> SessionScreen:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen), "the session screen")
    await wait_for(pilot, lambda: pilot.app._held_keys is None, "the held keys to be replayed")
    await pilot.pause()
    return pilot.app.screen


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_typed_on_the_opening_screen_is_in_the_session_where_it_was_typed(locations, intake, size):
    app, catalogue = opening_app(locations)
    first = intake.phases[0]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        opening = app.screen
        assert isinstance(opening, OpeningScreen)
        assert opening.session is None
        assert isinstance(opening.focused, NoteField)
        assert (opening.focused.phase_id, opening.focused.prompt_id) == (first.id, first.prompts[0].id)
        assert saved_sessions(locations) == []  # nothing made yet: the phase files are not validated
        await pilot.press(*"Ask about [rent]")
        await pilot.press("tab")
        await pilot.press(*"seco")
        await pilot.press("left", "left")  # the cursor is inside the word when the session takes over
        catalogue.gate.set()
        screen = await session_screen(pilot)
        field = screen.focused
        assert isinstance(field, NoteField) and (field.phase_id, field.prompt_id) == (first.id, first.prompts[1].id)
        await pilot.press(*"XY")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.session.note(first.id, first.prompts[0].id) == "Ask about [rent]"
        assert field.text == "seXYco"
    [data] = saved_sessions(locations)
    notes = data["phases"][first.id]["notes"]
    assert notes[first.prompts[0].id] == "Ask about [rent]"
    assert notes[first.prompts[1].id] == "seXYco"
    assert data["client_code"] == "C-0142" and data["protocol"]["id"] == "intake"


async def test_keys_pressed_while_the_session_screen_is_built_are_replayed_in_order(locations, intake):
    app, catalogue = opening_app(locations)
    first = intake.phases[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"ab")
        catalogue.gate.set()
        assert app.screen.start_session()  # (as when the phase files arrive) the hand-over starts now...
        assert app._held_keys is not None
        await pilot.press(*"cd")  # ...and these keys come while the session screen is being built
        screen = await session_screen(pilot)
        await pilot.press("e")
        assert screen.focused.text == "abcde"
        assert screen.session.note(first.id, first.prompts[0].id) == "abcde"


async def test_a_session_key_pressed_on_the_opening_screen_is_done_on_the_session_screen(locations, intake):
    app, catalogue = opening_app(locations)
    p0, p1 = intake.phases[0], intake.phases[1]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"prep")
        catalogue.gate.set()
        await pilot.press("ctrl+n")  # next phase, before the session exists
        await pilot.press(*"intro")
        screen = await session_screen(pilot)
        assert screen.session.current_phase == p1.id
        assert screen.session.note(p0.id, p0.prompts[0].id) == "prep"
        assert screen.session.note(p1.id, p1.prompts[0].id) == "intro"


async def test_ticked_items_and_other_notes_carry_over(locations, intake):
    app, catalogue = opening_app(locations)
    first = intake.phases[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query(Checkbox)) == len(first.checklist), "the whole phase")
        opening = app.screen
        box = opening.query(Checkbox).first()
        box.focus()
        await pilot.press("space")
        other = opening.query_one(f"#note-{first.id}-other", NoteField)
        other.focus()
        await pilot.press(*"other")
        catalogue.gate.set()
        screen = await session_screen(pilot)
        assert screen.session.phase_notes(first.id).checklist == {first.checklist[0].id: True}
        assert screen.session.phase_notes(first.id).other_notes == "other"
        assert screen.focused.id == f"note-{first.id}-other"


async def test_quitting_before_the_phase_files_are_read_still_saves_what_was_typed(locations, intake):
    app, catalogue = opening_app(locations)
    first = intake.phases[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"keep me")
        await pilot.press("ctrl+q")  # the gate is still shut: the app reads the phase files itself, then saves
        await pilot.pause()
    assert app.return_code == 0
    [data] = saved_sessions(locations)
    assert data["phases"][first.id]["notes"][first.prompts[0].id] == "keep me"


async def test_a_terminating_signal_on_the_opening_screen_saves(locations, intake):
    app, catalogue = opening_app(locations)
    first = intake.phases[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"typed")
        app._on_stop_signal("SIGTERM")  # what SIGTERM runs
        await wait_for(pilot, lambda: app._exit, "the app to close")
    assert app.return_code == 0
    [data] = saved_sessions(locations)
    assert data["phases"][first.id]["notes"][first.prompts[0].id] == "typed"


async def test_closing_the_session_shows_the_home_screen_with_it(locations, intake):
    app, catalogue = opening_app(locations)
    catalogue.gate.set()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await session_screen(pilot)
        session_id = screen.session.id
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await pilot.pause()
        assert [s.id for s in app.screen.summaries] == [session_id]


async def test_the_opening_screen_shows_what_the_session_screen_shows(locations, intake):
    """Same fields (ids), same prompt texts, same bar: the hand-over changes nothing the practitioner sees."""
    app, catalogue = opening_app(locations)
    first = intake.phases[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query(Checkbox)) == len(first.checklist), "the whole phase")
        opening = app.screen
        opening_fields = [f.id for f in opening.query(NoteField)]
        opening_boxes = [b.id for b in opening.query(Checkbox)]
        opening_text = "\n".join(str(s.render()) for s in opening.query(".phase-main Static"))
        catalogue.gate.set()
        screen = await session_screen(pilot)
        view = screen.query_one(f"#phase-{first.id}")
        assert opening_fields == [f.id for f in view.query(NoteField)]
        assert opening_boxes == [b.id for b in view.query(Checkbox)]
        for prompt in first.prompts:
            assert prompt.text in opening_text
            if prompt.hint:
                assert prompt.hint in opening_text
        assert first.purpose in opening_text


def test_the_opening_screen_has_the_session_screens_keys():
    from textual.binding import Binding

    def keys(screen_class):
        return {(b.id, b.key, b.description, b.priority) for b in screen_class.BINDINGS if isinstance(b, Binding)}

    assert keys(OpeningScreen) == keys(SessionScreen)
    from interview_tui.ui.screens import opening, session

    assert opening.NARROW_WIDTH == session.NARROW_WIDTH


async def test_a_protocol_that_fails_after_all_keeps_the_text_and_says_why(locations, intake, monkeypatch):
    """The protocol file changed between the launch and its validation (and is now broken): nothing typed is
    dropped, nothing is saved, and the practitioner is told."""
    app, catalogue = opening_app(locations)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"still here")
        monkeypatch.setattr(catalogue, "folders", [])  # no protocol will be found
        catalogue.gate.set()
        await wait_for(pilot, lambda: app.screen.problem is not None, "the problem to be shown")
        assert isinstance(app.screen, OpeningScreen)
        assert app.screen.focused.text == "still here"
        assert "NOT SAVED" in str(app.screen.query_one("#bar-saved").render())
    assert saved_sessions(locations) == []


def test_session_start_is_as_the_session_model_makes_it(locations, intake):
    """The session made from an opening screen is an ordinary session (same shape as ``Session.start``)."""
    LazyCatalogue(folders(locations), check_file=locations.phase_check_file).get()
    check = LazyCatalogue(folders(locations), check_file=locations.phase_check_file).remembered_check()
    pending = pending_start("C-1", "intake", check)
    outline = pending.outline
    session = Session.start("C-1", intake, at=pending.at)
    assert outline.title == session.protocol.title
    assert [p.id for p in outline.phases] == session.phase_ids
    assert [p.title for p in outline.phases] == [p.title for p in session.protocol.phases]
    for shown, copy in zip(outline.phases, session.protocol.phases):
        assert [(p.id, p.text) for p in shown.prompts] == [(p.id, p.text) for p in copy.prompts]
        assert [(c.id, c.text) for c in shown.checklist] == [(c.id, c.text) for c in copy.checklist]


async def test_phase_files_arriving_while_the_app_quits_open_no_screen(locations, intake):
    app, catalogue = opening_app(locations)
    first = intake.phases[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"last words")
        opening = app.screen
        assert app.save_open_session()  # as ctrl+q or a signal does, before the app closes
        app.exit(0)
        catalogue.gate.set()
        app._phase_files_known()  # the background reading ends now: nothing may open on the closing app
        assert app.screen is opening
    [data] = saved_sessions(locations)
    assert data["phases"][first.id]["notes"][first.prompts[0].id] == "last words"


class TypedAhead:
    """Keys typed right after enter on the command line: the terminal hands them over as the app starts."""

    def __init__(self, app, text: str) -> None:
        from textual import events

        self.events = [events.Key("space" if ch == " " else ch, ch) for ch in text]
        for event in self.events:
            app.post_message(event)  # (queued before the app has any screen)


@pytest.mark.parametrize("path", ["opening", "session"])
async def test_keys_typed_before_the_first_screen_are_not_lost(locations, intake, store, path):
    if path == "opening":
        app, catalogue = opening_app(locations)
        catalogue.gate.set()
    else:  # the sure way (phase files not checked before): the session screen is the first screen
        session = Session.start("C-0142", intake)
        store.save(session)
        from interview_tui.store.sessions import SessionStore

        app = make_app(locations=locations, catalogue=LazyCatalogue(folders(locations)), store=SessionStore(store.folder),
                       session=session)  # fmt: skip
    TypedAhead(app, "typed ahead")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await session_screen(pilot)
        assert screen.focused.text == "typed ahead"
        assert screen.session.note(intake.phases[0].id, intake.phases[0].prompts[0].id) == "typed ahead"


def remembered(locations: Locations):
    LazyCatalogue(folders(locations), check_file=locations.phase_check_file).get()
    return LazyCatalogue(folders(locations), check_file=locations.phase_check_file).remembered_check()


def test_the_quick_way_is_for_open_cases_and_plain_first_phases(locations, intake):
    """A new client, or a returning one whose case is open, starts on the opening screen; a closed case (reopened
    on the terminal first), an unreadable record, or a first phase with more than text prompts goes the sure way."""
    from interview_tui.cli.open import quick_start
    from interview_tui.casework.clients import ClientBook
    from interview_tui.store.sessions import SessionStore

    check = remembered(locations)
    store = SessionStore(locations.sessions_dir)
    book = ClientBook(store)
    assert quick_start(store, "NEW-1", "intake", check) is not None
    book.ensure("BACK-1")
    assert quick_start(store, "BACK-1", "intake", check) is not None
    closed = book.ensure("SHUT-1")
    closed.close_case("Moved away")
    book.save(closed)
    assert quick_start(store, "SHUT-1", "intake", check) is None
    closed.reopen_case("New referral")
    book.save(closed)
    assert quick_start(store, "SHUT-1", "intake", check) is not None
    (locations.sessions_dir / "clients" / "BAD-1.json").write_text("{ damaged")
    assert quick_start(store, "BAD-1", "intake", check) is None
    # the follow-up's first phase shows only the carried panel: its frame is drawn, filled by the session screen
    assert quick_start(store, "BACK-1", "follow-up", check) is not None
    # crisis shows local contacts in its first phase (from the settings): the sure way
    assert quick_start(store, "NEW-1", "crisis", check) is None


def test_a_first_phase_with_typed_or_conditional_prompts_is_not_plain(locations):
    from interview_tui.cli.open import quick_start
    from interview_tui.store.sessions import SessionStore

    locations.user_phases_dir.mkdir(parents=True)
    base = (builtin_phases_dir() / "intake.toml").read_text()
    typed = base.replace('id = "intake"', 'id = "typed-first"', 1).replace(
        "[[phase.prompt]]", '[[phase.prompt]]\nid = "mood-now"\ntext = "Mood right now"\ntype = "scale"\n\n[[phase.prompt]]', 1
    )
    (locations.user_phases_dir / "typed-first.toml").write_text(typed)
    check = remembered(locations)
    assert "typed-first" in check.outlines, check.errors
    assert not check.outlines["typed-first"]["phases"][0]["plain"]
    assert check.outlines["intake"]["phases"][0]["plain"]
    assert quick_start(SessionStore(locations.sessions_dir), "NEW-2", "typed-first", check) is None


@pytest.mark.parametrize("answer", ["reopen", "decline"])
async def test_a_case_closed_by_its_ending_session_is_reopened_before_the_session_starts(locations, catalogue, answer):
    """The command line glanced only at the record; once the phase files are read, the opening screen looks at
    the case with its sessions, and a closed case is reopened with a reason first (or nothing starts)."""
    from interview_tui.casework.clients import ClientBook
    from interview_tui.store.sessions import SessionStore
    from interview_tui.ui.screens.reason import ReasonDialog

    from builders import closed_by_its_ending_session

    store = SessionStore(locations.sessions_dir)
    ending = closed_by_its_ending_session(store, catalogue, "C-0142")
    app, gated = opening_app(locations)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"first words")
        gated.gate.set()
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonDialog), "the question to reopen the case")
        assert saved_sessions(locations) == [json.loads(store.path_for(ending.id).read_text())]
        if answer == "reopen":
            await pilot.press(*"Came back after a relapse", "enter")
            screen = await session_screen(pilot)
            first = screen.session.protocol.phases[0]
            assert screen.session.note(first.id, first.prompts[0].id) == "first words"
        else:
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
    record = ClientBook(store).load("C-0142")
    if answer == "reopen":
        assert [e.kind for e in record.case_events] == ["closed", "reopened"]
        assert len(saved_sessions(locations)) == 2
    else:
        assert record.is_closed and len(saved_sessions(locations)) == 1


def earlier_intake(store, catalogue, code: str) -> Session:
    """A finished intake with a summary, next steps, an open goal and a plan item: what a follow-up carries."""
    intake = catalogue.protocol("intake")
    session = Session.start(code, intake)
    goal = session.add_goal(what="Find a safe flat", client_words="my own door")
    session.add_plan_item(action="Call the housing office", goal_id=goal.id, due="2026-04-01")
    for phase in intake.phases:
        for prompt in phase.prompts:
            if prompt.carry == "summary":
                session.edit_note(phase.id, prompt.id, "Housing comes first.")
            if prompt.carry == "next_steps":
                session.edit_note(phase.id, prompt.id, "Meet in two weeks.")
    store.save(session)
    from interview_tui.casework.clients import ClientBook

    ClientBook(store).ensure(code, at=session.started_at)
    return session


async def test_a_follow_up_opens_at_once_and_shows_what_was_carried_once_read(locations, catalogue, store):
    """A returning client's follow-up starts on the opening screen: the carried panel's frame says it is being
    read (never empty or made up), typing goes to the first note field from the first frame, and the session
    screen then shows what the earlier session left, with what was typed in its place."""
    from interview_tui.ui.widgets.carried_panels import CarriedPanel
    from interview_tui.ui.widgets.carried_waiting import READING, CarriedWaiting

    earlier = earlier_intake(store, catalogue, "C-0142")
    app, gated = opening_app(locations, protocol="follow-up")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        opening = app.screen
        assert isinstance(opening, OpeningScreen)
        waiting = opening.query_one("#carried-preparation", CarriedWaiting)
        assert READING in str(waiting.query_one(Static).render())
        assert "Housing" not in "\n".join(str(s.render()) for s in opening.query(Static))
        await pilot.press(*"came in early")
        assert opening.focused.text == "came in early"
        gated.gate.set()
        screen = await session_screen(pilot)
        panel = screen.query_one("#carried-preparation", CarriedPanel)
        shown = "\n".join(str(s.render()) for s in panel.query(Static))
        assert "Housing comes first." in shown and "Meet in two weeks." in shown
        assert "Find a safe flat" in shown and "Call the housing office" in shown
        await pilot.press(*" and sat down")
        assert screen.focused.text == "came in early and sat down"
        session = screen.session
        assert session.carried is not None and session.carried.last_session_id == earlier.id
        assert [g.what for g in session.goals] == ["Find a safe flat"]
        first = session.protocol.phases[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
    [data] = [d for d in saved_sessions(locations) if d["id"] == session.id]
    assert data["phases"][first.id]["notes"][first.prompts[0].id] == "came in early and sat down"
    assert data["carried"]["last_session_id"] == earlier.id


async def test_a_follow_up_that_cannot_start_says_the_carried_panel_was_not_read(locations, catalogue, store, monkeypatch):
    from interview_tui.ui.widgets.carried_waiting import NOT_READ, READING, CarriedWaiting

    earlier_intake(store, catalogue, "C-0142")
    app, gated = opening_app(locations, protocol="follow-up")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"kept")
        monkeypatch.setattr(gated, "folders", [])  # no protocol will be found
        gated.gate.set()
        await wait_for(pilot, lambda: app.screen.problem is not None, "the problem to be shown")
        text = str(app.screen.query_one(CarriedWaiting).query_one(Static).render())
        assert NOT_READ in text and READING not in text
        assert app.screen.focused.text == "kept"


@pytest.mark.parametrize("typed", ["", "came in early"])
async def test_a_follow_up_opens_at_the_top_of_what_was_carried_unless_typing_has_begun(locations, catalogue, store,
                                                                                          typed):
    """At 80x24 the carried panel pushes the first note field below the fold once it is filled: the session screen
    then shows the phase from its top (open flags, summary), as when it is the first screen; but a note already
    being typed in stays in view."""
    from interview_tui.ui.widgets.carried_panels import CarriedPanel

    earlier_intake(store, catalogue, "C-0142")
    app, gated = opening_app(locations, protocol="follow-up")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if typed:
            await pilot.press(*typed)
        gated.gate.set()
        screen = await session_screen(pilot)
        await pilot.pause()
        await pilot.pause()
        main = screen.query_one("#phase-preparation .phase-main")
        field = screen.focused
        assert field.text == typed
        panel = screen.query_one("#carried-preparation", CarriedPanel)
        if typed:
            assert main.scroll_y > 0
            assert field.region.y >= main.region.y and field.region.bottom <= main.region.bottom
        else:
            assert main.scroll_y == 0
            assert panel.region.y >= main.region.y
