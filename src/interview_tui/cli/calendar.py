"""``interview-tui calendar PATH.ics``: next appointments and plan items due as an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_tui import APP_NAME
from interview_tui.store.paths import Locations


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    calendar = sub.add_parser(
        "calendar",
        parents=[common],
        help="write next appointments and plan items due as a calendar file (.ics), client codes only",
        description="Write an iCalendar file of next appointments and plan items due, for any calendar app. "
        "Events name clients by code only. Importing a newer file updates the events instead of adding more.",
    )
    calendar.add_argument("output", metavar="PATH", type=Path, help="the .ics file (created private, 0600); '-': standard output")
    calendar.add_argument("--force", action="store_true", help="replace the file if it exists")


def run(args: argparse.Namespace, locations: Locations) -> int:
    from interview_tui.casework.calendar import calendar_events, ics_bytes
    from interview_tui.casework.cases import all_cases
    from interview_tui.casework.due import due_list
    from interview_tui.casework.clients import ClientBook
    from interview_tui.cli.common import unlock_store
    from interview_tui.cli.audit_event import log_event
    from interview_tui.cli.written import check_output, deliver, is_stdout
    from interview_tui.core.ids import now
    from interview_tui.store.sessions import SessionStore

    if not is_stdout(args.output):
        check_output(args.output, args.force)
    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)
    summaries, problems = store.summaries()
    for problem in problems:
        print(f"{APP_NAME}: session file {problem}", file=sys.stderr)
    cases = all_cases(ClientBook(store), summaries, save=False)  # writing a calendar changes no record
    for case in cases:
        if case.problem:
            print(f"{APP_NAME}: client record {case.problem}", file=sys.stderr)
    moment = now()
    events = calendar_events(due_list(cases, moment.date()))
    path = deliver(ics_bytes(events, moment), args.output, args.force)
    log_event(locations, "calendar_written")
    if path is not None:
        print(f"Wrote {len(events)} event(s) to {path}", file=sys.stderr)
    return 0
