"""The README's settings table is the generated one: it cannot drift from the model or the bindings."""

from __future__ import annotations

import re
from pathlib import Path

from interview_tui.settings.file import markdown_table
from interview_tui.ui.keys import binding_docs
from data_paths import README

START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def test_the_readme_settings_table_matches_the_generated_one():
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"{re.escape(START)}\n(.*?)\n?{re.escape(END)}", text, re.S)
    assert match, f"README.md needs a settings table between {START} and {END}"
    assert match.group(1).strip() == markdown_table(binding_docs()).strip(), (
        "README.md's settings table is stale: replace it with the output of `interview-tui config --markdown`"
    )
