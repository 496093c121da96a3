"""One SIGKILL trial: start the installed app, type at a human pace, kill it at a random moment, check the disk.

The promise checked: no session file is ever unreadable, and everything
typed more than ``BOUND_SECONDS`` before the kill is in the file.
"""

from __future__ import annotations

import json
import random
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from interview_tui.store.audit import HEAD_FILE
from interview_tui.store.encryption import MAGIC
from interview_tui.store.sessions import SessionStore, StoreError
from interview_tui.store.private_files import TEMP_MARK, write_private_atomic

from .terminal import start_new_session

BOUND_SECONDS = 2.0
ALPHABET = "abcdefghijklmnopqrstuvwxyz     "


@dataclass
class Trial:
    seed: int
    kill_after: float
    typed: str
    due: str
    """What was typed more than BOUND_SECONDS before the kill: must be on disk."""
    on_disk: str | None
    """The note as read back, or None if the file could not be read."""
    problem: str | None
    stale_seconds: float
    """How old the oldest keystroke missing from the disk was at the kill (0 if nothing was missing)."""
    leftover_temp_files: int

    @property
    def ok(self) -> bool:
        return (
            self.problem is None
            and self.on_disk is not None
            and self.on_disk.startswith(self.due)
            and self.typed.startswith(self.on_disk)
        )


def encrypt_store(data_dir: Path, passphrase: str) -> None:
    """Turn encryption on for a fresh data folder, as ``interview-tui encrypt`` does (real scrypt cost)."""
    store = SessionStore(data_dir / "sessions")
    write_private_atomic(store.keyring.header, store.keyring.new_header(passphrase))


def run_trial(seed: int, data_dir: Path, longest: float = 3.6, passphrase: str | None = None) -> Trial:
    rng = random.Random(seed)
    kill_after = rng.uniform(0.0, longest)
    if passphrase is not None:
        encrypt_store(data_dir, passphrase)
    term = start_new_session(data_dir)
    keystrokes: list[tuple[float, str]] = []
    try:
        if passphrase is not None:
            if not term.wait_for_output(b"Passphrase: ", timeout=30):
                raise RuntimeError(f"trial {seed}: no passphrase prompt")
            term.type(passphrase + "\r")
        if not term.wait_for_output(b"saved", timeout=30):
            raise RuntimeError(f"trial {seed}: the app did not start")
        start = time.monotonic()
        while True:
            now = time.monotonic()
            if now - start >= kill_after:
                break
            char = rng.choice(ALPHABET)
            term.type(char)
            keystrokes.append((now, char))
            time.sleep(min(rng.uniform(0.05, 0.25), max(0.0, start + kill_after - time.monotonic())))
        term.signal(signal.SIGKILL)
        killed = time.monotonic()
        term.wait()
    finally:
        term.close()
    typed = "".join(c for _, c in keystrokes)
    due = "".join(c for t, c in keystrokes if t <= killed - BOUND_SECONDS)
    folder = data_dir / "sessions"
    leftovers = sum(1 for p in folder.iterdir() if TEMP_MARK in p.name)
    files = sorted(folder.glob("*.json"))
    on_disk = None
    problem = None
    if len(files) != 1:
        problem = f"expected one session file, found {len(files)}"
    else:
        try:
            store = SessionStore(folder)
            if passphrase is not None:
                problem = _not_all_ciphertext(folder)
                store.keyring.unlock(passphrase)
            session = store.load(files[0].stem)
            on_disk = session.note(session.phase_ids[0], session.protocol.phases[0].prompts[0].id)
        except StoreError as exc:
            problem = str(exc)
    stale = 0.0
    if on_disk is not None and len(on_disk) < len(keystrokes):
        stale = killed - keystrokes[len(on_disk)][0]
    return Trial(seed, kill_after, typed, due, on_disk, problem, stale, leftovers)


PLAIN_BY_DESIGN = ("encryption.header", HEAD_FILE)
"""Files that are plaintext on purpose: the key's salt and checks, and the audit chain's head."""


def _not_all_ciphertext(folder: Path) -> str | None:
    """With encryption on, every file (a half-written temp file too) must begin as ciphertext does.

    The audit head is plain by design; it must then hold only an entry number and a hash.
    """
    for path in folder.iterdir():
        if not path.is_file():
            continue
        if path.name == HEAD_FILE or _temp_of(path.name) == HEAD_FILE:
            problem = _not_only_seq_and_hash(path, whole=path.name == HEAD_FILE)
            if problem:
                return problem
            continue
        if path.name in PLAIN_BY_DESIGN:
            continue
        head = path.read_bytes()[: len(MAGIC)]
        if not MAGIC.startswith(head):
            return f"{path.name} is not ciphertext"
    return None


def _temp_of(name: str) -> str | None:
    """The file a half-written temp file (``.<name><TEMP_MARK><pid>-<hex>``) was to replace."""
    if name.startswith(".") and TEMP_MARK in name:
        return name[1:].split(TEMP_MARK)[0]
    return None


def _not_only_seq_and_hash(path: Path, whole: bool) -> str | None:
    text = path.read_bytes()
    if not whole:  # killed mid-write: a prefix of {"seq": N, "hash": "<hex>"}
        if re.fullmatch(rb'[{}"0-9a-f:, \n]*', text.replace(b"seq", b"").replace(b"hash", b"")) is None:
            return f"{path.name} holds more than an entry number and a hash"
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return f"{path.name} is not JSON"
    if not isinstance(data, dict) or set(data) != {"seq", "hash"}:
        return f"{path.name} holds more than an entry number and a hash"
    if not isinstance(data["seq"], int) or not re.fullmatch(r"[0-9a-f]{64}", str(data["hash"])):
        return f"{path.name} holds something other than an entry number and a hash"
    return None
