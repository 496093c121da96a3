"""A list of short entries (``list`` prompts: strengths, supports, household members).

Type an entry and press enter to add it; the entries are listed below.
Tab goes on to the next field; ↓ from the line goes into the entries. In
the list: enter edits the highlighted entry (it comes back into the line
above; enter saves it, escape leaves it as it was), delete or backspace
removes it, and typing starts a new entry in the line. Text left in the
line when you move on is added, never lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Blur, Key
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from interview_tui.ui.widgets.answer_message import AnswerField, field_id
from interview_tui.ui.widgets.keys_in_order import KeysInOrder

ADD_TITLE = "new entry: enter adds"


class EntryInput(KeysInOrder, Input):
    @property
    def owner(self) -> "ListField":
        return self.query_ancestor(ListField)

    async def action_submit(self) -> None:
        """Enter adds the entry while the key is handled, so keys typed right after start the next one."""
        self.owner.commit()

    def on_key(self, event: Key) -> None:
        if event.key == "escape" and self.owner.editing is not None:
            event.stop()
            self.owner.cancel_edit()
        elif event.key == "down" and self.owner.entries:
            event.stop()
            self.screen.set_focus(self.owner.listing)

    def _on_blur(self, event: Blur) -> None:
        self.owner.commit()


class EntryList(KeysInOrder, OptionList):
    tab_skips = True
    """Tab from the entry line goes on to the next field (typing meant for it would land here); ↓ comes here."""

    BINDINGS = [
        # Priority: the entry line takes focus while enter is handled, so the keys that follow go there.
        Binding(
            "enter", "edit_entry", "Edit entry", id="edit_entry", show=False, priority=True,
            tooltip="In a list of entries: edit the highlighted entry in the line above.",
        ),
    ]

    def action_edit_entry(self) -> None:
        if self.highlighted is not None:
            self.query_ancestor(ListField).edit(self.highlighted)

    def on_key(self, event: Key) -> None:
        owner = self.query_ancestor(ListField)
        if event.key in ("delete", "backspace") and self.highlighted is not None:
            event.stop()
            owner.remove(self.highlighted)
        elif event.is_printable and event.character:  # typing starts a new entry, in the line above
            event.stop()
            event.prevent_default()
            line = owner.line
            self.screen.set_focus(line)  # synchronous: the keys after this one go to the line too
            line.insert_text_at_cursor(event.character)


class ListField(AnswerField, Vertical):
    DEFAULT_CSS = """
    ListField { height: auto; }
    ListField > EntryInput { border: round $primary 40%; padding: 0 1; height: 3; }
    ListField > EntryInput:focus { border: round $accent; }
    ListField > EntryList { height: auto; max-height: 12; border: none; padding: 0 0 0 1; }
    ListField > EntryList:focus { border-left: outer $accent; padding: 0; }
    """

    def __init__(self, value: list[str] | None, phase_id: str, prompt_id: str) -> None:
        super().__init__(id=field_id(phase_id, prompt_id), classes="answer-field")
        self.phase_id = phase_id
        self.prompt_id = prompt_id
        self.entries: list[str] = list(value or [])
        self.editing: int | None = None

    def compose(self) -> ComposeResult:
        line = EntryInput(placeholder="type an entry, enter adds it", classes="entry-input", select_on_focus=False)
        line.border_title = ADD_TITLE
        yield line
        yield EntryList(classes="entry-list", compact=True)

    def on_mount(self) -> None:
        self._show()

    @property
    def line(self) -> EntryInput:
        return self.query_one(EntryInput)

    @property
    def listing(self) -> EntryList:
        return self.query_one(EntryList)

    def focus(self, scroll_visible: bool = True) -> "ListField":
        self.line.focus(scroll_visible)
        return self

    def _show(self, highlight: int | None = None) -> None:
        listing = self.listing
        listing.clear_options()
        listing.add_options([Option(Content(f"• {entry}")) for entry in self.entries])
        listing.display = bool(self.entries)
        if self.entries:
            listing.border_subtitle = "enter: edit · delete: remove · typing: a new entry"
            listing.highlighted = min(highlight or 0, len(self.entries) - 1)
        self._show_title()

    def _show_title(self) -> None:
        editing = self.editing
        self.line.border_title = ADD_TITLE if editing is None else f"editing entry {editing + 1}: enter saves, esc cancels"

    def _changed(self, highlight: int | None = None) -> None:
        self._show(highlight)
        self.send_answer(list(self.entries))

    def commit(self) -> None:
        """The text in the line becomes an entry (or replaces the one being edited)."""
        line = self.line
        text = line.value.strip()
        editing, self.editing = self.editing, None
        line.value = ""
        if editing is not None and editing < len(self.entries):
            if text:
                self.entries[editing] = text
            else:
                del self.entries[editing]
            self._changed(editing)
        elif text:
            self.entries.append(text)
            self._changed(len(self.entries) - 1)
        else:
            self._show_title()

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.editing = None
            self.line.value = ""
            self._show_title()

    def edit(self, index: int) -> None:
        self.commit()  # anything half-typed is kept first
        self.editing = index
        line = self.line
        line.value = self.entries[index]
        line.cursor_position = len(line.value)
        self._show(index)
        self.screen.set_focus(line)  # synchronous, so the keys that follow land in the line

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            del self.entries[index]
            self._changed(index)
