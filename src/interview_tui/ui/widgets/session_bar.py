"""The session bar: client code, any raised alert, protocol, phase, time in session, and whether the notes are safe.

When it does not all fit, the protocol gives way first (its "finished" explanation, then its
title, shortened with "…", then the whole of it, with a short "finished" in its place), then
the time in session, so
the client code, the alert and the phase name stay whole: at 120 columns a finished session's
bar cut the phase to "Follow-up and documentat".
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

PADDING = 3
"""Each part's padding in the bar (app.tcss: ``padding: 0 2 0 1``)."""
SHORTEST_TITLE = 8
"""A protocol title shortened below this many cells says nothing: the protocol is hidden instead."""
FINISHED_NOTE = " · finished: changes are kept as amendments"


class SessionBar(Horizontal):
    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = ""
        self._finished = False

    def compose(self) -> ComposeResult:
        yield Static(id="bar-client")
        yield Static(id="bar-alert")
        yield Static(id="bar-protocol")
        yield Static(id="bar-phase")
        yield Static(Content("finished"), id="bar-finished")  # (where the protocol is hidden)
        yield Static(id="bar-elapsed")
        yield Static(id="bar-saved")

    def show_protocol(self, title: str, finished: bool) -> None:
        self._title, self._finished = title, finished
        self.query_one("#bar-finished", Static).set_class(finished, "finished")
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """Give the protocol what room the other parts leave, shortening it before anything else; with no room
        even then (a long client code on a narrow screen), the time in session goes too."""
        protocol = self.query_one("#bar-protocol", Static)
        elapsed = self.query_one("#bar-elapsed", Static)
        finished = self.query_one("#bar-finished", Static)

        def width(part: Static) -> int:
            return cell_len(str(part.render())) + PADDING

        others = sum(width(part) for part in self.query(Static)
                     if part not in (protocol, finished, elapsed) and part.display)  # fmt: skip
        short_finished = width(finished) if self._finished else 0
        self.set_class(others + width(elapsed) + short_finished > self.size.width, "no-room-for-time")
        others += width(elapsed) if not self.has_class("no-room-for-time") else 0
        room = self.size.width - others - PADDING
        title = self._title
        for text in (title + FINISHED_NOTE if self._finished else title, title + " · finished" if self._finished else title):
            if cell_len(text) <= room:
                break
        else:
            text = title[: max(room - 1, 0)].rstrip() + "…" if room >= SHORTEST_TITLE else ""
            if self._finished and text:
                text = ""  # (a shortened title would hide that the session is finished: the short word says it)
        shown = bool(text)
        self.set_class(not shown, "protocol-hidden")
        if shown and str(protocol.render()) != text:
            protocol.update(Content(text))
