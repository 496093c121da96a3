"""Two machines, two data folders, the same session edited on both before any sync (issue 18). The copy step does
what Syncthing does: the second version to arrive is kept beside the first as ``<id>.sync-conflict-<date>-<time>-
<device>.json``. Each way of resolving it leaves files, list and trash that agree, and no text is lost."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from interview_tui.core.session import Session
from interview_tui.store.conflict_comparison import compare
from interview_tui.store.conflict_copies import conflict_copies
from interview_tui.store.conflict_resolution import resolve
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import trashed

PHASE, PROMPT = "preparation", "record-review"
DEVICE = "LAPTOP7"


def sync_in(source: Path, target: Path, *, seen: bool = False, at: str = "20261208-093000") -> list[Path]:
    """Carry the session files of ``source`` to ``target`` as Syncthing does: a file the target has not changed
    since the last sync (``seen``: ``source`` has seen the target's version) is replaced; one both changed is kept,
    and the arrival goes beside it as a conflict copy. The copies made."""
    made = []
    for path in sorted(source.glob("*.json")):
        there = target / path.name
        if not seen and there.exists() and there.read_bytes() != path.read_bytes():
            there = target / f"{path.stem}.sync-conflict-{at}-{DEVICE}.json"
            made.append(there)
        temp = target / f".syncthing.{path.name}.tmp"
        shutil.copyfile(path, temp)
        os.replace(temp, there)
        stat = path.stat()
        os.utime(there, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return made


def edit(folder: Path, session_id: str, text: str) -> None:
    store = SessionStore(folder)
    session = store.load(session_id)
    session.set_note(PHASE, PROMPT, session.note(PHASE, PROMPT) + text)
    store.save(session)


def every_note(store: SessionStore) -> list[str]:
    """The notes in every session file and every file in the trash."""
    files = sorted(store.folder.glob("*.json")) + trashed(store)
    return sorted(Session.model_validate_json(p.read_bytes()).note(PHASE, PROMPT) for p in files)


@pytest.mark.parametrize("keep", ["original", "copy", "both"])
def test_the_same_session_edited_on_two_machines_is_resolved_without_losing_text(tmp_path, intake, keep):
    laptop, office = tmp_path / "laptop" / "sessions", tmp_path / "office" / "sessions"
    laptop.mkdir(parents=True)
    office.mkdir(parents=True)
    session = Session.start("CL-9", intake)
    session.set_note(PHASE, PROMPT, "first words.")
    SessionStore(laptop).save(session)
    assert sync_in(laptop, office) == []  # the first sync: the session arrives whole

    edit(laptop, session.id, " On the laptop.")  # both machines edit before the next sync
    edit(office, session.id, " In the office.")
    [copy_path] = sync_in(laptop, office)
    assert copy_path.name == f"{session.id}.sync-conflict-20261208-093000-{DEVICE}.json"

    store = SessionStore(office)
    [copy] = conflict_copies(office)
    assert copy.path == copy_path and copy.original == store.path_for(session.id)
    differing = [r for r in compare(store, copy).rows if not r.same and r.label != "Last change"]
    assert [(r.original, r.copy) for r in differing] == [("first words. In the office.", "first words. On the laptop.")]
    assert [s.id for s in store.summaries()[0]] == [session.id]

    resolved = resolve(store, copy, keep)
    assert conflict_copies(office) == []
    summaries, problems = SessionStore(office).summaries()  # a fresh store: the index as any later run reads it
    assert problems == []
    notes = {s.id: SessionStore(office).load(s.id).note(PHASE, PROMPT) for s in summaries}
    if keep == "original":
        assert notes == {session.id: "first words. In the office."}
    elif keep == "copy":
        assert notes == {session.id: "first words. On the laptop."}
    else:
        assert resolved.new_session_id is not None
        assert notes == {session.id: "first words. In the office.", resolved.new_session_id: "first words. On the laptop."}
        assert {s.client for s in summaries} == {"CL-9"}
    # nothing is lost: both machines' words are in the sessions or in the trash
    assert {"first words. In the office.", "first words. On the laptop."} <= set(every_note(store))

    # the resolved store syncs back to the laptop (which has not changed since): both machines list the same
    assert sync_in(office, laptop, seen=True) == []
    assert sorted(s.id for s in SessionStore(laptop).summaries()[0]) == sorted(notes)
    assert {s.id: SessionStore(laptop).load(s.id).note(PHASE, PROMPT) for s in summaries} == notes


@pytest.fixture(params=["plain", "encrypted"])
def machines(request, tmp_path):
    from two_machines import Machines

    if request.param == "plain":
        return Machines.start(tmp_path, encrypted=False)
    request.getfixturevalue("fast_kdf")
    return Machines.start(tmp_path, encrypted=True, passphrases=request.getfixturevalue("passphrases"))


@pytest.mark.parametrize("keep", ["original", "copy", "both"])
def test_a_session_and_a_client_record_both_machines_changed_are_resolved_on_one(machines, intake, keep):
    """With the shared two-machines helper (encrypted too): the desktop and the laptop each change the session and
    the client record before they sync; the laptop's versions arrive on the desktop as Syncthing's conflict copies;
    resolving them there keeps what was asked, and every word of both machines is in the store or its trash."""
    from two_machines import arrives, arrives_as_conflict_copy

    from interview_tui.casework.clients import ClientBook
    from interview_tui.casework.record_conflict import resolve_copy

    desktop = machines.desktop.store()
    session = Session.start("CL-9", intake)
    desktop.save(session)
    ClientBook(desktop).ensure("CL-9")
    for path in (desktop.path_for(session.id), ClientBook(desktop).path_for("CL-9")):
        arrives(path, machines.desktop, machines.laptop)
    for machine, words in ((machines.desktop, "desktop"), (machines.laptop, "laptop")):
        store = machine.store()
        edited = store.load(session.id)
        edited.set_note(PHASE, PROMPT, f"on the {words}")
        store.save(edited)
        book = ClientBook(store)
        record = book.get("CL-9")
        record.notes = f"record notes on the {words}"
        book.save(record)
    laptop = machines.laptop.store()
    arrives_as_conflict_copy(laptop.path_for(session.id), machines.laptop, machines.desktop)
    arrives_as_conflict_copy(ClientBook(laptop).path_for("CL-9"), machines.laptop, machines.desktop)

    desktop = machines.desktop.store()
    copies = conflict_copies(desktop.folder)
    assert len(copies) == 2
    results = [resolve_copy(desktop, copy, keep) for copy in copies]  # type: ignore[arg-type]
    assert conflict_copies(desktop.folder) == []

    fresh = machines.desktop.store()
    summaries, problems = fresh.summaries()
    assert problems == [] and {s.client for s in summaries} == {"CL-9"}
    notes = sorted(fresh.load(s.id).note(PHASE, PROMPT) for s in summaries)
    record = ClientBook(fresh).load("CL-9")
    assert record is not None
    if keep == "original":
        assert notes == ["on the desktop"] and record.notes == "record notes on the desktop"
    elif keep == "copy":
        assert notes == ["on the laptop"] and record.notes == "record notes on the laptop"
    else:
        new_ids = [r.new_session_id for r in results if r.new_session_id]
        assert len(new_ids) == 1 and notes == ["on the desktop", "on the laptop"]
        assert "record notes on the desktop" in record.notes and "record notes on the laptop" in record.notes
    kept_words = " ".join(notes) + " " + record.notes
    trash_words = " ".join(fresh.keyring.open(p.read_bytes(), p).decode() for p in trashed(fresh))
    for words in ("on the desktop", "on the laptop", "record notes on the desktop", "record notes on the laptop"):
        assert words in kept_words or words in trash_words, words
