"""The app's style sheets: one ``.tcss`` file per screen, plus ``app.tcss`` for what every screen shares.

The rule: a screen's styles live here, named after its module, and the screen
names its file with ``CSS_PATH = style_sheet("name")`` (Textual reads it the
first time the screen is shown, so start-up parses only what the first screen
needs). A reusable widget keeps its own ``DEFAULT_CSS``, so it can be used
anywhere without a style sheet beside it. ``tests/unit/test_styles.py``
checks both halves of the rule.
"""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).resolve().parent


def style_sheet(name: str) -> Path:
    """The path of ``styles/<name>.tcss`` (an absolute path, so a subclass in another module finds it too)."""
    return STYLES / f"{name}.tcss"
