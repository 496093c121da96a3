"""Listing sessions: the summaries lists show, served from the session index, and what the index reads of a file.

The session index (index.py) keeps what lists show of every session file and
reads only files it has not seen as they are now; here the store's side of
that: asking it for every session, one client's or the newest few, and
``_read_summary``, which reads one file for it and checks the whole file
against the session model (a damaged one is moved to quarantine, a newer one
listed read-only). ``SessionListing`` is a part of ``SessionStore``
(sessions.py), whose state it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.core.case_facts import facts_of
from interview_tui.core.errors import os_reason
from interview_tui.core.session_format import NewerSession, UnreadableSession
from interview_tui.store.session_summary import SessionSummary, _summary_of
from interview_tui.store.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from interview_tui.store.index import SessionIndex
    from interview_tui.store.keyring import Keyring
    from interview_tui.store.quarantine import NotMoved, Quarantined
    from interview_tui.store.session_file import Decoded


class SessionListing:
    """The sessions of a ``SessionStore``, as lists show them (from its session index)."""

    folder: Path
    keyring: Keyring
    quarantined: list[Quarantined]
    reading_progress: Callable[[int, int], None] | None
    _index: SessionIndex | None
    _read_only: set[str]

    if TYPE_CHECKING:  # (the store's own, in sessions.py)
        def _unseal(self, raw: bytes, path: Path) -> bytes: ...
        def _decode_plain(self, plain: bytes, path: Path) -> Decoded: ...
        def _quarantine(self, path: Path, reason: str) -> Quarantined | NotMoved: ...

    def summaries(self, client: str | None = None) -> tuple["Sequence[SessionSummary]", list[str]]:
        """Every session (or only ``client``'s), newest first, and a message for each file that could not be read.

        Served from the folder's index (see ``index.py``), which reads only files it has not seen as they are now.
        Every session comes as a read-only list that makes each summary when it is asked for
        (``index.Summaries``); one client's as a list, read without holding the whole index unless it is in
        memory already (``index_client.client_listing``).
        """
        index = self._session_index()
        index.progress = self.reading_progress
        if client is None:
            listing = index.list()
        else:
            from interview_tui.store.index_client import client_listing

            listing = client_listing(index, client)
        return listing.summaries, listing.problems

    def client_summaries(self, client: str) -> list[SessionSummary]:
        """One client's sessions, newest first (``summaries(client)`` without the problems)."""
        return self.summaries(client)[0]  # type: ignore[return-value]

    def newest_summaries(self, limit: int) -> tuple[list[SessionSummary], int] | None:
        """The newest ``limit`` sessions and how many there are, as last indexed, without checking the files.

        For drawing a first screen at once; follow it with ``summaries()``. None if there is no usable index.
        """
        return self._session_index().peek(limit) if self.folder.is_dir() else None

    def _session_index(self) -> SessionIndex:
        if self._index is None:
            from interview_tui.store.index import SessionIndex

            self._index = SessionIndex(
                self.folder, read_summary=self._read_summary, persist=self._may_keep_index, keyring=self.keyring
            )
        return self._index

    def set_aside_damaged(self) -> list[str]:
        """Check the files the index has not seen as they are now (see ``_read_summary``), moving damaged ones to
        quarantine; what was moved now, and why. For readers of the files beside the store, such as search."""
        before = len(self.quarantined)
        self._session_index().query(lambda _db: None)  # (the check alone: no row made into Python)
        return [moved.message() for moved in self.quarantined[before:]]

    def _may_keep_index(self) -> bool:
        """The index holds client codes in plain text: with encryption on it is kept in memory only."""
        return not self.keyring.enabled

    def _read_summary(self, path: Path) -> "SessionSummary | str":
        """One file's summary for the index, or a message saying why it cannot be listed.

        The whole file is checked against the session model here, once each time the index reads it (a new or
        changed file): a file that is JSON but holds a value no session can hold (a client code that is a path,
        a number for a list) is damaged like a truncated one and moved to quarantine, so that no reader (lists,
        clients, search, the client view) ever meets it. A file of an older schema is listed from its migrated
        form (written back when it is opened), a newer one read-only."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as err:
            return f"{path}: cannot read ({os_reason(err)})"
        try:
            plain = self._unseal(raw, path)
        except StoreError as exc:  # locked, or not yet encrypted: left alone
            return str(exc)
        except UnreadableSession as bad:
            return self._quarantine(path, str(bad)).message()
        try:
            decoded = self._decode_plain(plain, path)
        except NewerSession as newer:
            self._read_only.add(path.stem)
            try:
                return _summary_of(path, plain)
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                return f"{path}: {newer}"
        except UnreadableSession as bad:
            return self._quarantine(path, str(bad)).message()
        if not decoded.migrated:
            try:
                return _summary_of(path, plain)
            except (ValueError, KeyError, TypeError, AttributeError) as odd:  # a value the model lets pass, not as written
                return self._quarantine(path, f"not a readable session file ({odd})").message()
        session = decoded.session
        return SessionSummary(
            id=session.id,
            client=session.client_code,
            protocol=session.protocol.id,
            protocol_title=session.protocol.title,
            status=session.status,
            started_at=session.started_at,
            updated_at=session.updated_at,
            path=path,
            case_text=facts_of(session).to_text(),
        )
