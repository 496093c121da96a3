"""Files only their user can read, replaced whole: what every file the app writes goes through.

``write_private_atomic`` writes a temporary file beside the target (mode
0600, in a folder made 0700), syncs it, and renames it over the target, so
a crash at any moment leaves either the old file or the new one, never a
part. A killed write leaves its temporary file, named with ``TEMP_MARK``
and the writer's process id, for ``leftovers.py`` to remove.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from interview_tui.store.paths import PRIVATE_FILE_MODE, ensure_private_dir

TEMP_MARK = ".tmp-"


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
        unlink_quietly(temp)
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        unlink_quietly(temp)
        raise
    _fsync_dir(folder)


@contextmanager
def private_atomic_stream(path: Path) -> Iterator[BinaryIO]:
    """A file to write a big output into bit by bit (a backup), as ``write_private_atomic`` does: a temporary file
    beside ``path`` (0600), synced and renamed over ``path`` only if the block ends without an error (else removed).
    The folder must exist: it is not created."""
    folder = path.parent
    temp = folder / f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(3).hex()}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb", closefd=False) as out:
            yield out
            out.flush()
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(temp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        unlink_quietly(temp)
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


def unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
