"""One client's sessions from the session index, without making every row.

Starting a session (the closed-case check, carry-forward), the client view and
``sessions --client`` need one client's sessions. The folder is compared with
the database as for any listing (names, sizes, mtimes), then only the client's
rows are read, through the database's index on client; the answer is the same
as ``SessionIndex.list(client)`` (a test runs both through random histories of
changes behind the app's back).
"""

from __future__ import annotations

import sqlite3

from interview_tui.store.index import SessionIndex
from interview_tui.store.index_listing import Listing
from interview_tui.store.index_rows import load_client, make_summary


def client_listing(index: SessionIndex, client: str) -> Listing:
    """One client's sessions, newest first, as ``list(client)`` gives them (with the problems of every file
    that cannot be read). When every row is in memory already (the home screen's listing, or an encrypted
    store), that listing is used; otherwise only this client's rows are made."""
    if not index.folder.is_dir():
        return Listing([], [], 0)
    with index.lock:
        return _client_listing(index, client)


def _client_listing(index: SessionIndex, client: str) -> Listing:
    if index._cached is not None or not index._persist():
        return _full_listing(index, client)
    try:
        db = index.connection()
        stored = {row[0]: (row[1], row[2], row[3]) for row in db.execute("SELECT name, mtime_ns, size, settled FROM files")}
        files_read = index.update(db, stored)
        db = index.connection()
        found = load_client(db, client)
        problems = sorted(row[0] for row in db.execute("SELECT problem FROM files WHERE problem IS NOT NULL"))
    except sqlite3.DatabaseError:
        return _full_listing(index, client)  # (a damaged database: rebuilt as any listing does)
    summaries = [make_summary(index.folder, name, entry) for name, entry in found.items()]
    return Listing(summaries, problems, files_read)


def _full_listing(index: SessionIndex, client: str) -> Listing:
    listing = index.list(client)
    return Listing(list(listing.summaries), listing.problems, listing.files_read)
