"""Where the tests' own data lives, named once so a test file can move between folders freely."""

from __future__ import annotations

from pathlib import Path

SUPPORT = Path(__file__).resolve().parent
FIXTURES = SUPPORT / "fixtures"
GOLDEN = SUPPORT / "golden"
REPO_ROOT = SUPPORT.parents[1]
README = REPO_ROOT / "README.md"
