"""The CSS rule: a screen's styles are in ui/styles/<module>.tcss; reusable widgets keep DEFAULT_CSS."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import interview_tui.ui
from interview_tui.ui.styles import STYLES

UI = Path(interview_tui.ui.__file__).resolve().parent


def class_assignments(path: Path) -> dict[str, set[str]]:
    """Each class in the file, with the class-level names it assigns."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            found[node.name] = {t.id for st in node.body if isinstance(st, ast.Assign)
                                for t in st.targets if isinstance(t, ast.Name)}
    return found


def test_no_screen_carries_its_styles_in_python():
    offenders = [f"{path.name}:{cls}" for path in sorted((UI / "screens").glob("*.py"))
                 for cls, names in class_assignments(path).items() if names & {"DEFAULT_CSS", "CSS"}]
    assert offenders == [], "move these styles to ui/styles/<module>.tcss and name it with CSS_PATH"


def test_every_style_sheet_named_exists_and_every_sheet_is_used():
    named = set()
    for path in [UI / "app.py", *sorted((UI / "screens").glob("*.py"))]:
        named |= set(re.findall(r'style_sheet\("(\w+)"\)', path.read_text(encoding="utf-8")))
    sheets = {p.stem for p in STYLES.glob("*.tcss")}
    assert named - sheets == set(), "a screen names a style sheet that does not exist"
    assert sheets - named == set(), "a style sheet no screen uses"


def test_the_style_sheets_do_not_style_another_screens_widgets_by_id():
    """app.tcss holds what every screen shares; a screen's own ids belong in its own sheet."""
    app_sheet = (STYLES / "app.tcss").read_text(encoding="utf-8")
    for screen_only in ("#home-", "#search-", "#new-session", "#help-", "#review-", "#client-view"):
        assert screen_only not in app_sheet, screen_only
