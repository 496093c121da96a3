"""The review screen's export dialog offers Word (issue 18): the .docx it writes reads back with python-docx."""

from __future__ import annotations

import io
import stat

import docx
from textual.widgets import Input, Select

from interview_tui.core.session import Session
from interview_tui.export import export_filename
from interview_tui.ui.app import make_app
from interview_tui.ui.screens.export_dialog import ExportDialog
from interview_tui.ui.screens.review import ReviewScreen

NOTE = "Said <b>[Dad]</b> \x1b]0;title\x07 helps"


async def _settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def test_export_a_word_document_from_the_review_screen(locations, catalogue, store, intake, tmp_path) -> None:
    session = Session.start("C-0142", intake)
    phase = next(ph for ph in intake.phases if any(q.type == "text" for q in ph.prompts))
    prompt = next(q for q in phase.prompts if q.type == "text")
    session.set_note(phase.id, prompt.id, NOTE)
    store.save(session)
    app = make_app(locations, catalogue, store, session)
    folder = tmp_path / "exports"
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("ctrl+r")
        await _settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("e")
        await _settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-folder", Input).value = str(folder)
        dialog.query_one("#export-format", Select).value = "docx"
        dialog.query_one("#export-style", Select).value = "birp"
        await pilot.click("#export-go")
        await _settle(pilot)
        assert app.screen is review

    path = folder / export_filename(session, "docx", "birp")
    assert review.last_export == path and path.suffix == ".docx"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    document = docx.Document(io.BytesIO(path.read_bytes()))
    assert document.tables[0].rows[0].cells[1].text == "C-0142"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:4] == [
        "Behavior", "Intervention", "Response", "Plan",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Said <b>[Dad]</b> ␛]0;title␇ helps" in text
