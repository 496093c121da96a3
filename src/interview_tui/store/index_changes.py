"""Noticing what changed in the sessions folder behind the index: files new, changed, too recent to trust, or gone.

One ``scandir`` of the folder and the sizes and mtimes it gives, against the
names, sizes and mtimes the index stored (``Stored``). A file is read again if
it is new, if its size or mtime differ, or if it was not settled when it was
last read (modified so shortly before that the same size and mtime need not
mean the same content: ``SETTLE_NS`` in index.py). A sync tool's conflict copy
is never taken for a session.
"""

from __future__ import annotations

import os
from pathlib import Path

from interview_tui.store.conflict_copies import recognise
from interview_tui.store.sessions import is_session_id

Stored = dict[str, tuple[int, int, int]]
"""For each file the index knows: (mtime_ns, size, settled) when it was read."""

ToRead = list[tuple[str, str, os.stat_result]]
"""(file name, path, stat) of each session file to read again."""


def changed_files(folder: Path, stored: Stored) -> tuple[ToRead, list[str]]:
    """The session files in ``folder`` the index does not vouch for, and the names in ``stored`` of files gone."""
    to_read: ToRead = []
    seen: set[str] = set()
    with os.scandir(folder) as items:
        for item in items:
            name = item.name
            if name[0] == "." or not name.endswith(".json"):
                continue
            if not is_session_id(name[:-5]) and recognise(Path(item.path)) is not None:
                continue  # a sync tool's conflict copy: named on the home screen, never read as a session
            try:
                stat = item.stat()
            except OSError:
                continue  # removed while we looked
            seen.add(name)
            known = stored.get(name)
            if known is None or not known[2] or known[0] != stat.st_mtime_ns or known[1] != stat.st_size:
                to_read.append((name, item.path, stat))
    gone = [name for name in stored if name not in seen]
    return to_read, gone
