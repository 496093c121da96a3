"""What listing sessions loads (not timed: which modules).

`interview-tui sessions` reads the session index only: it must not pay for
Textual or pydantic (together most of a launch's time).
"""

from __future__ import annotations

import subprocess
import sys


def test_listing_sessions_loads_neither_textual_nor_pydantic(tmp_path):
    code = (
        "import sys; from interview_tui.cli.main import main; "
        f"main(['--data-dir', {str(tmp_path)!r}, 'sessions', '--json']); "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual'))), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert result.stderr.strip() == ""
