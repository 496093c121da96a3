"""Starting a session: the one way the command line, the home screen and the opening screen make one.

``start_session`` (in ``carry_forward``) makes it with what the case's earlier
sessions left open; ``save_started`` writes it and, for the client's first
session (or the first since records were kept), their client record, dated
from their earliest session. A record that cannot be written never stops the
session: it is returned as a warning to show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from interview_tui.casework.carry_forward import start_session as start_session
from interview_tui.casework.clients import ClientBook, ClientRecordError

if TYPE_CHECKING:
    from interview_tui.core.session import Session
    from interview_tui.store.sessions import SessionStore, SessionSummary


def save_started(
    store: "SessionStore", session: "Session", earlier: "Iterable[SessionSummary]" = (), book: ClientBook | None = None
) -> str | None:
    """Save the new session (OSError or StoreError if it cannot be), then make sure the client has a record.
    Returns what went wrong with the record, or None."""
    store.save(session)
    first_seen = min([s.started_at for s in earlier if s.client == session.client_code] + [session.started_at])
    try:
        (book or ClientBook(store)).ensure(session.client_code, at=first_seen)
    except ClientRecordError as exc:
        return f"client record: {exc}"
    return None
