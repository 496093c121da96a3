"""``interview-tui conflicts``: list the conflict copies, show one beside its original, resolve it. Bad input (no
such copy, a copy that cannot be read, a wrong choice) is one line and a non-zero exit, and nothing is touched."""

from __future__ import annotations

import pytest

from interview_tui.cli import trash_and_audit
from interview_tui.cli.main import main
from interview_tui.core.session import Session
from interview_tui.store.conflict_copies import conflict_copies
from interview_tui.store.sessions import SessionStore
from interview_tui.store.trash import trashed

PHASE, PROMPT = "preparation", "record-review"
SYNCTHING = ".sync-conflict-20261208-093000-ABCDEF7.json"


def run(capsys, locations, *args):
    code = main(["--data-dir", str(locations.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def with_copy(store: SessionStore, intake, theirs: str = "typed on the laptop") -> tuple[Session, str]:
    session = Session.start("CL-1", intake)
    session.set_note(PHASE, PROMPT, theirs)
    store.save(session)
    name = session.id + SYNCTHING
    store.path_for(session.id).with_name(name).write_bytes(store.path_for(session.id).read_bytes())
    session = store.load(session.id)
    session.set_note(PHASE, PROMPT, "typed here")
    store.save(session)
    return session, name


def files_of(store: SessionStore) -> dict:
    return {p: p.read_bytes() for p in store.folder.rglob("*") if p.is_file() and p.parent.name != "locks"}


def test_conflicts_lists_each_copy_with_its_original(capsys, locations, store, intake):
    code, out, _ = run(capsys, locations, "conflicts")
    assert code == 0 and "No conflict copies" in out
    session, name = with_copy(store, intake)
    code, out, _ = run(capsys, locations, "conflicts")
    assert code == 0
    assert out.splitlines()[0] == f"{name}  (Syncthing, 2026-12-08 09:30:00, device ABCDEF7): a copy of {session.id}.json"


def test_show_sets_the_answers_side_by_side_with_control_characters_made_visible(capsys, locations, store, intake):
    _session, name = with_copy(store, intake, theirs="laptop \x1b]0;retitled\x07 words")
    code, out, _ = run(capsys, locations, "conflicts", "show", name, "--width", "100")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    assert "1 difference(s), marked *." in lines
    marked = [line for line in lines if line.startswith("* ")]
    assert len(marked) == 1
    answers = lines[lines.index(marked[0]) + 1]
    left, right = answers.split(" │ ")
    assert left.strip() == "typed here" and right.strip() == "laptop ␛]0;retitled␇ words"
    assert all(len(line) <= 100 for line in lines if "│" in line)


@pytest.mark.parametrize("args", [["show", "nothing.json"], ["resolve", "nothing.json", "--keep", "copy", "--yes"]])
def test_no_such_copy_is_one_line_and_exit_2(capsys, locations, store, intake, args):
    with_copy(store, intake)
    before = files_of(store)
    code, out, err = run(capsys, locations, "conflicts", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "nothing.json: no conflict copy of that name" in err
    assert files_of(store) == before


def test_a_copy_that_cannot_be_read_is_one_line_and_nothing_moves(capsys, locations, store, intake):
    _session, name = with_copy(store, intake)
    (store.folder / name).write_bytes(b"\x00 not json")
    before = files_of(store)
    for args in (["show", name], ["resolve", name, "--keep", "both", "--yes"]):
        code, _out, err = run(capsys, locations, "conflicts", *args)
        assert code == 2 and err.count("\n") == 1 and name in err and "nothing was changed" in err
    assert files_of(store) == before


def test_resolve_asks_first_and_a_no_changes_nothing(capsys, locations, store, intake, monkeypatch):
    _session, name = with_copy(store, intake)
    before = files_of(store)
    monkeypatch.setattr(trash_and_audit, "confirm", lambda question: "no")
    code, out, _ = run(capsys, locations, "conflicts", "resolve", name, "--keep", "copy")
    assert code == 1 and "Nothing was changed." in out and files_of(store) == before

    def closed(question: str) -> str:
        raise EOFError

    monkeypatch.setattr(trash_and_audit, "confirm", closed)
    code, out, _ = run(capsys, locations, "conflicts", "resolve", name, "--keep", "copy")
    assert code == 1 and files_of(store) == before


@pytest.mark.parametrize("keep", ["original", "copy", "both"])
def test_resolve_keeps_what_it_is_told(capsys, locations, store, intake, monkeypatch, keep):
    session, name = with_copy(store, intake)
    asked = []
    monkeypatch.setattr(trash_and_audit, "confirm", lambda question: asked.append(question) or "yes")
    code, out, err = run(capsys, locations, "conflicts", "resolve", name, "--keep", keep)
    assert code == 0 and err == "" and len(asked) == 1
    assert conflict_copies(store.folder) == []
    fresh = SessionStore(store.folder)
    summaries = fresh.summaries()[0]
    assert len(summaries) == (2 if keep == "both" else 1)
    notes = sorted(fresh.load(s.id).note(PHASE, PROMPT) for s in summaries)
    assert notes == {"original": ["typed here"], "copy": ["typed on the laptop"],
                     "both": ["typed here", "typed on the laptop"]}[keep]
    assert len(trashed(fresh)) == (2 if keep == "copy" else 1)
    assert out.startswith("Kept ")
    code, out, _ = run(capsys, locations, "trash", "list")
    assert code == 0 and session.id in out


def test_keep_both_of_a_client_records_copy_merges_it_into_the_record(capsys, locations, store):
    from interview_tui.casework.clients import ClientBook

    book = ClientBook(store)
    record = book.ensure("AB-12")
    record.notes = "from the laptop"
    book.save(record)
    path = store.folder / "clients" / "AB-12.json"
    copy = path.with_name("AB-12 (conflicted copy 2026-12-08 093000).json")
    copy.write_bytes(path.read_bytes())
    record = ClientBook(store).load("AB-12")
    record.close_case("moved away")
    ClientBook(store).save(record)
    code, out, err = run(capsys, locations, "conflicts", "resolve", f"clients/{copy.name}", "--keep", "both", "--yes")
    assert (code, err) == (0, "") and out.startswith("Merged the copy into the record AB-12.json")
    merged = ClientBook(store).load("AB-12")
    assert merged.notes == "from the laptop" and merged.is_closed
    assert not copy.exists() and [p.name.split(".")[0] for p in trashed(store)] == ["AB-12"]


def test_a_session_open_in_another_window_is_one_line_and_nothing_moves(capsys, locations, store, intake):
    from interview_tui.store.lock import SessionLock

    session, name = with_copy(store, intake)
    before = files_of(store)
    lock = SessionLock(store.folder, session.id).acquire()
    try:
        code, _out, err = run(capsys, locations, "conflicts", "resolve", name, "--keep", "copy", "--yes")
    finally:
        lock.release()
    assert code == 2 and err.count("\n") == 1 and "another interview-tui window" in err and "nothing was changed" in err
    assert files_of(store) == before
