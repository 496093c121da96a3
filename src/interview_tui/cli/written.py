"""Where every command that writes an export sends it: standard output, or a private file by the export rules.

The rules are those of ``interview-tui export``: ``-o PATH`` is written 0600, atomically; an existing file
is replaced only with ``--force``; a folder, or a place that cannot be written, is a one-line error naming it
and nothing is written. Without ``-o`` (or with ``-o -``) the bytes go to standard output.
"""

from __future__ import annotations

import sys
from pathlib import Path

from interview_tui.cli.common import UserError


def is_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def check_output(output: Path, force: bool) -> Path:
    """Refuse before any work is done: a folder, or an existing file without ``force``."""
    path = output.expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise UserError(f"{path} already exists (use --force to replace it)")
    return path


def deliver(data: str | bytes, output: Path | None, force: bool) -> Path | None:
    """``data`` to standard output (returns None) or to the file ``output`` (returns its path)."""
    from interview_tui.export import ExportError, write_export

    if is_stdout(output):
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.buffer.flush()
        return None
    assert output is not None
    path = output.expanduser()
    try:
        write_export(path, data, force=force)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    return path
