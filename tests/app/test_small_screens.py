"""80x24: the phase list collapses (ctrl+l brings it back), the phase stays named, nothing important is cut off."""

from __future__ import annotations

import pytest
from fixed_app import build_app, fixed_session, footer_keys, footer_keys_once_shown
from textual.geometry import Region

from interview_tui.ui.screens.new_session import NewSessionDialog
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.phase_list import PhaseList


def inside(widget, screen) -> bool:
    region = widget.region
    return region.width > 0 and region.height > 0 and screen.region.contains_region(region)


async def test_at_80_columns_the_phase_list_is_hidden_and_ctrl_l_shows_it(locations, catalogue, intake):
    session = fixed_session(intake)
    app = build_app(locations, catalogue, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.has_class("narrow")
        phase_list = screen.query_one(PhaseList)
        assert not phase_list.display
        assert screen.query_one("#bar-phase").render().plain == f"1/{len(intake.phases)} {intake.phases[0].title}"
        assert not screen.query_one("#bar-protocol").display
        for bar_item in ("#bar-client", "#bar-phase", "#bar-elapsed", "#bar-saved"):
            assert inside(screen.query_one(bar_item), screen), bar_item
        field = screen.focused
        assert field is not None and inside(field, screen)

        await pilot.press("ctrl+t")
        await pilot.pause()
        assert phase_list.display and phase_list.has_focus and inside(phase_list, screen)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert session.current_phase == intake.phases[2].id
        assert not phase_list.display, "picking a phase on a small screen hides the list again"
        assert screen.query_one("#bar-phase").render().plain.startswith("3/")

        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not phase_list.display
        assert screen.focused is not None and screen.focused.id.startswith(f"note-{intake.phases[2].id}")


async def test_every_session_key_fits_the_80_column_footer(locations, catalogue, intake):
    app = build_app(locations, catalogue, session=fixed_session(intake))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        keys = await footer_keys_once_shown(pilot, screen, "quit")
        for action in ("next_phase", "previous_phase", "save", "help", "close_session", "toggle_phases", "quit"):
            assert action in keys, action
        from textual.widgets._footer import FooterKey

        for key in screen.query(FooterKey):
            if key.display:
                assert inside(key, screen), f"{key.action} is cut off"


async def test_on_a_wide_screen_the_phase_list_shows_and_can_be_hidden(locations, catalogue, intake):
    app = build_app(locations, catalogue, session=fixed_session(intake))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        phase_list = screen.query_one(PhaseList)
        assert phase_list.display and not screen.has_class("narrow")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not phase_list.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not phase_list.display
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        assert not phase_list.display, "the practitioner's choice holds when the window changes size"


async def test_the_new_session_dialog_fits_in_80_by_24(locations, catalogue):
    app = build_app(locations, catalogue)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        for selector in ("#new-session", "#client-code", "#protocol", "#start", "#cancel"):
            assert inside(dialog.query_one(selector), dialog), selector
        await pilot.press(*"bad code!")
        await pilot.pause()
        assert inside(dialog.query_one("#client-code-problem"), dialog)
        assert inside(dialog.query_one("#start"), dialog)


async def test_the_home_screen_at_80_by_24_shows_every_column(locations, catalogue, intake, store):
    store.save(fixed_session(intake))
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions")
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert inside(table, app.screen)


async def test_home_columns_show_the_whole_client_code_and_protocol(locations, catalogue, intake, store):
    store.save(fixed_session(intake, client="CLIENT-LONG-CODE-0142"))
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions")
        widths = {str(column.label): column.get_render_width(table) for column in table.columns.values()}
        assert widths["Client"] >= len("CLIENT-LONG-CODE-0142")
        assert widths["Protocol"] >= len(intake.title)


async def test_long_phase_titles_wrap_under_the_title_not_under_the_marks(locations, catalogue, intake):
    from interview_tui.ui.widgets.phase_list import LINE_WIDTH, PhaseList

    app = build_app(locations, catalogue, session=fixed_session(intake))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        phase_list = app.screen.query_one(PhaseList)
        wrapped = 0
        for index in range(phase_list.option_count):
            first, *rest = str(phase_list.get_option_at_index(index).prompt).split("\n")
            lead = first.index(". ") + 2
            assert len(first) <= LINE_WIDTH and all(len(line) <= LINE_WIDTH for line in rest)
            for line in rest:
                wrapped += 1
                assert line[:lead].strip() == "" and line[lead] != " ", line
        assert wrapped >= 1  # the intake has titles too long for one line


async def test_the_session_bar_names_the_whole_phase_after_every_move(locations, catalogue, intake):
    """Seen in tmux at 80x24: moving from "7/10 Goal setting" to the planning phase showed "8/10 Developing a":
    the bar kept the width of the phase before."""
    app = build_app(locations, catalogue, session=fixed_session(intake))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        bar_phase = screen.query_one("#bar-phase")
        for step in range(len(intake.phases) - 1):
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.pause()
            phase = intake.phases[step + 1]
            expected = f"{step + 2}/{len(intake.phases)} {phase.title}"
            drawn = bar_phase.render_lines(Region(0, 0, bar_phase.outer_size.width, 1))[0].text
            assert expected in drawn, f"the bar shows {drawn!r}, not the whole {expected!r}"


@pytest.mark.parametrize("size", [(120, 40), (100, 30), (80, 24)])
async def test_the_bar_shortens_the_protocol_before_the_phase_name(locations, catalogue, size):
    """Issue 19: at 120x40 a finished session's bar cut the phase name ("Follow-up and documentat"): the protocol,
    with its "finished: changes are kept as amendments", took the room. The protocol gives way first."""
    from datetime import timedelta

    from interview_tui.ui.widgets.session_bar import SessionBar

    protocol = catalogue.protocol("follow-up")
    code = "AGENCY-NORTH-2026-000142-FAMILY-SUPPORT" if size[0] > 80 else "NORTH-2026-000142-FAM"
    session = fixed_session(protocol, client=code)
    session.current_phase = protocol.phases[-1].id
    session.finish(at=session.started_at + timedelta(minutes=50))
    app = build_app(locations, catalogue, session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        bar = screen.query_one(SessionBar)
        drawn = bar_text(screen)
        last = protocol.phases[-1]
        assert f"{len(protocol.phases)}/{len(protocol.phases)} {last.title}" in drawn, drawn
        assert session.client_code in drawn, drawn
        assert "finished" in drawn, f"the bar no longer says the session is finished: {drawn!r}"
        for part in bar.query("Static"):
            if part.display and part.region.width:
                assert inside(part, screen), f"{part.id} is cut off: {drawn!r}"


def bar_text(screen) -> str:
    """The session bar's parts as drawn, each in its own width (a part too narrow for its text shows it cut)."""
    from interview_tui.ui.widgets.session_bar import SessionBar

    parts = [part for part in screen.query_one(SessionBar).query("Static") if part.display and part.region.width]
    return " | ".join(
        part.render_lines(Region(0, 0, part.outer_size.width, 1))[0].text.strip() for part in parts
    )
