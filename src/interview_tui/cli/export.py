"""``interview-tui export``: a session as Markdown, plain text, HTML, JSON or Word, to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interview_tui import APP_NAME
from interview_tui.store.paths import Locations


FORMAT_HELP = "markdown, text, html, json or docx (default: export_format in settings, or markdown)"
STYLE_HELP = "narrative, soap, dap, birp or girp (default: export_style in settings, or narrative; json ignores it)"
"""Written out so that building the parser imports nothing heavy; a test checks they name every one."""


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export",
        parents=[common],
        help="write a session's notes as Markdown, text, HTML, JSON or Word (docx)",
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
    from interview_tui.store.sessions import SessionStore, StoreError

    store = SessionStore(locations.sessions_dir)
    try:
        store.existing_path(args.session_id)  # said before the settings and the export's models are loaded
    except StoreError as exc:
        raise UserError(str(exc)) from None
    from interview_tui.cli.written import check_output, deliver, is_stdout
    from interview_tui.export import DOCUMENT_FORMATS, UnknownFormat, UnknownStyle, check_format, render_file
    from interview_tui.export.summary import STYLES
    from interview_tui.settings.model import load_settings

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
    if fmt in DOCUMENT_FORMATS and is_stdout(args.output) and sys.stdout.isatty():
        raise UserError(f"a {fmt} file is a document, not text to show here: write it with -o PATH")
    if not is_stdout(args.output):
        check_output(args.output, args.force)
    from interview_tui.cli.common import unlock_store
    from interview_tui.cli.audit_event import log_event

    unlock_store(store, locations)
    try:
        session = store.load(args.session_id)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    try:
        from interview_tui.casework.notices import session_notices

        data = render_file(
            session, fmt, args.style, practitioner=settings.practitioner_line, agency=settings.agency.strip() or None,
            notices=session_notices(store, session),
        )
    except UnknownStyle as exc:
        raise UserError(str(exc)) from None
    path = deliver(data, args.output, args.force)
    log_event(locations, "session_exported", session.id)
    if path is None:
        return 0
    print(f"Exported to {path}", file=sys.stderr)
    if store.keyring.enabled:
        print("Note: the export is not encrypted; keep it safe and delete it when done.", file=sys.stderr)
    return 0
