"""Moving a damaged session file aside, byte for byte, so it is never overwritten and never lost.

``sessions/quarantine/<name>.<UTC timestamp>.json`` holds the file exactly as
it was (a rename, not a copy), with a ``.why`` note next to it saying what
was wrong. Nothing in the note quotes the file's content.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from interview_tui.store.paths import PRIVATE_FILE_MODE, ensure_private_dir
from interview_tui.store.private_files import write_private_atomic

QUARANTINE_FOLDER = "quarantine"
WHY_SUFFIX = ".why"


@dataclass(frozen=True)
class Quarantined:
    """One file moved aside: where it was, where it is now, and why."""

    original: Path
    moved_to: Path
    reason: str

    def message(self) -> str:
        return f"{self.original}: {self.reason}; moved unchanged to {self.moved_to}"


@dataclass(frozen=True)
class NotMoved:
    """A damaged file that could not be moved aside (a read-only folder): left where it is, never written over."""

    original: Path
    reason: str
    why_not: str

    def message(self) -> str:
        return f"{self.original}: {self.reason}; could not be moved to quarantine ({self.why_not}), left as it is"


def quarantine_folder(sessions_dir: Path) -> Path:
    return sessions_dir / QUARANTINE_FOLDER


def quarantine_file(path: Path, reason: str) -> Quarantined:
    """Move ``path`` into the quarantine folder beside it, under a name that never clashes."""
    folder = ensure_private_dir(quarantine_folder(path.parent))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    suffix = 0
    while target.exists():
        suffix += 1
        target = folder / f"{path.stem}.{stamp}-{suffix}{path.suffix}"
    os.rename(path, target)
    os.chmod(target, PRIVATE_FILE_MODE)
    write_private_atomic(target.with_name(target.name + WHY_SUFFIX), (reason + "\n").encode("utf-8"))
    return Quarantined(original=path, moved_to=target, reason=reason)


def list_quarantined(sessions_dir: Path) -> list[Quarantined]:
    """Every file in quarantine, oldest first, with the reason recorded when it was moved."""
    folder = quarantine_folder(sessions_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(WHY_SUFFIX) or path.name.startswith("."):
            continue
        why = path.with_name(path.name + WHY_SUFFIX)
        try:
            reason = why.read_text(encoding="utf-8").strip()
        except OSError:
            reason = "reason not recorded"
        stem = path.stem.rpartition(".")[0] or path.stem
        original = sessions_dir / f"{stem}{path.suffix}"
        found.append(Quarantined(original=original, moved_to=path, reason=reason))
    return found
