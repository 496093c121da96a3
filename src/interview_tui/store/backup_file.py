"""The sealed backup file: a tar stream in AES-256-GCM chunks, keyed by scrypt from a passphrase.

The format is described for people in ``docs/backup-format.md``; in short::

    MAGIC (12 bytes)  |  header length (4 bytes, big-endian)  |  header (JSON, UTF-8)
    then chunks: ciphertext length (4 bytes, big-endian) | AES-256-GCM ciphertext (with its 16-byte tag)

The key is scrypt(passphrase, salt, n, r, p) as the header says (the same
strength as the store's encryption, ``encryption.DEFAULT_PARAMS``). Chunk i
(counting from 0) is sealed with the nonce ``nonce_prefix (7 bytes) | i (4
bytes) | final (1 byte: 1 on the last chunk, else 0)`` and the whole header
(magic, length and JSON) as authenticated data. So a changed byte anywhere,
chunks dropped, repeated or reordered, a header changed (its salt, its
cost), and a file cut short (no chunk says it is the last) all fail, and
bytes after the last chunk are refused. Nothing is taken from a backup
until its last chunk has opened: a reader yields plain bytes as they
authenticate, and a caller that must not act on a part (``restore``) reads
the whole stream once before it writes anything.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from interview_tui.core.errors import InterviewError
from interview_tui.store import encryption

MAGIC = b"ITUI-BACKUP\x01"
FORMAT = 1
CHUNK_BYTES = 1 << 20
"""Plain bytes per chunk (1 MiB): a big store is never held in memory whole."""
MAX_CHUNK_BYTES = 16 << 20
"""A chunk length above this is refused as damage (a reader never allocates what a bad length asks for)."""
MAX_HEADER_BYTES = 64 << 10
NONCE_PREFIX_BYTES = 7
TAG_BYTES = 16
_LENGTH = struct.Struct(">I")
_INDEX = struct.Struct(">I")


class BackupError(InterviewError):
    """The backup cannot be read or written: the message says what, in one line."""


class WrongBackupPassphrase(BackupError):
    pass


@dataclass(frozen=True)
class BackupHeader:
    params: encryption.ScryptParams
    salt: bytes
    nonce_prefix: bytes
    chunk_bytes: int
    made_at: str
    store_encrypted: bool
    key_check: bytes = b""
    """HMAC-SHA256 of a fixed text under the key: a wrong passphrase is told apart from a damaged first chunk."""
    raw: bytes = b""
    """The header as written (magic, length and JSON): every chunk's authenticated data."""

    def fields(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "kdf": {"name": "scrypt", "n": self.params.n, "r": self.params.r, "p": self.params.p,
                    "salt": base64.b64encode(self.salt).decode("ascii")},
            "cipher": "AES-256-GCM",
            "nonce_prefix": base64.b64encode(self.nonce_prefix).decode("ascii"),
            "chunk_bytes": self.chunk_bytes,
            "made_at": self.made_at,
            "store_encrypted": self.store_encrypted,
            "key_check": base64.b64encode(self.key_check).decode("ascii"),
        }

    def to_bytes(self) -> bytes:
        body = json.dumps(self.fields(), sort_keys=True).encode("utf-8")
        return MAGIC + _LENGTH.pack(len(body)) + body


def _key(passphrase: str, salt: bytes, params: encryption.ScryptParams) -> bytes:
    if not passphrase:
        raise WrongBackupPassphrase("the passphrase is empty")
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=params.n, r=params.r, p=params.p).derive(passphrase.encode("utf-8"))


def _check_of(key: bytes) -> bytes:
    return hmac.new(key, b"interview-tui backup key check", hashlib.sha256).digest()[:16]


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    if index >= 1 << 32:
        raise BackupError("the backup is too large (more than 2^32 chunks)")
    return prefix + _INDEX.pack(index) + (b"\x01" if final else b"\x00")


class SealingWriter:
    """A binary file-like object: what is written to it goes out to ``out`` sealed, chunk by chunk.
    ``close()`` seals the last chunk (with the final marker); without it the file is incomplete and never opens."""

    def __init__(self, out: IO[bytes], passphrase: str, made_at: str, store_encrypted: bool,
                 chunk_bytes: int | None = None) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        chunk_bytes = chunk_bytes or CHUNK_BYTES
        params = encryption.DEFAULT_PARAMS
        salt = os.urandom(16)
        key = _key(passphrase, salt, params)
        header = BackupHeader(params, salt, os.urandom(NONCE_PREFIX_BYTES), chunk_bytes, made_at, store_encrypted,
                              _check_of(key))
        self.header = header
        self._raw_header = header.to_bytes()
        self._aead = AESGCM(key)
        self._out = out
        self._buffer = bytearray()
        self._index = 0
        self.closed = False
        out.write(self._raw_header)

    def write(self, data: bytes) -> int:
        self._buffer += data
        size = self.header.chunk_bytes
        while len(self._buffer) > size:  # keep at least one byte back: the last chunk is sealed by close()
            self._seal(bytes(self._buffer[:size]), final=False)
            del self._buffer[:size]
        return len(data)

    def _seal(self, plain: bytes, final: bool) -> None:
        nonce = _nonce(self.header.nonce_prefix, self._index, final)
        sealed = self._aead.encrypt(nonce, plain, self._raw_header)
        self._out.write(_LENGTH.pack(len(sealed)) + sealed)
        self._index += 1

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
            self.closed = True


def is_backup_file(path: Path) -> bool:
    """Whether ``path`` starts as a backup of this app does (its magic), whatever it is called."""
    try:
        with open(path, "rb") as source:
            return source.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def read_header(source: IO[bytes]) -> BackupHeader:
    """The header at the start of ``source``; BackupError if it is not a backup of this app or is damaged."""
    magic = source.read(len(MAGIC))
    if magic != MAGIC:
        raise BackupError("not a backup made by interview-tui (it does not start as one)")
    length_bytes = source.read(_LENGTH.size)
    if len(length_bytes) < _LENGTH.size:
        raise BackupError("cut short inside its header")
    (length,) = _LENGTH.unpack(length_bytes)
    if length > MAX_HEADER_BYTES:
        raise BackupError("its header is damaged (impossible length)")
    body = source.read(length)
    if len(body) < length:
        raise BackupError("cut short inside its header")
    try:
        fields = json.loads(body)
        if fields["format"] != FORMAT:
            raise BackupError(f"format {fields['format']!r} is not one this version of the app reads")
        kdf = fields["kdf"]
        if kdf["name"] != "scrypt" or fields["cipher"] != "AES-256-GCM":
            raise BackupError("made with a key derivation or cipher this app does not use")
        params = encryption.ScryptParams(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
        salt = base64.b64decode(kdf["salt"], validate=True)
        prefix = base64.b64decode(fields["nonce_prefix"], validate=True)
        chunk_bytes = int(fields["chunk_bytes"])
        check = base64.b64decode(fields["key_check"], validate=True)
        header = BackupHeader(params, salt, prefix, chunk_bytes, str(fields["made_at"]),
                              fields["store_encrypted"] is True, check, raw=magic + length_bytes + body)
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError):
        raise BackupError("its header is damaged (not one this app can read)") from None
    if len(prefix) != NONCE_PREFIX_BYTES or not 0 < chunk_bytes <= MAX_CHUNK_BYTES:
        raise BackupError("its header is damaged (not one this app can read)")
    if not params.at_least(encryption.ACCEPTED_MINIMUM):
        raise BackupError("its key derivation is weaker than this app accepts (changed by someone?)")
    return header


class OpeningReader:
    """A binary file-like object giving the plain bytes of a backup, each chunk authenticated before it is given.
    Reaching the end without the final chunk, or bytes after it, raises BackupError."""

    def __init__(self, source: IO[bytes], passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self.header = read_header(source)
        key = _key(passphrase, self.header.salt, self.header.params)
        if not hmac.compare_digest(_check_of(key), self.header.key_check):
            raise WrongBackupPassphrase("wrong passphrase for this backup")
        self._aead = AESGCM(key)
        self._source = source
        self._index = 0
        self._buffer = bytearray()
        self.finished = False
        self.plain_bytes = 0

    def _next_chunk(self) -> None:
        from cryptography.exceptions import InvalidTag

        length_bytes = self._source.read(_LENGTH.size)
        if len(length_bytes) < _LENGTH.size:
            raise BackupError(f"cut short: it ends after {self._index} chunk(s) and its last chunk is missing")
        (length,) = _LENGTH.unpack(length_bytes)
        if not TAG_BYTES <= length <= self.header.chunk_bytes + TAG_BYTES:
            raise BackupError(f"damaged at chunk {self._index + 1} (impossible length)")
        sealed = self._source.read(length)
        if len(sealed) < length:
            raise BackupError(f"cut short inside chunk {self._index + 1}")
        for final in (False, True):
            try:
                plain = self._aead.decrypt(_nonce(self.header.nonce_prefix, self._index, final), sealed,
                                           self.header.raw)
            except InvalidTag:
                continue
            break
        else:
            raise BackupError(f"damaged: chunk {self._index + 1} fails authentication (changed, or out of place)")
        self._index += 1
        self._buffer += plain
        self.plain_bytes += len(plain)
        if final:
            if self._source.read(1):
                raise BackupError("damaged: there are bytes after its last chunk")
            self.finished = True

    def read(self, size: int = -1) -> bytes:
        while not self.finished and (size < 0 or len(self._buffer) < size):
            self._next_chunk()
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def drain(self) -> None:
        """Read to the end (the final chunk and nothing after it), throwing the bytes away."""
        while not self.finished:
            self._next_chunk()
            self._buffer.clear()
