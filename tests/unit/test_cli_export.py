"""`interview-tui export`: stdout or a private file, never a silent overwrite, one-line errors."""

from __future__ import annotations

import stat

import pytest
from export_fixture import AWKWARD, awkward_session

from interview_tui.cli import main as cli

from interview_tui.cli import export as cli_export
from interview_tui.export import FORMATS, TEXT_FORMATS, render
from interview_tui.export.summary import STYLES


@pytest.fixture
def saved(locations, store):
    session = awkward_session()
    store.save(session)
    return session


def _run(locations, *args: str) -> int:
    return cli.main(["export", "--data-dir", str(locations.data_dir), *args])


@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_prints_to_stdout_by_default(locations, saved, capsys, output) -> None:
    assert _run(locations, saved.id, *output) == 0
    out, err = capsys.readouterr()
    assert out == render(saved, "markdown", "narrative")
    assert err == ""


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_each_format_and_style_to_stdout(locations, saved, capsys, fmt) -> None:
    assert _run(locations, saved.id, "--format", fmt, "--style", "birp") == 0
    assert capsys.readouterr().out == render(saved, fmt, "birp")


def test_writes_a_private_file_and_says_where(locations, saved, tmp_path, capsys) -> None:
    path = tmp_path / "out" / "note.html"
    assert _run(locations, saved.id, "--format", "html", "--style", "soap", "-o", str(path)) == 0
    assert path.read_text(encoding="utf-8") == render(saved, "html", "soap")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    out, err = capsys.readouterr()
    assert out == "" and err == f"Exported to {path}\n"


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(locations, saved, tmp_path, capsys) -> None:
    path = tmp_path / "note.md"
    path.write_text("earlier export")
    path.chmod(0o644)
    assert _run(locations, saved.id, "-o", str(path)) == 2
    assert path.read_text() == "earlier export"
    err = capsys.readouterr().err
    assert err == f"interview-tui: {path} already exists (use --force to replace it)\n"
    assert _run(locations, saved.id, "-o", str(path), "--force") == 0
    assert AWKWARD.splitlines()[0].replace("[", "\\[").replace("]", "\\]").replace("<", "\\<") in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["20990101-000000-ffff"], "no session with id '20990101-000000-ffff'"),
        (["not-an-id"], "no session with id 'not-an-id' (ids look like"),
        (["{id}", "--format", "pdf"], "unknown export format 'pdf' (known: markdown, text, html, json, docx)"),
        (["{id}", "--style", "pirp"], "unknown note style 'pirp' (known: narrative, soap, dap, birp, girp)"),
        (["{id}", "-o", "{folder}"], "is a folder; give a file name"),
        (["{id}", "-o", "{file}/note.md"], "cannot write {file}/note.md: Not a directory"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(locations, saved, tmp_path, capsys, args, message) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    args = [a.format(id=saved.id, folder=tmp_path, file=a_file) for a in args]
    message = message.format(file=a_file)
    assert _run(locations, *args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("interview-tui: ")
    assert message in err
    assert "Traceback" not in err and "cope" not in err


def test_help_names_every_format_and_style() -> None:
    for fmt in FORMATS:
        assert fmt in cli_export.FORMAT_HELP
    for style in STYLES:
        assert style in cli_export.STYLE_HELP
