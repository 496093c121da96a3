"""``interview-tui report outcomes``: goal ratings and instrument results as a CSV or JSON table."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from interview_tui import APP_NAME
from interview_tui.cli.common import UserError
from interview_tui.store.paths import Locations

OUTCOME_FORMATS = ("csv", "json")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    report = sub.add_parser("report", parents=[common], help="tables for the agency's own systems (outcomes)")
    which = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    outcomes = which.add_parser(
        "outcomes",
        parents=[common],
        help="one row per goal rating and per instrument result, client codes only",
        description="Goal ratings and instrument results, one row each, as CSV or JSON. Clients by code, never by name.",
    )
    outcomes.add_argument("--format", metavar="FORMAT", default="csv", help="csv (the default) or json")
    outcomes.add_argument("--client", metavar="CODE", help="only this client")
    outcomes.add_argument("--from", dest="start", metavar="DATE", help="sessions on or after this day")
    outcomes.add_argument("--to", dest="end", metavar="DATE", help="sessions on or before this day")
    outcomes.add_argument("-o", "--output", metavar="PATH", type=Path, help="write to this file (created private, 0600); '-' or none: standard output")
    outcomes.add_argument("--force", action="store_true", help="replace the output file if it exists")


def _day(text: str | None, option: str, order: str, today: date) -> date | None:
    from interview_tui.core.dates import read_date

    if text is None:
        return None
    try:
        day = read_date(text, order, today)
    except ValueError as exc:
        raise UserError(f"{option} {text!r}: {exc}") from None
    if day is None:
        raise UserError(f"{option} is empty: give a date")
    return day


def run(args: argparse.Namespace, locations: Locations) -> int:
    from interview_tui.cli.common import unlock_store
    from interview_tui.cli.audit_event import log_event
    from interview_tui.cli.written import check_output, deliver, is_stdout
    from interview_tui.core.ids import CLIENT_CODE_RULE, is_valid_client_code, now
    from interview_tui.export.outcomes import COLUMNS, stored_outcomes
    from interview_tui.export.table import csv_text, json_text
    from interview_tui.settings.model import load_settings
    from interview_tui.store.sessions import SessionStore

    fmt = args.format.lower()
    if fmt not in OUTCOME_FORMATS:
        raise UserError(f"unknown report format {args.format!r} (known: {', '.join(OUTCOME_FORMATS)})")
    if args.client is not None and not is_valid_client_code(args.client):
        raise UserError(f"bad client code {args.client!r}: use {CLIENT_CODE_RULE}")
    loaded = load_settings(locations.config_dir)
    for problem in loaded.problems:
        print(f"{APP_NAME}: {problem}", file=sys.stderr)
    order, today = loaded.settings.date_order, now().date()
    start, end = _day(args.start, "--from", order, today), _day(args.end, "--to", order, today)
    if start and end and start > end:
        raise UserError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    if not is_stdout(args.output):
        check_output(args.output, args.force)

    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)
    if args.client is not None and not store.client_summaries(args.client):
        raise UserError(f"no sessions for client {args.client!r}")
    rows, problems = stored_outcomes(store, args.client, start, end)
    for unread in problems:
        print(f"{APP_NAME}: session file {unread}", file=sys.stderr)
    values = [row.values() for row in rows]
    text = csv_text(COLUMNS, values) if fmt == "csv" else json_text(COLUMNS, values)
    path = deliver(text, args.output, args.force)
    log_event(locations, "outcomes_reported")
    if path is not None:
        print(f"Wrote {len(rows)} row(s) to {path}", file=sys.stderr)
        if store.keyring.enabled:
            print("Note: the table is not encrypted; keep it safe and delete it when done.", file=sys.stderr)
    return 0
