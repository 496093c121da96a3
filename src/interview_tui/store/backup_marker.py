"""When the last backup was made: a small file in the data folder, read by the home screen (kept light: json only)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

MARKER = "last-backup.json"
"""In the data folder: when the last backup was made (a time and counts, no client text, nothing of its path)."""


def write_marker(data_dir: Path, made_at: str, sessions: int, client_records: int) -> None:
    from interview_tui.store.private_files import write_private_atomic

    body = {"made_at": made_at, "sessions": sessions, "client_records": client_records}
    write_private_atomic(data_dir / MARKER, json.dumps(body).encode("utf-8"))


def last_backup_at(data_dir: Path) -> str | None:
    """When the last backup of this store was made (ISO 8601), or None: never, or the marker does not read."""
    try:
        made_at = json.loads((data_dir / MARKER).read_bytes()).get("made_at")
    except (OSError, ValueError, AttributeError):
        return None
    return made_at if isinstance(made_at, str) else None


def backup_words(made_at: str | None, remind_after_days: int, now: datetime) -> tuple[str, bool]:
    """What the home screen says of backups, and whether it is a reminder (none for ``remind_after_days`` days)."""
    if made_at is None:
        return "No backup yet (interview-tui backup PATH).", remind_after_days > 0
    try:
        when = datetime.fromisoformat(made_at.replace("Z", "+00:00"))
    except ValueError:
        return "No backup yet (interview-tui backup PATH).", remind_after_days > 0
    days = (now - when).days
    local = when.astimezone(now.tzinfo) if now.tzinfo else when
    if remind_after_days and days >= remind_after_days:
        return f"No backup for {days} days (last {local:%Y-%m-%d}): interview-tui backup PATH.", True
    return f"Last backup {local:%Y-%m-%d %H:%M}.", False
