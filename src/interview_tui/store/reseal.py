"""Re-sealing every file of an encrypted store with its current key, one file at a time.

After a key change (``change-passphrase``) files are still sealed with the
old key; files of the first format have no identity in their authenticated
data. Each is opened and sealed again with the current key, replaced
atomically (a crash leaves it whole, under one key or the other, and the
header keeps both keys until the end, so a run that was stopped is finished
by the next one). A sync tool's conflict copy is re-sealed with the rest, as
the file it copies (``conflict_copies``); one that no key opens is left as
it is and named, not reported as damaged. Only when no file is left under an old key do the old
keys leave the header, which is the moment a copy of the old header (and the
old passphrase) stops opening anything. A client record's keyed name
changes with the key (``record_names``): it is written under its new name
first, then the old one is removed.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from interview_tui.core.errors import os_reason
from interview_tui.store import record_names
from interview_tui.store.audit import HEAD_FILE
from interview_tui.store.conflict_copies import ConflictCopy, in_store
from interview_tui.store.encryption import HEADER_NAME, Tampered, is_sealed
from interview_tui.store.keyring import Keyring
from interview_tui.store.lock import LOCK_FOLDER, SessionBusy, SessionLock
from interview_tui.store.quarantine import WHY_SUFFIX
from interview_tui.store.sessions import SessionStore, is_session_id
from interview_tui.store.private_files import TEMP_MARK, write_private_atomic

NOT_CLIENT_TEXT = (HEADER_NAME, HEAD_FILE)


def store_files(folder: Path) -> list[Path]:
    """Every file of the store that may hold client text (sessions, client records, quarantine, migrated, trash,
    the search index), temporary files left out."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or relative.parts[0] == LOCK_FOLDER or path.name in NOT_CLIENT_TEXT:
            continue
        if path.name.endswith(WHY_SUFFIX) or TEMP_MARK in path.name:  # a reason, never client text; a killed write
            continue
        found.append(path)
    return found


@dataclass
class Resealed:
    count: int = 0
    busy: list[str] = field(default_factory=list)
    """Sessions open in another window: left as they are for the next run."""
    failed: list[str] = field(default_factory=list)
    """Files that do not open (damaged): left as they are; they open under no key."""
    copies_left: list[str] = field(default_factory=list)
    """Sync tools' conflict copies that no key of this store opens: left as they are, named (never called damaged)."""

    @property
    def finished(self) -> bool:
        return not self.busy


def reseal(store: SessionStore, *, take_locks: bool = True) -> Resealed:
    """Seal every file not yet under the current key with it; then retire the old keys if none is left.

    ``take_locks``: lock each session while it is re-sealed (skipping those open elsewhere); False when the
    caller holds every session's lock already."""
    keyring = store.keyring
    done = Resealed()
    for path in store_files(store.folder):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            done.failed.append(f"{path}: cannot read ({os_reason(exc)})")
            continue
        if not is_sealed(raw) or keyring.is_current(raw):
            continue
        with ExitStack() as stack:
            if take_locks and path.parent == store.folder and is_session_id(path.stem):
                try:
                    stack.callback(SessionLock(store.folder, path.stem).acquire().release)
                except SessionBusy:
                    done.busy.append(path.stem)
                    continue
                raw = path.read_bytes()  # as it is now that nobody else may write it
            try:
                plain = keyring.open(raw, path)
            except Tampered as exc:
                copy = in_store(store.folder, path)
                if copy is not None:
                    done.copies_left.append(unreadable_copy(copy))
                else:
                    done.failed.append(f"{path}: {exc}")
                continue
            target = record_names.destination(keyring, path, plain)
            if target != path and _is_current(keyring, target):
                path.unlink()  # a run stopped between writing the renamed record and removing this one
                continue
            write_private_atomic(target, keyring.seal(plain, target))
            if target != path:
                path.unlink()
            done.count += 1
    if done.finished and keyring.pending():
        keyring.retire_old_keys()
    return done


def unreadable_copy(copy: ConflictCopy) -> str:
    """What is said of a conflict copy that the store's keys do not open: one line, with no word of damage."""
    return (f"{copy.path}: a {copy.tool} conflict copy of {copy.original.name} that this store's keys do not "
            "read (sealed on a machine with another key?); left as it is, and listed on the home screen")


def _is_current(keyring: Keyring, path: Path) -> bool:
    try:
        return keyring.is_current(path.read_bytes())
    except OSError:
        return False
