"""What the home screen and the session list load before their first frame (not timed: which modules).

pydantic and the protocol models are about a third of the launch time, so
the modules on the path to the home screen and to `sessions` must not import
them; they load just after the first frame, or when a session is read.
"""

from __future__ import annotations

import subprocess
import sys

HOME_PATH = "interview_tui.cli, interview_tui.ui.app, interview_tui.ui.screens.home, interview_tui.index"


def loaded_after(imports: str) -> set[str]:
    code = f"import sys, {imports}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_home_screen_path_loads_no_pydantic_and_no_protocols():
    loaded = loaded_after(HOME_PATH)
    assert "textual.app" in loaded  # the check itself works
    assert not {m for m in loaded if m.split(".")[0] == "pydantic"}
    assert not loaded & {"interview_tui.session", "interview_tui.protocol", "interview_tui.phase_files"}


def test_listing_sessions_loads_neither_textual_nor_pydantic(tmp_path):
    code = (
        "import sys; from interview_tui.cli import main; "
        f"main(['--data-dir', {str(tmp_path)!r}, 'sessions', '--json']); "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual'))), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert result.stderr.strip() == ""
