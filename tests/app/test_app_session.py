"""Pilot tests: drive the app with the keyboard and check what reaches the session file."""

from __future__ import annotations

import json

from textual.widgets import Checkbox, OptionList, Static

from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.home import HomeScreen
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.phase_view import NoteField


def saved(store, session_id: str) -> dict:
    return json.loads(store.path_for(session_id).read_text(encoding="utf-8"))


def new_app(locations, catalogue, store, intake, client="C-0142"):
    session = Session.start(client, intake)
    store.save(session)
    return make_app(locations=locations, catalogue=catalogue, store=store, session=session), session


async def test_cursor_starts_in_first_prompt_and_typing_is_saved(locations, catalogue, store, intake):
    app, session = new_app(locations, catalogue, store, intake)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        first = intake.phases[0]
        focused = screen.focused
        assert isinstance(focused, NoteField)
        assert (focused.phase_id, focused.prompt_id) == (first.id, first.prompts[0].id)
        await pilot.press(*"Ask about [rent]")
        await pilot.press("tab")
        await pilot.press(*"second")
        await pilot.press("ctrl+s")
        await pilot.pause()
        data = saved(store, session.id)
        notes = data["phases"][first.id]["notes"]
        assert notes[first.prompts[0].id] == "Ask about [rent]"
        assert notes[first.prompts[1].id] == "second"


async def test_next_and_previous_phase_keep_notes_under_their_ids(locations, catalogue, store, intake):
    app, session = new_app(locations, catalogue, store, intake)
    p0, p1 = intake.phases[0], intake.phases[1]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"prep note")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.session.current_phase == p1.id
        assert app.screen.focused.prompt_id == p1.prompts[0].id
        await pilot.press(*"intro note")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.focused.phase_id == p0.id
        # Cursor at the end of what was typed before, so typing continues the note.
        await pilot.press(*" more")
        await pilot.press("ctrl+q")
    data = saved(store, session.id)
    assert data["phases"][p0.id]["notes"][p0.prompts[0].id] == "prep note more"
    assert data["phases"][p1.id]["notes"][p1.prompts[0].id] == "intro note"
    assert data["current_phase"] == p0.id
    assert app.return_code == 0


async def test_autosave_without_any_key(locations, catalogue, store, intake):
    app, session = new_app(locations, catalogue, store, intake)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"typed then waited")
        await pilot.pause(2.0)
        data = saved(store, session.id)
        assert data["phases"][intake.phases[0].id]["notes"][intake.phases[0].prompts[0].id] == "typed then waited"


async def test_any_phase_from_sidebar_and_marks(locations, catalogue, store, intake):
    app, session = new_app(locations, catalogue, store, intake)
    # a phase that opens on a note (not an instrument or the goals list)
    index = next(i for i, p in enumerate(intake.phases) if i > 2 and not (p.instrument or p.collects))
    target = intake.phases[index]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"x")
        await pilot.pause()
        sidebar = app.screen.query_one(OptionList)
        first_label = str(sidebar.get_option_at_index(0).prompt)
        assert first_label.startswith("▶✎")
        sidebar.focus()
        sidebar.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.current_phase == target.id
        assert app.screen.focused.prompt_id == target.prompts[0].id
        assert str(sidebar.get_option_at_index(0).prompt).startswith(" ✎")


async def test_checklist_is_saved(locations, catalogue, store, intake):
    app, session = new_app(locations, catalogue, store, intake)
    phase = intake.phases[0]
    async with app.run_test(size=(120, 40)) as pilot:
        box = app.screen.query_one(f"#check-{phase.id}-{phase.checklist[0].id}", Checkbox)
        box.focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved(store, session.id)["phases"][phase.id]["checklist"][phase.checklist[0].id] is True


async def test_user_text_is_shown_literally(tmp_path, locations, catalogue, store):
    from interview_tui.phases.files import load_catalogue
    from interview_tui.store.paths import builtin_phases_dir

    user = locations.user_phases_dir
    user.mkdir(parents=True)
    (user / "b.toml").write_text(
        '[protocol]\nid = "b"\ntitle = "B [x]"\n[[phase]]\nid = "p"\ntitle = "Phase [one]"\n'
        'purpose = "Why [this]"\n[[phase.prompt]]\nid = "q"\ntext = "Ask about [supports]"\nhint = "[bold]not bold[/bold]"\n'
    )
    cat = load_catalogue([builtin_phases_dir(), user])
    session = Session.start("C-[1]" if False else "C-1", cat.protocol("b"))
    session.set_note("p", "q", "[red]literal[/red]")
    store.save(session)
    app = make_app(locations=locations, catalogue=cat, store=store, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        texts = [str(w.render()) for w in app.screen.query(Static)]
        assert any("Ask about [supports]" in t for t in texts)
        assert any("[bold]not bold[/bold]" in t for t in texts)
        assert any("Why [this]" in t for t in texts)
        assert app.screen.query_one(NoteField).text == "[red]literal[/red]"


async def test_command_palette_goes_to_phase(locations, catalogue, store, intake):
    app, session = new_app(locations, catalogue, store, intake)
    target = intake.phases[6]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*f"go to phase {target.title}")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.current_phase == target.id


async def test_help_lists_keys_and_cues(locations, catalogue, store, intake):
    app, session = new_app(locations, catalogue, store, intake)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        keys = "\n".join(str(line.render()) for line in app.screen.query(".help-key Static"))
        for words in ("Go to the next phase", "Go to the previous phase", "Save", "Quit", "Crisis"):
            assert words in keys
        cue_names = [str(w.render()) for w in app.screen.query(".cue-name")]
        assert cue_names, "no technique cue cards in help"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_home_new_session_dialog_and_resume(locations, catalogue, store):
    app = make_app(locations=locations, catalogue=catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"two words")
        await pilot.press("enter")
        await pilot.pause()
        problem = str(app.screen.query_one("#client-code-problem", Static).render())
        assert "letters, digits" in problem
        for _ in range(len("two words")):
            await pilot.press("backspace")
        await pilot.press(*"C-77", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.client_code == "C-77"
        await pilot.press(*"hello")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [s.client for s in app.screen.summaries] == ["C-77"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.focused.text == "hello"


async def test_home_lists_newest_first_and_reports_skipped_phase_file(locations, store, intake):
    from datetime import datetime, timedelta, timezone

    from interview_tui.store.paths import builtin_phases_dir
    from interview_tui.phases.files import load_catalogue

    user = locations.user_phases_dir
    user.mkdir(parents=True)
    (user / "broken.toml").write_text("[protocol\n")
    cat = load_catalogue([builtin_phases_dir(), user])
    at = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)
    for n in range(3):
        store.save(Session.start(f"C-{n}", intake, at=at + timedelta(days=n)))
    app = make_app(locations=locations, catalogue=cat, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert [s.client for s in app.screen.summaries] == ["C-2", "C-1", "C-0"]
        problems = str(app.screen.query_one("#home-problems", Static).render())
        assert "broken.toml:1" in problems and "TOML syntax error" in problems
