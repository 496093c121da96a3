"""What listing sessions loads (not timed: which modules).

`interview-tui sessions` reads the session index only: it must not pay for
Textual or pydantic (together most of a launch's time).
"""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_listing_sessions_loads_neither_textual_nor_pydantic(tmp_path):
    code = (
        "import sys; from interview_tui.cli.main import main; "
        f"main(['--data-dir', {str(tmp_path)!r}, 'sessions', '--json']); "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual'))), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert result.stderr.strip() == ""


HEAVY = ("pydantic", "textual", "rich", "filelock", "socket", "secrets")


@pytest.mark.parametrize(
    "command",
    [
        ["sessions"],
        ["sessions", "--client", "AB-1"],
        ["clients"],
        ["search", "housing"],
        ["export", "20261123-142501-a3f9", "--style", "soap"],
        ["conflicts"],
    ],
    ids=" ".join,
)
def test_read_only_commands_on_an_empty_store_load_nothing_heavy(tmp_path, command):
    """Issue 17: commands that draw nothing stay within a few times a bare Python start on an empty store. The
    libraries named here cost tens of milliseconds each to import and none is needed to say there is nothing
    (the search's lock library was pulled in by the audit log's helper; export loaded the settings model and the
    export's pydantic models before it found there was no such session)."""
    code = (
        "import sys; from interview_tui.cli.main import main\n"
        f"try: main(['--data-dir', {str(tmp_path)!r}, *{command!r}])\n"
        "except SystemExit: pass\n"
        f"print('loaded:', *sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.splitlines()[-1] == "loaded:"
