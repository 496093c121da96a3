"""At 80x24 the footer keeps its essential keys wherever focus is: in every phase of every protocol, in every kind of field.

Seen in tmux: entering "Developing a plan" at 80 columns put focus in the plan list, whose own keys
("a Add", "del Remove") pushed "^q Quit" and "^t Phases" off the footer.
"""

from __future__ import annotations

import pytest
from fixed_app import build_app, fixed_session, footer_keys
from textual.widgets import ContentSwitcher
from textual.widgets._footer import FooterKey

from interview_tui.ui.screens.session import SessionScreen

ESSENTIAL = ("next_phase", "previous_phase", "save", "help", "close_session", "toggle_phases", "quit")


def inside(widget, screen) -> bool:
    region = widget.region
    return region.width > 0 and region.height > 0 and screen.region.contains_region(region)


@pytest.mark.parametrize("protocol_id", ["intake", "follow-up", "crisis", "termination"])
async def test_the_footer_keeps_every_essential_key_in_every_field_at_80_columns(locations, catalogue, protocol_id):
    protocol = catalogue.protocol(protocol_id)
    app = build_app(locations, catalogue, session=fixed_session(protocol))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for phase in protocol.phases:
            await screen.go_to_phase(phase.id)
            await pilot.pause()
            view = screen.query_one("#phases", ContentSwitcher).visible_content
            assert view is not None
            fields = [w for w in view.query("*") if w.focusable]
            kinds = {type(w): w for w in reversed(fields)}  # the first field of each kind
            for field in kinds.values():
                field.focus()
                where = f"{protocol_id}/{phase.id}, focus in {type(field).__name__}"
                keys = await _footer_once_settled(pilot, screen)
                for action in ESSENTIAL:
                    assert action in keys, f"{action} missing from the footer ({where})"
                for key in screen.query(FooterKey):
                    if key.display:
                        assert inside(key, screen), f"{key.action} is cut off ({where}): {_shown(screen)}"


async def _footer_once_settled(pilot, screen) -> dict[str, str]:
    """The footer recomposes after focus moves; wait until it shows the new bindings."""
    keys: dict[str, str] = {}
    for _ in range(20):
        await pilot.pause()
        keys = footer_keys(screen)
        if keys:
            break
    for _ in range(3):  # and the footer has fitted them to its width
        await pilot.pause()
    return footer_keys(screen)


def _shown(screen) -> str:
    return " ".join(f"{key.key_display} {key.description}" for key in screen.query(FooterKey) if key.display)


async def _footer_fits(pilot, screen, where: str) -> dict[str, str]:
    keys = await _footer_once_settled(pilot, screen)
    assert "quit" in keys, f"^q Quit missing from the footer ({where})"
    for key in screen.query(FooterKey):
        if key.display:
            assert inside(key, screen), f"{key.action} is cut off ({where})"
    return keys


async def test_every_screen_s_footer_fits_80_columns_and_keeps_quit(locations, catalogue, intake, store):
    """Seen in tmux: the home footer at 80 columns ended "p Protoc▏^p Commands", with no Quit."""
    store.save(fixed_session(intake))
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        keys = await _footer_fits(pilot, home, "home")
        assert {"new_session", "help"} <= set(keys)
        await pilot.press("slash")
        await _wait_for_other_screen(pilot, home)
        await _footer_fits(pilot, app.screen, "search")
        await pilot.press("escape")
        await _wait_for_screen(pilot, home)
        await pilot.press("c")
        await _wait_for_other_screen(pilot, home)
        clients = app.screen
        await _footer_fits(pilot, clients, "clients")
        await pilot.press("enter")
        await _wait_for_other_screen(pilot, clients)
        await _footer_fits(pilot, app.screen, "client view")
        await pilot.press("escape")
        await _wait_for_screen(pilot, clients)
        await pilot.press("escape")
        await _wait_for_screen(pilot, home)
        await pilot.press("enter")
        await _wait_for_other_screen(pilot, home)
        session_screen = app.screen
        assert isinstance(session_screen, SessionScreen)
        await pilot.press("ctrl+r")
        await _wait_for_other_screen(pilot, session_screen)
        await _footer_fits(pilot, app.screen, "review")


async def _wait_for_other_screen(pilot, screen) -> None:
    for _ in range(50):
        await pilot.pause()
        if pilot.app.screen is not screen:
            return
    raise AssertionError(f"still on {screen}")


async def _wait_for_screen(pilot, screen) -> None:
    for _ in range(50):
        await pilot.pause()
        if pilot.app.screen is screen:
            return
    raise AssertionError(f"not back on {screen}, on {pilot.app.screen}")
