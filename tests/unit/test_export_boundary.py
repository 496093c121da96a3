"""The export and review core never import textual (the UI is a thin layer over them)."""

from __future__ import annotations

import subprocess
import sys


def test_export_core_imports_no_ui() -> None:
    code = (
        "import sys\n"
        "import interview_tui.export, interview_tui.core.gaps, interview_tui.cli.export\n"
        "from interview_tui.cli import main as cli\n"
        "cli._parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('interview_tui.ui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
