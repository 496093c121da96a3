"""A data folder that cannot be written, as a read-only mount or a folder without write permission makes it.

The tests run as root too, where permissions do not stop a write: the calls that write (``os.open`` for writing,
``os.mkdir``, ``os.replace``, ``os.rename``, ``os.unlink``, ``os.chmod``) fail with EROFS for any path under the
folder, as the kernel answers on a read-only mount. Reading works as before.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def make_read_only(monkeypatch, folder: Path) -> None:
    root = os.path.realpath(folder)

    def inside(path) -> bool:
        real = os.path.realpath(os.fspath(path))
        return real == root or real.startswith(root + os.sep)

    def refuse(path) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))

    real_open, real_mkdir, real_replace = os.open, os.mkdir, os.replace
    real_rename, real_unlink, real_chmod = os.rename, os.unlink, os.chmod

    def open_(path, flags, *args, **kwargs):
        if flags & WRITING and inside(path):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def one_path(real):
        def wrapper(path, *args, **kwargs):
            if inside(path):
                refuse(path)
            return real(path, *args, **kwargs)

        return wrapper

    def two_paths(real):
        def wrapper(source, target, *args, **kwargs):
            if inside(source) or inside(target):
                refuse(target)
            return real(source, target, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "mkdir", one_path(real_mkdir))
    monkeypatch.setattr(os, "unlink", one_path(real_unlink))
    monkeypatch.setattr(os, "chmod", one_path(real_chmod))
    monkeypatch.setattr(os, "replace", two_paths(real_replace))
    monkeypatch.setattr(os, "rename", two_paths(real_rename))
