"""Two machines sharing a store through a sync tool (issue 18): two data folders and the copy steps a tool such as
Syncthing makes between them.

``Machines.start`` makes the first machine's store (encrypted or not) and copies the whole data folder to the
second, as a first sync does. After that each copy step is explicit, so a test says which of the two things a sync
tool does happened:

- ``arrives``: one machine's file is put in place of the other's, a whole new file renamed over the old one, with
  the sending machine's modification time (the tool saw only one side changed);
- ``arrives_as_conflict_copy``: both changed the file before they synced, so the arriving version is put beside
  the other's under Syncthing's conflict name, ``<name>.sync-conflict-<yyyymmdd>-<hhmmss>-<device>.<ext>``, and
  the file itself is left as it is.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from interview_tui.store.paths import Locations
from interview_tui.store.sessions import SessionStore

PASSPHRASE = "correct horse battery"
DEVICE = "LAPTOP7"


@dataclass
class Machine:
    name: str
    locations: Locations

    def store(self) -> SessionStore:
        """A fresh store of this machine's folder (as the app opens it), unlocked if encrypted."""
        store = SessionStore(self.locations.sessions_dir)
        if store.keyring.enabled:
            store.keyring.unlock(PASSPHRASE)
        return store


@dataclass
class Machines:
    desktop: Machine
    laptop: Machine

    @classmethod
    def start(cls, tmp_path: Path, encrypted: bool, passphrases=None) -> "Machines":
        """Two machines; the desktop's data folder (encrypted if asked: needs the ``passphrases`` fixture and
        ``fast_kdf``) copied whole to the laptop, as a first sync does."""
        desktop = Machine("desktop", _locations(tmp_path / "desktop"))
        laptop = Machine("laptop", _locations(tmp_path / "laptop"))
        desktop.locations.sessions_dir.mkdir(parents=True)
        if encrypted:
            from interview_tui.cli.encryption import encrypt

            passphrases.extend([PASSPHRASE, PASSPHRASE])
            assert encrypt(desktop.locations) == 0
        machines = cls(desktop, laptop)
        machines.first_sync()
        return machines

    def first_sync(self) -> None:
        shutil.rmtree(self.laptop.locations.data_dir, ignore_errors=True)
        shutil.copytree(self.desktop.locations.data_dir, self.laptop.locations.data_dir)


def _locations(root: Path) -> Locations:
    return Locations(
        data_dir=root / "data", config_dir=root / "config", user_phases_dir=root / "config" / "phases",
        cache_dir=root / "cache",
    )


def counterpart(path: Path, source: Machine, target: Machine) -> Path:
    """Where the file ``path`` of ``source``'s data folder is in ``target``'s."""
    return target.locations.data_dir / path.relative_to(source.locations.data_dir)


def arrives(path: Path, source: Machine, target: Machine) -> Path:
    """``source``'s file ``path`` replaces ``target``'s, as a sync tool puts it: a new file renamed over the old."""
    there = counterpart(path, source, target)
    there.parent.mkdir(parents=True, exist_ok=True)
    temp = there.with_name(f".syncthing.{there.name}.tmp")
    shutil.copy2(path, temp)
    os.replace(temp, there)
    return there


def arrives_as_conflict_copy(path: Path, source: Machine, target: Machine, stamp: str = "20261208-101010") -> Path:
    """``source``'s file ``path`` arrives after ``target`` changed the same file: Syncthing keeps ``target``'s and
    puts this one beside it as a conflict copy. Returns the copy."""
    there = counterpart(path, source, target)
    copy = there.with_name(f"{there.stem}.sync-conflict-{stamp}-{DEVICE}{there.suffix}")
    temp = copy.with_name(f".syncthing.{copy.name}.tmp")
    shutil.copy2(path, temp)
    os.replace(temp, copy)
    return copy


def arrives_damaged(path: Path, source: Machine, target: Machine, keep: int) -> Path:
    """Only the first ``keep`` bytes of ``source``'s file arrive in place of ``target``'s (a transfer cut short, a
    tool that writes in place)."""
    there = counterpart(path, source, target)
    there.write_bytes(path.read_bytes()[:keep])
    return there
