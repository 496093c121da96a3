"""The types are checked by a machine: mypy over src/interview_tui as [tool.mypy] in pyproject.toml says (strict below the UI)."""

from __future__ import annotations

import subprocess
import sys

from data_paths import REPO_ROOT


def test_the_package_type_checks() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(REPO_ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    if "No module named mypy" in result.stderr:
        raise AssertionError("mypy is not installed: pip install '.[test]'")
    assert result.returncode == 0, result.stdout + result.stderr
