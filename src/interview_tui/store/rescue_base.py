"""What a rescue copy was based on, so that it is put back only over that (``check_before_write``, issue 18).

A rescue copy holds what was typed after the last save that reached the
disk. With the store in a synced folder, another machine's edit of the
session may arrive before the copy is put back; writing the copy over it
would lose that edit. So beside the copy (``<id>.base``, 0600, sealed like
the copy when the store is encrypted) the app records the file the
session's saves went to (its own file, or the conflict copy it was kept
apart in) and a SHA-256 of what that file held when this app last read or
wrote it, with a SHA-256 of the copy it belongs to (a base beside another
copy of the session, a write cut short between the two, is ignored).

Putting the copy back goes through a ``FileWatch`` holding that digest: a
file that changed since goes untouched, and the rescued version goes to a
conflict copy beside it. A copy without a base (kept by an older version,
or its base unreadable) is put back in place only over the file as it was
when offered, and never over a file newer than the copy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from interview_tui.store.check_before_write import FileWatch, digest_of
from interview_tui.store.conflict_copies import in_store
from interview_tui.store.encryption import EncryptionError
from interview_tui.store.private_files import write_private_atomic
from interview_tui.store.sessions import SessionStore

BASE_SUFFIX = ".base"
_NEVER = b""
"""A digest no file has (a SHA-256 is 32 bytes): a watch holding it sees every file as changed."""
_REASONS = ("changed", "removed")


@dataclass(frozen=True)
class RescueBase:
    file: str
    """The name, in the sessions folder, of the file the session's saves went to."""
    digest: bytes | None
    """What that file held when last read or written here; None: no file yet (a new session)."""
    kept_apart: str | None = None
    """Why the saves went to a conflict copy (``FileWatch.kept_apart``), or None."""


def base_path(copy_path: Path) -> Path:
    return copy_path.with_suffix(BASE_SUFFIX)


def write_base(store: SessionStore, copy_path: Path, plain: bytes, watch: FileWatch | None) -> None:
    """Record what the copy of ``plain`` at ``copy_path`` is based on (before the copy is written); without a
    watch, remove any base an earlier copy left. OSError or EncryptionError if it cannot be done."""
    path = base_path(copy_path)
    if watch is None:
        path.unlink(missing_ok=True)
        return
    data = {
        "file": watch.path.name,
        "digest": watch.digest.hex() if watch.digest is not None else None,
        "kept_apart": watch.kept_apart,
        "copy": digest_of(plain).hex(),
    }
    write_private_atomic(path, store.keyring.seal(json.dumps(data).encode("utf-8"), path))


def read_base(store: SessionStore, copy_path: Path, session_id: str, plain: bytes) -> RescueBase | None:
    """The base recorded beside the copy of ``plain``; None if there is none this copy can trust."""
    path = base_path(copy_path)
    try:
        data = json.loads(store.keyring.open(path.read_bytes(), path))
        if data["copy"] != digest_of(plain).hex():
            return None
        name, digest, reason = data["file"], data["digest"], data["kept_apart"]
        base = RescueBase(name, bytes.fromhex(digest) if digest is not None else None, reason)
    except (OSError, EncryptionError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(name, str) or reason not in (None, *_REASONS) or not _of_session(store, session_id, name):
        return None
    return base


def _of_session(store: SessionStore, session_id: str, name: str) -> bool:
    """Whether ``name`` is the session's own file or a conflict copy of it, in the sessions folder."""
    own = store.path_for(session_id)
    if name == own.name:
        return True
    copy = in_store(store.folder, store.folder / name)
    return copy is not None and copy.path.parent == store.folder and copy.original == own


def watch_to_bring_back(
    store: SessionStore, session_id: str, base: RescueBase | None, seen: bytes | None, newer_than_file: bool
) -> FileWatch:
    """The watch a rescued version is written through: against its base if recorded; else against the file as it
    was when the copy was offered (``seen``), and never over a file newer than the copy."""
    if base is not None:
        return _expecting(store.folder / base.file, base.digest, base.kept_apart)
    return _expecting(store.path_for(session_id), seen if newer_than_file else _NEVER, None)


def _expecting(path: Path, digest: bytes | None, kept_apart: str | None) -> FileWatch:
    """A watch that expects ``path`` to hold ``digest`` (None: no file): a file where none was expected is someone
    else's too."""
    if digest is None and (path.exists() or path.is_symlink()):
        digest = _NEVER
    return FileWatch(path, digest, kept_apart)
