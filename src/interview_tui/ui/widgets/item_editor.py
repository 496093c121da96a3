"""A list of goals or plan items with keyboard editing: ``a`` adds, enter edits, delete removes (after asking).

Subclasses (goals_editor.py, plan_editor.py) say what an item (a goal, a plan item) looks like
and which core methods change it; every change goes through the session's
own methods (which keep amendments once the session is finished), then a
``ItemsChanged`` message tells the session screen to save.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from interview_tui.core.session import Session
from interview_tui.ui.screens.item_form import FormField, ItemForm
from interview_tui.ui.widgets.keys_in_order import KeysInOrder

AMENDED = "✎ amended"


class ItemsChanged(Message):
    """A goal or plan item was added, changed or removed (already in the session)."""


class ItemList(KeysInOrder, OptionList):
    # Not in the footer: the editor's own line says "a: add ... · delete: remove" beside the list, and at 80
    # columns these two pushed "^t Phases" and "^q Quit" off the footer (help and the keymap still list them).
    BINDINGS = [
        Binding("a", "add_item", "Add", id="add_item", priority=True, show=False,
                tooltip="In the goals or plan list: add a goal or plan item."),
        Binding("delete,backspace", "remove_item", "Remove", id="remove_item", priority=True, show=False,
                tooltip="In the goals or plan list: remove the highlighted one (asks first)."),
    ]

    @property
    def typing_hint(self) -> str:
        noun = self.query_ancestor(ItemEditor).noun
        return f"This is the list of {noun}s (a adds a {noun}, enter edits one)."

    def action_add_item(self) -> None:
        self.query_ancestor(ItemEditor).add()

    def action_remove_item(self) -> None:
        self.query_ancestor(ItemEditor).remove_highlighted()


class ItemEditor(Vertical):
    DEFAULT_CSS = """
    ItemEditor { height: auto; margin-bottom: 1; }
    ItemEditor > .item-title { text-style: bold; }
    ItemEditor > .item-keys { color: $text-muted; }
    ItemEditor > ItemList { height: auto; max-height: 16; min-height: 3; border: round $primary 40%; }
    ItemEditor > ItemList:focus { border: round $accent; }
    ItemEditor > Button { margin-top: 0; }
    """
    noun = "item"
    title = "Records"

    CONTRACT = ("items", "line", "form_fields", "values_of", "create", "change", "delete")
    """What each kind of item editor must say (below). Textual's widget metaclass does not mix with ``abc``'s,
    so the check is made here: a subclass that leaves one out fails as it is defined, not when it is used."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        missing = [name for name in cls.CONTRACT if getattr(cls, name) is getattr(ItemEditor, name)]
        if missing:
            raise TypeError(f"{cls.__name__} must define {', '.join(missing)} (see ItemEditor)")

    def __init__(self, session: Session, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.read_only = read_only

    # ------------------------------------------------------------ what a subclass says (checked above)

    def items(self) -> list[Any]:
        raise NotImplementedError

    def line(self, record: Any) -> str:
        raise NotImplementedError

    def form_fields(self) -> list[FormField]:
        raise NotImplementedError

    def values_of(self, record: Any | None) -> dict[str, Any]:
        raise NotImplementedError

    def create(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def change(self, record_id: str, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def delete(self, record_id: str) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------ showing

    def compose(self) -> ComposeResult:
        yield Static(Content(self.title), classes="item-title")
        yield Static(Content(f"a: add a {self.noun} · enter: edit · delete: remove"), classes="item-keys")
        yield ItemList(compact=True)
        add = Button(Content(f"Add a {self.noun} (a)"), classes="item-add", compact=True)
        add.can_focus = False  # for the mouse: tab goes on from the list to a field that takes typing, and a adds
        yield add

    def on_mount(self) -> None:
        self.show()
        if self.read_only:
            self.query_one(ItemList).disabled = True
            self.query_one(".item-add", Button).disabled = True

    def show(self) -> None:
        listing = self.query_one(ItemList)
        highlighted = listing.highlighted
        listing.clear_options()
        records = self.items()
        for record in records:
            text = self.line(record)
            if self.session.last_amended(None, None, record.id) is not None:
                text += f"  {AMENDED}"
            listing.add_option(Option(Content(text), id=record.id))
        if not records:
            listing.add_option(Option(Content(f"No {self.noun}s yet: press a to add one."), disabled=True))
        elif highlighted is not None:
            listing.highlighted = min(highlighted, len(records) - 1)
        else:
            listing.highlighted = 0

    def focus(self, scroll_visible: bool = True) -> "ItemEditor":
        self.query_one(ItemList).focus(scroll_visible)
        return self

    # ------------------------------------------------------------ changing

    def _attempt(self, do, values: dict[str, Any]) -> str | None:
        try:
            do(values)
        except ValueError as exc:
            return str(exc)
        self.show()
        self.post_message(ItemsChanged())
        return None

    def add(self) -> None:
        if self.read_only:
            return
        form = ItemForm(f"New {self.noun}", self.form_fields(), self.values_of(None),
                          lambda values: self._attempt(self.create, values))
        self.app.push_screen(form, self._back)

    @on(OptionList.OptionSelected)
    def _edit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        record_id = event.option.id
        record = next((r for r in self.items() if r.id == record_id), None)
        if record is None or self.read_only:
            return
        form = ItemForm(f"Edit {self.noun}", self.form_fields(), self.values_of(record),
                          lambda values: self._attempt(lambda v: self.change(record.id, v), values))
        self.app.push_screen(form, self._back)

    @on(Button.Pressed, ".item-add")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add()

    def remove_highlighted(self) -> None:
        from interview_tui.ui.screens.confirm import ConfirmDialog

        listing = self.query_one(ItemList)
        if self.read_only or listing.highlighted is None:
            return
        record_id = listing.get_option_at_index(listing.highlighted).id
        record = next((r for r in self.items() if r.id == record_id), None)
        if record is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._attempt(lambda _: self.delete(record.id), {})
            self._back(None)

        question = f"Remove this {self.noun}?\n\n{self.line(record)}"
        self.app.push_screen(ConfirmDialog(question, "Remove"), answered)

    def _back(self, _: bool | None) -> None:
        self.query_one(ItemList).focus()


def highlight_item(widget: object, item_id: str) -> None:
    """In a goals or plan list (``widget``), highlight the goal or plan item ``item_id`` (if it is still there)."""
    if not isinstance(widget, ItemEditor):
        return
    listing = widget.query_one(ItemList)
    try:
        index = listing.get_option_index(item_id)
    except OptionDoesNotExist:
        return
    listing.highlighted = index
