"""A small form over the session screen for one goal or plan item: keyboard only.

Tab or enter moves between the fields (enter on a choice opens it; on the
Save button it saves), ctrl+s saves from anywhere, escape cancels.
The form hands what was typed to ``save`` (which calls the core); a refused
value keeps the form open with the core's message under the fields, so
nothing typed is lost and nothing invalid is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from interview_tui.ui.focus_order import move_focus, settle
from interview_tui.ui.typing_guard import TypingGuard
from interview_tui.ui.widgets.date_field import DateInput
from interview_tui.ui.widgets.line_area import LineArea
from interview_tui.ui.styles import style_sheet


SHORT_HEIGHT = 32
"""Below this many rows the form's fields close up (no blank line between them)."""


@dataclass(frozen=True)
class FormField:
    name: str
    """The core's field name (``what``, ``by_when``, ``who``...)."""
    label: str
    kind: str = "text"
    """``text``, ``date`` or ``select``."""
    options: list[tuple[str, Any]] = field(default_factory=list)
    """For ``select``: (label, value); a value of None is "none"."""


class ItemForm(TypingGuard, ModalScreen[bool]):
    CSS_PATH = style_sheet("item_form")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without doing it."),
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save now (notes also save as you type).", priority=True),
        Binding("tab", "next_field", "Next field", id="next_field", show=False, priority=True,
                tooltip="Go to the next field."),
        Binding("shift+tab", "previous_field", "Previous field", id="previous_field", show=False, priority=True,
                tooltip="Go to the previous field."),
        # Priority, like tab: in a fast burst the keys after enter already go to the next field.
        Binding("enter", "enter_next_field", "Next field", id="form_enter_next_field", show=False, priority=True,
                tooltip="In a goal or plan-item form's text field: go to the next field (ctrl+s saves)."),
    ]

    def __init__(
        self, title: str, fields: list[FormField], values: dict[str, Any], save: Callable[[dict[str, Any]], str | None]
    ) -> None:
        """``save`` gets the values by field name and returns None when saved, or the problem to show."""
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.values = values
        self.save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="item-form"):
            yield Static(Content(self.title_text + "  (enter: next field · ctrl+s saves · esc cancels)"),
                         classes="section-title")
            for f in self.fields:
                yield Label(Content(f.label))
                value = self.values.get(f.name)
                if f.kind == "select":
                    options = [(Content(label), v if v is not None else "") for label, v in f.options]
                    chosen = value if value is not None else ""
                    yield Select(options, value=chosen, allow_blank=False, id=f"form-{f.name}", compact=True)
                elif f.kind == "date":
                    yield DateInput("" if value is None else str(value), id=f"form-{f.name}", compact=True)
                else:
                    yield LineArea("" if value is None else str(value), id=f"form-{f.name}")
            # Docked: the title (with its keys) and the problem and buttons stay in view while the fields scroll.
            with Vertical(id="item-form-foot"):
                yield Static(id="item-form-problem")
                with Horizontal(id="item-form-buttons"):
                    yield Button(Content("Save"), variant="primary", id="item-form-save")
                    yield Button(Content("Cancel"), id="item-form-cancel")

    def on_mount(self) -> None:
        self.query_one("#item-form-problem", Static).display = False
        self._fit()
        self.set_focus(self.query_one(f"#form-{self.fields[0].name}"))

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """On a short screen the fields close up, so the whole form fits in 24 rows without scrolling."""
        self.set_class(self.size.height < SHORT_HEIGHT, "short")

    async def action_next_field(self) -> None:
        await settle(self)
        move_focus(self, 1)

    async def action_previous_field(self) -> None:
        await settle(self)
        move_focus(self, -1)

    async def action_enter_next_field(self) -> None:
        focused = self.focused
        if not isinstance(focused, (Input, LineArea)):
            raise SkipAction()  # a choice opens, a button is pressed
        await settle(self)
        if isinstance(focused, DateInput):
            focused.resolve()
        move_focus(self, 1)

    async def settle_focused(self) -> None:
        await settle(self)

    def collected(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#form-{f.name}")
            if isinstance(widget, Select):
                out[f.name] = widget.value if widget.value != "" else None
            elif isinstance(widget, DateInput):
                out[f.name] = widget.resolve()
            else:
                assert isinstance(widget, LineArea)
                out[f.name] = widget.value
        return out

    @on(Button.Pressed, "#item-form-save")
    async def action_save(self) -> None:
        await settle(self)  # ctrl+s runs before the keys typed just ahead of it: let them land first
        problem = self.save(self.collected())
        label = self.query_one("#item-form-problem", Static)
        if problem:
            label.update(Content("⚠ " + problem))
            label.display = True
            return
        self.dismiss(True)

    @on(Button.Pressed, "#item-form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
