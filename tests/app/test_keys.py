"""Every binding has an id and a tooltip; the keymap remaps keys, and the footer, help and palette follow."""

from __future__ import annotations

from fixed_app import build_app, fixed_session, footer_keys_once_shown, palette_choice, wait_for

from interview_tui.settings.model import Settings
from interview_tui.ui.keys import binding_docs, binding_owners, check_keymap, declared_bindings, is_valid_key
from interview_tui.ui.screens.help import HelpScreen
from interview_tui.ui.screens.home import HomeScreen
from interview_tui.ui.screens.new_session import NewSessionDialog
from interview_tui.ui.screens.session import SessionScreen


def test_every_binding_has_an_id_and_a_tooltip():
    owners = binding_owners()
    assert {HomeScreen, SessionScreen, HelpScreen, NewSessionDialog} <= set(owners)
    for owner in owners:
        for binding in declared_bindings(owner):
            assert binding.id, f"{owner.__name__}: {binding.key} has no id"
            assert binding.tooltip and binding.description, f"{owner.__name__}: {binding.id} needs a tooltip"


def test_one_id_means_one_action_wherever_it_is_used():
    actions: dict[str, set[str]] = {}
    for owner in binding_owners():
        for binding in declared_bindings(owner):
            actions.setdefault(binding.id, set()).add(binding.action)
    assert {bid: a for bid, a in actions.items() if len(a) > 1} == {}
    assert {doc.id for doc in binding_docs()} == set(actions)


def test_key_names_are_checked():
    for key in ("f2", "ctrl+n", "alt+left", "n", "?", "question_mark", "comma", "ctrl+shift+up", "space"):
        assert is_valid_key(key), key
    for key in ("", "ctrl+", "control+n", "fn+f2", "f2 f3", "enterr", "page_down"):
        assert not is_valid_key(key), key


def test_check_keymap_keeps_good_entries_and_explains_the_rest(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[keymap]\nnext_phase = "f5"\nnext_phse = "f3"\nhelp = "fn+f1"\nsave = "ctrl+b"\nquit = "tab"\n')
    usable, problems = check_keymap(
        {"next_phase": "f5", "next_phse": "f3", "help": "fn+f1", "save": "ctrl+b", "quit": "tab"}, path
    )
    assert usable == {"next_phase": "f5"}
    assert problems[0] == f"{path}:3: keymap 'next_phse': no such binding (did you mean 'next_phase'?); ignored"
    assert problems[1].startswith(f"{path}:4: keymap 'help': 'fn+f1' is not a key")
    clashes = sorted(problems[2:])
    assert clashes[0].startswith(f"{path}:5: keymap 'save': a key in 'ctrl+b' is already the key of 'previous_phase' (session screen)")
    assert clashes[1].startswith(f"{path}:6: keymap 'quit': a key in 'tab' is already the key of 'app.focus_next'")
    assert len(problems) == 4


def test_swapping_two_keys_is_not_a_clash():
    keymap = {"next_phase": "ctrl+b", "previous_phase": "ctrl+n"}
    assert check_keymap(keymap) == (keymap, [])


async def test_a_remapped_key_works_and_the_footer_and_help_show_it(locations, catalogue, intake):
    session = fixed_session(intake)
    settings = Settings(keymap={"next_phase": "f5", "toggle_phases": "f4"})
    app = build_app(locations, catalogue, session=session, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        keys = await footer_keys_once_shown(pilot, screen)
        assert keys["next_phase"] == "f5"
        assert keys["toggle_phases"] == "f4"
        assert keys["previous_phase"] == "^b"
        await pilot.press("ctrl+n")  # the old key no longer moves on
        await pilot.pause()
        assert session.current_phase == intake.phases[0].id
        await pilot.press("f5")
        await pilot.pause()
        assert session.current_phase == intake.phases[1].id
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        key_lines = [str(block.words) for block in help_screen.query(".help-key")]
        assert any(line.strip().startswith("f5  next: go to the next phase") for line in key_lines), key_lines
        assert not any("^n  next" in line for line in key_lines)
        guide = help_screen.query_one("#help-guide").words
        assert "(f4 shows or hides it), with f5 / ^b" in guide


async def test_the_command_palette_key_can_be_remapped(locations, catalogue):
    from textual.command import CommandPalette

    app = build_app(locations, catalogue, settings=Settings(keymap={"command_palette": "f5"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert (await footer_keys_once_shown(pilot, app.screen, "command_palette"))["command_palette"] == "f5"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_the_palette_offers_every_action_of_the_current_screen(locations, catalogue, intake):
    session = fixed_session(intake)
    app = build_app(locations, catalogue, session=session, settings=Settings(keymap={"save": "f6"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        commands = {c.title: c for c in app.get_system_commands(screen)}
        declared = {b.tooltip.rstrip(".") for b in declared_bindings(SessionScreen)}
        assert declared <= set(commands), declared - set(commands)
        assert commands["Save now (notes also save as you type)"].help == "Save (f6)"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to the next phase")
        await wait_for(pilot, lambda: palette_choice(app) == "Go to the next phase", "the palette's hit")
        await pilot.press("enter")
        await wait_for(pilot, lambda: session.current_phase == intake.phases[1].id, "the next phase")


async def test_keymap_problems_are_shown_on_the_home_screen(locations, catalogue):
    app = build_app(locations, catalogue, settings=Settings(keymap={"nope": "f2"}, theme="no-such-theme"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#home-problems").render())
        assert "keymap 'nope': no such binding" in text
        assert "theme 'no-such-theme' does not exist" in text
        assert app.theme == "textual-dark"


async def test_the_palette_offers_no_screenshot_and_none_is_written(locations, catalogue, intake, tmp_path):
    """Textual's "Screenshot" would write the screen (client text) as an unencrypted SVG outside the store."""
    session = fixed_session(intake)
    app = build_app(locations, catalogue, session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for screen in (app.screen, app.screen_stack[1]):
            titles = {c.title.casefold() for c in app.get_system_commands(screen)}
            assert not any("screenshot" in t for t in titles), titles
        app.action_screenshot(path=str(tmp_path))  # (a keymap or an action string cannot reach it either)
        app.deliver_screenshot(path=str(tmp_path))
        app.save_screenshot(path=str(tmp_path))
        await pilot.pause(0.3)
    assert list(tmp_path.glob("*.svg")) == []


def test_a_binding_id_from_before_a_rename_still_remaps_its_binding(tmp_path):
    """add_record and remove_record became add_item and remove_item ("record" now means a client record only)."""
    from interview_tui.ui.keys import check_keymap

    settings = tmp_path / "settings.toml"
    settings.write_text('[keymap]\nadd_record = "n"\nremove_record = "ctrl+d"\n', encoding="utf-8")
    usable, problems = check_keymap({"add_record": "n", "remove_record": "ctrl+d"}, settings)
    assert usable == {"add_item": "n", "remove_item": "ctrl+d"} and problems == []
