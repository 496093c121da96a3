"""The session index in a synced folder (issue 18): two machines, two data folders, a copy step between them as a
sync tool makes it (file times kept, or cut to whole seconds), edits on both sides. Whatever index arrives with
the files, the list it gives is the list the files give."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from interview_tui.devtools.demo_data import generate
from interview_tui.store.index import INDEX_NAME
from interview_tui.store.sessions import SessionStore


def listed(folder: Path) -> list[tuple]:
    summaries, problems = SessionStore(folder).summaries()
    assert not problems
    return [(s.id, s.client, s.protocol, s.status, s.started_at, s.updated_at, s.case_text) for s in summaries]


def from_the_files(folder: Path, tmp_path: Path) -> list[tuple]:
    """What the files alone say: the same files in a folder with no index."""
    fresh = tmp_path / "fresh" / "sessions"
    shutil.rmtree(fresh.parent, ignore_errors=True)
    fresh.mkdir(parents=True)
    for path in folder.glob("*.json"):
        shutil.copy2(path, fresh / path.name)
    return listed(fresh)


def sync(source: Path, target: Path, whole_seconds: bool, names: list[str] | None = None) -> None:
    """Copy files from one machine's sessions folder to the other's, index included, as a sync tool does."""
    for path in sorted(source.iterdir()):
        if not path.is_file() or (names is not None and path.name not in names):
            continue
        copy = target / path.name
        shutil.copyfile(path, copy)
        stat = path.stat()
        if whole_seconds:  # Dropbox, OneDrive and FAT keep times to the second (or two)
            os.utime(copy, (int(stat.st_atime), int(stat.st_mtime)))
        else:  # Syncthing keeps them to the nanosecond
            os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def settled(folder: Path, hours_ago: float) -> None:
    """Every session file dated in the past (each a second apart), so the index trusts its rows for them (a file
    written in the last moments is read again every time, which would hide a stale row)."""
    base = time.time() - hours_ago * 3600
    for n, path in enumerate(sorted(folder.glob("*.json"))):
        os.utime(path, (base + n, base + n + 0.123456789))


def edit(folder: Path, session_id: str, text: str, minutes_ago: float) -> None:
    store = SessionStore(folder)
    session = store.load(session_id)
    phase = session.protocol.phases[0]
    session.set_note(phase.id, phase.prompts[0].id, text)
    when = time.time() - minutes_ago * 60
    session.updated_at = datetime.fromtimestamp(int(when), timezone.utc)  # what the list shows changes too
    path = store.save(session)
    os.utime(path, (when, when))


@pytest.mark.parametrize("whole_seconds", [False, True])
def test_an_index_synced_in_from_the_other_machine_never_misleads_the_list(tmp_path, catalogue, whole_seconds):
    laptop, office = tmp_path / "laptop" / "sessions", tmp_path / "office" / "sessions"
    generate(SessionStore(laptop), catalogue, 3, 8, seed=3)
    settled(laptop, hours_ago=5)
    listed(laptop)  # the laptop's index is built
    office.mkdir(parents=True)
    sync(laptop, office, whole_seconds)  # the first sync: files and index arrive together
    assert listed(office) == from_the_files(office, tmp_path) == listed(laptop)

    ids = sorted(p.stem for p in laptop.glob("*.json"))
    edit(laptop, ids[0], "changed on the laptop", minutes_ago=30)
    edit(office, ids[1], "changed in the office", minutes_ago=20)
    edit(office, ids[2], "same length A", minutes_ago=10)  # then the same size, another text, on the laptop:
    sync(office, laptop, whole_seconds, names=[f"{ids[2]}.json"])
    listed(laptop)
    edit(laptop, ids[2], "same length B", minutes_ago=5)
    listed(laptop), listed(office)  # each machine's index knows its own edit
    # The laptop's edit and its index go to the office; the office's own edit stays (it is newer there).
    sync(laptop, office, whole_seconds, names=[f"{ids[0]}.json", f"{ids[2]}.json", INDEX_NAME])
    assert listed(office) == from_the_files(office, tmp_path)
    sync(office, laptop, whole_seconds, names=[f"{ids[1]}.json", INDEX_NAME])
    assert listed(laptop) == from_the_files(laptop, tmp_path) == listed(office)


def test_a_journal_synced_in_without_its_database_is_not_trusted(tmp_path, catalogue):
    """A sync tool may copy a rollback journal caught mid-write on the other machine: SQLite would play it back
    into this machine's database. The listing still ends where the files say."""
    laptop, office = tmp_path / "laptop" / "sessions", tmp_path / "office" / "sessions"
    generate(SessionStore(laptop), catalogue, 2, 5, seed=4)
    generate(SessionStore(office), catalogue, 2, 4, seed=8)
    settled(laptop, hours_ago=5), settled(office, hours_ago=4)
    listed(laptop), listed(office)
    (office / f"{INDEX_NAME}-journal").write_bytes((laptop / INDEX_NAME).read_bytes()[:4096] + os.urandom(512))
    assert listed(office) == from_the_files(office, tmp_path)
