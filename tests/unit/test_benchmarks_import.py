"""Every benchmark script still imports: a rename in the package never leaves a benchmark broken unseen (the
benchmarks themselves are run by hand, ``benchmarks/run.py``, not by the suite)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.parametrize("script", sorted(p.stem for p in BENCHMARKS.glob("*.py")))
def test_the_benchmark_script_imports(script):
    code = f"import sys; sys.path.insert(0, {str(BENCHMARKS)!r}); import {script}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
