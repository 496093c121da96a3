"""Golden files: every format in every note style, on a session full of awkward text.

The expected files are in tests/support/golden/. After an intended change to an
export, regenerate them and read the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_export_golden.py -q
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from export_fixture import awkward_session

from interview_tui.export import EXTENSIONS, TEXT_FORMATS as FORMATS, render
from interview_tui.export.summary import STYLES
from data_paths import GOLDEN

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

CASES = [(fmt, style) for fmt in FORMATS if fmt != "json" for style in STYLES] + [("json", "narrative")]


def golden_path(fmt: str, style: str) -> Path:
    if fmt == "json":
        return GOLDEN / "session.json"
    return GOLDEN / f"{style}.{EXTENSIONS[fmt]}"


@pytest.mark.parametrize(("fmt", "style"), CASES, ids=[f"{f}-{s}" for f, s in CASES])
def test_export_matches_golden_file(fmt: str, style: str) -> None:
    produced = render(awkward_session(), fmt, style, practitioner="Sam O'Neil <duty team>")
    path = golden_path(fmt, style)
    if UPDATE:
        path.write_bytes(produced.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert produced == expected, f"{path.name} differs: if the change is intended, run with UPDATE_GOLDEN=1"


def test_every_golden_file_is_used() -> None:
    """A golden file nobody checks any more is a stale promise; remove it."""
    used = {golden_path(fmt, style).name for fmt, style in CASES}
    present = {p.name for p in GOLDEN.iterdir() if p.name != "README.md"}
    assert present == used
