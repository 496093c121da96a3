"""A date (``date`` prompts and the dates of goals and plan items), written in the practitioner's order.

The order is the ``date_order`` setting (see core.dates); yyyy-mm-dd always works. Shortcuts,
turned into the date when you press enter or leave the field: ``today``, ``+7`` (seven days
from today), ``-1`` (yesterday). The weekday shows beside the date. A date is saved
as soon as it is complete and real; until then nothing is saved, and the
core's message shows under the field once you press enter or move on.
"""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.events import Blur
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from interview_tui.core.dates import date_hint, read_date, show_date
from interview_tui.core.visible_text import visible

from interview_tui.ui.widgets.answer_message import AnswerField, field_id, next_field, settle
from interview_tui.ui.widgets.keys_in_order import KeysInOrder

DATE_HINT = date_hint("iso")


def _order(widget: Widget) -> str:
    """The practitioner's date order (settings' ``date_order``), ISO outside the app."""
    try:
        return str(getattr(getattr(widget.app, "settings", None), "date_order", "iso"))
    except Exception:  # noqa: BLE001 - no app yet (a widget made in a unit test)
        return "iso"


def _today(widget: Widget) -> date:
    try:
        return widget.app.casework_today()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no app, or an app without the casework clock
        return date.today()


def resolve_date_entry(text: str, today: date | None = None, order: str = "iso") -> str:
    """The entry as yyyy-mm-dd when it names a day in ``order``; anything else unchanged (the core refuses it)."""
    try:
        day = read_date(text, order, today or date.today())
    except ValueError:
        return text.strip()
    return day.isoformat() if day else text.strip()


class DateInput(Input):
    """An Input for a date in the practitioner's order: made yyyy-mm-dd when done, its weekday shown beside it.

    A date that is ambiguous or not a real day keeps its text and shows why in ``problem``
    (and the border), until it is corrected."""

    problem: reactive[str] = reactive("")

    def __init__(self, value: str, **kwargs) -> None:
        super().__init__(value, placeholder=DATE_HINT, **kwargs)

    def on_mount(self) -> None:
        self.placeholder = date_hint(_order(self))
        self._show(self.value, finished=False)

    def _show(self, text: str, finished: bool) -> None:
        order = _order(self)
        try:
            day = read_date(text, order, _today(self))
        except ValueError as error:
            if finished or self.problem:
                self.problem = str(error)  # stays until the date is corrected
            self.border_subtitle = visible(self.problem) if self.problem else ""
            return
        self.problem = ""
        self.border_subtitle = show_date(day, order) if day else ""
        self.tooltip = show_date(day, order) if day else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value, finished=False)

    def resolve(self) -> str:
        resolved = resolve_date_entry(self.value, _today(self), _order(self))
        self._show(self.value, finished=True)
        if resolved != self.value:
            with self.prevent(Input.Changed):
                self.value = resolved
        return resolved


class DateField(AnswerField, KeysInOrder, DateInput):
    DEFAULT_CSS = """
    DateField { border: round $primary 40%; padding: 0 1; height: 3; width: 48; }
    DateField:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding(
            "enter", "enter_next_field", "Next field", id="enter_next_field", show=False, priority=True,
            tooltip="In a one-line answer or a date: done, go to the next field.",
        )
    ]

    def __init__(self, value: str | None, phase_id: str, prompt_id: str) -> None:
        super().__init__(value or "", id=field_id(phase_id, prompt_id), classes="answer-field")
        self.phase_id = phase_id
        self.prompt_id = prompt_id

    def _on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.send_answer(event.value, quiet=True)  # saved once valid; no message while still typing

    def _finish(self) -> None:
        self.send_answer(self.resolve())

    async def action_enter_next_field(self) -> None:
        await settle(self)  # the keys typed before enter are in the value first
        self._finish()
        await next_field(self)

    def _on_blur(self, event: Blur) -> None:
        self._finish()
