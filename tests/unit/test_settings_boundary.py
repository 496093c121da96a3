"""The settings core never imports Textual (the UI reads settings; settings know nothing of the UI)."""

from __future__ import annotations

import subprocess
import sys


def test_settings_modules_do_not_import_textual():
    code = (
        "import sys\n"
        "import interview_tui.settings.model, interview_tui.settings.file, interview_tui.phases.toml_lines, interview_tui.cli.config\n"
        "from interview_tui.settings.model import load_settings\n"
        "from pathlib import Path\n"
        "load_settings(Path(sys.argv[1]))\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "/nonexistent"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
