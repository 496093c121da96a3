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


if __name__ == "__main__":
    MinimalApp().run()
    sys.exit(0)
