"""The ``interview-tui`` command: opens the app, or answers a question and exits.

A user's mistake (unknown session, bad client code, bad phase file) gets one
line on stderr naming the problem and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from interview_tui import APP_NAME, __version__
from interview_tui.cli.common import UserError, remove_leftovers, unlock_store
from interview_tui.cli.visible_output import print_json, visible_output
from interview_tui.core.errors import os_reason
from interview_tui.phases.built_in import BUILT_IN_PROTOCOLS
from interview_tui.store.paths import Locations, builtin_phases_dir


def _common_options(default: object) -> argparse.ArgumentParser:
    """``--data-dir`` and ``--phases-dir``, accepted before or after the command.

    Sub-commands use ``SUPPRESS`` so an option given before the command is not reset by them.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="PATH", default=default, help="where sessions are kept (env INTERVIEW_TUI_DATA_DIR)"
    )
    common.add_argument(
        "--phases-dir", metavar="PATH", default=default, help="your own phase files (env INTERVIEW_TUI_PHASES_DIR)"
    )
    return common


class _Left:
    """What a command left out of the parser gets: every call is taken and does nothing."""

    def __getattr__(self, _name: str) -> "_Left":
        return self

    def __call__(self, *_args: object, **_kwargs: object) -> "_Left":
        return self


class _OnlyOne:
    """The sub-commands, but only ``name`` is really added: building all two dozen parsers costs about 40 ms, a
    fifth of what ``sessions`` or ``search`` take on an empty store, and one command needs only its own."""

    def __init__(self, sub: "argparse._SubParsersAction[argparse.ArgumentParser]", name: str) -> None:
        self._sub, self._name = sub, name
        self.added = False

    def add_parser(self, name: str, **kwargs: object) -> object:
        if name != self._name:
            return _Left()
        self.added = True
        return self._sub.add_parser(name, **kwargs)  # type: ignore[arg-type]


def _command_named(argv: Sequence[str]) -> str | None:
    """The command word of ``argv`` (after the options that may come first), or None if there is none or help
    or the version is asked for first (then every command is listed)."""
    tokens = iter(argv)
    for token in tokens:
        if token in ("--data-dir", "--phases-dir"):
            next(tokens, None)
        elif token.startswith(("--data-dir=", "--phases-dir=")):
            continue
        elif token.startswith("-"):
            return None
        else:
            return token
    return None


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given ``argv``, with only the command it names (every command if it names none
    or one that is not known, so that help and mistakes list them all)."""
    name = _command_named(sys.argv[1:] if argv is None else argv)
    if name is not None:
        parser, only = _build(name)
        if only is not None and only.added:
            return parser
    return _build(None)[0]


def _build(name: str | None) -> "tuple[argparse.ArgumentParser, _OnlyOne | None]":
    common = _common_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="A terminal guide for client interviews. Notes stay on this machine.",
        parents=[_common_options(None)],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    every = parser.add_subparsers(dest="command", metavar="COMMAND")
    only = None if name is None else _OnlyOne(every, name)
    sub: Any = every if only is None else only

    new = sub.add_parser("new", parents=[common], help="start a session for CLIENT and open it")
    new.add_argument("client", metavar="CLIENT", help="the client's code (not their name)")
    new.add_argument(
        "--protocol", metavar="ID",
        help=f"protocol id, built in: {', '.join(BUILT_IN_PROTOCOLS)}, or your own (`phases list`); default: "
             "follow-up for an open case, else default_protocol in settings, or intake",
    )  # fmt: skip

    resume = sub.add_parser("resume", parents=[common], help="open a saved session")
    resume.add_argument("session_id", metavar="SESSION_ID")

    sessions = sub.add_parser("sessions", parents=[common], help="list sessions, newest first")
    sessions.add_argument("--client", metavar="CODE", help="only this client's sessions")
    sessions.add_argument("--json", action="store_true", help="print a JSON array")

    clients = sub.add_parser("clients", parents=[common], help="list clients: sessions, flags, case, next appointment")
    clients.add_argument("--json", action="store_true", help="print a JSON array")

    phases = sub.add_parser("phases", parents=[common], help="list or check phase files")
    phases_sub = phases.add_subparsers(dest="phases_command", metavar="ACTION", required=True)
    plist = phases_sub.add_parser("list", parents=[common], help="protocols and their phases")
    plist.add_argument("--json", action="store_true", help="print JSON")
    pcheck = phases_sub.add_parser("check", parents=[common], help="validate phase files (default: all in use)")
    pcheck.add_argument("paths", nargs="*", metavar="PATH", type=Path)

    sub.add_parser("schema", parents=[common], help="print the JSON Schema of a session file")

    demo = sub.add_parser("demo-data", parents=[common], help="fill an empty store with synthetic demo sessions")
    demo.add_argument("--clients", metavar="N", type=int, default=50, help="how many demo clients (default 50)")
    demo.add_argument("--sessions", metavar="M", type=int, default=200, help="how many sessions in all (default 200)")
    demo.add_argument("--seed", metavar="S", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument("--force", action="store_true", help="add to a store that already holds sessions")

    config = sub.add_parser(
        "config", parents=[common], help="show the settings file and the settings in effect (env INTERVIEW_TUI_CONFIG_DIR)"
    )
    config_action = config.add_mutually_exclusive_group()
    config_action.add_argument("--init", action="store_true", help="write a commented example settings file")
    config_action.add_argument("--markdown", action="store_true", help="print the table of settings (for the README)")
    config.add_argument("--force", action="store_true", help="with --init: replace an existing settings file")

    sub.add_parser("encrypt", parents=[common], help="encrypt every session file with a passphrase (asked twice)")
    sub.add_parser("decrypt", parents=[common], help="turn encryption off: session files become plain text again")
    sub.add_parser("change-passphrase", parents=[common], help="choose a new passphrase for encrypted sessions")

    delete = sub.add_parser("delete", parents=[common], help="move sessions to the trash (asks first)")
    delete.add_argument("session_ids", nargs="*", metavar="SESSION_ID")
    delete.add_argument("--client", metavar="CODE", help="every session of this client")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    trash = sub.add_parser("trash", parents=[common], help="list or empty the trash")
    trash.add_argument("trash_command", choices=["list", "empty"], metavar="ACTION", help="list | empty")
    trash.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    audit = sub.add_parser("audit", parents=[common], help="check or list the audit log")
    audit.add_argument("audit_command", choices=["verify", "list"], metavar="ACTION", help="verify | list")

    from interview_tui.cli import backup as cli_backup
    from interview_tui.cli import calendar as cli_calendar
    from interview_tui.cli import conflicts as cli_conflicts
    from interview_tui.cli import export as cli_export
    from interview_tui.cli import report as cli_report
    from interview_tui.cli import search as cli_search

    cli_backup.add_parser(sub, common)
    cli_export.add_parser(sub, common)
    cli_report.add_parser(sub, common)
    cli_calendar.add_parser(sub, common)
    cli_search.add_parser(sub, common)
    cli_conflicts.add_parser(sub, common)
    return parser, only


def main(argv: Sequence[str] | None = None) -> int:
    with visible_output():  # nothing a command prints can drive the terminal (ESC, BEL, C1 ...)
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    from interview_tui.cli.app_commands import opens_the_app

    if not opens_the_app(sys.argv[1:] if argv is None else argv):
        return _command(argv)
    from interview_tui.ui import stop_signals

    stop_signals.hold()  # (again, for a caller of this function itself rather than cli/entry.py: the tests)
    try:
        return _command(argv)
    except stop_signals.StopBeforeStart as stop:  # (before the app ran: nothing typed yet)
        return stop.exit_code


def _command(argv: Sequence[str] | None) -> int:
    args = _parser(argv).parse_args(argv)
    try:
        locations = Locations.resolve(data_dir=args.data_dir, phases_dir=args.phases_dir)
        return _run(args, locations)
    except UserError as exc:
        print(f"{APP_NAME}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`interview-tui sessions | head`): stop quietly, as other
        # command-line tools do, and keep Python from complaining when it flushes stdout.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception:  # noqa: BLE001 - the message and locals may hold client text: name only type and place
        from interview_tui.ui import stop_signals

        # A signal is recorded only once hold() ran, which only the commands that open the app do.
        stopped = stop_signals.raised_before_start()
        if stopped is not None:  # a stop signal during start-up broke a library's import: end as it asked
            return stopped.exit_code
        from interview_tui.core.error_report import describe_error

        exc_type, _exc, tb = sys.exc_info()
        print(
            f"{APP_NAME}: internal error: {describe_error(exc_type, tb)}. "
            "Details are not shown because they could contain client text.",
            file=sys.stderr,
        )
        return 70


def _run(args: argparse.Namespace, locations: Locations) -> int:
    command = args.command
    if command == "schema":
        from interview_tui.core.session import Session

        print_json(Session.model_json_schema(), ensure_ascii=True)
        return 0
    if command == "phases":
        from interview_tui.cli import phases as cli_phases

        if args.phases_command == "list":
            return cli_phases.list_protocols(locations, as_json=args.json)
        return cli_phases.check(locations, args.paths)
    if command in ("encrypt", "decrypt", "change-passphrase"):
        from interview_tui.cli import encryption as cli_encryption
        from interview_tui.cli.audit_event import log_event

        run = {"encrypt": cli_encryption.encrypt, "decrypt": cli_encryption.decrypt,
               "change-passphrase": cli_encryption.change_passphrase}[command]
        event = {"encrypt": "encryption_turned_on", "decrypt": "encryption_turned_off",
                 "change-passphrase": "passphrase_changed"}[command]
        remove_leftovers(locations)
        try:
            code = run(locations, on_unlock_failure=lambda: log_event(locations, "unlock_failed"))
        except cli_encryption.EncryptionCommandError as exc:
            raise UserError(str(exc)) from None
        log_event(locations, event)
        return code
    if command in ("delete", "trash", "audit"):
        return _trash_and_audit(args, locations)

    if command in ("backup", "restore"):
        from interview_tui.cli import backup as cli_backup

        return cli_backup.run(args, locations)
    if command == "export":
        from interview_tui.cli import export as cli_export

        return cli_export.run(args, locations)
    if command == "calendar":
        from interview_tui.cli import calendar as cli_calendar

        return cli_calendar.run(args, locations)
    if command == "report":
        from interview_tui.cli import report as cli_report

        return cli_report.run(args, locations)
    if command == "conflicts":
        from interview_tui.cli import conflicts as cli_conflicts

        return cli_conflicts.run(args, locations)
    if command == "sessions":
        return _list_sessions(locations, args.client, args.json)
    if command == "search":
        from interview_tui.cli import search as cli_search

        return cli_search.run(args, locations)
    if command == "clients":
        from interview_tui.cli.clients import list_clients
        from interview_tui.store.sessions import SessionStore

        store = SessionStore(locations.sessions_dir)
        unlock_store(store, locations)
        return list_clients(store, args.json)
    if command == "demo-data":
        return _demo_data(locations, args)
    if command == "config":
        from interview_tui.cli import config as cli_config

        if args.init:
            return cli_config.init(locations, force=args.force)
        if args.markdown:
            return cli_config.markdown()
        return cli_config.show(locations)
    if command == "new":
        from interview_tui.core.ids import CLIENT_CODE_RULE, is_valid_client_code

        if not is_valid_client_code(args.client):
            raise UserError(f"bad client code {args.client!r}: use {CLIENT_CODE_RULE}")
        return _open_app(locations, new_client=args.client, protocol_id=args.protocol)
    if command == "resume":
        return _open_app(locations, resume_id=args.session_id)
    return _open_app(locations)


def _list_sessions(locations: Locations, client: str | None, as_json: bool) -> int:
    from interview_tui.cli.session_lines import print_lines
    from interview_tui.store.index_queries import session_lines
    from interview_tui.store.sessions import SessionStore

    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)
    lines, problems = session_lines(store._session_index(), client or None)
    for problem in problems:
        print(f"{APP_NAME}: session file {problem}", file=sys.stderr)
    return print_lines(store.folder, lines, client, as_json)


def _trash_and_audit(args: argparse.Namespace, locations: Locations) -> int:
    from interview_tui.cli import trash_and_audit
    from interview_tui.store.sessions import SessionStore

    if args.command == "audit":
        return trash_and_audit.audit(locations, args.audit_command)
    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)
    try:
        if args.command == "delete":
            return trash_and_audit.delete(locations, store, args.session_ids, args.client, args.yes)
        return trash_and_audit.trash(locations, store, args.trash_command, args.yes)
    except trash_and_audit.DeleteError as exc:
        raise UserError(str(exc)) from None


def _demo_data(locations: Locations, args: argparse.Namespace) -> int:
    from interview_tui.devtools.demo_data import DemoDataError, generate
    from interview_tui.phases.files import load_catalogue
    from interview_tui.store.sessions import SessionStore

    catalogue = load_catalogue([builtin_phases_dir(), locations.user_phases_dir])
    remove_leftovers(locations)
    store = SessionStore(locations.sessions_dir)
    try:
        report = generate(store, catalogue, args.clients, args.sessions, seed=args.seed, force=args.force)
    except DemoDataError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write demo sessions in {store.folder}: {os_reason(exc)}") from None
    used = ", ".join(f"{pid} {n}" for pid, n in sorted(report.protocols.items()))
    print(
        f"Wrote {report.sessions} demo sessions ({report.in_progress} in progress) for {report.clients} demo clients "
        f"in {store.folder} ({used}; {report.characters:,} characters of notes)."
    )
    return 0


def _open_app(
    locations: Locations,
    new_client: str | None = None,
    protocol_id: str | None = None,
    resume_id: str | None = None,
) -> int:
    from interview_tui.ui import stop_signals

    stop_signals.hold()  # first: a signal from now on never leaves the terminal without its echo
    from interview_tui.cli import tty_echo

    try:
        tty_echo.quiet()  # keys typed from now on wait for the app without being echoed (see tty_echo.py)
        from interview_tui.cli.open import open_app

        return open_app(locations, new_client=new_client, protocol_id=protocol_id, resume_id=resume_id)
    except stop_signals.StopBeforeStart as stop:  # before the app ran: nothing typed yet
        return stop.exit_code
    finally:
        tty_echo.restore()
