"""The Word export (issue 18): every note style, read back with python-docx.

The golden files in tests/support/golden_docx/ are the documents read back (each paragraph as
``style | text``, the header table as ``cell | cell``), since a .docx file itself holds zip times. After an
intended change regenerate them and read the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export_docx.py -q
"""

from __future__ import annotations

import io
import os
import stat
import sys

import docx
import pytest
from data_paths import SUPPORT
from export_fixture import AWKWARD, awkward_session
from hostile import HOSTILE_CODE, hostile_session, raw_controls

from interview_tui.cli import main as cli
from interview_tui.export import export_filename, render_file
from interview_tui.export.summary import STYLES, build_summary

GOLDEN = SUPPORT / "golden_docx"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _marked(paragraph) -> str:
    """The paragraph's text with bold runs in «», italic ones in ‹›."""
    return "".join(
        f"«{run.text}»" if run.bold and run.text.strip() else f"‹{run.text}›" if run.italic else run.text
        for run in paragraph.runs
    )


def read_back(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [" | ".join(_marked(cell.paragraphs[0]) for cell in row.cells) for table in document.tables for row in table.rows]
    lines += [f"{p.style.name} | {_marked(p)}" for p in document.paragraphs]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("style", STYLES)
def test_the_document_matches_its_golden_file(style: str) -> None:
    data = render_file(awkward_session(), "docx", style, practitioner="Sam O'Neil <duty team>")
    produced = read_back(data)
    path = GOLDEN / f"{style}.txt"
    if UPDATE:
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8"), f"{path.name} differs: if intended, UPDATE_GOLDEN=1"


@pytest.mark.parametrize("style", STYLES)
def test_header_alerts_and_sections_are_those_of_the_summary(style: str) -> None:
    session = awkward_session()
    summary = build_summary(session, style, practitioner="Sam")
    document = docx.Document(io.BytesIO(render_file(session, "docx", style, practitioner="Sam")))
    header = [(row.cells[0].text, row.cells[1].text) for row in document.tables[0].rows]
    assert header == [(f.label, f.value) for f in summary.header]
    assert header[0] == ("Client", "C-0142_x")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["⚠ Alerts", *(s.title for s in summary.sections)]
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == summary.title
    text = "\n".join(p.text for p in document.paragraphs)
    assert AWKWARD.splitlines()[0] in text  # as typed: no Markdown or HTML escaping in a Word document
    assert "MUST-NOT-BE-EXPORTED" not in text


def test_control_characters_are_gone(intake) -> None:
    session = hostile_session(intake)
    session.client_code = HOSTILE_CODE  # (as a forged file would have it)
    for style in STYLES:
        document = docx.Document(io.BytesIO(render_file(session, "docx", style)))
        text = "\n".join(p.text for p in document.paragraphs)
        header = [row.cells[1].text for row in document.tables[0].rows]
        assert raw_controls(text) == [] and "EVIL" in text and "␛]0;" in text
        assert raw_controls("".join(header)) == [] and header[0] == "X␛]0;CODE-TITLE␇Y"


def test_export_writes_a_private_docx_and_keeps_an_existing_one(locations, store, tmp_path, capsys) -> None:
    session = awkward_session()
    store.save(session)
    path = tmp_path / export_filename(session, "docx", "soap")
    assert path.name.endswith("_soap.docx")
    args = ["export", "--data-dir", str(locations.data_dir), session.id, "--format", "docx", "--style", "soap"]
    assert cli.main([*args, "-o", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_back(path.read_bytes()) == read_back(render_file(session, "docx", "soap"))
    assert capsys.readouterr().err == f"Exported to {path}\n"
    path.write_bytes(b"earlier")
    assert cli.main([*args, "-o", str(path)]) == 2
    assert path.read_bytes() == b"earlier"
    assert capsys.readouterr().err == f"interview-tui: {path} already exists (use --force to replace it)\n"


def test_a_document_is_never_written_onto_a_terminal(locations, store, capsys, monkeypatch) -> None:
    session = awkward_session()
    store.save(session)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["export", "--data-dir", str(locations.data_dir), session.id, "--format", "docx"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "interview-tui: a docx file is a document, not text to show here: write it with -o PATH\n"


def test_the_export_dialog_offers_word() -> None:
    from interview_tui.export import FORMATS
    from interview_tui.ui.screens.export_dialog import FORMAT_LABELS

    assert "docx" in FORMATS and set(FORMAT_LABELS) == set(FORMATS)
