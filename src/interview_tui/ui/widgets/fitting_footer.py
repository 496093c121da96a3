"""The footer, fitted to the screen's width: when its keys do not all fit, the least needed go, never the essential ones.

Textual's footer cuts its keys off at the right edge, and the right edge is where the app's
own keys ("^q Quit") come: at 80 columns the home screen lost Quit, and a focused list's own
keys pushed "^t Phases" and "^q Quit" off the session footer. Here the keys that do not fit are
hidden from the right, skipping the essential ones, so what is shown is always whole; every key
still works, and help (f1) lists them all.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ESSENTIAL = frozenset({"quit", "help", "save", "next_phase", "previous_phase", "close_session", "toggle_phases"})
"""Actions whose key always stays in the footer, as long as they are bound on the screen."""


class FittingFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Show every key, then hide the unessential ones from the right until the rest fit in one line."""
        keys = [key for key in self.query(FooterKey) if not key.has_class("-command-palette")]
        palette = [key for key in self.query(FooterKey) if key.has_class("-command-palette")]
        widths = {key: _width(key) for key in keys + palette}
        room = self.size.width
        needed = sum(widths.values())
        shown = {key: True for key in keys + palette}
        for key in palette:  # the command palette key goes first: ctrl+p still works, and help lists it
            if needed <= room:
                break
            shown[key] = False
            needed -= widths[key]
        for key in reversed(keys):
            if needed <= room:
                break
            if key.action in ESSENTIAL:
                continue
            shown[key] = False
            needed -= widths[key]
        for key, show in shown.items():
            if key.display != show:
                key.display = show


def _width(key: FooterKey) -> int:
    """The key's width in the footer, as drawn: its content (key and description) and its gutter."""
    content = key.get_content_width(key.size, key.app.size)
    return content + key.styles.gutter.width
