"""What the screens share about clients' cases: the app's client book, today's date, starting a session."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from interview_tui.casework.cases import ClientCase, all_cases, client_case
from interview_tui.casework.glance import ClientGlances, ClientRecordError

if TYPE_CHECKING:
    from textual.app import App

    from interview_tui.casework.clients import ClientBook

    from interview_tui.core.session import Session


def client_book(app: "App") -> "ClientBook":
    """The client records of the app's session store (one book per store)."""
    from interview_tui.casework.clients import ClientBook

    book = getattr(app, "_client_book", None)
    if book is None or book.store is not app.store:
        book = ClientBook(app.store)
        app._client_book = book  # type: ignore[attr-defined]
    return book


def today(app: "App") -> date:
    """Today, as the due list sees it (tests give the app a ``casework_today`` callable)."""
    clock = getattr(app, "casework_today", None)
    return clock() if clock is not None else date.today()


def cases(app: "App", summaries=None) -> list[ClientCase]:
    """Every client's case, from ``summaries`` (every session, newest first) if the caller has just read them."""
    if summaries is None:
        summaries, _problems = app.store.summaries()
    return all_cases(client_book(app), summaries)


def board(app: "App", summaries=None) -> list[ClientCase]:
    """The home screen's board (see ``casework.board``): read without the record model, writes nothing."""
    from interview_tui.casework.cases import board as make_board

    if summaries is None:
        summaries, _problems = app.store.summaries()
    return make_board(ClientGlances(app.store), summaries)


def case_of(app: "App", code: str) -> ClientCase:
    return client_case(client_book(app), code, app.store.client_summaries(code))


async def start_session(screen, client: str, protocol_id: str) -> "Session | None":
    """Create and save a new session for ``client``: a closed case is reopened first (with a reason) or nothing
    is started; the client's record is written if it is their first session. Returns the saved session."""
    from interview_tui.casework.carry_forward import start_session as start_with_carried

    app = screen.app
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
    catalogue = app.catalogue
    session = start_with_carried(
        app.store, client, catalogue.protocols[protocol_id], catalogue.protocol, summaries=case.sessions
    )
    from interview_tui.store.sessions import StoreError

    try:
        app.store.save(session)
    except OSError as exc:
        screen.notify(f"Cannot create the session file: {exc.strerror or exc}", severity="error", timeout=10)
        return None
    except StoreError as exc:  # locked meanwhile (encryption turned on in another window): said, nothing written
        screen.notify(f"Cannot create the session file: {exc}", severity="error", timeout=10)
        return None
    try:
        if case.problem is None and book.load(client) is None:  # the client's first session (or an old store's)
            case.record.created_at = min(case.record.created_at, session.started_at)
            book.save(case.record)
    except ClientRecordError as exc:
        screen.notify(str(exc), severity="warning", timeout=10)
    return session


def open_session_by_id(screen, session_id: str) -> None:
    """Open a saved session as the home screen does (read-only if a newer app wrote it)."""
    from interview_tui.store.sessions import ReadOnlySession, StoreError

    app = screen.app
    try:
        session = app.store.load(session_id)
    except ReadOnlySession:
        try:
            session = app.store.load_read_only(session_id)
        except StoreError as exc:
            screen.notify(str(exc), severity="error", timeout=10)
            return
    except StoreError as exc:
        screen.notify(str(exc), severity="error", timeout=10)
        return
    app.open_session(session)


def current_goals_and_plan(app: "App", case: ClientCase, look_at: int = 20):
    """The goals of the newest session that has any, and the plan items of the newest session keeping a plan."""
    from interview_tui.store.sessions import StoreError

    goals, plan, goals_done, plan_done = [], [], False, False
    for summary in case.sessions[:look_at]:
        if goals_done and plan_done:
            break
        try:
            session = app.store.load(summary.id)
        except StoreError:
            continue
        if not goals_done and session.goals:
            goals, goals_done = list(session.goals), True
        if not plan_done and summary.facts.keeps_plan:
            plan, plan_done = list(session.plan_items), True
    return goals, plan
