"""Encryption at rest: session files as authenticated ciphertext (AES-256-GCM), unlocked by a passphrase.

Layout. ``sessions/encryption.header`` (JSON, no secret in it) holds:
- ``format``: this header's version (2; version 1 is read and upgraded);
- ``kdf``: how the passphrase becomes a key-encryption key: scrypt with its
  n, r, p and a random 16-byte salt made for this store (defaults at
  OWASP's minimum, n=2**17, r=8, p=1; recorded so they can be raised);
- ``keys``: random 256-bit data keys, each with an id and sealed with AES-GCM
  under the key-encryption key. The last is the one files are written with;
  an earlier one is still there only while a key change (``change-passphrase``)
  is re-encrypting the files written with it;
- ``legacy_key``: the key that files of the first format (no file id in their
  authenticated data) are opened with, until every one has been re-sealed;
- ``encrypting``: true while ``encrypt`` is turning a plaintext store into an
  encrypted one (a plaintext file is then expected; at any other time it was
  put there by someone else and is quarantined, never sealed);
- ``check``: SHA-256 of all of the above, so that a damaged header (a flipped
  byte in the salt or a wrapped key) is told apart from a wrong passphrase.
  It is a checksum, not a secret: it catches damage, not a forger.

Every file is ``MAGIC`` + the 8-byte id of its key + a 12-byte random nonce +
AES-GCM(data key) of the plain bytes, with the file's identity (its kind and
its name: ``sessions:<id>``, ``clients:<name>``) in the authenticated data, so
one file's ciphertext put in another's place fails authentication. A wrong
passphrase fails to unwrap the data key; a changed byte anywhere in a file
fails authentication: neither is ever loaded. Deleting the header destroys
the only copy of the wrapped keys, which is the real erase on an SSD.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from interview_tui.core.errors import InterviewError

# ``cryptography`` is imported where it is used: a store without encryption (and every launch up to the
# first screen) never loads it (about 6 MiB and 30 ms).

HEADER_NAME = "encryption.header"
HEADER_FORMAT = 2
LEGACY_HEADER_FORMAT = 1
MAGIC = b"ITUI-ENC\x02"
"""What every file sealed by this version starts with (then the key id, the nonce, the ciphertext)."""
LEGACY_MAGIC = b"ITUI-ENC\x01"
"""Files of the first format: nonce and ciphertext, with a constant authenticated data (no file identity)."""
KEY_ID_BYTES = 8
NONCE_BYTES = 12
KEY_BYTES = 32
TAG_BYTES = 16
_LEGACY_FILE_AAD = b"interview-tui session file v1"
_FILE_AAD = b"interview-tui file v2\x00"
_WRAP_AAD = b"interview-tui data key v1"
LEGACY_KEY_ID = "0" * (KEY_ID_BYTES * 2)
"""The id given to the one key of a first-format header when it is upgraded."""


@dataclass(frozen=True)
class ScryptParams:
    """scrypt cost. OWASP (Password Storage Cheat Sheet): at least n=2**17, r=8, p=1."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def at_least(self, other: "ScryptParams") -> bool:
        return self.n >= other.n and self.r >= other.r and self.p >= other.p


OWASP_MINIMUM = ScryptParams()
DEFAULT_PARAMS = OWASP_MINIMUM
"""What new headers use."""
ACCEPTED_MINIMUM = OWASP_MINIMUM
"""A header asking for less is refused (someone lowered the cost to guess passphrases faster)."""


class EncryptionError(InterviewError):
    """Something about encryption went wrong; the message says what (never the passphrase)."""


class WrongPassphrase(EncryptionError):
    pass


class StoreLocked(EncryptionError):
    """The store is encrypted and not unlocked: nothing can be read or written."""


class Tampered(EncryptionError):
    """The ciphertext failed authentication: damaged or changed. Never loaded."""


class HeaderDamaged(EncryptionError):
    """The header does not match its checksum: damaged, so the passphrase was not even tried."""


def is_sealed(raw: bytes) -> bool:
    return raw.startswith(MAGIC) or raw.startswith(LEGACY_MAGIC)


def is_legacy(raw: bytes) -> bool:
    """Sealed in the first format (no file identity in the authenticated data)."""
    return raw.startswith(LEGACY_MAGIC)


def key_id_of(raw: bytes) -> str | None:
    """The id of the key a file is sealed with (None for a first-format file or one not sealed)."""
    if not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + KEY_ID_BYTES:
        return None
    return raw[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES].hex()


def header_path(sessions_dir: Path) -> Path:
    return sessions_dir / HEADER_NAME


def _derive(passphrase: str, salt: bytes, params: ScryptParams) -> bytes:
    if not passphrase:
        raise WrongPassphrase("the passphrase is empty")
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_key_id() -> str:
    return os.urandom(KEY_ID_BYTES).hex()


class DataKey:
    """One unlocked data key: seals and opens file contents. Kept in memory only."""

    def __init__(self, key: bytes, key_id: str = LEGACY_KEY_ID) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)
        self.id = key_id
        self._id_bytes = bytes.fromhex(key_id)

    def _aad(self, file_id: str) -> bytes:
        return _FILE_AAD + self._id_bytes + b"\x00" + file_id.encode("utf-8")

    def seal(self, plain: bytes, file_id: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + self._id_bytes + nonce + self._aead.encrypt(nonce, plain, self._aad(file_id))

    def open(self, raw: bytes, file_id: str) -> bytes:
        from cryptography.exceptions import InvalidTag

        start = len(MAGIC) + KEY_ID_BYTES
        if not raw.startswith(MAGIC + self._id_bytes) or len(raw) < start + NONCE_BYTES + TAG_BYTES:
            raise Tampered("not an encrypted file of this store")
        nonce = raw[start : start + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, raw[start + NONCE_BYTES :], self._aad(file_id))
        except InvalidTag:
            raise Tampered(
                "failed authentication: the file was damaged or changed, or is another file's put in its place"
            ) from None

    def open_legacy(self, raw: bytes) -> bytes:
        """A first-format file (constant authenticated data): read only until the store has re-sealed them all."""
        from cryptography.exceptions import InvalidTag

        if not raw.startswith(LEGACY_MAGIC) or len(raw) < len(LEGACY_MAGIC) + NONCE_BYTES + TAG_BYTES:
            raise Tampered("not an encrypted file of this store")
        nonce = raw[len(LEGACY_MAGIC) : len(LEGACY_MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, raw[len(LEGACY_MAGIC) + NONCE_BYTES :], _LEGACY_FILE_AAD)
        except InvalidTag:
            raise Tampered("failed authentication: the file was damaged or changed") from None


@dataclass(frozen=True)
class WrappedKey:
    id: str
    wrapped: bytes


@dataclass(frozen=True)
class Header:
    """What ``encryption.header`` says (see the module's docstring); ``keys[-1]`` is the key files are written with."""

    params: ScryptParams
    salt: bytes
    keys: tuple[WrappedKey, ...]
    legacy_key: str | None = None
    encrypting: bool = False
    format: int = HEADER_FORMAT

    @property
    def current(self) -> WrappedKey:
        return self.keys[-1]

    @property
    def pending(self) -> bool:
        """Files remain to be re-sealed: a key change under way, or first-format files not yet upgraded."""
        return len(self.keys) > 1 or self.legacy_key is not None or self.format != HEADER_FORMAT

    def _fields(self) -> dict[str, Any]:
        return {
            "format": HEADER_FORMAT,
            "kdf": {"name": "scrypt", **asdict(self.params), "salt": _b64(self.salt)},
            "keys": [{"id": k.id, "wrapped": _b64(k.wrapped)} for k in self.keys],
            "legacy_key": self.legacy_key,
            "encrypting": self.encrypting,
        }

    def to_bytes(self) -> bytes:
        fields = self._fields()
        return (json.dumps({**fields, "check": _checksum(fields)}, indent=1) + "\n").encode("utf-8")

    def but(self, **changes: Any) -> "Header":
        return replace(self, format=HEADER_FORMAT, **changes)


def _checksum(fields: dict[str, Any]) -> str:
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def wrap(kek: bytes, key: bytes, key_id: str | None = None) -> WrappedKey:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return WrappedKey(key_id or new_key_id(), nonce + AESGCM(kek).encrypt(nonce, key, _WRAP_AAD))


def unwrap_one(kek: bytes, wrapped: WrappedKey) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(wrapped.wrapped[:NONCE_BYTES], wrapped.wrapped[NONCE_BYTES:], _WRAP_AAD)
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase") from None


def new_kek(passphrase: str, params: ScryptParams | None = None) -> tuple[bytes, bytes, ScryptParams]:
    """A fresh salt and the key-encryption key the passphrase makes with it: (kek, salt, params)."""
    params = params or DEFAULT_PARAMS
    salt = os.urandom(16)
    return _derive(passphrase, salt, params), salt, params


def kek_for(header: Header, passphrase: str) -> bytes:
    if not header.params.at_least(ACCEPTED_MINIMUM):
        raise EncryptionError(f"{HEADER_NAME}: key derivation weaker than this app accepts (changed by someone?)")
    return _derive(passphrase, header.salt, header.params)


def make_header(
    passphrase: str, data_key: bytes, params: ScryptParams | None = None, *, key_id: str | None = None,
    encrypting: bool = False,
) -> bytes:
    kek, salt, params = new_kek(passphrase, params)
    return Header(params, salt, (wrap(kek, data_key, key_id),), encrypting=encrypting).to_bytes()


def read_header(raw: bytes) -> Header:
    """The header in ``raw``; HeaderDamaged if it fails its checksum or cannot be parsed, EncryptionError if it
    is of a format this app does not read."""
    try:
        header = json.loads(raw)
        if not isinstance(header, dict):
            raise ValueError
        version = header.get("format")
        if version not in (LEGACY_HEADER_FORMAT, HEADER_FORMAT):
            raise EncryptionError(f"{HEADER_NAME}: format {version!r} is not one this app reads")
        if version == HEADER_FORMAT:
            fields = {k: v for k, v in header.items() if k != "check"}
            if header.get("check") != _checksum(fields):
                raise HeaderDamaged(
                    f"{HEADER_NAME} is damaged (it does not match its checksum): the passphrase was not tried; "
                    "restore the header from a backup"
                )
        kdf = header["kdf"]
        if kdf.get("name") != "scrypt":
            raise EncryptionError(f"{HEADER_NAME}: unknown key derivation {kdf.get('name')!r}")
        params = ScryptParams(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
        salt = _unb64(kdf["salt"])
        if version == LEGACY_HEADER_FORMAT:
            wrapped = WrappedKey(LEGACY_KEY_ID, _unb64(header["wrapped_key"]))
            return Header(params, salt, (wrapped,), legacy_key=LEGACY_KEY_ID, format=LEGACY_HEADER_FORMAT)
        keys = tuple(WrappedKey(str(bytes.fromhex(k["id"]).hex()), _unb64(k["wrapped"])) for k in header["keys"])
        if not keys or any(len(bytes.fromhex(k.id)) != KEY_ID_BYTES for k in keys):
            raise ValueError
        legacy = header.get("legacy_key")
        return Header(params, salt, keys, legacy_key=legacy if isinstance(legacy, str) else None,
                      encrypting=header.get("encrypting") is True)
    except EncryptionError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise HeaderDamaged(f"{HEADER_NAME} is damaged (not a header this app can read): the passphrase was not tried") from None


def unwrap(header: bytes, passphrase: str) -> tuple[bytes, ScryptParams]:
    """The current data key of a header's bytes (WrongPassphrase if the passphrase does not open it)."""
    parsed = read_header(header)
    return unwrap_one(kek_for(parsed, passphrase), parsed.current), parsed.params


def new_data_key() -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)
