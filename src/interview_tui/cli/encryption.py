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
import warnings
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

from interview_tui.core.errors import os_reason
from interview_tui.cli.common import UserError, asked
from interview_tui import APP_NAME
from interview_tui.store.encryption import EncryptionError, HeaderDamaged, Tampered, WrongPassphrase, is_sealed
from interview_tui.store.keyring import PLANTED_REASON
from interview_tui.store.paths import Locations
from interview_tui.store.quarantine import QUARANTINE_FOLDER, quarantine_file
from interview_tui.store.lock import SessionBusy, SessionLock
from interview_tui.store import record_names
from interview_tui.store.conflict_copies import in_store
from interview_tui.store.reseal import reseal, store_files, unreadable_copy
from interview_tui.store.sessions import SessionStore, is_session_id
from interview_tui.store.private_files import TEMP_MARK, write_private_atomic

MIN_PASSPHRASE = 8
TRIES = 3

def _ask_on_the_terminal(prompt: str) -> str:
    """getpass, but only where the typing cannot be seen: without a terminal whose echo can be turned off (stdin
    piped or closed, no controlling terminal) the passphrase is not read at all, rather than read visibly."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            return getpass.getpass(prompt)
        except getpass.GetPassWarning:
            raise UserError("no terminal to type the passphrase on (it would show as typed); stopped") from None


ask_passphrase: Callable[[str], str] = _ask_on_the_terminal
"""How passphrases are asked (tests replace it; the app never reads them from the environment)."""


class EncryptionCommandError(UserError):
    """A one-line problem for the user (the CLI turns it into UserError)."""


def new_passphrase() -> str:
    first = asked(ask_passphrase, "New passphrase: ", "passphrase")
    if len(first) < MIN_PASSPHRASE:
        raise EncryptionCommandError(f"the passphrase must be at least {MIN_PASSPHRASE} characters")
    if asked(ask_passphrase, "The same passphrase again: ", "passphrase") != first:
        raise EncryptionCommandError("the two passphrases differ; nothing was changed")
    return first


def unlock(store: SessionStore, on_failure: Callable[[], None] | None = None) -> None:
    """Ask for the passphrase until it opens the store (a few tries); nothing to do if not encrypted."""
    keyring = store.keyring
    if not keyring.locked:
        return
    for attempt in range(TRIES):
        try:
            keyring.unlock(asked(ask_passphrase, "Passphrase: ", "passphrase"))
            return
        except HeaderDamaged as exc:  # not a wrong passphrase: nobody failed to unlock, and asking again would not help
            raise EncryptionCommandError(str(exc)) from None
        except WrongPassphrase:
            if on_failure is not None:
                on_failure()
            if attempt < TRIES - 1:
                print(f"{APP_NAME}: wrong passphrase, try again", file=sys.stderr)
        except EncryptionError as exc:
            raise EncryptionCommandError(str(exc)) from None
    raise EncryptionCommandError(f"wrong passphrase ({TRIES} tries); nothing was opened")


def _lock_every_session(store: SessionStore, stack: ExitStack) -> None:
    for path in store.folder.glob("*.json"):
        if is_session_id(path.stem):
            try:
                lock = SessionLock(store.folder, path.stem).acquire()
            except SessionBusy as exc:
                raise EncryptionCommandError(f"{exc}; nothing was changed") from None
            stack.callback(lock.release)


def _remove_temp_files(store: SessionStore) -> None:
    for path in store.folder.rglob(f"*{TEMP_MARK}*") if store.folder.is_dir() else []:
        if path.is_file():
            path.unlink()


def finish_pending(store: SessionStore, take_locks: bool = True) -> None:
    """Files left under an old key (a key change that was stopped) or in the first format: re-seal them now."""
    if not store.keyring.pending() or store.keyring.locked:
        return
    try:
        done = reseal(store, take_locks=take_locks)
    except OSError as exc:
        print(f"{APP_NAME}: could not re-encrypt the store's files ({os_reason(exc)}); tried again next time",
              file=sys.stderr)
        return
    for line in done.failed + done.copies_left:
        print(f"{APP_NAME}: {line}", file=sys.stderr)
    if done.busy:
        print(f"{APP_NAME}: {len(done.busy)} session(s) open in another window are still under the old key; "
              "they are re-encrypted the next time the store is opened", file=sys.stderr)


def _set_aside_planted(store: SessionStore, paths: list[Path]) -> list[str]:
    """Plaintext files that no running encryption explains: moved to quarantine, never sealed."""
    messages = []
    for path in paths:
        try:
            messages.append(quarantine_file(path, PLANTED_REASON).message())
        except OSError as exc:
            messages.append(f"{path}: {PLANTED_REASON}; could not be moved to quarantine ({os_reason(exc)})")
    return messages


def encrypt(locations: Locations, on_unlock_failure: Callable[[], None] | None = None) -> int:
    store = SessionStore(locations.sessions_dir)
    keyring = store.keyring
    with ExitStack() as stack:
        _lock_every_session(store, stack)
        _remove_temp_files(store)
        plain = [p for p in store_files(store.folder) if not is_sealed(p.read_bytes())]
        if keyring.enabled:
            try:
                encrypting = keyring.read_header().encrypting
            except EncryptionError as exc:
                raise EncryptionCommandError(str(exc)) from None
            if not encrypting:
                planted = [p for p in plain if QUARANTINE_FOLDER not in p.relative_to(store.folder).parts]
                copies = [c for c in (in_store(store.folder, p) for p in planted) if c is not None]
                for copy in copies:  # a sync tool's copy from a machine where the store was still plain: named
                    print(f"{APP_NAME}: {copy.path}: a {copy.tool} conflict copy of {copy.original.name}, not "
                          "encrypted (made where the store was still plain?); left as it is, and listed on the "
                          "home screen", file=sys.stderr)
                planted = [p for p in planted if p not in {c.path for c in copies}]
                for line in _set_aside_planted(store, planted):
                    print(f"{APP_NAME}: {line}", file=sys.stderr)
                raise EncryptionCommandError(f"sessions in {store.folder} are already encrypted")
            print(f"Finishing an encryption that was interrupted ({len(plain)} file(s) left).")
            unlock(store, on_unlock_failure)
        else:
            print("Choose a passphrase. Without it nobody can read these notes, including you: keep it safe.")
            header = keyring.new_header(new_passphrase(), encrypting=True)
            write_private_atomic(keyring.header, header)  # first: a file is never sealed with a key not on disk
        for path in plain:
            raw = path.read_bytes()
            target = record_names.destination(keyring, path, raw)  # a client record: no code in its name
            write_private_atomic(target, keyring.seal(raw, target))
            if target != path:
                path.unlink()
        keyring.finish_encrypting()
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
        for path in store_files(store.folder):
            raw = path.read_bytes()
            if not is_sealed(raw):
                continue
            try:
                plain = keyring.open(raw, path)
            except Tampered as exc:
                copy = in_store(store.folder, path)
                if copy is None:
                    failed.append(f"{path}: {exc}")
                else:  # no key of this store reads it: forgetting the key loses nothing of it
                    print(f"{APP_NAME}: {unreadable_copy(copy)}", file=sys.stderr)
                continue
            target = record_names.destination(keyring, path, plain, plain_names=True)
            write_private_atomic(target, plain)
            if target != path:
                path.unlink()
            count += 1
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
    """A new passphrase and a new data key: every file is sealed again with the new key, then the old key leaves the
    header, so neither the old passphrase nor a copy of the old header opens anything any more.

    Every session is locked first (refused if one is open in another window). Each file is replaced atomically;
    until the last one is done the header holds both keys (under the new passphrase), and running the command
    again, or any command that opens the store, finishes the work."""
    store = SessionStore(locations.sessions_dir)
    keyring = store.keyring
    if not keyring.enabled:
        raise EncryptionCommandError("sessions are not encrypted; use 'interview-tui encrypt'")
    with ExitStack() as stack:
        _lock_every_session(store, stack)
        unlock(store, on_unlock_failure)
        if keyring.pending():
            print("Finishing a change of key that was interrupted (the passphrase is the one just typed).")
        else:
            keyring.start_key_change(new_passphrase())
        done = reseal(store, take_locks=False)
    for line in done.failed + done.copies_left:
        print(f"{APP_NAME}: {line}", file=sys.stderr)
    print(f"Passphrase changed and {done.count} file(s) encrypted again with a new key. "
          "The old passphrase, and any copy of the old encryption header, no longer open these sessions.")
    print("Copies of the old files may remain in free space on the disk (see README: Deleting).")
    return 0
