"""Sessions with two machines syncing one store (issue 18), plain and encrypted: what test_check_before_write.py
does not cover. Both machines change a session before they sync: Syncthing's conflict copy arrives beside it, the
session list shows the session once (this machine's), the copy is listed as a conflict copy, and this machine's
saves go on in place, never into the copy. The other machine's edit arriving first: this machine's next save goes
to its own conflict copy, sealed like the session."""

from __future__ import annotations

import pytest
from two_machines import Machines, arrives, arrives_as_conflict_copy

from interview_tui.core.session import Session
from interview_tui.store.autosave import Autosaver
from interview_tui.store.conflict_copies import APP_TOOL, conflict_copies
from interview_tui.store.sessions import SessionStore

PHASE, PROMPT = "preparation", "record-review"


@pytest.fixture(params=["plain", "encrypted"])
def machines(request, tmp_path) -> Machines:
    if request.param == "plain":
        return Machines.start(tmp_path, encrypted=False)
    request.getfixturevalue("fast_kdf")
    return Machines.start(tmp_path, encrypted=True, passphrases=request.getfixturevalue("passphrases"))


def note_in(store: SessionStore, path) -> str:
    return Session.model_validate_json(store.keyring.open(path.read_bytes(), path)).note(PHASE, PROMPT)


def on_both(machines: Machines, intake) -> tuple[SessionStore, SessionStore, str]:
    desktop = machines.desktop.store()
    session = Session.start("CL-1", intake)
    session.set_note(PHASE, PROMPT, "first words")
    arrives(desktop.save(session), machines.desktop, machines.laptop)
    return desktop, machines.laptop.store(), session.id


def typed(store: SessionStore, session_id: str, text: str) -> Autosaver:
    session = store.load(session_id)
    saver = Autosaver(store, session)
    session.set_note(PHASE, PROMPT, text)
    saver.changed()
    assert saver.save_now()
    return saver


def test_both_changed_before_they_synced_the_syncthing_copy_is_listed_and_the_session_shown_once(machines, intake):
    desktop, laptop, sid = on_both(machines, intake)
    on_desktop = typed(desktop, sid, "typed on the desktop")
    try:
        typed(laptop, sid, "typed on the laptop").close()
        original = desktop.path_for(sid)
        mine = original.read_bytes()

        copy = arrives_as_conflict_copy(laptop.path_for(sid), machines.laptop, machines.desktop)

        [listed] = conflict_copies(desktop.folder)
        assert listed.path == copy and listed.original == original and listed.tool == "Syncthing"
        assert note_in(desktop, copy) == "typed on the laptop"  # it opens as the session it copies
        fresh = machines.desktop.store()  # the app started again on the desktop
        summaries, problems = fresh.summaries()
        assert [s.id for s in summaries] == [sid] and problems == []
        assert fresh.load(sid).note(PHASE, PROMPT) == "typed on the desktop"
        assert original.read_bytes() == mine

        on_desktop.session.set_note(PHASE, PROMPT, "typed on the desktop, then more")
        on_desktop.changed()
        assert on_desktop.save_now() and on_desktop.kept_apart is None  # the file is still ours: saved in place
        assert note_in(desktop, original) == "typed on the desktop, then more"
        assert note_in(desktop, copy) == "typed on the laptop"
        assert [c.path for c in conflict_copies(desktop.folder)] == [copy]
    finally:
        on_desktop.close()


def test_the_other_machines_edit_arriving_first_sends_this_machines_save_to_its_own_copy(machines, intake):
    desktop, laptop, sid = on_both(machines, intake)
    session = desktop.load(sid)
    on_desktop = Autosaver(desktop, session)  # open on the desktop
    try:
        typed(laptop, sid, "typed on the laptop").close()
        theirs = arrives(laptop.path_for(sid), machines.laptop, machines.desktop).read_bytes()
        session.set_note(PHASE, PROMPT, "typed on the desktop")
        on_desktop.changed()
        assert on_desktop.save_now()
        original = desktop.path_for(sid)
        assert original.read_bytes() == theirs
        apart = on_desktop.kept_apart
        assert apart is not None and note_in(desktop, apart) == "typed on the desktop"
        if desktop.keyring.enabled:
            assert b"typed on the desktop" not in apart.read_bytes()
        [listed] = conflict_copies(desktop.folder)
        assert listed.path == apart and listed.tool == APP_TOOL
        summaries, _ = machines.desktop.store().summaries()
        assert [s.id for s in summaries] == [sid]

        arrives(apart, machines.desktop, machines.laptop)  # the copy syncs to the laptop too, listed there
        assert [c.path.name for c in conflict_copies(laptop.folder)] == [apart.name]
        assert note_in(laptop, laptop.path_for(sid)) == "typed on the laptop"
    finally:
        on_desktop.close()
