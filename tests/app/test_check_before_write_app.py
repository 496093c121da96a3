"""Another machine's edit of the open session arrives through a synced folder while the practitioner types: it is not
written over, what is typed here goes on being saved to a conflict copy, and the session screen says so plainly, for
as long as it is open; the home screen then lists the copy."""

from __future__ import annotations

import os

from fixed_app import wait_for
from textual.widgets import Static

from interview_tui.core.session import Session
from interview_tui.store.conflict_copies import conflict_copies
from interview_tui.ui.app import make_app
from interview_tui.ui.widgets.phase_view import NoteField

PROMPT = "record-review"


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_typing_on_after_another_machine_changed_the_session(locations, catalogue, store, intake):
    session = Session.start("CL-2", intake)
    path = store.save(session)
    app = make_app(locations, catalogue, store, session)

    def note(file) -> str:
        return Session.model_validate_json(file.read_bytes()).note(session.current_phase, PROMPT)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, NoteField)
        await pilot.press(*"abc")
        await wait_for(pilot, lambda: note(path) == "abc", "the first words saved")
        assert not app.screen.query_one("#session-kept-apart").display

        other = Session.model_validate_json(path.read_bytes())  # the other machine's edit, synced in
        other.set_note(session.current_phase, PROMPT, "typed on the laptop")
        temp = path.with_name(".syncing")
        temp.write_bytes(other.to_json())
        os.replace(temp, path)
        theirs = path.read_bytes()

        await pilot.press(*"def")
        await wait_for(pilot, lambda: "Someone else" in text_of(app, "#session-kept-apart"), "the notice")
        copies = conflict_copies(store.folder)
        assert len(copies) == 1
        copy = copies[0].path
        shown = " ".join(text_of(app, "#session-kept-apart").split())
        assert shown == (f"Someone else changed this session on another machine; your notes are being kept in "
                         f"{copy.name}. Nothing is lost.")
        assert app.screen.query_one("#session-kept-apart").display
        assert "saved to a copy" in text_of(app, "#bar-saved")
        assert not app.screen.query_one("#bar-saved").has_class("not-saved")
        await wait_for(pilot, lambda: note(copy) == "abcdef", "what was typed here in the copy")
        assert path.read_bytes() == theirs

        await pilot.press(*"gh")
        await wait_for(pilot, lambda: note(copy) == "abcdefgh", "later typing in the copy")
        assert path.read_bytes() == theirs and conflict_copies(store.folder)[0].path == copy
        assert "Someone else" in text_of(app, "#session-kept-apart")  # still said, not a passing toast

        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: app.screen.query("#home-problems"), "the home screen")
        await wait_for(pilot, lambda: copy.name in text_of(app, "#home-problems"), "the copy listed")
        assert "kept apart" in text_of(app, "#home-problems")
    assert path.read_bytes() == theirs
    assert note(copy) == "abcdefgh"
