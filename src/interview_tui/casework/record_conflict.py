"""Resolving a conflict copy, client records included: "keep both" of a record's copy merges the two into the record.

A client has one record, so its copy cannot be kept as a second one; what
both machines wrote is kept in the one record instead (``clients.merged``):
every case event and flag clearance of either, each field from the side
that has it, and where both hold a different text, the record's first and
then the copy's (notes), or the record's (the display name: the copy's is
in the trash with the copy). The record is written through ``ClientBook``
(so another window's change since is merged too, and the change is in the
audit log), and only then does the copy go to the trash. Every other case
is ``conflict_resolution.resolve``.
"""

from __future__ import annotations

from interview_tui.casework.clients import (
    ClientBook,
    ClientRecord,
    ClientRecordError,
    RecordConflict,
    merged,
)
from interview_tui.core.errors import os_reason
from interview_tui.store.conflict_comparison import (
    NOTHING_CHANGED,
    ConflictError,
    is_record_copy,
    origin_words,
    sides,
)
from interview_tui.store.conflict_copies import ConflictCopy
from interview_tui.store.conflict_resolution import COPY_WHY, Keep, Resolved, resolve
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import set_aside

JOINED_FIELDS = ("notes",)
"""Text fields both sides changed that are kept whole, the copy's after the record's."""


def resolve_copy(store: SessionStore, copy: ConflictCopy, keep: Keep) -> Resolved:
    """As ``conflict_resolution.resolve``; for a client record's copy, "both" merges it into the record."""
    if keep == "both" and is_record_copy(copy):
        return merge_record_copy(store, copy)
    return resolve(store, copy, keep)


def merge_record_copy(store: SessionStore, copy: ConflictCopy) -> Resolved:
    original, theirs = sides(store, copy)  # both readable, of the same client, or nothing moves
    if original is None:
        raise ConflictError(f"{copy.path.name}: its record {copy.original.name} is gone, so there is nothing to "
                            f"merge it with: keep the copy; {NOTHING_CHANGED}")
    try:
        copy_record = ClientRecord.model_validate(theirs)
    except ValueError:
        raise ConflictError(f"{copy.path.name}: not a readable client record; {NOTHING_CHANGED}") from None
    book = ClientBook(store)
    try:
        record = book.load(copy_record.client_code)
    except ClientRecordError as exc:
        raise ConflictError(f"{exc}; {NOTHING_CHANGED}") from None
    if record is None or book.path_for(record.client_code) != copy.original:
        raise ConflictError(f"{copy.path.name}: its record is not where the store reads it from; {NOTHING_CHANGED}")
    result, both_changed = merged(None, copy_record, record, frozenset())
    for name in both_changed:
        if name in JOINED_FIELDS:
            mine, other = getattr(record, name), getattr(copy_record, name)
            setattr(result, name, f"{mine}\n\n[from the conflict copy, {origin_words(copy)}]\n{other}")
    for name in type(record).model_fields:
        setattr(record, name, getattr(result, name))
    try:
        path = book.save(record)
    except RecordConflict:  # another window changed the same field meanwhile: saved, theirs kept for it
        path = book.path_for(record.client_code)
    except ClientRecordError as exc:
        raise ConflictError(f"{exc}; the copy {copy.path.name} is left as it is") from None
    name = copy.original.name.removesuffix(".json")
    try:
        trashed = set_aside(store, copy.path, name, COPY_WHY)
    except OSError as exc:
        raise ConflictError(f"{copy.path.name}: merged into {path.name}, but cannot be moved to the trash "
                            f"({os_reason(exc)})") from None
    _log(store)
    return Resolved("both", path, (trashed,))


def _log(store: SessionStore) -> None:
    from interview_tui.store.audit import AuditError, AuditLog

    try:
        AuditLog(store.folder.parent).log("conflict_kept_both", None)
    except (OSError, AuditError):
        pass
