"""``interview-tui new CODE`` starts with the protocol that fits the client's case, as the home screen's dialog
does: a follow-up for a returning client with an open case, the settings' default (an intake) for anyone else,
and whatever ``--protocol`` names when it is given. Both ways of starting are checked: the sure way (the phase
files read before the app starts) and the quick way (the remembered check of the phase files)."""

from __future__ import annotations

import pytest

from interview_tui.casework.clients import ClientBook
from interview_tui.cli.main import main
from interview_tui.core.session import Session


class _Started:
    """Stands in for the app: remembers what it was asked to open, runs nothing."""

    def __init__(self, seen: list, **kwargs) -> None:
        seen.append(kwargs)
        self.rescued: list = []
        self.return_code = 0

    def run(self) -> None:
        pass

    def hold_lock(self, lock) -> None:
        lock.release()

    def phase_problems(self):
        return []


@pytest.fixture
def opened(monkeypatch):
    seen: list[dict] = []
    import interview_tui.ui.app as app_module

    monkeypatch.setattr(app_module, "make_app", lambda **kwargs: _Started(seen, **kwargs))
    return seen


def _protocol_of(opened_kwargs: dict) -> str:
    session, pending = opened_kwargs["session"], opened_kwargs["pending_start"]
    return session.protocol.id if session is not None else pending.protocol_id


def _new(locations, *args: str) -> int:
    return main(["--data-dir", str(locations.data_dir), "new", *args])


@pytest.mark.parametrize("launches_before", [0, 1], ids=["sure-way", "quick-way"])
def test_an_open_case_starts_as_a_follow_up(locations, store, intake, opened, launches_before):
    for _ in range(launches_before):  # a launch that reads the phase files remembers the check
        assert _new(locations, "C-WARMUP") == 0
    store.save(Session.start("C-OPEN", intake))
    assert _new(locations, "C-OPEN") == 0
    assert _protocol_of(opened[-1]) == "follow-up"


@pytest.mark.parametrize("launches_before", [0, 1], ids=["sure-way", "quick-way"])
def test_a_new_client_starts_as_an_intake_and_a_closed_case_is_not_reopened_unasked(locations, store, intake, opened, launches_before):
    for _ in range(launches_before):
        assert _new(locations, "C-WARMUP") == 0
    assert _new(locations, "C-NEW") == 0
    assert _protocol_of(opened[-1]) == "intake"
    store.save(Session.start("C-DONE", intake))
    book = ClientBook(store)
    record = book.ensure("C-DONE")
    record.close_case("Goals met")
    book.save(record)
    before = len(opened)
    assert _new(locations, "C-DONE") == 2  # (no terminal to reopen it on: nothing is started)
    assert len(opened) == before


def test_a_protocol_named_on_the_command_line_is_kept(locations, store, intake, opened):
    store.save(Session.start("C-OPEN", intake))
    assert _new(locations, "C-OPEN", "--protocol", "crisis") == 0
    assert _protocol_of(opened[-1]) == "crisis"
