"""`n` on the home screen with a phase file nested thousands of levels deep among the user's phase files: the file
is skipped with a located message, the app goes on and offers the other protocols."""

from __future__ import annotations

from fixed_app import build_app
from textual.widgets import Static

from interview_tui.phases.catalogue import LazyCatalogue
from interview_tui.store.paths import builtin_phases_dir
from interview_tui.ui.screens.new_session import NewSessionDialog

DEEP = """\
[protocol]
id = "deep"
title = "Deep"

[[phase]]
id = "one"
title = "One"
purpose = "Do it"
guidance = {nesting}
"""


async def test_n_on_the_home_screen_with_a_deeply_nested_phase_file_says_where_and_goes_on(locations, store):
    user = locations.user_phases_dir
    user.mkdir(parents=True)
    path = user / "deep.toml"
    path.write_text(DEEP.format(nesting="[" * 3000 + "]" * 3000))
    catalogue = LazyCatalogue([builtin_phases_dir(), user], check_file=locations.phase_check_file)
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, NewSessionDialog)
        assert "deep" not in app.catalogue.protocols and "intake" in app.catalogue.protocols
        await pilot.press("escape")
        await pilot.pause()
        problems = str(app.screen.query_one("#home-problems", Static).render())
        assert f"{path}:9: nested too deeply" in problems


async def test_a_phases_dir_that_does_not_exist_is_said_on_the_home_screen(locations, store, tmp_path):
    missing = tmp_path / "no-such-phases"
    catalogue = LazyCatalogue([builtin_phases_dir(), missing], check_file=locations.phase_check_file, named=[missing])
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # the catalogue is read by now
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        problems = str(app.screen.query_one("#home-problems", Static).render())
        assert f"{missing}: no such folder" in problems
