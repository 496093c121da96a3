"""Opening the app from the command line: the home screen, ``new CLIENT`` or ``resume SESSION_ID``.

Everything here runs before the first frame, so it stays light: settings
are read in full only if something is set (``settings/defaults.py``), the
phase files are not parsed when they are unchanged since they were last
checked (``phases/launch_cache.py``), and ``new CLIENT`` then opens on a screen drawn
from the protocol's TOML, the session being made just after the first frame
(``phases/outline.py``). Otherwise, as before: the phase files are read and the
session made before the app starts.
"""

from __future__ import annotations

import sys

from interview_tui.core.errors import os_reason
from interview_tui import APP_NAME
from interview_tui.store.paths import Locations


def open_app(
    locations: Locations,
    new_client: str | None = None,
    protocol_id: str | None = None,
    resume_id: str | None = None,
) -> int:
    from interview_tui.cli.common import UserError, unlock_store
    from interview_tui.phases.catalogue import LazyCatalogue
    from interview_tui.store.paths import builtin_phases_dir
    from interview_tui.settings.defaults import load_settings_quickly
    from interview_tui.store.sessions import SessionStore

    catalogue = LazyCatalogue(
        [builtin_phases_dir(), locations.user_phases_dir],
        check_file=locations.phase_check_file,
        named=locations.named_phase_folders,
    )
    check = None
    if new_client is not None or resume_id is not None:
        # Before opening a session: say which phase files were skipped; stop if no protocol is usable.
        check = catalogue.remembered_check() if new_client is not None else None
        problems = list(check.errors) if check is not None else [str(e) for e in catalogue.get().errors]
        for skipped in problems:
            print(f"{APP_NAME}: skipped {skipped}", file=sys.stderr)
        protocols = check.protocols if check is not None else list(catalogue.get().protocols)
        if not protocols:
            raise UserError("no usable protocol: every phase file has errors (see above)")
    store = SessionStore(locations.sessions_dir)
    unlock_store(store, locations)

    settings = load_settings_quickly(locations.config_dir)
    for settings_problem in settings.problems:
        print(f"{APP_NAME}: {settings_problem}", file=sys.stderr)

    session = lock = pending = None
    if new_client is not None:
        from interview_tui.settings.defaults import default_protocol_id

        if protocol_id is None:
            protocol_id, problem = default_protocol_id(settings.settings, protocols)
            if problem:
                source = settings.from_env.get("default_protocol", str(settings.path))
                print(f"{APP_NAME}: {source}: {problem}", file=sys.stderr)
            protocol_id = _fitting(store, new_client, protocol_id, check, catalogue)
        if protocol_id not in protocols:
            raise UserError(f"unknown protocol '{protocol_id}' (known: {', '.join(sorted(protocols))})")
        pending = quick_start(store, new_client, protocol_id, check) if check is not None else None
        if pending is None:
            session = _start_now(catalogue, store, new_client, protocol_id)
    elif resume_id is not None:
        session, lock = _resume(store, resume_id)

    from interview_tui.ui.app import make_app

    app = make_app(
        locations=locations, catalogue=catalogue, store=store, session=session, settings=settings, pending_start=pending
    )
    if lock is not None:
        app.hold_lock(lock)
    from interview_tui.ui import stop_signals

    with stop_signals.app_running():  # a signal before the app's own handlers are in place waits for them
        app.run()
    for path in app.rescued:  # the last save failed: where the notes are now (see store/rescue.py)
        print(f"{APP_NAME}: the session could not be saved; what was typed is kept in {path} and will be "
              "offered back at the next start", file=sys.stderr)  # fmt: skip
    if new_client is None and resume_id is None:  # (shown on the home screen too; repeated where it stays readable)
        for problem in app.phase_problems() or []:
            print(f"{APP_NAME}: skipped {problem}", file=sys.stderr)
    return app.return_code or 0


def _fitting(store, client: str, default: str | None, check, catalogue) -> str | None:
    """The protocol that fits ``client``'s case when none was named (as the home screen's dialog chooses it):
    the open-case protocol for a returning client whose case is open, else ``default``."""
    from interview_tui.casework.protocol_choice import fitting_protocol_id, has_open_case

    if not has_open_case(store, client):
        return default
    if check is not None:
        kinds = {pid: (outline or {}).get("default_for") for pid, outline in check.outlines.items()}
    else:
        kinds = {pid: p.protocol.default_for for pid, p in catalogue.get().protocols.items()}
    return fitting_protocol_id(kinds, True, default)


def quick_start(store, client: str, protocol_id: str, check):
    """The session to start on the opening screen (see ``phases/outline.py``), or None for the sure way.

    The quick way is taken when nothing has to be asked or shown first: the client's case is not closed (a
    closed case is reopened on the terminal, with a reason, before anything starts), their record can be read
    (the sure way says what is wrong with it), and the protocol's first phase is plain (``pending_start``).
    A returning client's record is only glanced at (``casework/glance.py``): no pydantic before the first frame."""
    from interview_tui.casework.glance import ClientGlances, ClientRecordError
    from interview_tui.phases.outline import pending_start

    try:
        if ClientGlances(store).get(client).is_closed:
            return None
    except ClientRecordError:
        return None
    return pending_start(client, protocol_id, check)


def _start_now(catalogue, store, client: str, protocol_id: str):
    """The sure way: validate the protocol and save the new session before the app starts."""
    from interview_tui.cli.common import UserError
    protocol = catalogue.get().protocol(protocol_id)
    if protocol is None:  # (its file changed since it was checked)
        known = ", ".join(sorted(catalogue.get().protocols))
        raise UserError(f"unknown protocol '{protocol_id}' (known: {known})")
    from interview_tui.casework.starting import save_started, start_session
    from interview_tui.cli.clients import ClosedCase, before_new_session
    from interview_tui.store.sessions import StoreError

    try:
        earlier = before_new_session(store, client)
    except ClosedCase as exc:
        raise UserError(str(exc)) from None
    session = start_session(store, client, protocol, catalogue.get().protocol, summaries=earlier)
    try:
        warning = save_started(store, session, earlier)
    except (OSError, StoreError) as exc:
        raise UserError(f"cannot save the new session in {store.folder}: {os_reason(exc)}") from None
    if warning:
        print(f"{APP_NAME}: {warning}", file=sys.stderr)
    return session


def _resume(store, resume_id: str):
    from interview_tui.cli.common import UserError
    from interview_tui.store.lock import SessionBusy
    from interview_tui.store.opening import open_saved
    from interview_tui.store.sessions import StoreError

    try:
        opened = open_saved(store, resume_id)
    except (SessionBusy, StoreError) as exc:
        raise UserError(str(exc)) from None
    if opened.read_only:
        print(f"{APP_NAME}: {resume_id}: {opened.why}: opening it read-only, nothing will be saved", file=sys.stderr)
    return opened.session, opened.lock
