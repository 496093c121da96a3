"""Restoring a backup: into an empty store as it was, or merged into a store in use without overwriting anything.

The whole backup is checked first (``backup_check``): a damaged or cut
short backup restores nothing. Then it is read again and written:

- **Into an empty store** (no session, record, header or audit log yet):
  every file as it was, byte for byte, with its time (an encrypted store
  stays encrypted under the same passphrase).
- **Into a store in use**: nothing there is overwritten. A session that is
  not there is added; one that is there with the same content is left; one
  that is there but differs is kept, and the backup's copy is added beside
  it as a session of its own (a new id, said in the report). A client
  record, the settings file or a phase file that differs is kept as it is
  here (said in the report). The backup's audit log is put beside the
  store's (``audit-from-backup-<time>.log``): one chain cannot take
  another's lines. Files are sealed with this store's key when it is
  encrypted; an encrypted backup is not merged into a plain store (its
  notes would land in clear).

Settings and phase files are never overwritten, in either case.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from interview_tui.core.errors import os_reason
from interview_tui.core.ids import is_session_id
from interview_tui.store import record_names
from interview_tui.store.audit import AUDIT_FILE, HEAD_FILE
from interview_tui.store.backup import CONFIG, DATA, HEADER_ENTRY, PHASES, what_goes_in
from interview_tui.store.backup_check import Checked, Progress, each_entry
from interview_tui.store.backup_file import BackupError
from interview_tui.store.encryption import EncryptionError, is_sealed
from interview_tui.store.paths import CLIENTS_FOLDER, Locations
from interview_tui.store.private_files import write_private_atomic
from interview_tui.store.sessions import SessionStore


@dataclass
class Restored:
    written: int = 0
    already_there: int = 0
    kept_both: list[tuple[str, str]] = field(default_factory=list)
    """(session id here, the id the backup's different copy was given)."""
    kept_yours: list[str] = field(default_factory=list)
    """What differs from the backup and was left as it is here (the backup's copy not written)."""
    audit_aside: Path | None = None
    into_empty: bool = True


def store_is_empty(locations: Locations) -> bool:
    """No session, client record, encryption header or audit log: a backup goes in exactly as it was."""
    return not any(name.startswith(f"{DATA}/") for name, _path in what_goes_in(locations))


def restore_backup(path: Path, passphrase: str, checked: Checked, locations: Locations, store: SessionStore,
                   progress: Progress | None = None) -> Restored:
    """Write what ``checked`` (the result of ``check_backup`` on ``path``) holds into ``locations``.
    ``store``: the target's sessions, unlocked if encrypted. BackupError before anything is written when the
    merge cannot be done."""
    empty = store_is_empty(locations)
    if not empty and checked.header.store_encrypted and not store.keyring.enabled:
        raise BackupError(
            f"the backup is of an encrypted store and {locations.sessions_dir} is not encrypted: its notes would be "
            "written in clear; run 'interview-tui encrypt' there first, or restore into an empty folder"
        )
    if not empty and store.keyring.locked:
        raise BackupError("the store restored into is locked")
    done = Restored(into_empty=empty)
    total = len(checked.entries)
    taken = {Path(name).name for name in checked.entries}
    for count, (name, data) in enumerate(each_entry(path, passphrase, checked), start=1):
        mtime = checked.entries[name].mtime
        try:
            if empty or not name.startswith(f"{DATA}/"):
                _put_as_is(locations, name, data, mtime, done)
            else:
                _merge(locations, store, checked, name, data, mtime, done, taken)
        except OSError as exc:
            stopped = (f"{done.written} file(s) were written before it stopped (run it again once the folder can "
                       "be written: nothing is written twice)" if done.written else "nothing was restored")
            raise BackupError(f"cannot write into {locations.data_dir} ({os_reason(exc)}); {stopped}") from None
        except EncryptionError as exc:
            raise BackupError(str(exc)) from None
        if progress is not None:
            progress(count, total)
    return done


def _target(locations: Locations, name: str) -> Path:
    parts = PurePosixPath(name).parts
    base = {DATA: locations.data_dir, CONFIG: locations.config_dir, PHASES: locations.user_phases_dir}[parts[0]]
    return base.joinpath(*parts[1:])


def _write(path: Path, data: bytes, mtime: float) -> None:
    write_private_atomic(path, data)
    if mtime:
        os.utime(path, (mtime, mtime))


def _put_as_is(locations: Locations, name: str, data: bytes, mtime: float, done: Restored) -> None:
    """Into an empty store every file as it was; settings and phase files only where there is none."""
    target = _target(locations, name)
    if target.exists():
        if target.read_bytes() == data:
            done.already_there += 1
        else:
            done.kept_yours.append(f"{target} (differs from the backup's)")
        return
    _write(target, data, mtime)
    done.written += 1


def _merge(locations: Locations, store: SessionStore, checked: Checked, name: str, data: bytes, mtime: float,
           done: Restored, taken: set[str]) -> None:
    parts = PurePosixPath(name).parts
    if name == HEADER_ENTRY or parts[-1] == HEAD_FILE:
        return  # this store keeps its own key and its own audit chain
    if name == f"{DATA}/{AUDIT_FILE}":
        _audit_aside(locations, checked, data, done)
        return
    keyring = store.keyring
    plain = data
    if is_sealed(data) and checked.store_keys is not None and parts[2] != "quarantine":
        plain = checked.store_keys.open(data, name)
    target = _target(locations, name)
    if parts[2:3] == (CLIENTS_FOLDER,) and len(parts) == 4:
        target = record_names.destination(keyring, target, plain)
    elif len(parts) != 3 or not is_session_id(target.stem):
        if target.exists():  # a quarantined or migrated copy: carried over only where it is missing
            done.already_there += 1
        else:
            sealed = data if is_sealed(data) or not keyring.enabled else keyring.seal(data, target)
            _write(target, sealed, mtime)  # (a plain copy never lands in clear in an encrypted store)
            done.written += 1
        return
    if target.exists():
        try:
            here = keyring.open(target.read_bytes(), target)
        except EncryptionError:
            here = None
        if here == plain:
            done.already_there += 1
            return
        if len(parts) == 4:
            done.kept_yours.append(f"client record {target.name} (differs from the backup's)")
            return
        record = json.loads(plain)
        if _copy_already_there(store, target.stem, record):
            done.already_there += 1
            return
        new_id = _free_id(store, target.stem, taken)
        record["id"] = new_id
        plain = json.dumps(record, indent=1, ensure_ascii=False).encode("utf-8")
        done.kept_both.append((target.stem, new_id))
        target = store.path_for(new_id)
    _write(target, keyring.seal(plain, target), mtime)
    done.written += 1


def _copy_already_there(store: SessionStore, session_id: str, record: dict[str, object]) -> bool:
    """A copy made by an earlier restore of the same backup (same start time, same content but its id)."""
    without_id = {k: v for k, v in record.items() if k != "id"}
    for path in store.folder.glob(f"{session_id[:-4]}*.json"):
        if path.stem == session_id or not is_session_id(path.stem):
            continue
        try:
            other = json.loads(store.keyring.open(path.read_bytes(), path))
        except (OSError, ValueError, EncryptionError):
            continue
        if isinstance(other, dict) and {k: v for k, v in other.items() if k != "id"} == without_id:
            return True
    return False


def _free_id(store: SessionStore, session_id: str, taken: set[str]) -> str:
    while True:
        candidate = f"{session_id[:-4]}{secrets.token_hex(2)}"
        name = f"{candidate}.json"
        if name not in taken and not store.path_for(candidate).exists():
            taken.add(name)
            return candidate


def _audit_aside(locations: Locations, checked: Checked, data: bytes, done: Restored) -> None:
    here = locations.data_dir / AUDIT_FILE
    if here.is_file() and here.read_bytes() == data:
        done.already_there += 1
        return
    stamp = "".join(ch for ch in checked.header.made_at if ch.isdigit())[:14] or "unknown"
    aside = locations.data_dir / f"audit-from-backup-{stamp}.log"
    write_private_atomic(aside, data)
    done.audit_aside = aside
    done.written += 1
