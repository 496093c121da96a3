"""Making a backup: every file of the store, the audit log, the settings and the phase files, in one sealed tar.

What goes in (names inside the tar):

- ``data/sessions/...``: every session file, the client records
  (``clients/``), quarantined and migrated copies, and with encryption on the
  store's ``encryption.header``; ``data/sessions/audit.head`` and
  ``data/audit.log``;
- ``config/settings.toml``, and ``phases/...``: the user's phase files;
- ``manifest.json``, last: every entry's name, size and SHA-256, and counts.

What stays out: the indexes (``.index.sqlite``, ``.search.sqlite`` and
their journals: rebuilt from the files), temporary files of killed writes,
the session locks, the trash (what was deleted is not carried to a new
laptop), exports (plain text, outside the store) and rescue copies; and any
earlier backup kept inside the store's folders (told by its header, whatever
its name) and the file being written: a backup never carries another.

The files go in exactly as they are on disk: from an encrypted store they
are still sealed with its key, so the backup is sealed twice (see
``docs/backup-format.md``).
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from interview_tui.core.ids import is_session_id
from interview_tui.store.audit import AUDIT_FILE
from interview_tui.store.backup_file import SealingWriter, is_backup_file
from interview_tui.store.encryption import HEADER_NAME
from interview_tui.store.lock import LOCK_FOLDER
from interview_tui.store.paths import CLIENTS_FOLDER, Locations
from interview_tui.store.quarantine import QUARANTINE_FOLDER
from interview_tui.store.trash import TRASH_FOLDER

MANIFEST = "manifest.json"
DATA, CONFIG, PHASES = "data", "config", "phases"
SETTINGS_ENTRY = f"{CONFIG}/settings.toml"
HEADER_ENTRY = f"{DATA}/sessions/{HEADER_NAME}"
LEFT_OUT_FOLDERS = (LOCK_FOLDER, TRASH_FOLDER)


@dataclass
class Counts:
    sessions: int = 0
    client_records: int = 0
    quarantined: int = 0
    phase_files: int = 0
    settings: int = 0
    audit_log: int = 0
    other: int = 0

    def add(self, name: str) -> None:
        kind = kind_of(name)
        setattr(self, kind, getattr(self, kind) + 1)

    def words(self) -> str:
        return (f"{self.sessions} session(s), {self.client_records} client record(s), "
                f"{self.quarantined} quarantined file(s), {self.phase_files} phase file(s), "
                f"{'the settings' if self.settings else 'no settings file'}, "
                f"{'the audit log' if self.audit_log else 'no audit log'}")


def kind_of(name: str) -> str:
    """Which count an entry of the tar adds to."""
    parts = name.split("/")
    if name == SETTINGS_ENTRY:
        return "settings"
    if parts[0] == PHASES:
        return "phase_files"
    if name == f"{DATA}/{AUDIT_FILE}":
        return "audit_log"
    if parts[:2] == [DATA, "sessions"] and len(parts) == 3 and is_session_id(parts[2].removesuffix(".json")):
        return "sessions"
    if parts[:3] == [DATA, "sessions", CLIENTS_FOLDER] and len(parts) == 4:
        return "client_records"
    if parts[:3] == [DATA, "sessions", QUARANTINE_FOLDER]:
        return "quarantined"
    return "other"


def _files_under(folder: Path, skip_folders: tuple[str, ...] = ()) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if relative[0] in skip_folders or any(part.startswith(".") for part in relative):
            continue  # the indexes and their journals, temporary files of killed writes
        if path.is_file() and not path.is_symlink():
            yield path


def what_goes_in(locations: Locations, leave_out: Path | None = None) -> list[tuple[str, Path]]:
    """(name in the tar, file on disk) of everything a backup holds, in the order it is written (``leave_out``: the
    file the backup is written to, never carried even if it is not a backup yet)."""
    return collected(locations, leave_out)[0]


def collected(locations: Locations, leave_out: Path | None = None) -> tuple[list[tuple[str, Path]], list[Path]]:
    """What a backup holds (as ``what_goes_in``), and the earlier backups found among the store's files, left out."""
    entries = [(f"{DATA}/sessions/{p.relative_to(locations.sessions_dir).as_posix()}", p)
               for p in _files_under(locations.sessions_dir, LEFT_OUT_FOLDERS)]
    entries.sort(key=lambda entry: entry[0] != HEADER_ENTRY)  # the store's key first: what follows is checked with it
    audit = locations.data_dir / AUDIT_FILE
    if audit.is_file():
        entries.append((f"{DATA}/{AUDIT_FILE}", audit))
    settings = locations.config_dir / "settings.toml"
    if settings.is_file():
        entries.append((SETTINGS_ENTRY, settings))
    entries += [(f"{PHASES}/{p.relative_to(locations.user_phases_dir).as_posix()}", p)
                for p in _files_under(locations.user_phases_dir)]
    skipped = _resolved(leave_out)
    kept, earlier = [], []
    for name, path in entries:
        if skipped is not None and _resolved(path) == skipped:
            continue
        if is_backup_file(path):
            earlier.append(path)
            continue
        kept.append((name, path))
    return kept, earlier


def _resolved(path: Path | None) -> Path | None:
    if path is None:
        return None
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


@dataclass
class Made:
    counts: Counts = field(default_factory=Counts)
    plain_bytes: int = 0
    earlier_backups: list[Path] = field(default_factory=list)
    """Backups found among the store's files: left out (a backup never carries another)."""


def write_backup(out: IO[bytes], locations: Locations, passphrase: str, made_at: str,
                 store_encrypted: bool, progress: Callable[[int, int], None] | None = None,
                 leave_out: Path | None = None) -> Made:
    """Write the sealed backup of ``locations`` to ``out`` (which the caller makes atomic and private; ``leave_out``:
    the file it ends up as, never carried)."""
    entries, earlier = collected(locations, leave_out)
    made = Made(earlier_backups=earlier)
    listed = []
    sealer = SealingWriter(out, passphrase, made_at, store_encrypted)
    with tarfile.open(fileobj=sealer, mode="w|", format=tarfile.PAX_FORMAT) as tar:  # type: ignore[call-overload]
        for done, (name, path) in enumerate(entries, start=1):
            try:
                data = path.read_bytes()
                mtime = path.stat().st_mtime
            except FileNotFoundError:  # deleted (moved to the trash) while the backup was made
                continue
            _add(tar, name, data, mtime)
            listed.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                           "mtime": mtime})
            made.counts.add(name)
            made.plain_bytes += len(data)
            if progress is not None:
                progress(done, len(entries))
        manifest = {"format": 1, "made_at": made_at, "store_encrypted": store_encrypted, "entries": listed}
        _add(tar, MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"), 0)
    sealer.close()
    return made


def _add(tar: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(mtime)
    tar.addfile(info, io.BytesIO(data))

