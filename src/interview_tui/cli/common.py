"""What every command shares: the one-line error for the user, and opening the store (leftovers, passphrase)."""

from __future__ import annotations

from typing import Any, Callable

from interview_tui.core.errors import InterviewError
from interview_tui.store.paths import Locations


class UserError(InterviewError):
    """A mistake in what the user asked for; printed as one line, exit code 2."""


def asked(ask: Callable[[str], str], prompt: str, what: str) -> str:
    """The answer to a question on the terminal. End of input (ctrl+d, or stdin closed) is a UserError naming
    ``what`` was not given, never an internal error."""
    try:
        return ask(prompt)
    except EOFError:
        raise UserError(f"end of input: no {what} was given; stopped") from None


def unlock_store(store: Any, locations: Locations) -> None:
    """Every command that opens the store: leftovers of killed writes removed, then, when the sessions are
    encrypted, the passphrase asked once, before anything is read."""
    remove_leftovers(locations)
    from interview_tui.cli.progress_bar import terminal_progress

    store.reading_progress = terminal_progress()
    if not store.keyring.locked:
        return
    from interview_tui.cli import encryption as cli_encryption
    from interview_tui.cli.audit_event import log_event

    try:
        cli_encryption.unlock(store, on_failure=lambda: log_event(locations, "unlock_failed"))
    except cli_encryption.EncryptionCommandError as exc:
        raise UserError(str(exc)) from None
    cli_encryption.finish_pending(store)  # a key change that was stopped, files of the first format


def remove_leftovers(locations: Locations) -> None:
    """Before the store is opened: no core dump from now on (client text and keys will be in memory), and the
    temporary files of killed writes removed from every folder the app writes (they may hold client text)."""
    from interview_tui.store.leftovers import remove_leftover_temp_files
    from interview_tui.store.no_core_dumps import forbid_core_dumps

    forbid_core_dumps()

    try:
        from interview_tui.settings.defaults import load_settings_quickly

        export_folder = getattr(load_settings_quickly(locations.config_dir).settings, "export_folder", None)
    except Exception:  # settings are reported by the command that uses them; cleaning goes on without
        export_folder = None
    remove_leftover_temp_files(locations, also=[export_folder])
