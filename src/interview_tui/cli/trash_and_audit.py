"""``interview-tui delete``, ``trash`` and ``audit``: deleting with a confirmation, and the audit log."""

from __future__ import annotations

import sys
from typing import Callable

from interview_tui.cli.common import UserError
from interview_tui import APP_NAME
from interview_tui.cli.audit_event import log_event
from interview_tui.store.audit import AuditLog
from interview_tui.store.paths import Locations
from interview_tui.store.lock import SessionBusy
from interview_tui.store.sessions import SessionStore, StoreError

confirm: Callable[[str], str] = input
"""How a yes/no question is asked (tests replace it)."""


class DeleteError(UserError):
    """A one-line problem for the user."""


def _ask(question: str) -> bool:
    try:
        return confirm(f"{question} Type yes to confirm: ").strip().lower() == "yes"
    except EOFError:  # (stdin closed: not confirmed, nothing deleted)
        return False


def delete(locations: Locations, store: SessionStore, session_ids: list[str], client: str | None, yes: bool) -> int:
    summaries, _problems = store.summaries()
    by_id = {s.id: s for s in summaries}
    chosen = [by_id[i] for i in session_ids if i in by_id]
    unknown = [i for i in session_ids if i not in by_id]
    if unknown:
        raise DeleteError(f"no session with id {', '.join(repr(i) for i in unknown)} in {store.folder}")
    if client:
        chosen += [s for s in summaries if s.client == client and s not in chosen]
    if not chosen:
        raise DeleteError("nothing to delete: name session ids, or --client CODE" + (f" (none for {client})" if client else ""))
    listing = "\n".join(f"  {s.id}  {s.started_at:%Y-%m-%d %H:%M}  {s.client}  {s.protocol}" for s in chosen)
    print(f"These {len(chosen)} session(s) will be moved to the trash:\n{listing}")
    if not yes and not _ask("Move them to the trash?"):
        print("Nothing was deleted.")
        return 1
    from interview_tui.store.trash import move_all_to_trash, trash_folder

    try:  # all or none: every session is locked before the first one moves
        move_all_to_trash(store, [s.id for s in chosen])
    except (SessionBusy, StoreError) as exc:
        raise DeleteError(f"{exc}; nothing was deleted") from None
    for summary in chosen:
        log_event(locations, "session_deleted", summary.id)
    print(f"Moved to {trash_folder(store)}. 'interview-tui trash empty' deletes them for good (see README: Deleting).")
    return 0


def trash(locations: Locations, store: SessionStore, action: str, yes: bool) -> int:
    from interview_tui.store.trash import empty_trash, trash_folder, trashed

    files = trashed(store)
    if action == "list":
        for path in files:
            print(path.relative_to(trash_folder(store)))  # a client record's: clients/<name>
        if not files:
            print("The trash is empty.")
        return 0
    if not files:
        print("The trash is empty.")
        return 0
    if not yes and not _ask(f"Delete the {len(files)} file(s) in {trash_folder(store)} for good?"):
        print("Nothing was deleted.")
        return 1
    count = empty_trash(store)
    log_event(locations, "trash_emptied")
    print(f"Deleted {count} file(s). On an SSD copies may survive in free blocks: see README, Deleting.")
    return 0


def audit(locations: Locations, action: str) -> int:
    log = AuditLog(locations.data_dir)
    verdict = log.verify()
    if action == "list":
        for entry in log.entries() if verdict.ok else []:
            print(f"{entry['seq']:>5}  {entry['at']}  {entry['event']:<22} {entry['session'] or ''}")
    if verdict.ok:
        print(f"Audit log intact: {verdict.entries} entries ({log.path}).")
        return 0
    print(f"{APP_NAME}: audit log BROKEN at {verdict.problem} ({log.path}; {verdict.entries} entries before it are intact)",
          file=sys.stderr)
    return 1
