"""Resolving a conflict copy: keep the original, keep the copy, or keep both as separate sessions.

Nothing is deleted outright: whatever is not kept goes to the trash
(``trash.set_aside``), named after the file it is or copies so it keeps the
identity it is sealed with, and can be moved back until the trash is emptied.

- keep the original: the copy goes to the trash;
- keep the copy: a private copy of the original as it is now goes to the
  trash, then the copy's session is written into the original through the
  store's own save (checked before writing: if another machine changed the
  original in between, the copy's session is kept apart beside it, as every
  save is, and nothing is lost), and only then the copy goes to the trash. A
  client record's copy is renamed into its record's place once the record
  has moved to the trash (it is sealed for that name already);
- keep both (sessions only): the copy's session is saved as a session of its
  own, with a new session id (dated like the original, so the two list side
  by side) and the same client code; once it reads back whole, the copy goes
  to the trash. The original is not touched. A client record is one file per
  client, so its copy cannot be kept as a second record (``casework/record_conflict.py`` merges the two instead).

Both files are read first (``conflict_comparison.sides``): one that cannot
be read stops everything before any file moves. A session open in another
window is refused (``SessionBusy``). Each outcome goes in the audit log, with
the session id, never client text. The index needs nothing: it is checked
against the files at every listing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from interview_tui.core.errors import os_reason
from interview_tui.core.ids import new_session_id
from interview_tui.store.check_before_write import FileWatch, digest_of
from interview_tui.store.conflict_comparison import (
    NOTHING_CHANGED,
    ConflictError,
    is_record_copy,
    session_id_of,
    sides,
)
from interview_tui.store.conflict_copies import ConflictCopy
from interview_tui.store.lock import SessionLock
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import set_aside

if TYPE_CHECKING:
    from interview_tui.core.session import Session

Keep = Literal["original", "copy", "both"]
KEEPS: tuple[Keep, ...] = ("original", "copy", "both")
COPY_WHY = "conflict-copy"
REPLACED_WHY = "replaced"


@dataclass(frozen=True)
class Resolved:
    keep: Keep
    kept: Path
    """The file that holds what was kept (the original; for "both", the new session's file)."""
    trashed: tuple[Path, ...]
    new_session_id: str | None = None
    kept_apart: bool = False
    """The original changed on another machine while the copy was written into it: the copy's session was kept
    apart beside it (``kept``), as check-before-write keeps every such save."""

    def message(self) -> str:
        moved = ", ".join(path.name for path in self.trashed)
        where = f"; moved to the trash: {moved}" if moved else ""
        if self.keep == "both" and self.new_session_id is None:  # a client record's copy (record_conflict.py)
            return f"Merged the copy into the record {self.kept.name}{where}."
        if self.keep == "both":
            return f"Kept both: the copy is now session {self.new_session_id} ({self.kept.name}){where}."
        if self.kept_apart:
            return (f"The original changed on another machine meanwhile: the copy's notes are kept in "
                    f"{self.kept.name}, beside it{where}. Nothing is lost.")
        what = "the original" if self.keep == "original" else "the copy"
        return f"Kept {what} as {self.kept.name}{where}."


def resolve(store: SessionStore, copy: ConflictCopy, keep: Keep) -> Resolved:
    """Keep ``keep`` of the copy and its original. ConflictError (nothing changed) if it cannot be done;
    SessionBusy if the session is open in another window."""
    if keep not in KEEPS:
        raise ConflictError(f"keep what? one of {', '.join(KEEPS)}; {NOTHING_CHANGED}")
    if is_record_copy(copy):
        resolved = _resolve_record(store, copy, keep)
        _log(store, f"conflict_kept_{keep}", None)
        return resolved
    session_id = session_id_of(copy)
    lock = SessionLock(store.folder, session_id).acquire()  # SessionBusy while open in another window
    try:
        original, theirs = sides(store, copy)  # both readable, or nothing moves
        if keep == "original":
            if original is None:
                raise ConflictError(f"{copy.path.name}: its original {copy.original.name} is gone, so there is "
                                    f"none to keep: keep the copy; {NOTHING_CHANGED}")
            resolved = Resolved("original", copy.original, (_aside(store, copy.path, session_id, COPY_WHY),))
        elif keep == "copy":
            resolved = _keep_copy(store, copy, session_id, theirs.to_json(), original is not None)
        else:
            resolved = _keep_both(store, copy, session_id, theirs)
    finally:
        lock.release()
    _log(store, f"conflict_kept_{keep}", session_id)
    return resolved


def keep_original(store: SessionStore, copy: ConflictCopy) -> Resolved:
    return resolve(store, copy, "original")


def keep_copy(store: SessionStore, copy: ConflictCopy) -> Resolved:
    return resolve(store, copy, "copy")


def keep_both(store: SessionStore, copy: ConflictCopy) -> Resolved:
    return resolve(store, copy, "both")


def _keep_copy(store: SessionStore, copy: ConflictCopy, session_id: str, data: bytes, has_original: bool) -> Resolved:
    trashed = []
    if has_original:
        store.load(session_id)  # what the save checks the file against (read cleanly: checked by ``sides``)
        path = store.path_for(session_id)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConflictError(f"{path.name}: cannot read ({os_reason(exc)}); {NOTHING_CHANGED}") from None
        if store.watch(session_id).digest != digest_of(raw):  # changed between the two reads: a sync arriving
            raise ConflictError(f"{path.name}: changed while it was being read (another machine's edit arriving?); "
                                f"{NOTHING_CHANGED}: try again")
        trashed.append(_aside(store, path, session_id, REPLACED_WHY, data=raw))
    # Without an original, a new file (not any copy an earlier save of this session was kept apart in).
    target = store.save_bytes(session_id, data, None if has_original else FileWatch(store.path_for(session_id)))
    kept_apart = store.kept_apart(session_id) is not None
    trashed.append(_aside(store, copy.path, session_id, COPY_WHY))
    return Resolved("copy", target, tuple(trashed), kept_apart=kept_apart)


def _keep_both(store: SessionStore, copy: ConflictCopy, session_id: str, theirs: Session) -> Resolved:
    new_id = _free_id(store, theirs)
    session = theirs.model_copy(update={"id": new_id})
    path = store.save(session)
    try:
        back = store.load(new_id)
    except Exception as exc:  # noqa: BLE001 - any failure to read it back: the copy stays
        raise ConflictError(f"{path.name}: the new session did not read back ({type(exc).__name__}); "
                            f"the copy {copy.path.name} is left as it is") from None
    if back.model_dump() != session.model_dump():
        raise ConflictError(f"{path.name}: the new session did not read back whole; the copy {copy.path.name} "
                            "is left as it is")
    return Resolved("both", path, (_aside(store, copy.path, session_id, COPY_WHY),), new_session_id=new_id)


def _free_id(store: SessionStore, session: Session) -> str:
    """A new session id dated like the session (so it lists beside its original), that no file has."""
    for _ in range(1000):
        candidate = new_session_id(session.started_at)
        if not store.path_for(candidate).exists():
            return candidate
    raise ConflictError(f"{store.folder}: no free session id; {NOTHING_CHANGED}")


def _resolve_record(store: SessionStore, copy: ConflictCopy, keep: Keep) -> Resolved:
    if keep == "both":
        raise ConflictError(f"{copy.path.name}: a client has one record, so the copy cannot be kept as a second "
                            f"one: keep the record or the copy, or merge them; {NOTHING_CHANGED}")
    original, _theirs = sides(store, copy)  # both readable, of the same client, or nothing moves
    name = copy.original.name.removesuffix(".json")
    if keep == "original":
        if original is None:
            raise ConflictError(f"{copy.path.name}: its record {copy.original.name} is gone, so there is none "
                                f"to keep: keep the copy; {NOTHING_CHANGED}")
        return Resolved("original", copy.original, (_aside(store, copy.path, name, COPY_WHY),))
    trashed = [_aside(store, copy.original, name, REPLACED_WHY)] if original is not None else []
    try:
        os.rename(copy.path, copy.original)
    except OSError as exc:
        for moved in trashed:  # the record goes back where it was
            os.rename(moved, copy.original)
        raise ConflictError(f"{copy.path.name}: cannot be moved into its record's place ({os_reason(exc)}); "
                            f"{NOTHING_CHANGED}") from None
    return Resolved("copy", copy.original, tuple(trashed))


def _aside(store: SessionStore, path: Path, name: str, why: str, *, data: bytes | None = None) -> Path:
    try:
        return set_aside(store, path, name, why, data=data)
    except OSError as exc:
        raise ConflictError(f"{path.name}: cannot be moved to the trash ({os_reason(exc)})") from None


def _log(store: SessionStore, event: str, session_id: str | None) -> None:
    from interview_tui.store.audit import AuditError, AuditLog

    try:
        AuditLog(store.folder.parent).log(event, session_id)
    except (OSError, AuditError):
        pass  # resolved; the log is checked by 'interview-tui audit verify'
