"""Themes: the app's own readable ones, the choice from settings and remembered, NO_COLOR, meaning beyond colour."""

from __future__ import annotations

import errno
import tomllib

import pytest
from fixed_app import build_app, fixed_session, palette_choice, wait_for
from textual.color import Color
from textual.filter import Monochrome, NoColor

from interview_tui.settings.model import Settings, load_settings
from interview_tui.ui.themes import HIGH_CONTRAST, READABLE_LIGHT, theme_names
from interview_tui.ui.widgets.phase_list import HAS_NOTES, HERE


def _luminance(color: Color) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def resolve(value: str, background: Color) -> Color:
    """A theme colour as drawn on ``background`` ("auto 78%" is the contrasting text colour at 78%)."""
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 0.95
        return background + background.get_contrast_text(alpha)
    return background + Color.parse(value)


@pytest.mark.parametrize(("theme", "minimum"), [(READABLE_LIGHT, 4.5), (HIGH_CONTRAST, 7.0)])
def test_every_text_colour_of_the_app_themes_reads_against_its_backgrounds(theme, minimum):
    colors = theme.to_color_system().generate()
    for back in ("background", "surface", "panel"):
        background = Color.parse(colors[back])
        for fore in ("text", "text-muted", "accent", "primary", "warning", "error", "success", "footer-key-foreground"):
            ratio = contrast(resolve(colors[fore], background), background)
            assert ratio >= minimum, f"{theme.name}: {fore} on {back} is {ratio:.1f}:1"


def test_the_app_themes_are_offered_with_textuals():
    names = theme_names()
    assert {"readable-light", "high-contrast", "textual-dark", "textual-light"} <= set(names)


async def test_the_theme_from_settings_is_used_and_nothing_is_written(locations, catalogue):
    app = build_app(locations, catalogue, settings=Settings(theme="readable-light"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "readable-light"
        assert app.settings_problems == []
    assert not locations.config_dir.exists()


async def test_a_theme_chosen_in_the_app_is_remembered_with_the_files_comments(locations, catalogue):
    locations.config_dir.mkdir(parents=True)
    path = locations.config_dir / "settings.toml"
    path.write_text('# my settings\nagency = "Northside"  # mine\ntheme = "nord"\n')
    loaded = load_settings(locations.config_dir, environ={})
    app = build_app(locations, catalogue, settings=loaded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert path.read_text().endswith('theme = "nord"\n')
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await wait_for(pilot, lambda: palette_choice(app) == "Theme", "the Theme command")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"high-contrast")
        await wait_for(pilot, lambda: palette_choice(app) == "high-contrast", "the theme's name")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "high-contrast", "the theme to change")
        await wait_for(pilot, lambda: "high-contrast" in path.read_text(), "the settings file to change")
    text = path.read_text()
    assert "# my settings" in text and "# mine" in text
    assert tomllib.loads(text) == {"agency": "Northside", "theme": "high-contrast"}
    assert load_settings(locations.config_dir, environ={}).settings.theme == "high-contrast"


async def test_a_theme_that_cannot_be_remembered_is_said_so(locations, catalogue):
    locations.config_dir.mkdir(parents=True)
    path = locations.config_dir / "settings.toml"
    path.write_text("agency = = broken\n")
    app = build_app(locations, catalogue, settings=load_settings(locations.config_dir, environ={}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.theme = "high-contrast"

        def told() -> bool:
            return any(
                n.message.startswith("Theme not remembered:") and "syntax error" in n.message for n in app._notifications
            )

        await wait_for(pilot, told, "the warning")
    assert path.read_text() == "agency = = broken\n"


async def test_no_color_is_respected(locations, catalogue, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(locations, catalogue, settings=Settings(theme="high-contrast"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        assert any(isinstance(f, (Monochrome, NoColor)) for f in app.get_line_filters())


async def test_saved_state_and_phase_marks_carry_words_and_symbols_not_only_colour(
    locations, catalogue, intake, store, monkeypatch
):
    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, session=session, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#bar-saved").render().plain == "✓ saved"

        def full_disk(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store, "save_bytes", full_disk)
        await pilot.press(*"notes")
        bar = screen.query_one("#bar-saved")
        await wait_for(pilot, lambda: bar.render().plain.startswith("⚠ NOT SAVED"), "the failed save to show")
        assert bar.render().plain.startswith("⚠ NOT SAVED: No space left on device")
        marks = [str(option.prompt) for option in screen.query_one("#phase-list").options]
        assert marks[0].startswith(f"{HERE}{HAS_NOTES} 1.")
        assert marks[1].startswith("   2.")
        monkeypatch.undo()
