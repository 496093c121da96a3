"""A scored instrument (PHQ-9, GAD-7...): its instructions, one row per item, the live score and alerts.

The grid is one focusable widget with a cursor on an item: the digit of an
option's points answers the item and moves the cursor to the next; left /
right change the answer; up / down move the cursor; delete clears.
The score, band and alerts come from the core (``answers.score_of``);
an alert is written out with "⚠ ALERT:", never shown by colour alone.
They are shown by an ``InstrumentSummary`` pinned at the top of the phase
(it does not scroll), so they stay in view while the items are answered.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.widgets import Static

from interview_tui.core.instruments import Instrument, InstrumentItem, Score

PICKED, NOT_PICKED = "◉", "○"
ALERT = "⚠ ALERT: "


class InstrumentAnswered(Message):
    def __init__(self, phase_id: str, item_id: str, points: int | None) -> None:
        super().__init__()
        self.phase_id = phase_id
        self.item_id = item_id
        self.points = points


class ItemRow(Static):
    """One item and its options; the picked option is marked ◉ and its points are written out."""

    DEFAULT_CSS = """
    ItemRow { height: auto; padding: 0 1; }
    ItemRow.-cursor { background: $boost; }
    InstrumentGrid:focus ItemRow.-cursor { background: $accent 30%; }
    """

    def __init__(self, instrument: Instrument, item: InstrumentItem, number: int, points: int | None, phase_id: str):
        super().__init__(id=f"item-{phase_id}-{item.id}", classes="instrument-item")
        self.instrument = instrument
        self.item = item
        self.number = number
        self.points = points

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        marks = "  ".join(f"{PICKED if o.points == self.points else NOT_PICKED} {o.points}" for o in self.instrument.options)
        answer = self.instrument.option_label(self.points) if self.points is not None else "not answered"
        here = "▶ " if self.has_class("-cursor") else "  "
        self.update(Content(f"{here}{self.number}. {self.item.text}\n     {marks}   {answer}"))


def score_lines(score: Score | None, instrument: Instrument) -> tuple[str, str]:
    """The score line and the alert lines (both plain text)."""
    if score is None:
        return f"Total: not started (0 of {len(instrument.items)} answered)", ""
    band = score.band if score.complete else "band shown when every item is answered"
    total = f"Total: {score.total} of {instrument.highest_total} · {score.answered} of {score.of} answered · {band}"
    alerts = "\n".join(ALERT + a.message for a in score.alerts)
    return total, alerts


class InstrumentSummary(Vertical):
    """The running total, the band and any raised alert: docked at the top of the phase, never scrolled away."""

    DEFAULT_CSS = """
    InstrumentSummary { dock: top; height: auto; background: $panel; padding: 0 1; }
    InstrumentSummary .instrument-total { text-style: bold; }
    InstrumentSummary .instrument-alerts { color: $error; text-style: bold; height: auto; }
    """

    def __init__(self, instrument: Instrument, phase_id: str, score: Score | None) -> None:
        super().__init__(id=f"instrument-summary-{phase_id}", classes="instrument-summary")
        self.instrument = instrument
        self.score = score
        self._composed = False

    def compose(self) -> ComposeResult:
        yield Static(classes="instrument-total")
        yield Static(classes="instrument-alerts")

    def on_mount(self) -> None:
        self._composed = True
        self.show_score(self.score)

    def show_score(self, score: Score | None) -> None:
        self.score = score
        if not self._composed:
            return  # (shown on mount)
        total, alerts = score_lines(score, self.instrument)
        self.query_one(".instrument-total", Static).update(Content(f"{self.instrument.title} · {total}"))
        shown = self.query_one(".instrument-alerts", Static)
        shown.update(Content(alerts))
        shown.display = bool(alerts)


class InstrumentGrid(Vertical, can_focus=True):
    """One focusable widget with a cursor on an item: no focus moves between items, so a fast
    burst of digits answers one item per digit, in order."""

    DEFAULT_CSS = """
    InstrumentGrid { height: auto; margin-bottom: 1; border-left: blank; }
    InstrumentGrid:focus { border-left: outer $accent; }
    InstrumentGrid .instrument-title { text-style: bold; }
    InstrumentGrid .instrument-legend { color: $text-muted; }
    InstrumentGrid .instrument-instructions { text-style: italic; margin-bottom: 1; }
    InstrumentGrid .instrument-source { color: $text-muted; margin-top: 1; }
    """

    def __init__(
        self, instrument: Instrument, answers: dict[str, int], score: Score | None, phase_id: str,
        summary: InstrumentSummary,
    ) -> None:
        super().__init__(id=f"instrument-{phase_id}", classes="instrument")
        self.summary = summary
        """Where the total, band and alerts are shown (pinned above the phase)."""
        self.instrument = instrument
        self.answers = answers
        self.score = score
        self.phase_id = phase_id
        self.cursor = next((i for i, item in enumerate(instrument.items) if item.id not in answers), 0)

    def compose(self) -> ComposeResult:
        inst = self.instrument
        yield Static(Content(f"{inst.title} · a number answers and moves on; ← → change; ↑ ↓ move; delete clears"),
                     classes="instrument-title")
        legend = " · ".join(f"{o.points} {o.label}" for o in inst.options)
        yield Static(Content(f"Answers: {legend}"), classes="instrument-legend")
        if inst.instructions:
            yield Static(Content(inst.instructions), classes="instrument-instructions")
        for n, item in enumerate(inst.items, 1):
            yield ItemRow(inst, item, n, self.answers.get(item.id), self.phase_id)
        if inst.source:
            yield Static(Content(f"Source: {inst.source}"), classes="instrument-source")

    def on_mount(self) -> None:
        self._move_cursor(self.cursor)

    @property
    def rows(self) -> list[ItemRow]:
        return list(self.query(ItemRow))

    def _move_cursor(self, index: int) -> None:
        rows = self.rows
        index = max(0, min(len(rows) - 1, index))
        for i, row in enumerate(rows):
            if row.has_class("-cursor") != (i == index):
                row.set_class(i == index, "-cursor")
                row.show()
        self.cursor = index
        if self.has_focus:
            rows[index].scroll_visible(animate=False)

    scrolls_itself = True
    """Tab and shift+tab leave the scrolling to the grid: it shows the item its cursor is on, not its top."""

    def on_focus(self) -> None:
        self._move_cursor(self.cursor)
        # After any scroll the screen still has queued (the field just left was scrolled to).
        self.screen.call_later(self._show_cursor_row)

    def _show_cursor_row(self) -> None:
        if self.has_focus:
            self.rows[self.cursor].scroll_visible(animate=False)

    def _set(self, points: int | None) -> None:
        row = self.rows[self.cursor]
        if points == row.points:
            return
        row.points = points
        row.show()
        self.post_message(InstrumentAnswered(self.phase_id, row.item.id, points))

    def on_key(self, event: Key) -> None:
        """Digits answer and move on; ← → change the answer; ↑ ↓ move; delete clears."""
        values = [o.points for o in self.instrument.options]
        key = event.key
        if event.character and event.character.isdigit() and len(event.character) == 1:
            if int(event.character) in values:
                self._set(int(event.character))
                self._move_cursor(self.cursor + 1)
            else:
                self.app.bell()
        elif key in ("left", "right"):
            current = self.rows[self.cursor].points
            if current not in values:
                self._set(values[0] if key == "right" else values[-1])
            else:
                step = 1 if key == "right" else -1
                self._set(values[max(0, min(len(values) - 1, values.index(current) + step))])
        elif key in ("up", "down"):
            self._move_cursor(self.cursor + (1 if key == "down" else -1))
        elif key in ("delete", "backspace"):
            self._set(None)
        else:
            return
        event.stop()
        event.prevent_default()

    def show_score(self, score: Score | None) -> None:
        self.score = score
        self.summary.show_score(score)
        # An alert that appears makes the summary taller and the page shorter: keep the item in view.
        self.call_after_refresh(self._show_cursor_row)

