"""The architecture is checked by a machine: import-linter's contracts in pyproject.toml (layers one way, no textual below the UI, no I/O in the core)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from data_paths import REPO_ROOT


def test_layer_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        found = shutil.which("lint-imports")
        if found is None:
            pytest.fail("import-linter is not installed: pip install '.[test]'")
        lint = Path(found)
    root = REPO_ROOT
    result = subprocess.run([str(lint), "--config", str(root / "pyproject.toml")], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
