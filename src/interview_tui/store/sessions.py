"""Sessions on disk: one private JSON file per session, written atomically.

Every write goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old file, and the folder is fsynced, so a
crash leaves either the old file or the new one, never half of each.
Folders are 0700 and files 0600 whatever the umask.

Here: the ``SessionStore``, which reads, writes, seals and quarantines the
files. Listing them through the session index: session_listing.py; what lists
know of a session (``SessionSummary``): session_summary.py; the store's
errors: store_errors.py (all importable from here, as they long were).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from interview_tui.core.errors import InterviewError, os_reason
from interview_tui.core.ids import (
    is_session_id as is_session_id,  # re-exported: long imported from here
)
from interview_tui.core.session_format import NewerSession, UnreadableSession
from interview_tui.store.check_before_write import FileWatch, digest_of
from interview_tui.store.encryption import EncryptionError, Tampered
from interview_tui.store.keyring import Keyring
from interview_tui.store.private_files import TEMP_MARK, unlink_quietly, write_private_atomic
from interview_tui.store.quarantine import NotMoved, Quarantined, quarantine_file
from interview_tui.store.session_listing import SessionListing
from interview_tui.store.session_summary import SessionSummary, _summary_of
from interview_tui.store.store_errors import ReadOnlySession, StoreError

if TYPE_CHECKING:  # the models (and pydantic) load only when a session is read: listing needs neither
    from interview_tui.core.session import Session
    from interview_tui.store.index import SessionIndex
    from interview_tui.store.session_file import Decoded

__all__ = ["MIGRATED_FOLDER", "ReadOnlySession", "SessionStore", "SessionSummary", "StoreError", "_summary_of",
           "is_session_id"]  # fmt: skip

MIGRATED_FOLDER = "migrated"


class SessionStore(SessionListing):
    """The folder of session files (listing them: session_listing.py)."""

    def __init__(self, sessions_dir: Path) -> None:
        self.folder = sessions_dir
        self.quarantined: list[Quarantined] = []
        """Files this store moved aside during this run (the UI and CLI tell the practitioner)."""
        self._clean: set[str] = set()
        self._read_only: set[str] = set()
        self._read_only_why: dict[str, str] = {}
        """Why a session is read-only when it is not for being newer (see ``open_read_only``)."""
        self.keyring = Keyring(sessions_dir)
        """Whether files are encrypted, and the key while unlocked (see encryption.py)."""
        self._index: SessionIndex | None = None
        self.reading_progress: Callable[[int, int], None] | None = None
        """Told (files read, files to read) while the index reads many files (a rebuild): a progress bar."""
        self._removal_listeners: list[Callable[[], None]] = []
        self._watches: dict[str, FileWatch] = {}
        """What this store last read or wrote of each session's file (``check_before_write``)."""

    def path_for(self, session_id: str) -> Path:
        return self.folder / f"{session_id}.json"

    def save(self, session: Session) -> Path:
        return self.save_bytes(session.id, session.to_json())

    def save_bytes(self, session_id: str, data: bytes, watch: FileWatch | None = None) -> Path:
        """Write an already serialised session (lets a UI serialise on its thread and write on another); the path
        written. Checked before writing (``check_before_write``): if the file is no longer what ``watch`` (or this
        store, without one) last read or wrote, another machine changed it, and the session goes to a conflict copy
        beside it, as every later save of it does. ``watch`` is a writer's own (from ``watch()``), kept up to date here."""
        path = self.path_for(session_id)
        self._check_may_write(session_id, path)
        own = watch if watch is not None else self._watches.setdefault(session_id, FileWatch(path))
        target = own.target()
        sealed = self._seal(data, target)
        write_private_atomic(target, sealed)
        own.wrote(target, sealed)
        if watch is not None:  # what this store last wrote of the session, for saves without a watch of their own
            self._watches[session_id] = replace(watch)
        self._clean.add(session_id)
        return target

    def watch(self, session_id: str) -> FileWatch:
        """What this store last read or wrote of the session's file, as a writer's own copy: the autosaver of an open
        session checks its saves against the version it holds, whatever is read elsewhere later."""
        known = self._watches.get(session_id)
        return replace(known) if known is not None else FileWatch(self.path_for(session_id))

    def kept_apart(self, session_id: str) -> Path | None:
        """The conflict copy this store's saves of the session go to (see ``save_bytes``), or None."""
        known = self._watches.get(session_id)
        return known.path if known is not None and known.kept_apart else None

    def _seal(self, plain: bytes, path: Path) -> bytes:
        """Encrypt before anything reaches the disk (temporary files included) when encryption is on."""
        try:
            return self.keyring.seal(plain, path)
        except EncryptionError as exc:
            raise StoreError(str(exc)) from None

    def _unseal(self, raw: bytes, path: Path) -> bytes:
        try:
            return self.keyring.open(raw, path)
        except Tampered as exc:
            raise UnreadableSession(str(exc)) from None
        except EncryptionError as exc:
            raise StoreError(f"{path}: {exc}") from None

    def _check_may_write(self, session_id: str, path: Path) -> None:
        """A file is only written over if this store read it cleanly (or it does not exist yet).

        A file never seen is read first: a newer-version file is refused, a
        damaged one is moved to quarantine (byte for byte) before the write.
        """
        if session_id in self._read_only:
            raise ReadOnlySession(f"{path}: {self.read_only_reason(session_id)}; not saved over it")
        if session_id in self._clean:
            return
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        try:
            self._decode(raw, path)
        except NewerSession:
            self._read_only.add(session_id)
            raise ReadOnlySession(f"{path}: written by a newer version of interview-tui; not saved over it") from None
        except UnreadableSession as exc:
            moved = self._quarantine(path, str(exc))
            if isinstance(moved, NotMoved):
                raise StoreError(moved.message()) from None

    def load(self, session_id: str) -> Session:
        return self.load_path(self.existing_path(session_id))

    def existing_path(self, session_id: str) -> Path:
        """The session's file; StoreError if ``session_id`` is not an id or there is no such file (a look at the
        folder only: nothing is read, so a command can say so before it loads anything heavy)."""
        if not is_session_id(session_id):
            raise StoreError(f"no session with id '{session_id}' (ids look like 20261123-142501-a3f9)")
        path = self.path_for(session_id)
        if not path.exists():
            raise StoreError(f"no session with id '{session_id}' in {self.folder}")
        return path

    def load_data(self, session_id: str) -> dict[str, Any]:
        """A session file's JSON data as stored (opened with the key when encrypted), without the session
        model: for reading a few fields of many sessions. OSError, StoreError, or ValueError if not a JSON
        object (no migration, no quarantine: ``load`` does those)."""
        path = self.path_for(session_id)
        data = json.loads(self._unseal(path.read_bytes(), path))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: not a session")
        return data

    def load_path(self, path: Path) -> Session:
        """Read a session; a damaged file is quarantined, a newer one refused (ReadOnlySession)."""
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({os_reason(exc)})") from None
        try:
            decoded = self._decode(raw, path)
        except NewerSession as exc:
            self._read_only.add(path.stem)
            raise ReadOnlySession(f"{path}: {exc}") from None
        except UnreadableSession as exc:
            moved = self._quarantine(path, str(exc))
            raise StoreError(moved.message()) from None
        session = decoded.session
        if decoded.migrated:
            self._write_migrated(path, raw, session, decoded.from_version)
            try:
                raw = path.read_bytes()
            except OSError:
                pass
        self._watches[session.id] = FileWatch(path, digest_of(raw))
        self._clean.add(session.id)
        return session

    def load_read_only(self, session_id: str) -> Session:
        """A session from a newer app version, to look at: it is never written (saves raise ReadOnlySession)."""
        path = self.path_for(session_id)
        if not is_session_id(session_id) or not path.exists():
            raise StoreError(f"no session with id '{session_id}' in {self.folder}")
        try:
            from interview_tui.store.session_file import decode_newer_for_reading

            session = decode_newer_for_reading(self._unseal(path.read_bytes(), path))
        except UnreadableSession as exc:
            raise StoreError(f"{path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({os_reason(exc)})") from None
        self._read_only.add(session_id)
        return session

    def is_read_only(self, session_id: str) -> bool:
        return session_id in self._read_only

    def open_read_only(self, session_id: str, why: str) -> None:
        """From now on ``session_id`` is only looked at, for the reason ``why`` (such as "the data folder cannot be
        written (Read-only file system)"): every save of it raises ReadOnlySession."""
        self._read_only.add(session_id)
        self._read_only_why[session_id] = why

    def read_only_reason(self, session_id: str) -> str:
        return self._read_only_why.get(session_id, "written by a newer version of interview-tui")

    def _decode(self, raw: bytes, path: Path) -> Decoded:
        return self._decode_plain(self._unseal(raw, path), path)

    def _decode_plain(self, plain: bytes, path: Path) -> Decoded:
        from interview_tui.store.session_file import decode_session

        decoded = decode_session(plain)
        if decoded.session.id != path.stem:
            raise UnreadableSession(f"the id inside is not the file's name {path.stem}")
        return decoded

    def _quarantine(self, path: Path, reason: str) -> Quarantined | NotMoved:
        try:
            moved = quarantine_file(path, reason)
        except FileNotFoundError:
            raise
        except OSError as exc:  # a read-only folder: the file stays, and is never written over (see _check_may_write)
            return NotMoved(path, reason, os_reason(exc))
        self.quarantined.append(moved)
        return moved

    def _write_migrated(self, path: Path, original: bytes, session: Session, from_version: int) -> None:
        """Write the migrated session; the original stays in ``migrated/`` until the new file reads back whole."""
        keep = self.folder / MIGRATED_FOLDER / f"{path.stem}.v{from_version}{path.suffix}"
        try:
            write_private_atomic(keep, original)
            write_private_atomic(path, self._seal(session.to_json(), path))
            if self._decode(path.read_bytes(), path).session != session:
                return
        except (OSError, InterviewError):
            return  # the original is still in place (atomic write) and in migrated/; try again next time
        unlink_quietly(keep)

    def when_files_removed(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after session files are deleted for good (an index built beside the store, such as search's, forgets them)."""
        self._removal_listeners.append(listener)

    def files_removed(self) -> None:
        """Session files were deleted for good: tell what was built from them."""
        for listener in self._removal_listeners:
            listener()

    def unseal(self, raw: bytes, path: Path) -> bytes:
        """A file's bytes opened with this store's key (see ``_unseal``); for the indexes built beside the store."""
        return self._unseal(raw, path)

    def remove_leftover_temp_files(self) -> int:
        """Delete temporary files left by a write that was killed (they may hold client text)."""
        if not self.folder.is_dir():
            return 0
        count = 0
        for name in os.listdir(self.folder):  # names only: this runs at every launch, on 10,000 files
            if name.startswith(".") and TEMP_MARK in name:
                unlink_quietly(self.folder / name)
                count += 1
        return count


