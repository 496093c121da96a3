"""Check before write: a session file another machine changed is never written over.

With the store in a synced folder (Syncthing, Dropbox, OneDrive, Nextcloud)
another machine's edit of a session arrives as a new file in place of the
one this app read. Before each write the file on disk is compared with
what this app last read or wrote of it (a SHA-256 of its bytes: a
modification time can be carried over by the sync tool, and a whole second
can hold many saves, so the content is what is compared; a digest of our
own bytes never differs from itself, so our own saves never raise the
alarm). If it differs, or the file is gone, the other machine's file is
left as it is and this app's version goes to a conflict copy beside it
(``<id> (conflict copy from <this machine> <date time>).json``, a name
``conflict_copies`` recognises, so the index skips it and the home screen
lists it); every later save of that version goes to the copy.

What a writer holds is its own ``FileWatch``: the autosaver of an open
session keeps the one taken when the session was read, so a later read of
the new version elsewhere in the app (the client view, an export) never
makes the open session's next save look safe.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from interview_tui.store.conflict_copies import APP_INFIX, recognise


def digest_of(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def digest_on_disk(path: Path) -> bytes | None:
    """The digest of the file's bytes now; None if there is no file (other OSErrors are raised: not saved)."""
    try:
        return digest_of(path.read_bytes())
    except FileNotFoundError:
        return None


def this_machine() -> str:
    """This machine's name as it may appear in a file name (letters, digits and hyphens only)."""
    import socket  # (only when a conflict copy is named)

    try:
        name = socket.gethostname()
    except OSError:
        name = ""
    return re.sub(r"[^A-Za-z0-9-]+", "-", name.split(".")[0]).strip("-")[:40] or "this-machine"


def copy_path(original: Path, machine: str, at: datetime) -> Path:
    """A name for this app's version of ``original`` that no file has yet."""
    stamp = at.strftime("%Y-%m-%d %H%M%S")
    for n in range(1, 1000):
        more = "" if n == 1 else f"-{n}"
        path = original.with_name(f"{original.stem} ({APP_INFIX} {machine} {stamp}{more}){original.suffix}")
        if not path.exists():
            return path
    raise FileExistsError(f"{original.parent}: too many conflict copies of {original.name}")


@dataclass
class FileWatch:
    """Where one version of a session is saved, and what that file held when this app last read or wrote it."""

    path: Path
    digest: bytes | None = None
    """None: not read or written here yet (a new session): nothing to compare with."""
    kept_apart: str | None = None
    """Why this version is saved to a conflict copy ("changed", "removed"), or None while it goes to its own file."""

    def target(self) -> Path:
        """The file to write now: ``path``, or a new conflict copy if ``path`` is no longer what was last seen."""
        if self.digest is None:
            return self.path
        now = digest_on_disk(self.path)
        if now == self.digest:
            return self.path
        if self.kept_apart is None:
            original, self.kept_apart = self.path, ("removed" if now is None else "changed")
        else:  # the copy itself changed underneath (a sync tool's own conflict): a new copy, beside the original
            found = recognise(self.path)
            original = found.original if found is not None else self.path
        self.path, self.digest = copy_path(original, this_machine(), datetime.now()), None
        return self.path

    def wrote(self, path: Path, data: bytes) -> None:
        self.path, self.digest = path, digest_of(data)

    def notice(self) -> str | None:
        """What the practitioner is told while this version is kept apart; None while it is saved in place."""
        if self.kept_apart is None:
            return None
        what = "removed this session" if self.kept_apart == "removed" else "changed this session"
        return (f"Someone else {what} on another machine; your notes are being kept in {self.path.name}. "
                "Nothing is lost.")

