"""``interview-tui clients``: every client with their sessions, open flags, case status and next appointment."""

from __future__ import annotations

import sys

from interview_tui import APP_NAME
from interview_tui.cli.common import UserError, asked
from interview_tui.cli.visible_output import print_json
from interview_tui.store.sessions import SessionStore


def list_clients(store: SessionStore, as_json: bool) -> int:
    from interview_tui.casework.client_list import client_lines

    cases, problems = client_lines(store)  # tallied by the index; a listing never writes
    for problem in problems:
        print(f"{APP_NAME}: session file {problem}", file=sys.stderr)
    for case in cases:
        if case.problem:
            print(f"{APP_NAME}: client record {case.problem}", file=sys.stderr)
    if as_json:
        print_json([c.as_json() for c in cases])
        return 0
    if not cases:
        print("No clients yet.")
        return 0
    print(f"{'CLIENT':<16} {'SESSIONS':>8}  {'LAST':<10}  {'CASE':<6}  {'NEXT':<10}  FLAGS")
    for c in cases:
        last = f"{c.last_session:%Y-%m-%d}" if c.last_session else "-"
        nxt = c.next_appointment.isoformat() if c.next_appointment else "-"
        print(f"{c.code:<16} {c.session_count:>8}  {last:<10}  {c.status_word:<6}  {nxt:<10}  {c.flags_text() or '-'}")
    return 0


class ClosedCase(UserError):
    """A new session for a closed case was not started (the message says why)."""


def before_new_session(store: SessionStore, code: str, ask=input) -> list:
    """A new session for a closed case reopens it first, with a reason asked on the terminal. Returns the
    client's sessions as listed for it (for carrying forward without listing them again)."""

    from interview_tui.casework.cases import client_case
    from interview_tui.casework.clients import ClientBook

    book = ClientBook(store)
    # With every finished ending session that closed the case, not only the record (which gains those it lacks).
    case = client_case(book, code, store.client_summaries(code))
    if case.problem is not None:  # (an unreadable record: said, never written over)
        raise ClosedCase(case.problem)
    record = case.record
    if not record.is_closed:
        return case.sessions
    print(f"The case of {code} is closed ({record.closed_reason}).")
    if not sys.stdin.isatty() and ask is input:
        raise ClosedCase(f"the case of {code} is closed; run this in a terminal to reopen it, or reopen it in the app")
    from interview_tui.cli.tty_echo import echoing

    with echoing():
        reason = asked(ask, "Reopen it to start a new session? Say why (empty: do not start): ", "reason").strip()
    if not reason:
        raise ClosedCase("not reopened; no session was started")
    record.reopen_case(reason)
    book.save(record)
    return case.sessions
