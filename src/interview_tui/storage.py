"""Sessions on disk: one private JSON file per session, written atomically.

Every write goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the old file, and the folder is fsynced, so a
crash leaves either the old file or the new one, never half of each.
Folders are 0700 and files 0600 whatever the umask.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview_tui.paths import PRIVATE_FILE_MODE, ensure_private_dir

if TYPE_CHECKING:  # the models (and pydantic) load only when a session is read: listing needs neither
    from interview_tui.index import SessionIndex
    from interview_tui.session import Session

TEMP_MARK = ".tmp-"


class StoreError(Exception):
    """A session could not be found, read or written; the message says which and why."""


def write_private_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves a whole file."""
    folder = path.parent
    ensure_private_dir(folder)
    temp = folder / f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(3).hex()}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(temp)
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        _unlink_quietly(temp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


@dataclass(frozen=True)
class SessionSummary:
    """What lists need to know of a session, without its notes."""

    id: str
    client: str
    protocol: str
    protocol_title: str
    status: str
    started_at: datetime
    updated_at: datetime
    path: Path

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "client": self.client,
            "protocol": self.protocol,
            "status": self.status,
            "started_at": self.started_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "path": str(self.path),
        }


class SessionStore:
    """The folder of session files."""

    def __init__(self, sessions_dir: Path) -> None:
        self.folder = sessions_dir
        self._index: SessionIndex | None = None

    def path_for(self, session_id: str) -> Path:
        return self.folder / f"{session_id}.json"

    def save(self, session: Session) -> Path:
        return self.save_bytes(session.id, session.to_json())

    def save_bytes(self, session_id: str, data: bytes) -> Path:
        """Write an already serialised session (lets a UI serialise on its thread and write on another)."""
        path = self.path_for(session_id)
        write_private_atomic(path, data)
        return path

    def load(self, session_id: str) -> Session:
        if not _is_session_id(session_id):
            raise StoreError(f"no session with id '{session_id}' (ids look like 20261123-142501-a3f9)")
        path = self.path_for(session_id)
        if not path.exists():
            raise StoreError(f"no session with id '{session_id}' in {self.folder}")
        return self.load_path(path)

    def load_path(self, path: Path) -> Session:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from None
        from pydantic import ValidationError

        from interview_tui.session import Session

        try:
            return Session.model_validate_json(raw)
        except ValidationError as exc:
            first = exc.errors(include_url=False, include_input=False)[0]
            where = ".".join(str(x) for x in first.get("loc", ())) or "the file"
            raise StoreError(f"{path}: not a readable session file ({where}: {first.get('msg')})") from None

    def summaries(self, client: str | None = None) -> tuple[list[SessionSummary], list[str]]:
        """Every session (or only ``client``'s), newest first, and a message for each file that could not be read.

        Served from the folder's index (see ``index.py``), which reads only files it has not seen as they are now.
        """
        listing = self._session_index().list(client)
        return listing.summaries, listing.problems

    def newest_summaries(self, limit: int) -> tuple[list[SessionSummary], int] | None:
        """The newest ``limit`` sessions and how many there are, as last indexed, without checking the files.

        For drawing a first screen at once; follow it with ``summaries()``. None if there is no usable index.
        """
        return self._session_index().peek(limit) if self.folder.is_dir() else None

    def _session_index(self) -> SessionIndex:
        if self._index is None:
            from interview_tui.index import SessionIndex

            self._index = SessionIndex(self.folder)
        return self._index

    def remove_leftover_temp_files(self) -> int:
        """Delete temporary files left by a write that was killed (they may hold client text)."""
        if not self.folder.is_dir():
            return 0
        count = 0
        for name in os.listdir(self.folder):  # names only: this runs at every launch, on 10,000 files
            if name.startswith(".") and TEMP_MARK in name:
                _unlink_quietly(self.folder / name)
                count += 1
        return count


def _is_session_id(text: str) -> bool:
    from pydantic import TypeAdapter, ValidationError

    from interview_tui.session import SessionId

    try:
        TypeAdapter(SessionId).validate_python(text)
    except ValidationError:
        return False
    return True


def summary_of(path: Path) -> SessionSummary:
    """Read the summary fields of one session file (plain JSON, no model validation: lists must be quick)."""
    data = json.loads(path.read_bytes())
    return SessionSummary(
        id=str(data["id"]),
        client=str(data["client_code"]),
        protocol=str(data["protocol"]["id"]),
        protocol_title=str(data["protocol"]["title"]),
        status=str(data["status"]),
        started_at=datetime.fromisoformat(data["started_at"]),
        updated_at=datetime.fromisoformat(data["updated_at"]),
        path=path,
    )
