"""Pilot tests of the review screen: jump to a gap, finish the session, export it from the app."""

from __future__ import annotations

import stat

import pytest
from textual.widgets import Input, OptionList, Select, Static

from interview_tui.export import export_filename
from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.confirm import ConfirmDialog
from interview_tui.ui.screens.export_dialog import ExportDialog
from interview_tui.ui.screens.review import ReviewScreen
from interview_tui.ui.screens.session import SessionScreen
from interview_tui.ui.widgets.phase_view import NoteField

TYPED = "<b>[Dad]</b> *#"
"""Typed key by key (short: each key press is a round trip through the app)."""


@pytest.fixture
def session(intake, store) -> Session:
    session = Session.start("C-0142", intake)
    store.save(session)
    return session


async def _settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def _type_first_note(pilot) -> NoteField:
    field = pilot.app.screen.focused
    assert isinstance(field, NoteField)
    await pilot.press(*TYPED)
    assert field.text == TYPED
    return field


async def test_finish_and_export_from_the_review_screen(locations, catalogue, store, session, tmp_path) -> None:
    app = make_app(locations, catalogue, store, session)
    folder = tmp_path / "agency exports"
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await _type_first_note(pilot)
        await pilot.press("ctrl+r")
        await _settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        preview = str(review.query_one("#review-text", Static).render())
        assert TYPED in preview

        await pilot.press("f")
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await _settle(pilot)
        assert app.screen is review
        assert session.status == "completed" and session.ended_at is not None
        on_disk = store.load(session.id)
        assert on_disk.status == "completed" and on_disk.ended_at == session.ended_at

        await pilot.press("e")
        await _settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-folder", Input).value == str(locations.exports_dir)
        assert "not encrypted" in str(dialog.query_one("#export-not-encrypted").render())
        dialog.query_one("#export-folder", Input).value = str(folder)
        dialog.query_one("#export-format", Select).value = "html"
        dialog.query_one("#export-style", Select).value = "soap"
        await pilot.click("#export-go")
        await _settle(pilot)
        assert app.screen is review

    path = folder / export_filename(session, "html", "soap")
    assert review.last_export == path
    html = path.read_text(encoding="utf-8")
    assert "&lt;b&gt;[Dad]&lt;/b&gt; *#" in html
    assert "<b>" not in html
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    from interview_tui.store.audit import AuditLog

    events = [(e["event"], e["session"]) for e in AuditLog(locations.data_dir).entries()]
    assert events[-1] == ("session_exported", session.id)


async def test_export_asks_before_replacing_a_file(locations, catalogue, store, session) -> None:
    app = make_app(locations, catalogue, store, session)
    path = locations.exports_dir / export_filename(session, "markdown", "narrative")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await _type_first_note(pilot)
        await pilot.press("ctrl+r")
        await _settle(pilot)
        review = app.screen
        for answer in ("escape", "replace"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("an earlier export")
            await pilot.press("e")
            await _settle(pilot)
            await pilot.click("#export-go")
            await _settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert str(path) in str(app.screen.query_one("#confirm-question", Static).render())
            if answer == "escape":
                await pilot.press("escape")
                await _settle(pilot)
                assert path.read_text() == "an earlier export"
            else:
                await pilot.click("#confirm-yes")
                await _settle(pilot)
                assert "\\<b>\\[Dad\\]\\</b> \\*#" in path.read_text(encoding="utf-8")
            assert app.screen is review


async def test_picking_a_gap_goes_back_to_that_note(locations, catalogue, store, session) -> None:
    app = make_app(locations, catalogue, store, session)
    last = session.protocol.phases[-1]
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("ctrl+r")
        await _settle(pilot)
        gaps = app.screen.query_one("#review-gaps", OptionList)
        wanted = f"{last.id}\nnote-{last.id}-{last.prompts[1].id}"
        index = next(i for i in range(gaps.option_count) if gaps.get_option_at_index(i).id == wanted)
        gaps.highlighted = index
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert session.current_phase == last.id
        assert app.screen.focused is not None and app.screen.focused.id == f"note-{last.id}-{last.prompts[1].id}"


async def test_last_phase_offers_the_review_and_changes_after_finishing_are_amendments(
    locations, catalogue, store, session
) -> None:
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await _type_first_note(pilot)
        screen = app.screen
        await screen.go_to_phase(session.protocol.phases[-1].id)
        await _settle(pilot)
        button = screen.query_one("#review-session")
        button.focus()  # the offer sits below the last phase's checklist
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.click("#review-finish")
        await _settle(pilot)
        await pilot.click("#confirm-yes")
        await _settle(pilot)
        assert session.status == "completed"
        await pilot.press("escape")
        await _settle(pilot)
        assert app.screen is screen
        first = session.protocol.phases[0]
        await screen.go_to_phase(first.id)
        await _settle(pilot)
        await pilot.press("!")
        await _settle(pilot)
        assert session.note(first.id, first.prompts[0].id) == TYPED + "!"
        [amendment] = session.amendments
        assert (amendment.before, amendment.after) == (TYPED, TYPED + "!")
        assert screen.saver is not None and screen.saver.save_now()
    assert store.load(session.id).amendments == session.amendments


async def test_settings_reach_the_preview_and_the_export_dialog(locations, catalogue, store, session, tmp_path) -> None:
    app = make_app(locations, catalogue, store, session)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        review = ReviewScreen(
            session, app.active_saver, practitioner="Sam Rivera", agency="Northside [FS]",
            export_folder=tmp_path / "notes", export_format="text", export_style="dap",
        )
        await app.push_screen(review)
        await _settle(pilot)
        preview = str(review.query_one("#review-text", Static).render())
        assert "DAP NOTE" in preview and "Sam Rivera" in preview and "Northside [FS]" in preview
        await pilot.press("e")
        await _settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-folder", Input).value == str(tmp_path / "notes")
        assert dialog.query_one("#export-format", Select).value == "text"
        assert dialog.query_one("#export-style", Select).value == "dap"


async def test_the_export_dialog_says_plainly_the_file_is_not_encrypted_when_the_store_is(tmp_path) -> None:
    """Issue 15, item 11: exports are plaintext even when the sessions are encrypted; the dialog says so."""
    from textual.app import App

    class One(App):
        def on_mount(self) -> None:
            self.push_screen(ExportDialog(tmp_path, store_encrypted=True))

    app = One()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = str(app.screen.query_one("#export-not-encrypted").render())
        assert "NOT encrypted, unlike the sessions" in said
