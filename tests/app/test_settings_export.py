"""The settings reach the export: defaults for `interview-tui export` and the review screen, and the header."""

from __future__ import annotations

from fixed_app import build_app, fixed_session

from interview_tui.cli import main as cli
from interview_tui.export import FORMATS, render
from interview_tui.export.summary import STYLES
from interview_tui.settings.model import EXPORT_FORMATS, EXPORT_STYLES, Settings


def test_the_settings_offer_exactly_the_export_formats_and_styles():
    assert EXPORT_FORMATS == FORMATS
    assert EXPORT_STYLES == STYLES


def test_practitioner_line():
    assert Settings().practitioner_line is None
    assert Settings(practitioner_name="Sam Rivera").practitioner_line == "Sam Rivera"
    assert Settings(practitioner_name="Sam Rivera", practitioner_role="Social worker").practitioner_line == (
        "Sam Rivera, Social worker"
    )
    assert Settings(practitioner_role="Social worker").practitioner_line == "Social worker"


def test_export_takes_its_defaults_and_header_from_the_settings(tmp_path, store, intake, capsys, monkeypatch):
    session = fixed_session(intake)
    store.save(session)
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text(
        'practitioner_name = "Sam Rivera"\npractitioner_role = "Social worker"\nagency = "Northside"\n'
        'export_format = "text"\nexport_style = "soap"\n'
    )
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(config))
    data = ["--data-dir", str(store.folder.parent)]
    assert cli.main(["export", *data, session.id]) == 0
    out = capsys.readouterr().out
    assert out == render(session, "text", "soap", practitioner="Sam Rivera, Social worker", agency="Northside")
    assert "Sam Rivera, Social worker" in out and "Northside" in out
    assert cli.main(["export", *data, session.id, "--format", "markdown", "--style", "narrative"]) == 0
    assert capsys.readouterr().out == render(
        session, "markdown", "narrative", practitioner="Sam Rivera, Social worker", agency="Northside"
    )


async def test_the_review_screen_gets_the_practitioner_and_export_defaults(locations, catalogue, intake, store):
    from interview_tui.ui.screens.review import ReviewScreen

    session = fixed_session(intake)
    store.save(session)
    settings = Settings(
        practitioner_name="Sam Rivera",
        agency="Northside",
        export_format="html",
        export_style="dap",
        export_folder="/srv/case-notes",
    )
    app = build_app(locations, catalogue, session=session, store=store, settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert (review.practitioner, review.agency) == ("Sam Rivera", "Northside")
        assert (review.export_format, review.style) == ("html", "dap")
        assert str(review.export_folder) == "/srv/case-notes"
