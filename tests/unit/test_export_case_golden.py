"""Golden exports of a follow-up and an ending (issue 16): goal ratings, review notes and the PHQ-9 / GAD-7
trends in every format and every note style.

The expected files are in tests/support/golden_case/. After an intended change, regenerate them and read
the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export_case_golden.py -q
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from case_fixture import the_case
from data_paths import SUPPORT

from interview_tui.export import EXTENSIONS, TEXT_FORMATS as FORMATS, render
from interview_tui.export.summary import STYLES

GOLDEN_CASE = SUPPORT / "golden_case"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
WHICH = ("review", "ending")
CASES = [
    (which, fmt, style)
    for which in WHICH
    for fmt in FORMATS
    for style in (STYLES if fmt != "json" else ("narrative",))
]


def golden_path(which: str, fmt: str, style: str) -> Path:
    if fmt == "json":
        return GOLDEN_CASE / f"{which}.json"
    return GOLDEN_CASE / f"{which}-{style}.{EXTENSIONS[fmt]}"


@pytest.fixture(scope="module")
def sessions():
    _first, review, ending = the_case()
    return {"review": review, "ending": ending}


@pytest.mark.parametrize(("which", "fmt", "style"), CASES, ids=[f"{w}-{f}-{s}" for w, f, s in CASES])
def test_case_export_matches_golden_file(sessions, which: str, fmt: str, style: str) -> None:
    produced = render(sessions[which], fmt, style)
    path = golden_path(which, fmt, style)
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(produced.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert produced == path.read_bytes().decode("utf-8"), f"{path.name} differs: if intended, UPDATE_GOLDEN=1"


@pytest.mark.parametrize(("which", "fmt", "style"), [c for c in CASES if c[1] != "json"])
def test_every_case_export_has_the_ratings_and_review_notes(sessions, which: str, fmt: str, style: str) -> None:
    text = " ".join(render(sessions[which], fmt, style).split())  # (the text format wraps long lines)
    if which == "review":
        assert "5/10 today (last time 2/10)" in text and "4/10 today (last time 3/10)" in text
        assert "Diary kept: 3 good nights of 7." in text
        assert "Partly achieved (was Open)" in text
    else:
        assert "9/10 today (last time 5/10)" in text and "8/10 today (last time 6/10)" in text
        assert "Tenancy signed; moving on the 4th." in text
        assert "Achieved (was Open)" in text
    assert "Baseline" in text and "2/10" in text


@pytest.mark.parametrize(("which", "fmt", "style"), [c for c in CASES if c[1] != "json"])
def test_every_case_export_has_a_line_per_instrument(sessions, which: str, fmt: str, style: str) -> None:
    text = " ".join(render(sessions[which], fmt, style).split())  # (the text format wraps long lines)
    if which == "review":
        assert "17 → 11, moderately severe → moderate" in text and "12 → 8, moderate → mild" in text
    else:
        assert "17 → 11 → 6, moderately severe → mild" in text and "12 → 8 → 4, moderate → minimal" in text
    assert "⚠ item 9 on 2026-02-02" in text


def test_every_golden_case_file_is_used() -> None:
    used = {golden_path(*case).name for case in CASES}
    assert {p.name for p in GOLDEN_CASE.iterdir()} == used
