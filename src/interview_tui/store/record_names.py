"""What a client record's file is called: the client code in a plain store, a keyed name in an encrypted one.

A plain store names a record ``clients/<code>.json``, easy to find by hand.
With encryption on, a file name is not sealed, so the code would show in
a listing of the folder; the record is then named after a keyed hash of
the code, ``clients/r-<32 hex>.json``, with a key derived from the store's
data key: without the passphrase, nobody can tell which code a file
belongs to, or test a guessed code against the names (codes are short).
The code itself stays inside the sealed record, which remains the truth:
``encrypt``, ``decrypt`` and a change of key rename the records as they
seal or open them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

from interview_tui.core.ids import is_valid_client_code
from interview_tui.store.conflict_copies import in_store
from interview_tui.store.keyring import Keyring
from interview_tui.store.paths import CLIENTS_FOLDER

SUFFIX = ".json"
KEYED_PREFIX = "r-"
_PURPOSE = b"interview-tui client record name v1\x00"


def _keyed(key: bytes, code: str) -> str:
    digest = hmac.new(key, _PURPOSE + code.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{KEYED_PREFIX}{digest[:32]}{SUFFIX}"


def current_name(keyring: Keyring, code: str) -> str:
    """The name a record is written under now. StoreLocked while an encrypted store is locked."""
    key = keyring.name_key()
    return f"{code}{SUFFIX}" if key is None else _keyed(key, code)


def every_name(keyring: Keyring, code: str) -> list[str]:
    """The names a record may have now, the current one first: under each key the store holds (a change of key
    under way) and, in an encrypted store, the plain name (an ``encrypt`` not yet finished)."""
    keys = keyring.name_keys()
    if not keys:
        return [f"{code}{SUFFIX}"]
    return [_keyed(key, code) for key in keys] + [f"{code}{SUFFIX}"]


def is_keyed(path: Path) -> bool:
    return path.name.startswith(KEYED_PREFIX) and path.name.endswith(SUFFIX)


def destination(keyring: Keyring, path: Path, plain: bytes, *, plain_names: bool = False) -> Path:
    """Where a file of the store belongs once sealed now (``plain_names``: once opened for good by ``decrypt``): a
    client record moves to the name its code has under the current key (or to its plain name); any other file, or
    a record whose code cannot be read, stays where it is.

    A sync tool's conflict copy of a record follows its record, its name still saying what it copies (``r-<new>
    (conflicted copy ...).json``); it is never sent to the record's own name, and stays where it is if the name it
    would take is taken."""
    copy = in_store(keyring.folder, path)
    if copy is not None:
        followed = copy.renamed_after(destination(keyring, copy.original, plain, plain_names=plain_names))
        return path if followed != path and followed.exists() else followed
    if path.parent != keyring.folder / CLIENTS_FOLDER or path.suffix != SUFFIX:
        return path
    try:
        code = json.loads(plain).get("client_code")
    except (ValueError, AttributeError):
        return path
    if not isinstance(code, str) or not is_valid_client_code(code):
        return path
    return path.parent / (f"{code}{SUFFIX}" if plain_names else current_name(keyring, code))
