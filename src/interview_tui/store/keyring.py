"""The store's key: whether its files are encrypted, and the data keys while it is unlocked.

Once unlocked, a store never quietly falls back to plaintext: if its
header vanishes meanwhile (``decrypt`` from another terminal) or names
another key (``change-passphrase`` from another terminal), every write is
refused with a message saying so, rather than sealed with a key no longer
on disk. An open app watches ``state()`` and asks for the passphrase again.

Every file is sealed with its identity (``file_id``) in the authenticated
data, so a sealed file only opens where it was written (a session's file
moved to the trash, to quarantine or to ``migrated/`` keeps its identity:
the session id starts its name there too).

A plaintext file in an encrypted store is expected only while ``encrypt``
is running (the header says so): it is then refused and left for
``encrypt`` to finish. At any other time it was put there by someone else:
it is refused as damaged (``Planted``), which moves it to quarantine with
the reason, and ``encrypt`` never seals it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Sequence
from pathlib import Path

from interview_tui.core.errors import os_reason
from interview_tui.store import encryption
from interview_tui.store.conflict_copies import original_of
from interview_tui.store.encryption import (
    DataKey,
    EncryptionError,
    Header,
    ScryptParams,
    StoreLocked,
    Tampered,
    header_path,
    is_legacy,
    is_sealed,
    kek_for,
    key_id_of,
    make_header,
    new_data_key,
    new_kek,
    new_key_id,
    read_header,
    unwrap_one,
    wrap,
)
from interview_tui.store.private_files import write_private_atomic

CLIENTS_KIND = "clients"
"""The folder of client records inside the store (``paths.CLIENTS_FOLDER``; not imported, to keep this light)."""


TRASH_KIND = "trash"
"""The store's trash (``trash.TRASH_FOLDER``); a client record's file put there goes to ``trash/clients/``."""


def file_identity(parts: Sequence[str]) -> str:
    """What the store file ``parts`` (its path inside the sessions folder) is, as bound into its ciphertext: its kind
    and the first part of its name. A sync tool's conflict copy is what it copies: sealed for the original's name
    on the machine that wrote it, it opens (and is sealed again) as that file. A client record's file in the trash
    (``trash/clients/<its name>.<why>.json``) keeps its identity, as a session's does, so moving it back opens it."""
    record = (len(parts) > 1 and parts[0] == CLIENTS_KIND) or tuple(parts[:2]) == (TRASH_KIND, CLIENTS_KIND)
    kind = CLIENTS_KIND if record else "sessions"
    name = original_of(parts) or parts[-1]
    return f"{kind}:{name.lstrip('.').split('.')[0]}"


class NotEncrypted(EncryptionError):
    """A plaintext file in an encrypted store while ``encrypt`` is still sealing its files: left for it to finish."""


class Planted(Tampered):
    """A plaintext file in an encrypted store that no running encryption explains: damaged, never sealed."""


PLANTED_REASON = (
    "not encrypted although this store is, and no encryption is under way: it was not written by this app "
    "(put there from outside?), so it is never opened or sealed as genuine"
)


class Keyring:
    def __init__(self, sessions_dir: Path) -> None:
        self.folder = sessions_dir
        self._keys: dict[str, DataKey] = {}
        self._raw: dict[str, bytes] = {}
        self._current: str | None = None
        self._legacy: str | None = None
        self._header_seen: tuple[tuple[int, int, int], Header] | None = None

    @property
    def header(self) -> Path:
        return header_path(self.folder)

    @property
    def enabled(self) -> bool:
        return self._current is not None or self.header.exists()

    @property
    def locked(self) -> bool:
        return self._current is None and self.header.exists()

    def read_header(self) -> Header:
        """The header as it is on disk now (kept while the file is unchanged). EncryptionError if unreadable."""
        try:
            stat = self.header.stat()
            key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
            if self._header_seen is not None and self._header_seen[0] == key:
                return self._header_seen[1]
            raw = self.header.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as exc:
            raise EncryptionError(f"{self.header}: cannot read ({os_reason(exc)})") from None
        parsed = read_header(raw)
        self._header_seen = (key, parsed)
        return parsed

    def unlock(self, passphrase: str) -> None:
        """Derive the key from the passphrase; WrongPassphrase if it does not open the header, HeaderDamaged if the
        header is damaged (then the passphrase is not tried: a damaged header is not a wrong passphrase)."""
        try:
            header = self.read_header()
        except FileNotFoundError:
            raise EncryptionError(f"{self.header}: missing") from None
        kek = kek_for(header, passphrase)
        raw = {wrapped.id: unwrap_one(kek, wrapped) for wrapped in reversed(header.keys)}
        self._raw = raw
        self._keys = {key_id: DataKey(key, key_id) for key_id, key in raw.items()}
        self._current = header.current.id
        self._legacy = header.legacy_key
        if header.format != header.but().format:
            try:  # a first-format header gains its checksum (its files stay readable until they are re-sealed)
                self._write_header(header.but())
            except OSError:
                pass  # a read-only folder: upgraded the next time it can be written

    def lock(self) -> None:
        """Forget the keys (the privacy curtain with encryption on)."""
        self._raw = {}
        self._keys = {}
        self._current = None
        self._legacy = None

    def file_id(self, path: Path) -> str:
        """What a file is, as bound into its ciphertext: its kind and the first part of its name."""
        try:
            parts = path.relative_to(self.folder).parts
        except ValueError:
            parts = (path.name,)
        return file_identity(parts)

    def name_key(self) -> bytes | None:
        """The secret that names files in an encrypted store (``record_names``), from the current data key; None in a
        plain store. StoreLocked while locked."""
        keys = self.name_keys()
        return keys[0] if keys else None

    def name_keys(self) -> list[bytes]:
        """The naming secrets of every key held, the current one first; [] in a plain store. StoreLocked if locked."""
        if self._current is None:
            if self.header.exists():
                raise StoreLocked("the session store is locked: unlock it to find a client record")
            return []
        order = [self._current] + [k for k in self._raw if k != self._current]
        return [hmac.new(self._raw[k], b"interview-tui file names", hashlib.sha256).digest() for k in order]

    def state(self) -> tuple[bool, str | None]:
        """Whether the store is encrypted now (on disk), and the id of the key its header writes with."""
        try:
            return True, self.read_header().current.id
        except FileNotFoundError:
            return False, None
        except EncryptionError:
            return True, None

    def seal(self, plain: bytes, path: Path) -> bytes:
        if self._current is not None:
            encrypted, current = self.state()
            if not encrypted:
                raise StoreLocked("encryption was turned off from another window; nothing saved: open the app again")
            if current is not None and current != self._current and current not in self._keys:
                raise StoreLocked("the passphrase was changed from another window; nothing saved: unlock again")
            return self._keys[self._current].seal(plain, self.file_id(path))
        if self.header.exists():
            raise StoreLocked("the session store is locked: unlock it to save")
        return plain

    def open(self, raw: bytes, path: Path) -> bytes:
        if is_sealed(raw):
            if self._current is None:
                if self.header.exists():
                    raise StoreLocked("the session store is locked: unlock it to read")
                raise EncryptionError(f"encrypted, but {self.header} is missing: the key is gone")
            if is_legacy(raw):
                if self._legacy is None or self._legacy not in self._keys:
                    raise Tampered("an encrypted file of the first format, which this store no longer accepts")
                return self._keys[self._legacy].open_legacy(raw)
            key = self._keys.get(key_id_of(raw) or "")
            if key is None:
                raise Tampered("sealed with a key this store does not have (retired, or another store's)")
            return key.open(raw, self.file_id(path))
        if self.enabled:
            if self._encrypting():
                raise NotEncrypted("not encrypted yet: run 'interview-tui encrypt' to finish turning encryption on")
            raise Planted(PLANTED_REASON)
        return raw

    def _encrypting(self) -> bool:
        try:
            return self.read_header().encrypting
        except FileNotFoundError:
            return False
        except EncryptionError:
            return True  # cannot tell: leave the file alone rather than move it

    # ------------------------------------------------------------ turning encryption on, off, re-keying

    def is_current_id(self, key_id: str) -> bool:
        return key_id in self._keys

    def is_current(self, raw: bytes) -> bool:
        """Sealed with the key new files are written with, in this version's format."""
        return self._current is not None and key_id_of(raw) == self._current

    def new_header(self, passphrase: str, params: ScryptParams | None = None, *, encrypting: bool = False) -> bytes:
        """A header for a fresh data key (kept in memory, unlocked) or, once unlocked, for the current one."""
        if self._current is None:
            key_id = new_key_id()
            self._raw = {key_id: new_data_key()}
            self._keys = {key_id: DataKey(self._raw[key_id], key_id)}
            self._current = key_id
        return make_header(passphrase, self._raw[self._current], params, key_id=self._current, encrypting=encrypting)

    def finish_encrypting(self) -> None:
        """Every file is sealed: from now on a plaintext file in the store is one planted there."""
        header = self.read_header()
        if header.encrypting:
            self._write_header(header.but(encrypting=False))

    def start_key_change(self, passphrase: str) -> None:
        """A new passphrase and a new data key; the keys in use stay in the header (under the new passphrase) until
        every file is sealed with the new one (``retire_old_keys``). Unlocked first."""
        header = self.read_header()

        kek, salt, params = new_kek(passphrase, header.params if header.params.at_least(encryption.DEFAULT_PARAMS) else None)
        key_id = new_key_id()
        self._raw[key_id] = new_data_key()
        self._keys[key_id] = DataKey(self._raw[key_id], key_id)
        old = [wrap(kek, self._raw[k.id], k.id) for k in header.keys]
        self._write_header(header.but(params=params, salt=salt, keys=(*old, wrap(kek, self._raw[key_id], key_id))))
        self._current = key_id

    def retire_old_keys(self) -> None:
        """Every file is sealed with the current key: the others leave the header (and memory) for good."""
        header = self.read_header()
        self._write_header(header.but(keys=(header.current,), legacy_key=None))
        self._keys = {header.current.id: self._keys[header.current.id]}
        self._raw = {header.current.id: self._raw[header.current.id]}
        self._legacy = None

    def pending(self) -> bool:
        """Files remain to be re-sealed (a key change or a format upgrade under way)."""
        try:
            return self.read_header().pending
        except (FileNotFoundError, EncryptionError):
            return False

    def _write_header(self, header: Header) -> None:

        write_private_atomic(self.header, header.to_bytes())

    def forget_header(self) -> None:
        try:
            os.unlink(self.header)
        except FileNotFoundError:
            pass
        self.lock()
