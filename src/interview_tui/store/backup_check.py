"""Checking a backup end to end before anything is taken from it (``backup --verify``, and ``restore`` first).

Every chunk must authenticate and the last must say it is the last
(``backup_file``); every tar entry must be a plain file under ``data/``,
``config/`` or ``phases/`` with no ``..`` in its name, must appear once, and
must match the size and SHA-256 the manifest (the last entry) lists for it,
and the manifest must list nothing that is not there. Inside, a session
file or client record of a plain store must be JSON; of an encrypted store,
it must open with the store's own key (the ``encryption.header`` in the
backup, opened with the same passphrase), bound to its name as in the store.
Quarantined files are carried as they are (they were damaged already).
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from interview_tui.core.errors import os_reason
from interview_tui.store import encryption
from interview_tui.store.backup import CONFIG, DATA, HEADER_ENTRY, MANIFEST, PHASES, Counts
from interview_tui.store.backup_file import BackupError, BackupHeader, OpeningReader
from interview_tui.store.keyring import file_identity
from interview_tui.store.quarantine import QUARANTINE_FOLDER

ROOTS = (DATA, CONFIG, PHASES)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Listed:
    name: str
    size: int
    sha256: str
    mtime: float


@dataclass
class Checked:
    """A backup that passed every check: its header, its manifest's entries, its counts."""

    header: BackupHeader
    entries: dict[str, Listed] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)
    store_keys: "StoreKeys | None" = None


class StoreKeys:
    """The data keys of the encrypted store inside a backup, opened with the backup's passphrase."""

    def __init__(self, header_bytes: bytes, passphrase: str) -> None:
        try:
            header = encryption.read_header(header_bytes)
            kek = encryption.kek_for(header, passphrase)
            self.keys = {w.id: encryption.DataKey(encryption.unwrap_one(kek, w), w.id) for w in header.keys}
        except encryption.WrongPassphrase:
            raise BackupError("the store's key inside the backup does not open with this passphrase") from None
        except encryption.EncryptionError as exc:
            raise BackupError(f"the store's key inside the backup: {exc}") from None
        self.legacy = header.legacy_key

    def open(self, raw: bytes, name: str) -> bytes:
        """The plain bytes of the store file ``data/sessions/<...>``, bound to its name as the store binds it."""
        file_id = file_identity(PurePosixPath(name).parts[2:])
        if encryption.is_legacy(raw):
            if self.legacy is None or self.legacy not in self.keys:
                raise encryption.Tampered("an encrypted file of the first format with no key for it")
            return self.keys[self.legacy].open_legacy(raw)
        key = self.keys.get(encryption.key_id_of(raw) or "")
        if key is None:
            raise encryption.Tampered("sealed with a key the store does not have")
        return key.open(raw, file_id)


def safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (not path.is_absolute() and ".." not in path.parts and len(path.parts) >= 2 and path.parts[0] in ROOTS
            and "\\" not in name and all(part not in ("", ".") for part in path.parts))


def check_contents(checked: Checked, name: str, data: bytes, passphrase: str) -> None:
    """What a store file must be inside (see the module's docstring); BackupError if it is not."""
    parts = PurePosixPath(name).parts
    if name == HEADER_ENTRY:
        checked.store_keys = StoreKeys(data, passphrase)
        return
    if parts[:2] != (DATA, "sessions") or QUARANTINE_FOLDER in parts or not name.endswith(".json"):
        return
    if encryption.is_sealed(data):
        if checked.store_keys is None:
            raise BackupError(f"{name} is encrypted but the backup holds no key for it")
        try:
            data = checked.store_keys.open(data, name)
        except encryption.Tampered as exc:
            raise BackupError(f"{name} does not open with the store's key ({exc})") from None
    elif checked.header.store_encrypted:
        raise BackupError(f"{name} is not encrypted although the store was")
    try:
        if not isinstance(json.loads(data), dict):
            raise ValueError
    except ValueError:
        raise BackupError(f"{name} is not a session or client record (not a JSON object)") from None


def check_backup(path: Path, passphrase: str, progress: Progress | None = None) -> Checked:
    """Read the whole backup once and check everything; BackupError (one line) on the first problem."""
    try:
        with open(path, "rb") as source:
            total = max(path.stat().st_size, 1)
            reader = OpeningReader(source, passphrase)
            checked = Checked(reader.header)
            seen: dict[str, tuple[int, str]] = {}
            manifest: dict[str, Listed] | None = None
            try:
                with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
                    for member in tar:
                        if manifest is not None:
                            raise BackupError(f"damaged: an entry after the manifest ({member.name!r})")
                        data = _member_bytes(tar, member)
                        if member.name == MANIFEST:
                            manifest = _manifest(data)
                            continue
                        if member.name in seen:
                            raise BackupError(f"damaged: {member.name} is in it twice")
                        seen[member.name] = (len(data), hashlib.sha256(data).hexdigest())
                        check_contents(checked, member.name, data, passphrase)
                        checked.counts.add(member.name)
                        if progress is not None:
                            progress(min(source.tell(), total), total)
                reader.drain()
            except tarfile.TarError as exc:
                raise BackupError(f"damaged: the archive inside does not read ({exc})") from None
    except FileNotFoundError:
        raise BackupError("no such file") from None
    except IsADirectoryError:
        raise BackupError("is a folder, not a backup file") from None
    except OSError as exc:
        raise BackupError(f"cannot read ({os_reason(exc)})") from None
    if manifest is None:
        raise BackupError("incomplete: its manifest (the last entry) is missing")
    for name, listed in manifest.items():
        if seen.get(name) != (listed.size, listed.sha256):
            raise BackupError(f"damaged: {name} is missing or differs from what the manifest lists")
    extra = sorted(set(seen) - set(manifest))
    if extra:
        raise BackupError(f"damaged: {extra[0]} is not in the manifest")
    if checked.header.store_encrypted and checked.store_keys is None:
        raise BackupError("the store was encrypted but its key (encryption.header) is not in the backup")
    checked.entries = manifest
    if progress is not None:
        progress(total, total)
    return checked


def _member_bytes(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    if not member.isfile() or not (member.name == MANIFEST or safe_name(member.name)):
        raise BackupError(f"damaged or not ours: entry {member.name!r} is not a plain file of the store")
    extracted = tar.extractfile(member)
    if extracted is None:
        raise BackupError(f"damaged: entry {member.name!r} cannot be read")
    return extracted.read()


def _manifest(data: bytes) -> dict[str, Listed]:
    try:
        raw = json.loads(data)
        entries = {e["name"]: Listed(str(e["name"]), int(e["size"]), str(e["sha256"]), float(e["mtime"]))
                   for e in raw["entries"]}
    except (ValueError, KeyError, TypeError):
        raise BackupError("damaged: its manifest does not read") from None
    if not all(safe_name(name) for name in entries):
        raise BackupError("damaged or not ours: its manifest names a file outside the store")
    return entries


def each_entry(path: Path, passphrase: str, checked: Checked):  # type: ignore[no-untyped-def]
    """Read the backup again, yielding (name, bytes) of every entry the check passed, each matched against the
    manifest once more (the file could have changed since it was checked)."""
    with open(path, "rb") as source:
        reader = OpeningReader(source, passphrase)
        with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
            for member in tar:
                if member.name == MANIFEST:
                    continue
                data = _member_bytes(tar, member)
                listed = checked.entries.get(member.name)
                if listed is None or hashlib.sha256(data).hexdigest() != listed.sha256:
                    raise BackupError(f"{member.name} changed since the backup was checked; stopped")
                yield member.name, data
