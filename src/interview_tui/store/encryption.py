"""Encryption at rest: session files as authenticated ciphertext (AES-256-GCM), unlocked by a passphrase.

Layout. ``sessions/encryption.header`` (JSON, no secret in it) holds:
- ``format``: this header's version (1);
- ``kdf``: how the passphrase becomes a key-encryption key: scrypt with its
  n, r, p and a random 16-byte salt made for this store (defaults at
  OWASP's minimum, n=2**17, r=8, p=1; recorded so they can be raised);
- ``wrapped_key``: a random 256-bit data key, sealed with AES-GCM under the
  key-encryption key.

Every file is ``MAGIC`` + a 12-byte random nonce + AES-GCM(data key) of the
plain bytes. A wrong passphrase fails to unwrap the data key; a changed byte
anywhere in a file fails authentication: neither is ever loaded. Changing
the passphrase re-wraps the data key (one atomic write, crash-safe);
deleting the header destroys the only copy of the wrapped key, which is the
real erase on an SSD.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

# ``cryptography`` is imported where it is used: a store without encryption (and every launch up to the
# first screen) never loads it (about 6 MiB and 30 ms).

HEADER_NAME = "encryption.header"
HEADER_FORMAT = 1
MAGIC = b"ITUI-ENC\x01"
NONCE_BYTES = 12
KEY_BYTES = 32
_FILE_AAD = b"interview-tui session file v1"
_WRAP_AAD = b"interview-tui data key v1"


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


class EncryptionError(Exception):
    """Something about encryption went wrong; the message says what (never the passphrase)."""


class WrongPassphrase(EncryptionError):
    pass


class StoreLocked(EncryptionError):
    """The store is encrypted and not unlocked: nothing can be read or written."""


class Tampered(EncryptionError):
    """The ciphertext failed authentication: damaged or changed. Never loaded."""


def is_sealed(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


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


class DataKey:
    """The unlocked data key: seals and opens file contents. Kept in memory only."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)

    def seal(self, plain: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, plain, _FILE_AAD)

    def open(self, raw: bytes) -> bytes:
        if not is_sealed(raw) or len(raw) < len(MAGIC) + NONCE_BYTES + 16:
            raise Tampered("not an encrypted session file")
        from cryptography.exceptions import InvalidTag

        nonce = raw[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, raw[len(MAGIC) + NONCE_BYTES :], _FILE_AAD)
        except InvalidTag:
            raise Tampered("failed authentication: the file was damaged or changed") from None


def make_header(passphrase: str, data_key: bytes, params: ScryptParams | None = None) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    params = params or DEFAULT_PARAMS
    salt = os.urandom(16)
    kek = AESGCM(_derive(passphrase, salt, params))
    nonce = os.urandom(NONCE_BYTES)
    header = {
        "format": HEADER_FORMAT,
        "kdf": {"name": "scrypt", **asdict(params), "salt": _b64(salt)},
        "wrapped_key": _b64(nonce + kek.encrypt(nonce, data_key, _WRAP_AAD)),
    }
    return (json.dumps(header, indent=1) + "\n").encode("utf-8")


def read_header(raw: bytes) -> tuple[ScryptParams, bytes, bytes]:
    """(params, salt, wrapped key) from a header's bytes; EncryptionError if it is not one this app reads."""
    try:
        header = json.loads(raw)
        if header.get("format") != HEADER_FORMAT:
            raise EncryptionError(f"{HEADER_NAME}: format {header.get('format')!r} is not one this app reads")
        kdf = header["kdf"]
        if kdf.get("name") != "scrypt":
            raise EncryptionError(f"{HEADER_NAME}: unknown key derivation {kdf.get('name')!r}")
        params = ScryptParams(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
        return params, _unb64(kdf["salt"]), _unb64(header["wrapped_key"])
    except EncryptionError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise EncryptionError(f"{HEADER_NAME}: damaged") from None


def unwrap(header: bytes, passphrase: str) -> tuple[bytes, ScryptParams]:
    params, salt, wrapped = read_header(header)
    if not params.at_least(ACCEPTED_MINIMUM):
        raise EncryptionError(f"{HEADER_NAME}: key derivation weaker than this app accepts (changed by someone?)")
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = AESGCM(_derive(passphrase, salt, params))
    try:
        key = kek.decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], _WRAP_AAD)
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase") from None
    return key, params


def new_data_key() -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)
