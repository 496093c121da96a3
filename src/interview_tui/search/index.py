"""The search index: every note of every session, folded for search, in one file beside the session files.

The session files stay the only source of truth. ``.search-index`` in the
sessions folder holds, for each session file, its size and modification
time when it was read, what a search result shows of the session (client,
date, protocol, phase and prompt titles), and its notes: folded (see
search_text.py) as one long UTF-8 text, so that a search is a single scan of
bytes, and as written (compressed, per session), for the snippets.

Each search compares the folder with the index, as the session index does
(index.py: the same file name, size, mtime and settle checks): a session file
that is new, changed or too recent to trust is read again and searched from
memory; a session whose file is gone is left out; a missing, damaged or
foreign index counts as empty. When a search found the file out of date (a
session saved, added or removed since it was written, by the app or behind its
back), ``write_if_out_of_date`` rewrites it (atomically, 0600): callers do it
once the results are shown. Saving a session does not touch the index (the
autosave path stays as fast as it was); the next search reads that one file.
A removed session's notes leave the file at that rewrite, and at once when
the trash is emptied (``purge_deleted``). When more than ``WRITE_AT_ONCE``
files had to be read (no index yet, or a lost one), the index is written
before searching. Unsettled files (written in the last two seconds) are read
again until they settle, as in index.py.

The index holds client text. With encryption on it is sealed with the store's
data key like a session file (``interview-tui encrypt`` and ``decrypt`` treat
it as one of the store's files); a clear-text index found in an encrypted
store is deleted unread.

The file's layout, and searching it, are in search_segment.py.
"""

from __future__ import annotations

import heapq
import mmap
import os
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
import weakref
from typing import TYPE_CHECKING, Callable

from interview_tui.store.encryption import EncryptionError, StoreLocked, is_sealed
from interview_tui.store.index import SETTLE_NS
from interview_tui.store.keyring import Keyring
from interview_tui.search.segment import (
    CLIENT,
    MTIME,
    SETTLED,
    SIZE,
    ID,
    NAME,
    SORT,
    Found,
    IndexDamaged,
    Parts,
    Segment,
    Unseal,
    encode,
    newest_first,
    read_parts,
)
from interview_tui.core.session_format import UnreadableSession
from interview_tui.store.sessions import StoreError, write_private_atomic

if TYPE_CHECKING:
    from interview_tui.store.sessions import SessionStore

INDEX_NAME = ".search-index"
WRITE_AT_ONCE = 500
"""When more session files than this had to be read, the index is written before searching (it is a rebuild)."""


# ------------------------------------------------------------ the index of one folder


@dataclass
class Fresh:
    """A session file read since the index was written (or one that could not be read: ``problem``)."""

    mtime_ns: int
    size: int
    settled: bool
    parts: Parts | None = None
    problem: str = ""


@dataclass
class View:
    """The sessions a search looks at: index rows still true of their files, and sessions read since."""

    base: Segment | None
    usable: bytearray
    fresh: Segment | None
    problems: list[str] = field(default_factory=list)
    files_read: int = 0


@dataclass
class Searched:
    found: list[Found]
    """Newest session first, then in the order of the interview."""
    problems: list[str]
    """Session files that could not be searched, and why (never their content)."""
    files_read: int
    """Session files read because the index did not vouch for them (0 when it was up to date)."""


class NoteIndex:
    """The search index of one sessions folder. Keep one per folder. Thread-safe: one search at a time."""

    def __init__(
        self,
        folder: Path,
        keyring: Keyring,
        unseal: Unseal,
        clock_ns: Callable[[], int] = time.time_ns,
        set_aside_damaged: Callable[[], list[str]] = lambda: [],
    ):
        self.folder = folder
        self._set_aside_damaged = set_aside_damaged
        """Runs the store's check of the files it has not seen as they are now (a damaged file, one holding a
        value no session can hold, is moved to quarantine); returns what it moved and why."""
        self.path = folder / INDEX_NAME
        self.keyring = keyring
        self._unseal = unseal
        self._clock_ns = clock_ns
        self._lock = threading.Lock()
        self._base: tuple[tuple[int, int, int, bool], Segment] | None = None
        self._fresh: dict[str, Fresh] = {}
        self._fresh_segment: tuple[tuple[tuple[str, int, int, bool], ...], Segment | None] = ((), None)
        self._out_of_date = False

    def search(self, folded_query: str, client: str | None, limit: int) -> Searched:
        """Up to ``limit`` notes holding ``folded_query`` (already folded), newest session first."""
        query = folded_query.encode("utf-8")
        with self._lock:
            for attempt in (1, 2):
                view = self._view()
                try:
                    found = self._find(view, query, client, limit)
                    break
                except (IndexError, ValueError, TypeError, zlib.error, struct.error):
                    if attempt == 2:
                        raise
                    self._forget_file()  # damaged in a way the first checks did not see: rebuilt from the files
        return Searched(found, view.problems, view.files_read)

    def write_if_out_of_date(self) -> bool:
        """Rewrite the index file if the last search found it out of date. True if it was written.
        (Searching does not wait for this: call it after the results are shown.)"""
        with self._lock:
            if not self._out_of_date:
                return False
            return self._rewrite(self._view())

    def purge_deleted(self) -> None:
        """Take the notes of sessions whose files are gone out of the index file now (the trash was emptied).
        An index that cannot be read here (locked, damaged) is deleted instead; it is rebuilt when next needed."""
        with self._lock:
            base = self._load() if not self.keyring.locked else None
            if base is None:
                self._forget_file()
                return
            present = [n for n in range(len(base.rows)) if (self.folder / base.rows[n][NAME]).exists()]
            if len(present) < len(base.rows):
                self._write([base.parts(n) for n in present])

    # -------------------------------------------------------- searching

    def _find(self, view: View, query: bytes, client: str | None, limit: int) -> list[Found]:
        found: list[Found] = []
        if view.base is not None:
            base, usable = view.base, view.usable
            chosen = None if client is None else (n for n, row in enumerate(base.rows) if row[CLIENT] == client)
            found = base.find(query, chosen, usable.__getitem__, limit)
        if view.fresh is not None:
            fresh = view.fresh
            chosen = None if client is None else (n for n, row in enumerate(fresh.rows) if row[CLIENT] == client)
            more = fresh.find(query, chosen, lambda n: True, limit)
            found = list(heapq.merge(found, more, key=lambda f: (f.row[SORT], f.row[ID]), reverse=True))
        return found[:limit]

    def _view(self) -> View:
        """Compare the folder with the index; read what the index does not vouch for."""
        if self.keyring.locked:
            raise StoreLocked("the session store is locked: unlock it to search")
        base = self._load()
        started = self._clock_ns()
        usable = bytearray(len(base.rows) if base else 0)
        seen_in_base = 0
        fresh: dict[str, Fresh] = {}
        to_read: list[tuple[str, str, os.stat_result]] = []
        files_read = 0
        if self.folder.is_dir():
            with os.scandir(self.folder) as entries:
                for item in entries:
                    name = item.name
                    if name[0] == "." or not name.endswith(".json"):
                        continue
                    try:
                        stat = item.stat()
                    except OSError:
                        continue
                    number = base.by_name.get(name) if base else None
                    if number is not None and base is not None:
                        seen_in_base += 1
                        row = base.rows[number]
                        if row[SETTLED] and row[MTIME] == stat.st_mtime_ns and row[SIZE] == stat.st_size:
                            usable[number] = 1
                            continue
                    known = self._fresh.get(name)
                    if known is None or not known.settled or (known.mtime_ns, known.size) != (stat.st_mtime_ns, stat.st_size):
                        to_read.append((name, item.path, stat))
                        continue
                    fresh[name] = known
        moved = self._set_aside_damaged() if to_read else []  # the store vouches for a file before it is searched
        for name, path, stat in to_read:
            known = self._read(Path(path), stat, started)
            if known is None:
                continue  # gone (or moved to quarantine)
            files_read += 1
            fresh[name] = known
        self._fresh = fresh
        removed = base is not None and seen_in_base < len(base.rows)
        read = [f for f in fresh.values() if f.parts is not None]
        self._out_of_date = removed or any(f.settled for f in read) or (base is None and bool(read))
        problems = sorted([f.problem for f in fresh.values() if f.problem] + moved)
        view = View(base, usable, None, problems, files_read)
        if files_read > WRITE_AT_ONCE and self._rewrite(view):  # no index yet, or a lost one: write it now
            written = self._load()
            if written is not None:  # and search it, not a copy (sessions read too recently stay in memory)
                view.base, view.usable = written, bytearray(row[SETTLED] for row in written.rows)
        view.fresh = self._fresh_part(self._fresh)
        return view

    # -------------------------------------------------------- file

    def _read(self, path: Path, stat: os.stat_result, started_ns: int) -> Fresh | None:
        settled = stat.st_mtime_ns < started_ns - SETTLE_NS
        try:
            return Fresh(stat.st_mtime_ns, stat.st_size, settled, read_parts(path, stat, settled, self._unseal))
        except FileNotFoundError:
            return None
        except StoreError as exc:  # (it names the file and the problem, never the content)
            return Fresh(stat.st_mtime_ns, stat.st_size, False, problem=f"{exc}; not searched")
        except UnreadableSession as exc:
            return Fresh(stat.st_mtime_ns, stat.st_size, False, problem=f"{path}: not searched ({exc})")
        except OSError as exc:
            return Fresh(stat.st_mtime_ns, stat.st_size, False, problem=f"{path}: not searched ({exc.strerror or exc})")
        except Exception as exc:  # noqa: BLE001 - a damaged file is for the list to report; never quote it
            return Fresh(stat.st_mtime_ns, stat.st_size, False,
                         problem=f"{path}: not searched (not a readable session file: {type(exc).__name__})")

    def _fresh_part(self, fresh: dict[str, Fresh]) -> Segment | None:
        key = tuple(sorted((name, f.mtime_ns, f.size, f.settled) for name, f in fresh.items() if f.parts))
        if key != self._fresh_segment[0]:
            sessions = newest_first([f.parts for f in fresh.values() if f.parts is not None])
            self._fresh_segment = (key, Segment(encode(sessions)) if sessions else None)
        return self._fresh_segment[1]

    def _load(self) -> Segment | None:
        """The index file as a segment (kept while the file is the same); None if missing, foreign or damaged."""
        try:
            stat = self.path.stat()
        except OSError:
            self._base = None
            return None
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size, self.keyring.enabled)
        if self._base is not None and self._base[0] == key:
            return self._base[1]
        self._base = None
        try:
            segment = Segment(self._open())
        except (IndexDamaged, EncryptionError, ValueError, OSError):
            return None
        self._base = (key, segment)
        return segment

    def _open(self) -> "bytes | mmap.mmap":
        with open(self.path, "rb") as f:
            if not self.keyring.enabled:
                return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            raw = f.read()
        if not is_sealed(raw):
            _unlink(self.path)  # clear text in an encrypted store (written before encryption was turned on)
            raise IndexDamaged("clear text in an encrypted store")
        return self.keyring.open(raw, self.path)

    def _rewrite(self, view: View) -> bool:
        """Write every session the view holds into a new index file; sessions read since are then dropped from
        memory (except those read too soon after they were written). False if the file could not be written."""
        sessions = [f.parts for f in self._fresh.values() if f.parts is not None]
        if view.base is not None:
            sessions += [view.base.parts(n) for n in range(len(view.base.rows)) if view.usable[n]]
        if not self._write(newest_first(sessions)):
            return False
        self._fresh = {name: f for name, f in self._fresh.items() if f.parts is None or not f.settled}
        self._fresh_segment = ((), None)
        self._out_of_date = False
        return True

    def _forget_file(self) -> None:
        _unlink(self.path)
        self._base = None

    def _write(self, sessions: list[Parts]) -> bool:
        data = encode(sessions)
        try:
            write_private_atomic(self.path, self.keyring.seal(data, self.path))
        except (OSError, EncryptionError):
            return False  # a read-only folder still searches; the index is only a shortcut
        finally:
            self._base = None
        return True


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


_OPEN: weakref.WeakKeyDictionary[SessionStore, NoteIndex] = weakref.WeakKeyDictionary()


def note_index(store: SessionStore) -> NoteIndex:
    """The index of every note in ``store``, for search; sealed like the sessions when encrypted.

    One per store object, kept as long as the store is: it holds the lock
    and the memory of what it last read.
    """
    index = _OPEN.get(store)
    if index is None:
        index = _OPEN[store] = NoteIndex(
            store.folder, store.keyring, store.unseal, set_aside_damaged=store.set_aside_damaged
        )
        store.when_files_removed(index.purge_deleted)
    return index
