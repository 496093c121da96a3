"""What a summary is made of: header fields, notices, sections and their entries.

Format-neutral: the renderers (markdown.py, text.py, html.py) decide how each
part looks and escape every piece of user text for their format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

EntryKind = Literal["note", "answer", "instrument", "goal", "plan_item", "trend"]

NOTHING_RECORDED = "Nothing recorded for this section."
NOTICES_TITLE = "⚠ Alerts"
"""Heading of the notices block right after the header."""
NOTICE_MARK = "⚠"


def format_moment(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class Field:
    """A labelled value: a header line, or a part of an entry (a goal's measure, an instrument's total)."""

    label: str
    value: str


@dataclass(frozen=True)
class Notice:
    """Something the reader must see first (an instrument alert), shown right after the header."""

    label: str
    """What kind of notice, e.g. "Alert"."""
    text: str
    """The message."""
    detail: str = ""
    """Where it comes from (instrument, item, answer)."""


@dataclass(frozen=True)
class Entry:
    """One thing recorded, with what it answers: a note, a typed answer, an instrument, a goal or a plan item."""

    label: str
    """The prompt it answers, "Other notes", an instrument's title, a goal's what, a plan item's action."""
    text: str = ""
    """A note exactly as typed, or a one-line answer in display form ("" when the entry has none)."""
    context: str = ""
    """The phase it was written in (or "Goal" / "Plan item"), when the section is not the phase itself."""
    amended_at: datetime | None = None
    """When it was last changed after the session was finished, if it was."""
    items: tuple[str, ...] = ()
    """Entries of a list answer, labels of a multiple choice, an instrument's item answers: one bullet each."""
    fields: tuple[Field, ...] = ()
    """Labelled parts (a goal's measure and status, an instrument's total and band)."""
    kind: EntryKind = "note"
    numbered: bool = False
    """Items are numbered (an instrument's items, whose numbers the alerts refer to)."""
    added_after_finish: bool = False
    """It did not exist when the session was finished (a goal or plan item added later)."""

    @property
    def amendment_line(self) -> str | None:
        """The sentence that marks a change after finishing, or None."""
        if self.amended_at is None:
            return None
        if self.added_after_finish:
            return f"Added after the session was finished, last changed on {format_moment(self.amended_at)}."
        return f"Amended after the session was finished, last on {format_moment(self.amended_at)}."


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]
    empty_message: str = NOTHING_RECORDED


@dataclass(frozen=True)
class Summary:
    title: str
    style: str
    header: tuple[Field, ...]
    sections: tuple[Section, ...]
    amendment_count: int = 0
    notices: tuple[Notice, ...] = ()
    """Shown right after the header, before any section (see ``summary.build_notices``)."""
