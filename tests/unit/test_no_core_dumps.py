"""Item 15 of issue 15: no core dump (and, on Linux, a non-dumpable process) once a command opens the store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import ctypes, json, resource, sys
from interview_tui.cli.main import main
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # as a system that allows core files
def state():
    return {"core": list(resource.getrlimit(resource.RLIMIT_CORE)), "dumpable": ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)}
before = state()
main(['--data-dir', sys.argv[1], *sys.argv[2:]])
print(json.dumps({"before": before, "after": state()}), file=sys.stderr)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
@pytest.mark.parametrize("command", [["sessions"], ["clients"], ["search", "word"], ["trash", "list"]])
def test_commands_that_open_the_store_forbid_core_dumps(tmp_path, command):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path), *command], capture_output=True, text=True, check=True
    )
    seen = json.loads(result.stderr.strip().splitlines()[-1])
    assert seen["before"]["dumpable"] == 1
    assert seen["after"] == {"core": [0, 0], "dumpable": 0}
