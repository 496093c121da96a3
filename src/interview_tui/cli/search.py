"""``interview-tui search TEXT [--client CODE] [--json] [--limit N]``: every note that holds TEXT.

Like grep: exit 0 when something matched, 1 when nothing did (a line on
stderr says so), 2 for a mistake in the request (empty text, a malformed
client code, a wrong passphrase). One line per hit, newest session first:
date, client, session id, phase, and a snippet with the match marked in
colour when the output is a terminal (not with ``NO_COLOR`` set).
"""

from __future__ import annotations

import argparse
import os
import sys

from interview_tui import APP_NAME
from interview_tui.cli.visible_output import print_json
from interview_tui.core.visible_text import visible
from interview_tui.store.paths import Locations

MATCH_ON, MATCH_OFF = "\x1b[1;31m", "\x1b[0m"


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    search = sub.add_parser(
        "search", parents=[common], help="find TEXT in the notes of every session (any case, any accents)"
    )
    search.add_argument("text", metavar="TEXT", help="what to look for (case and accents are ignored)")
    search.add_argument("--client", metavar="CODE", help="only this client's sessions")
    search.add_argument("--json", action="store_true", help="print a JSON array of hits")
    search.add_argument("--limit", metavar="N", type=int, help="at most N hits (default: all)")


def run(args: argparse.Namespace, locations: Locations) -> int:
    from interview_tui.cli.common import UserError, unlock_store
    from interview_tui.search.query import SearchError, search_notes, update_index
    from interview_tui.store.sessions import SessionStore

    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be at least 1")
    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)
    try:
        result = search_notes(store, args.text, client=args.client, limit=args.limit)
    except SearchError as exc:
        raise UserError(str(exc)) from None
    from interview_tui.cli.audit_event import log_event

    log_event(locations, "notes_searched")  # that a search was made (never its text: it may be a name)
    for problem in result.problems:
        print(f"{APP_NAME}: session file {problem}", file=sys.stderr)
    if args.json:
        print_json([hit.as_json() for hit in result.hits])
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        from interview_tui.cli.visible_output import write_trusted

        for hit in result.hits:
            write_trusted(sys.stdout, _line(hit, colour) + "\n")
    if result.more:
        print(f"{APP_NAME}: more notes match; showing the first {args.limit} (--limit)", file=sys.stderr)
    sys.stdout.flush()
    update_index(store)  # after the answer: the user does not wait for the index file to be rewritten
    if result.hits:
        return 0
    if args.client and not store.summaries(client=args.client)[0]:
        print(f"{APP_NAME}: no sessions for client {args.client}", file=sys.stderr)
    else:
        print(f"{APP_NAME}: no notes match" + (f" in the sessions of {args.client}" if args.client else ""),
              file=sys.stderr)
    return 1


def _line(hit, colour: bool) -> str:
    """One result line; every part from a file is made visible here, since it is written as trusted."""
    from interview_tui.search.text import one_line

    before, match, after = (visible(part) for part in hit.snippet.parts())
    if colour:
        match = f"{MATCH_ON}{match}{MATCH_OFF}"
    where = "client code" if hit.where == "client" else one_line(hit.phase_title or "")
    return f"{hit.started_at:%Y-%m-%d}  {visible(hit.client)}  {visible(hit.session_id)}  {visible(where)}: {before}{match}{after}"
