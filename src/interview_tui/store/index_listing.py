"""What one look at the sessions folder gives: a ``Listing``, whose sessions are a lazy sequence (``Summaries``).

Memory matters as much as time (50,000 sessions, an app that stays open all
day): a listing makes a ``SessionSummary`` only for the rows it is asked for (a
screen shows sixty), from the index's small tuples (index_rows.py), and the
session index (index.py) keeps the summaries made while their rows stay the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from interview_tui.store.index_rows import CASE, CLIENT, Entry, make_summary
from interview_tui.store.sessions import SessionSummary

if TYPE_CHECKING:
    from interview_tui.store.index import SessionIndex


@dataclass
class Listing:
    """The result of one look at the folder."""

    summaries: Sequence[SessionSummary]
    """Newest first; made one by one as they are read (see ``Summaries``)."""
    problems: list[str]
    files_read: int
    """How many session files had to be opened (0 when the index was up to date)."""


class Summaries(Sequence[SessionSummary]):
    """Sessions newest first, each ``SessionSummary`` made when it is asked for (and kept while its row is).

    Behaves as a read-only list: ``len``, indexes, slices (which give lists), iteration, ``==`` with a list."""

    def __init__(self, index: SessionIndex, names: list[str], entries: dict[str, Entry]) -> None:
        self._index = index
        self._names = names
        self._entries = entries

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, i: int) -> SessionSummary: ...
    @overload
    def __getitem__(self, i: slice) -> list[SessionSummary]: ...
    def __getitem__(self, i: int | slice) -> SessionSummary | list[SessionSummary]:
        if isinstance(i, slice):
            return [self._index._summary(name, self._entries[name]) for name in self._names[i]]
        name = self._names[i]
        return self._index._summary(name, self._entries[name])

    def __iter__(self) -> Iterator[SessionSummary]:
        for name in self._names:
            yield self._index._summary(name, self._entries[name])

    def where(self, keep: Callable[[str, str], bool]) -> Iterator[SessionSummary]:
        """The sessions, newest first, whose client and case facts (``CaseFacts.to_text()``) ``keep`` accepts, each
        made for the caller and not kept here: the rows refused are never made into summaries."""
        folder = self._index.folder
        for name in self._names:
            entry = self._entries[name]
            if keep(entry[CLIENT], entry[CASE]):
                yield make_summary(folder, name, entry)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Summaries, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"Summaries({len(self)} sessions)"
