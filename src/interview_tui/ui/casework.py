"""What the screens share about clients' cases: the app's client book, today's date, starting a session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from interview_tui.casework.cases import ClientCase, all_cases, client_case
from interview_tui.casework.cases import board as make_board
from interview_tui.casework.glance import ClientGlance, ClientGlances, ClientRecordError
from interview_tui.core.errors import os_reason
from interview_tui.store.sessions import StoreError
from interview_tui.ui.of_app import app_of

if TYPE_CHECKING:
    from textual.screen import Screen

    from interview_tui.casework.clients import ClientBook, ClientRecord
    from interview_tui.core.session import Session
    from interview_tui.store.sessions import SessionSummary
    from interview_tui.ui.app import InterviewApp
    from interview_tui.ui.screens.go_to import GoTo


def client_book(app: InterviewApp) -> ClientBook:
    """The client records of the app's session store (one book per store)."""
    from interview_tui.casework.clients import ClientBook

    book = app._client_book
    if book is None or book.store is not app.store:
        book = app._client_book = ClientBook(app.store)
    return book


def today(app: InterviewApp) -> date:
    """Today, as the due list sees it (tests give the app a ``casework_today`` callable)."""
    return app.casework_today()


def cases(app: InterviewApp, summaries: Sequence[SessionSummary] | None = None) -> list[ClientCase[ClientRecord]]:
    """Every client's case, from ``summaries`` (every session, newest first) if the caller has just read them."""
    if summaries is None:
        summaries, _problems = app.store.summaries()
    return all_cases(client_book(app), summaries)


def board(app: InterviewApp, summaries: Sequence[SessionSummary] | None = None) -> list[ClientCase[ClientGlance]]:
    """The home screen's board (see ``casework.board``): read without the record model, writes nothing."""

    if summaries is None:
        summaries, _problems = app.store.summaries()
    return make_board(ClientGlances(app.store), summaries)


def case_of(app: InterviewApp, code: str) -> ClientCase[ClientRecord]:
    return client_case(client_book(app), code, app.store.client_summaries(code))


async def start_session(screen: Screen[Any], client: str, protocol_id: str) -> Session | None:
    """Create and save a new session for ``client``: a closed case is reopened first (with a reason) or nothing
    is started; the client's record is written if it is their first session. Returns the saved session."""
    app = app_of(screen)
    book = client_book(app)
    try:
        case = case_of(app, client)
    except ClientRecordError as exc:
        screen.notify(str(exc), severity="error", timeout=10)
        return None
    if case.is_closed:
        from interview_tui.ui.screens.reason import ReasonDialog

        reason = await app.push_screen_wait(
            ReasonDialog(
                f"The case of {client} is closed ({case.record.closed_reason}).\n"
                "Reopen it to start a new session? Say why:",
                "Reopen and start",
            )
        )
        if reason is None:
            return None
        case.record.reopen_case(reason)
        try:
            book.save(case.record)
        except ClientRecordError as exc:
            screen.notify(str(exc), severity="error", timeout=10)
            return None
    from interview_tui.casework.starting import save_started, start_session

    catalogue = app.catalogue
    session = start_session(
        app.store, client, catalogue.protocols[protocol_id], catalogue.protocol, summaries=case.sessions
    )
    try:
        warning = save_started(app.store, session, case.sessions, book)
    except (OSError, StoreError) as exc:  # (StoreError: locked meanwhile, encryption turned on elsewhere)
        screen.notify(f"Cannot create the session file: {os_reason(exc)}", severity="error", timeout=10)
        return None
    if warning:  # (never stops the session)
        screen.notify(warning.capitalize(), severity="warning", timeout=10)
    return session


def open_session_by_id(screen: Screen[Any], session_id: str, go_to: GoTo | None = None) -> None:
    """Open a saved session (locked for this window; read-only if a newer app wrote it or the folder cannot be
    written), at ``go_to`` if given: every screen opens a saved session by its id this way, through the store's
    one ``open_saved`` (which the command line's ``resume`` uses too)."""
    from interview_tui.store.lock import SessionBusy
    from interview_tui.store.opening import open_saved

    app = app_of(screen)
    try:
        opened = open_saved(app.store, session_id, already_locked=session_id in app.session_locks)
    except (SessionBusy, StoreError) as exc:
        screen.notify(str(exc), severity="error", timeout=10)
        return
    if opened.lock is not None:
        app.hold_lock(opened.lock)
    app.open_session(opened.session, read_only=opened.read_only, go_to=go_to)
