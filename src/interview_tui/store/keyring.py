"""The store's key: whether its files are encrypted, and the data key while it is unlocked.

Once unlocked, a store seals every write even if its header vanishes
meanwhile: a save never quietly falls back to plaintext. A plaintext file
in an encrypted store is refused, not loaded (and not quarantined: it may
be one that ``interview-tui encrypt`` has not reached yet).
"""

from __future__ import annotations

import os
from pathlib import Path

from interview_tui.store.encryption import (
    DataKey,
    EncryptionError,
    ScryptParams,
    StoreLocked,
    header_path,
    is_sealed,
    make_header,
    new_data_key,
    unwrap,
)


class NotEncrypted(EncryptionError):
    """A plaintext file in an encrypted store."""


class Keyring:
    def __init__(self, sessions_dir: Path) -> None:
        self.folder = sessions_dir
        self._raw_key: bytes | None = None
        self._key: DataKey | None = None

    @property
    def header(self) -> Path:
        return header_path(self.folder)

    @property
    def enabled(self) -> bool:
        return self._key is not None or self.header.exists()

    @property
    def locked(self) -> bool:
        return self._key is None and self.header.exists()

    def unlock(self, passphrase: str) -> None:
        """Derive the key from the passphrase; WrongPassphrase if it does not open the header."""
        try:
            raw = self.header.read_bytes()
        except OSError as exc:
            raise EncryptionError(f"{self.header}: cannot read ({exc.strerror or exc})") from None
        key, _params = unwrap(raw, passphrase)
        self._raw_key = key
        self._key = DataKey(key)

    def lock(self) -> None:
        """Forget the key (the privacy curtain with encryption on)."""
        self._raw_key = None
        self._key = None

    def seal(self, plain: bytes) -> bytes:
        if self._key is not None:
            return self._key.seal(plain)
        if self.header.exists():
            raise StoreLocked("the session store is locked: unlock it to save")
        return plain

    def open(self, raw: bytes) -> bytes:
        if is_sealed(raw):
            if self._key is not None:
                return self._key.open(raw)
            if self.header.exists():
                raise StoreLocked("the session store is locked: unlock it to read")
            raise EncryptionError(f"encrypted, but {self.header} is missing: the key is gone")
        if self.enabled:
            raise NotEncrypted("not encrypted although this store is; run 'interview-tui encrypt' to finish")
        return raw

    # ------------------------------------------------------------ turning encryption on, off, re-keying

    def new_header(self, passphrase: str, params: ScryptParams | None = None) -> bytes:
        """A header for a fresh data key (kept in memory, unlocked) or, once unlocked, for the current one."""
        if self._raw_key is None:
            self._raw_key = new_data_key()
            self._key = DataKey(self._raw_key)
        return make_header(passphrase, self._raw_key, params)

    def forget_header(self) -> None:
        try:
            os.unlink(self.header)
        except FileNotFoundError:
            pass
        self.lock()
