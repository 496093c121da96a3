"""A rebuild of the session index that reads many files says how far it is (issue 17: the progress bar)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from interview_tui.cli import progress_bar
from interview_tui.core.session import Session
from interview_tui.store import index as index_module
from interview_tui.store.sessions import SessionStore

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_rebuild_reports_its_progress_in_steps(store, intake, monkeypatch):
    monkeypatch.setattr(index_module, "READ_IN_ONE_GO", 2)
    monkeypatch.setattr(index_module, "SETTLE_NS", -10**12)  # every file counts as settled
    for n in range(5):
        store.save(Session.start(f"C-{n}", intake, at=BASE + timedelta(minutes=n)))
    seen: list[tuple[int, int]] = []
    fresh = SessionStore(store.folder)
    fresh.reading_progress = lambda done, total: seen.append((done, total))
    assert len(fresh.summaries()[0]) == 5
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    seen.clear()
    fresh.summaries()
    assert seen == []  # nothing to read, nothing said


def test_the_bar_is_drawn_only_on_a_terminal_and_only_after_a_moment(monkeypatch):
    assert progress_bar.terminal_progress(io.StringIO()) is None
    out = Terminal()
    show = progress_bar.terminal_progress(out)
    show(0, 10)
    show(10, 10)
    assert out.getvalue() == ""  # over at once: no bar
    monkeypatch.setattr(progress_bar, "AFTER_S", -1.0)
    show = progress_bar.terminal_progress(out)
    show(5, 10)
    show(10, 10)
    assert "5/10" in out.getvalue() and out.getvalue().endswith("10/10\n")
