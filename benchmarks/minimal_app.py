"""The reference: the smallest useful Textual app (Header, TextArea, Footer).

Launch and memory figures are compared with this app, started the same way in
the same run. It marks itself ready exactly as interview-tui does: when
INTERVIEW_TUI_BENCH_READY_FILE is set, it writes "<wall-clock ns> <process CPU
ns>" to that file once its first screen has been drawn.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, TextArea

READY_ENV = "INTERVIEW_TUI_BENCH_READY_FILE"


class MinimalApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea(self.text, id="note", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()
        path = os.environ.get(READY_ENV)
        if path:
            self.screen.call_after_refresh(lambda: Path(path).write_text(f"{time.time_ns()} {time.process_time_ns()}"))


def load_models() -> None:
    """``--with-models``: also load what any session needs before it can be shown, as a second reference: the
    data models (pydantic) and the built-in phase files, validated. No store, no screens of the app."""
    from interview_tui.phases.catalogue import LazyCatalogue
    from interview_tui.store.paths import builtin_phases_dir
    import interview_tui.core.session  # noqa: F401

    assert LazyCatalogue([builtin_phases_dir()]).get().protocols


if __name__ == "__main__":
    if "--with-models" in sys.argv[1:]:
        load_models()
    MinimalApp().run()
    sys.exit(0)
