"""What the screens share about clients' cases: the app's client book, today's date, starting a session."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from interview_tui.casework.cases import ClientCase, all_cases, client_case
from interview_tui.casework.glance import ClientGlance, ClientGlances, ClientRecordError
from interview_tui.ui.of_app import app_of

if TYPE_CHECKING:
    from textual.screen import Screen

    from interview_tui.casework.clients import ClientBook, ClientRecord
    from interview_tui.core.goals import Goal, PlanItem
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
    from interview_tui.casework.cases import board as make_board

    if summaries is None:
        summaries, _problems = app.store.summaries()
    return make_board(ClientGlances(app.store), summaries)


def case_of(app: InterviewApp, code: str) -> ClientCase[ClientRecord]:
    return client_case(client_book(app), code, app.store.client_summaries(code))


async def start_session(screen: Screen[Any], client: str, protocol_id: str) -> Session | None:
    """Create and save a new session for ``client``: a closed case is reopened first (with a reason) or nothing
    is started; the client's record is written if it is their first session. Returns the saved session."""
    from interview_tui.casework.carry_forward import start_session as start_with_carried

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


def open_session_by_id(screen: Screen[Any], session_id: str, go_to: GoTo | None = None) -> None:
    """Open a saved session (read-only if a newer app wrote it), at ``go_to`` if given: the one way every screen
    opens a saved session by its id."""
    from interview_tui.store.sessions import ReadOnlySession, StoreError

    app = app_of(screen)
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
    app.open_session(session, go_to=go_to)


def current_goals_and_plan(
    app: InterviewApp, case: ClientCase[ClientRecord], look_at: int = 20
) -> tuple[list[Goal], list[PlanItem]]:
    """The goals of the newest session that has any, and the plan items of the newest session keeping a plan."""
    from interview_tui.store.sessions import StoreError

    goals: list[Goal] = []
    plan: list[PlanItem] = []
    goals_done = plan_done = False
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
