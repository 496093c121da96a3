"""Search across the notes of every session: which client, session, phase and prompt, and a snippet.

``search_notes(store, "housing")`` looks through every prompt's note and
every phase's other notes, in every phase of every session, and the client
codes, ignoring case and accents (see search_text.py for exactly how text is
compared). Results come newest session first, then in the order of the
interview; one hit per note, its snippet around the note's first match.
The notes come from the search index beside the session files (index.py,
an SQLite database), checked against the files at every search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from interview_tui.core.errors import InterviewError
from interview_tui.search.text import Snippet, fold, make_snippet, original_span

if TYPE_CHECKING:
    from interview_tui.search.finding import Found
    from interview_tui.store.sessions import SessionStore

__all__ = ["Hit", "SearchError", "SearchResult", "Snippet", "fold", "search_notes"]

Where = Literal["note", "other_notes", "client"]


class SearchError(InterviewError):
    """A search that cannot be made (nothing to search for, a bad client code, a locked store)."""


@dataclass(frozen=True)
class Hit:
    """One note that holds the text searched for."""

    session_id: str
    client: str
    started_at: datetime
    protocol_id: str
    protocol_title: str
    status: str
    where: Where
    """A prompt's note, a phase's other notes, or the client code."""
    phase_id: str | None
    phase_title: str | None
    prompt_id: str | None
    prompt_text: str | None
    snippet: Snippet
    path: Path

    @property
    def place(self) -> str:
        """Where the match is, in words: "Phase title · prompt", "Phase title · other notes", "client code"."""
        if self.where == "client":
            return "client code"
        return f"{self.phase_title} · {self.prompt_text if self.where == 'note' else 'other notes'}"

    def as_json(self) -> dict[str, object]:
        return {
            "session_id": self.session_id,
            "client": self.client,
            "started_at": self.started_at.isoformat(),
            "protocol": self.protocol_id,
            "protocol_title": self.protocol_title,
            "status": self.status,
            "where": self.where,
            "phase_id": self.phase_id,
            "phase_title": self.phase_title,
            "prompt_id": self.prompt_id,
            "prompt_text": self.prompt_text,
            "snippet": self.snippet.text,
            "match_start": self.snippet.start,
            "match_end": self.snippet.end,
            "path": str(self.path),
        }


@dataclass
class SearchResult:
    hits: list[Hit]
    more: bool
    """More notes match than the limit let through."""
    problems: list[str]
    """Session files that could not be searched, and why (never their content)."""
    files_read: int
    """Session files read because the index did not vouch for them."""


def search_notes(store: SessionStore, text: str, client: str | None = None, limit: int | None = None) -> SearchResult:
    """Notes (and client codes) holding ``text``, newest session first; only ``client``'s sessions if given;
    at most ``limit`` hits. SearchError if there is nothing to search for or the store is locked."""
    from interview_tui.search.index import note_index
    from interview_tui.store.encryption import StoreLocked

    folded = fold(text)
    if not folded.strip():
        raise SearchError("nothing to search for: give some text")
    wanted = limit if limit is not None else 1 << 62
    if wanted < 1:
        raise SearchError("the limit must be at least 1")
    try:
        searched = note_index(store).search(folded, client, wanted + 1 if limit is not None else wanted)
    except StoreLocked as exc:
        raise SearchError(str(exc)) from None
    if client is not None and not searched.found:  # (checked only now: the models take 0.1 s to import)
        from interview_tui.core.ids import CLIENT_CODE_RULE, is_valid_client_code

        if not is_valid_client_code(client):
            raise SearchError(f"bad client code {client!r}: use {CLIENT_CODE_RULE}")
    hits = [_hit(store.folder, found, len(folded)) for found in searched.found[:wanted]]
    return SearchResult(hits, len(searched.found) > wanted, searched.problems, searched.files_read)


def _hit(folder: Path, found: Found, length: int) -> Hit:
    phase_id, phase_title, prompt_id, prompt_text = found.place
    where: Where = "client" if phase_id is None else "other_notes" if prompt_id is None else "note"
    start, end = original_span(found.text, found.folded_start, found.folded_start + length)
    return Hit(
        session_id=found.session_id,
        client=found.client,
        started_at=datetime.fromisoformat(found.started_at),
        protocol_id=found.protocol_id,
        protocol_title=found.protocol_title,
        status=found.status,
        where=where,
        phase_id=phase_id,
        phase_title=phase_title,
        prompt_id=prompt_id,
        prompt_text=prompt_text,
        snippet=make_snippet(found.text, start, end),
        path=folder / found.name,
    )


def update_index(store: SessionStore) -> bool:
    """Write the search index if the last search left it out of date (call it once the results are shown).
    Only an encrypted store's index, kept in memory, is written here (sealed whole); without encryption each
    search has already committed its changes to the database. True if it was written."""
    from interview_tui.search.index import note_index

    return note_index(store).write_if_out_of_date()
