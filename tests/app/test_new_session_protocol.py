"""A new session for a returning client with an open case starts as a follow-up, for anyone else as an intake;
the protocol follows the code typed until the practitioner picks one by hand."""

from __future__ import annotations

from fixed_app import build_app
from textual.widgets import Input, Select, Static

from interview_tui.casework.clients import ClientBook
from interview_tui.core.session import Session
from interview_tui.ui.screens.new_session import NewSessionDialog


def _returning(store, intake, code: str, closed: bool = False) -> None:
    store.save(Session.start(code, intake))
    if closed:
        book = ClientBook(store)
        record = book.ensure(code)
        record.close_case("Goals met")
        book.save(record)


async def _dialog(pilot) -> NewSessionDialog:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, NewSessionDialog)
    return dialog


async def _type_code(pilot, dialog: NewSessionDialog, code: str) -> tuple[str, str]:
    field = dialog.query_one("#client-code", Input)
    field.value = ""
    await pilot.press(*code)
    await pilot.pause()
    return str(dialog.query_one("#protocol", Select).value), str(dialog.query_one("#client-code-problem", Static).render())


async def test_the_protocol_follows_the_client_typed(locations, catalogue, store, intake):
    _returning(store, intake, "C-OPEN")
    _returning(store, intake, "C-DONE", closed=True)
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _dialog(pilot)
        assert str(dialog.query_one("#protocol", Select).value) == "intake"
        protocol, line = await _type_code(pilot, dialog, "C-OPEN")
        assert protocol == "follow-up" and "C-OPEN has an open case" in line
        protocol, line = await _type_code(pilot, dialog, "C-NEW")
        assert protocol == "intake" and line == ""
        protocol, _line = await _type_code(pilot, dialog, "C-DONE")  # a closed case: a new start
        assert protocol == "intake"


async def test_a_protocol_picked_by_hand_stays(locations, catalogue, store, intake):
    _returning(store, intake, "C-OPEN")
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _dialog(pilot)
        dialog.query_one("#protocol", Select).value = "crisis"
        await pilot.pause()
        protocol, _line = await _type_code(pilot, dialog, "C-OPEN")
        assert protocol == "crisis"
        await pilot.press("enter")
        await pilot.pause()
    saved = [s for s in store.summaries()[0] if s.client == "C-OPEN"]
    assert sorted(s.protocol for s in saved) == ["crisis", "intake"]
