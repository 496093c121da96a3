"""One client's sessions from the session index, without holding the whole index in memory.

Starting a session (the closed-case check, carry-forward), the client view and
``sessions --client`` need one client's sessions. The whole index is 8 MiB in
memory with 10,000 sessions; when it is not in memory already, this reads it a
line at a time and keeps only the client's rows, with the same answer as
``SessionIndex.list(client)`` (a test runs both through random histories of
changes behind the app's back). It never writes the index.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from interview_tui.store.index import (
    _CLIENT, BAD_ENTRY, GOOD_ENTRY, GOOD_ROW, INDEX_VERSION, Entry, Listing, SessionIndex, _entry_of, _make_summary,
    _newest_first, _read_entry,
)  # fmt: skip


def client_listing(index: SessionIndex, client: str) -> Listing:
    """One client's sessions, newest first, as ``list(client)`` gives them (with the problems of every file
    that cannot be read), for starting a session or listing one client: if the index is not in memory
    already, it is read a line at a time keeping only this client's rows, and neither kept nor written (the
    whole index is 8 MiB in memory with 10,000 sessions). Of another client's row only the file's name,
    time and size are read (without parsing the rest of the line): the file is read again only if it changed
    since it was indexed, as is every file the index does not know; files that are gone drop out."""
    if not index.folder.is_dir():
        return Listing([], [], 0)
    if index._cached is not None or not index._persist():
        return _full_listing(index, client)
    with os.scandir(index.folder) as entries:
        on_disk = {e.name: e for e in entries if e.name[0] != "." and e.name.endswith(".json")}
    found: dict[str, Entry] = {}
    problems: list[str] = []
    files_read = 0
    started_ns = index._clock_ns()
    wanted = b'"' + client.encode() + b'"'

    def look(name: str, mtime_ns: int, size: int, settled: bool, entry: Entry | None) -> None:
        nonlocal files_read
        item = on_disk.pop(name, None)
        if item is None:
            return  # gone
        try:
            stat = item.stat()
            if not (settled and mtime_ns == stat.st_mtime_ns and size == stat.st_size):
                files_read += 1
                entry = _read_entry(index._read_summary, Path(item.path), stat, started_ns)
        except OSError:  # (FileNotFoundError included: removed while we looked)
            return
        if entry is None:
            return  # another client's file, unchanged since it was indexed
        if len(entry) == BAD_ENTRY:
            problems.append(entry[3])
        elif entry[_CLIENT] == client:
            found[name] = entry

    try:
        with open(index.path, "rb") as f:
            if json.loads(f.readline())["version"] != INDEX_VERSION:
                return _full_listing(index, client)
            for line in f:
                parts = line.split(b",", 6)  # ["name",mtime,size,settled,"id","client",...
                if len(parts) > 5 and parts[5] == wanted:
                    item = json.loads(line)
                    entry = _entry_of(item[0], item[1:])
                    if entry is None:
                        raise ValueError("a damaged row")
                    look(item[0], entry[0], entry[1], entry[2], entry)
                    continue
                quoted = parts[0][1:]
                if len(parts) < 4 or parts[0][:2] != b'["' or quoted[-1:] != b'"' or b"\\" in quoted:
                    raise ValueError("a damaged row")
                # (A row of another client, or of a file that could not be read: looked at again if it changed.)
                look(quoted[1:-1].decode(), int(parts[1]), int(parts[2]), parts[3] == b"true", None)
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return _full_listing(index, client)  # (no usable index: rebuilt as any listing does)
    for name in list(on_disk):  # files the index does not know
        look(name, 0, -1, False, None)
    problems.sort()
    summaries = [_make_summary(index.folder, name, entry) for name, entry in _newest_first(found).items()]
    return Listing(summaries, problems, files_read)


def _full_listing(index: SessionIndex, client: str) -> Listing:
    listing = index.list(client)
    return Listing(list(listing.summaries), listing.problems, listing.files_read)
