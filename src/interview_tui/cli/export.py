"""``interview-tui export``: a session as Markdown, plain text, HTML or JSON, to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_tui import APP_NAME
from interview_tui.store.paths import Locations


FORMAT_HELP = "markdown, text, html or json (default: export_format in settings, or markdown)"
STYLE_HELP = "narrative, soap, dap, birp or girp (default: export_style in settings, or narrative; json ignores it)"
"""Written out so that building the parser imports nothing heavy; a test checks they name every one."""


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export",
        parents=[common],
        help="write a session's notes as Markdown, text, HTML or JSON",
        description="Export a session. Without -o the export is printed to standard output.",
    )
    export.add_argument("session_id", metavar="SESSION_ID")
    # Checked in run() rather than with choices=, so a mistake is one line, not usage plus an error.
    export.add_argument("--format", metavar="FORMAT", help=FORMAT_HELP)
    export.add_argument("--style", metavar="STYLE", help=STYLE_HELP)
    export.add_argument("-o", "--output", metavar="PATH", type=Path, help="write to this file (created private, 0600); '-' or none: standard output")
    export.add_argument("--force", action="store_true", help="replace the output file if it exists")


def run(args: argparse.Namespace, locations: Locations) -> int:
    from interview_tui.cli.common import UserError
    from interview_tui.export import ExportError, UnknownFormat, UnknownStyle, check_format, render, write_export
    from interview_tui.export.summary import STYLES
    from interview_tui.settings.model import load_settings
    from interview_tui.store.sessions import SessionStore, StoreError

    loaded = load_settings(locations.config_dir)
    for problem in loaded.problems:
        print(f"{APP_NAME}: {problem}", file=sys.stderr)
    settings = loaded.settings
    args.format = args.format or settings.export_format
    args.style = args.style or settings.export_style
    try:
        fmt = check_format(args.format)
    except UnknownFormat as exc:
        raise UserError(str(exc)) from None
    if args.style.lower() not in STYLES:
        raise UserError(f"unknown note style '{args.style}' (known: {', '.join(STYLES)})")
    from interview_tui.cli.common import unlock_store
    from interview_tui.cli.trash_and_audit import log_event

    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)
    try:
        session = store.load(args.session_id)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    try:
        from interview_tui.casework.cases import session_notices

        text = render(
            session, fmt, args.style, practitioner=settings.practitioner_line, agency=settings.agency.strip() or None,
            notices=session_notices(store, session),
        )
    except UnknownStyle as exc:
        raise UserError(str(exc)) from None
    if args.output is None or str(args.output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        log_event(locations, "session_exported", session.id)
        return 0
    path = args.output.expanduser()
    try:
        write_export(path, text, force=args.force)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    log_event(locations, "session_exported", session.id)
    print(f"Exported to {path}", file=sys.stderr)
    if store.keyring.enabled:
        print("Note: the export is not encrypted; keep it safe and delete it when done.", file=sys.stderr)
    return 0
