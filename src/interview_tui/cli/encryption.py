"""``interview-tui encrypt``, ``decrypt`` and ``change-passphrase``, and unlocking for every other command.

Passphrases are asked with getpass (never echoed, never taken from the
command line or the environment). Conversions are crash-safe: the header is
written before the first file is encrypted and removed after the last file
is decrypted, each file is replaced atomically, and running the command
again finishes a conversion that was interrupted.
"""

from __future__ import annotations

import getpass
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

from interview_tui import APP_NAME
from interview_tui.store.encryption import HEADER_NAME, EncryptionError, Tampered, WrongPassphrase, is_sealed
from interview_tui.store.paths import Locations
from interview_tui.store.quarantine import WHY_SUFFIX
from interview_tui.store.lock import LOCK_FOLDER, SessionBusy, SessionLock
from interview_tui.store.sessions import TEMP_MARK, SessionStore, is_session_id, write_private_atomic

MIN_PASSPHRASE = 8
TRIES = 3

ask_passphrase: Callable[[str], str] = getpass.getpass
"""How passphrases are asked (tests replace it; the app never reads them from the environment)."""


class EncryptionCommandError(Exception):
    """A one-line problem for the user (the CLI turns it into UserError)."""


def new_passphrase() -> str:
    first = ask_passphrase("New passphrase: ")
    if len(first) < MIN_PASSPHRASE:
        raise EncryptionCommandError(f"the passphrase must be at least {MIN_PASSPHRASE} characters")
    if ask_passphrase("The same passphrase again: ") != first:
        raise EncryptionCommandError("the two passphrases differ; nothing was changed")
    return first


def unlock(store: SessionStore, on_failure: Callable[[], None] | None = None) -> None:
    """Ask for the passphrase until it opens the store (a few tries); nothing to do if not encrypted."""
    keyring = store.keyring
    if not keyring.locked:
        return
    for attempt in range(TRIES):
        try:
            keyring.unlock(ask_passphrase("Passphrase: "))
            return
        except WrongPassphrase:
            if on_failure is not None:
                on_failure()
            if attempt < TRIES - 1:
                print(f"{APP_NAME}: wrong passphrase, try again", file=sys.stderr)
        except EncryptionError as exc:
            raise EncryptionCommandError(str(exc)) from None
    raise EncryptionCommandError(f"wrong passphrase ({TRIES} tries); nothing was opened")


def _files(folder: Path) -> list[Path]:
    """Every file of the store that may hold client text (sessions, quarantine, migrated, trash)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or relative.parts[0] == LOCK_FOLDER or path.name == HEADER_NAME:
            continue
        if path.name.endswith(WHY_SUFFIX):  # why a file was quarantined: a reason, never client text
            continue
        found.append(path)
    return found


def _lock_every_session(store: SessionStore, stack: ExitStack) -> None:
    for path in store.folder.glob("*.json"):
        if is_session_id(path.stem):
            try:
                lock = SessionLock(store.folder, path.stem).acquire()
            except SessionBusy as exc:
                raise EncryptionCommandError(f"{exc}; nothing was changed") from None
            stack.callback(lock.release)


def _remove_temp_files(store: SessionStore) -> None:
    for path in _files(store.folder):
        if TEMP_MARK in path.name:
            path.unlink()


def encrypt(locations: Locations, on_unlock_failure: Callable[[], None] | None = None) -> int:
    store = SessionStore(locations.sessions_dir)
    keyring = store.keyring
    with ExitStack() as stack:
        _lock_every_session(store, stack)
        _remove_temp_files(store)
        plain = [p for p in _files(store.folder) if not is_sealed(p.read_bytes())]
        if keyring.enabled:
            if not plain:
                raise EncryptionCommandError(f"sessions in {store.folder} are already encrypted")
            print(f"Finishing an encryption that was interrupted ({len(plain)} file(s) left).")
            unlock(store, on_unlock_failure)
        else:
            print("Choose a passphrase. Without it nobody can read these notes, including you: keep it safe.")
            header = keyring.new_header(new_passphrase())
            write_private_atomic(keyring.header, header)  # first: a file is never sealed with a key not on disk
        for path in plain:
            write_private_atomic(path, keyring.seal(path.read_bytes()))
    print(f"Encrypted {len(plain)} file(s) in {store.folder}.")
    print("Copies of the old plaintext may remain in free space on the disk (see README: Deleting).")
    return 0


def decrypt(locations: Locations, on_unlock_failure: Callable[[], None] | None = None) -> int:
    store = SessionStore(locations.sessions_dir)
    keyring = store.keyring
    if not keyring.enabled:
        raise EncryptionCommandError(f"sessions in {store.folder} are not encrypted")
    with ExitStack() as stack:
        _lock_every_session(store, stack)
        _remove_temp_files(store)
        unlock(store, on_unlock_failure)
        failed = []
        count = 0
        for path in _files(store.folder):
            raw = path.read_bytes()
            if not is_sealed(raw):
                continue
            try:
                write_private_atomic(path, keyring.open(raw))
                count += 1
            except Tampered as exc:
                failed.append(f"{path}: {exc}")
        if failed:
            for line in failed:
                print(f"{APP_NAME}: {line}", file=sys.stderr)
            raise EncryptionCommandError(
                f"{len(failed)} file(s) could not be decrypted; the store stays encrypted ({count} decrypted)"
            )
        keyring.forget_header()
    print(f"Decrypted {count} file(s) in {store.folder}. Session files are now plain text.")
    return 0


def change_passphrase(locations: Locations, on_unlock_failure: Callable[[], None] | None = None) -> int:
    store = SessionStore(locations.sessions_dir)
    keyring = store.keyring
    if not keyring.enabled:
        raise EncryptionCommandError("sessions are not encrypted; use 'interview-tui encrypt'")
    unlock(store, on_unlock_failure)
    write_private_atomic(keyring.header, keyring.new_header(new_passphrase()))
    print("Passphrase changed. The old passphrase no longer opens these sessions.")
    return 0
