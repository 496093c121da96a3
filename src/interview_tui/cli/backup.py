"""``interview-tui backup PATH``, ``backup --verify PATH`` and ``restore PATH``.

The passphrase: for a plain store, a new one for the backup, asked twice.
For an encrypted store, the store's own passphrase, asked once and checked
by unlocking the store: the backup is sealed with it (a fresh salt), and
its files stay sealed with the store's key inside, so the backup opens with
the passphrase the store had when it was made, and nothing of it is ever in
clear on disk. ``--verify`` and ``restore`` ask for the backup's
passphrase once. A passphrase is never read without a terminal.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from interview_tui import APP_NAME
from interview_tui.cli.common import UserError, asked, remove_leftovers
from interview_tui.core.errors import os_reason
from interview_tui.store.paths import Locations


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser(
        "backup", parents=[common], help="write every session, record, log, setting and phase file to one sealed file",
        description="Make a backup (a sealed file, 0600), or check one with --verify.",
    )
    backup.add_argument("path", metavar="PATH", type=Path)
    backup.add_argument("--verify", action="store_true", help="open the backup at PATH, check every entry, report")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    restore = sub.add_parser(
        "restore", parents=[common], help="put a backup's files into the data folder (never overwriting anything)",
        description="Restore a backup into an empty data folder, or merge it into one in use without overwriting.",
    )
    restore.add_argument("path", metavar="PATH", type=Path)


def _ask(prompt: str) -> str:
    from interview_tui.cli import encryption as cli_encryption

    return asked(cli_encryption.ask_passphrase, prompt, "passphrase")


def _progress(label: str):  # type: ignore[no-untyped-def]
    from interview_tui.cli.progress_bar import terminal_progress

    return terminal_progress(label=label)


def run(args: argparse.Namespace, locations: Locations) -> int:
    if args.command == "restore":
        return restore(locations, args.path)
    if args.verify:
        return verify(args.path)
    return backup(locations, args.path, force=args.force)


def backup(locations: Locations, path: Path, force: bool = False) -> int:
    from interview_tui.cli import encryption as cli_encryption
    from interview_tui.cli.audit_event import log_event
    from interview_tui.store.backup import write_backup
    from interview_tui.store.backup_marker import write_marker
    from interview_tui.store.encryption import EncryptionError, WrongPassphrase
    from interview_tui.store.private_files import private_atomic_stream
    from interview_tui.store.sessions import SessionStore

    path = path.expanduser()
    if path.is_dir():
        raise UserError(f"{path}: is a folder; name the backup file to write, e.g. {path / 'interview-tui.backup'}")
    if not path.parent.is_dir():
        raise UserError(f"{path}: the folder {path.parent} does not exist")
    if path.exists() and not force:
        raise UserError(f"{path}: already exists; use --force to replace it")
    remove_leftovers(locations)
    store = SessionStore(locations.sessions_dir)
    encrypted = store.keyring.enabled
    if encrypted:
        print("The sessions are encrypted: the backup is sealed with the store's passphrase.")
        passphrase = _ask("Passphrase: ")
        try:
            store.keyring.unlock(passphrase)
        except WrongPassphrase:
            log_event(locations, "unlock_failed")
            raise UserError("wrong passphrase; no backup was made") from None
        except EncryptionError as exc:
            raise UserError(f"{exc}; no backup was made") from None
    else:
        print("Choose a passphrase for the backup. Without it nobody can open the backup, including you.")
        passphrase = cli_encryption.new_passphrase()
    made_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        with private_atomic_stream(path) as out:
            made = write_backup(out, locations, passphrase, made_at, encrypted, _progress("Writing the backup"),
                                leave_out=path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write the backup ({os_reason(exc)}); nothing was written") from None
    write_marker(locations.data_dir, made_at, made.counts.sessions, made.counts.client_records)
    log_event(locations, "backup_made")
    print(f"Backed up {made.counts.words()} to {path} ({path.stat().st_size:,} bytes, readable by you only).")
    print("Keep the passphrase apart from the backup: without it the backup cannot be opened.")
    if made.earlier_backups:
        print(f"Left out {len(made.earlier_backups)} earlier backup file(s) found inside the store (a backup never "
              f"carries another): {', '.join(str(p) for p in made.earlier_backups)}.")
    inside = store_folder_holding(locations, path)
    if inside is not None:
        print(f"{APP_NAME}: warning: {path} is inside the store's own folder {inside}: a backup kept there is lost "
              "with the store (the same disk, the same synced folder), so it is not a backup; move it to another "
              "disk or machine", file=sys.stderr)
    return 0


def store_folder_holding(locations: Locations, path: Path) -> Path | None:
    """The folder of the store (data, settings, phase files) that ``path`` is inside, or None."""
    where = path.resolve()
    for folder in (locations.data_dir, locations.config_dir, locations.user_phases_dir):
        if where.is_relative_to(folder.resolve()):
            return folder
    return None


def _checked(path: Path, label: str):  # type: ignore[no-untyped-def]
    from interview_tui.store.backup_check import check_backup
    from interview_tui.store.backup_file import BackupError, read_header

    path = path.expanduser()
    try:
        with open(path, "rb") as source:
            read_header(source)  # not a backup at all: said before a passphrase is asked
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a backup file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({os_reason(exc)})") from None
    except BackupError as exc:
        raise UserError(f"{path}: {exc}") from None
    passphrase = _ask("Passphrase of the backup: ")
    try:
        return passphrase, check_backup(path, passphrase, _progress(label))
    except BackupError as exc:
        raise UserError(f"{path}: {exc}; nothing was restored" if label.startswith("Checking the backup before")
                        else f"{path}: {exc}") from None


def verify(path: Path) -> int:
    _passphrase, checked = _checked(path, "Checking the backup")
    kind = "an encrypted store" if checked.header.store_encrypted else "a plain store"
    print(f"{path}: sound. Made {checked.header.made_at} from {kind}; {checked.counts.words()} "
          f"({len(checked.entries)} file(s), every one checked).")
    return 0


def restore(locations: Locations, path: Path) -> int:
    from interview_tui.cli import encryption as cli_encryption
    from interview_tui.cli.audit_event import log_event
    from interview_tui.store.backup_file import BackupError
    from interview_tui.store.encryption import EncryptionError
    from interview_tui.store.restore import restore_backup, store_is_empty
    from interview_tui.store.sessions import SessionStore

    path = path.expanduser()
    remove_leftovers(locations)
    passphrase, checked = _checked(path, "Checking the backup before restoring it")
    store = SessionStore(locations.sessions_dir)
    if store.keyring.locked and not store_is_empty(locations):
        try:
            store.keyring.unlock(passphrase)  # the same passphrase as the backup's (often the case): not asked again
        except EncryptionError:
            print(f"The store in {locations.data_dir} is encrypted with another passphrase.")
            try:
                cli_encryption.unlock(store, on_failure=lambda: log_event(locations, "unlock_failed"))
            except cli_encryption.EncryptionCommandError as exc:
                raise UserError(f"{exc}; nothing was restored") from None
    try:
        done = restore_backup(path, passphrase, checked, locations, store, _progress("Restoring"))
    except BackupError as exc:
        raise UserError(f"{path}: {exc}") from None
    log_event(locations, "backup_restored")
    where = "into the empty store" if done.into_empty else "merged into the store"
    print(f"Restored {checked.counts.words()} {where} in {locations.data_dir}: {done.written} file(s) written, "
          f"{done.already_there} already there.")
    for here, copy in done.kept_both:
        print(f"Session {here} differs from the backup's copy: both kept, the backup's as session {copy}.")
    for what in done.kept_yours:
        print(f"Kept yours: {what}.")
    if done.audit_aside is not None:
        print(f"The backup's audit log is kept beside this store's, as {done.audit_aside}.")
    if checked.header.store_encrypted and done.into_empty:
        print("The restored sessions are encrypted: they open with the backup's passphrase.")
    return 0

