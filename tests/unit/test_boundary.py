"""The domain core never imports textual (the UI is a thin layer over it)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import interview_tui


def core_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(interview_tui.__path__, "interview_tui.")
        if not m.name.startswith("interview_tui.ui")
    ]


def test_core_modules_do_not_import_textual():
    modules = core_modules()
    assert "interview_tui.store.sessions" in modules and "interview_tui.core.session" in modules
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules if m != "interview_tui.__main__")
    code += "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\nprint(bad)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
