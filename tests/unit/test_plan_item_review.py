"""A plan item's review date and "both" as who does it (issue 16, item 19): the record, every export, the
due list, and session files written before either existed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from data_paths import GOLDEN
from export_fixture import awkward_session

from interview_tui.casework.cases import all_cases
from interview_tui.casework.due import due_list
from interview_tui.casework.clients import ClientBook
from interview_tui.core.case_facts import facts_of
from interview_tui.core.session import Session
from interview_tui.export import render
from interview_tui.export.summary import STYLES

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
ACTION = "Go through the benefit letter together"


def _session() -> Session:
    session = awkward_session(finished=False)
    session.add_plan_item(action=ACTION, who="both", due="2026-03-20", review_on="2026-03-30")
    return session


# ------------------------------------------------------------ the record


def test_review_on_is_a_date_and_both_is_a_who() -> None:
    item = _session().plan_items[-1]
    assert item.review_on == date(2026, 3, 30) and item.who == "both"
    assert item.model_dump(mode="json")["review_on"] == "2026-03-30"


def test_a_blank_review_date_is_none_and_a_bad_one_is_refused_with_its_name() -> None:
    session = _session()
    item = session.update_plan_item("plan-4", review_on="  ")
    assert item.review_on is None
    assert "review_on" not in item.model_dump(mode="json")  # no review date: nothing written, as older files
    with pytest.raises(ValueError, match="'review_on' .*must be a date"):
        session.update_plan_item("plan-4", review_on="2026-02-30")
    with pytest.raises(ValueError, match="'who' must be one of: client, practitioner, other_agency, both"):
        session.update_plan_item("plan-4", who="everyone")


def test_a_session_file_written_before_review_dates_still_loads() -> None:
    data = json.loads((GOLDEN / "session.json").read_text(encoding="utf-8"))  # plan items with every other part
    assert data["plan_items"] and all("review_on" not in p for p in data["plan_items"])
    session = Session.model_validate(data)
    assert all(p.review_on is None for p in session.plan_items)
    again = json.loads(session.to_json())
    assert all("review_on" not in p for p in again["plan_items"])


# ------------------------------------------------------------ every export


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
def test_the_review_date_shows_with_its_weekday_and_both_as_client_and_practitioner(fmt: str, style: str) -> None:
    out = render(_session(), fmt, style)
    assert ACTION in out
    assert "Review on" in out and "Mon 2026-03-30" in out
    assert "Client and practitioner" in out


def test_the_json_export_keeps_the_review_date_and_who() -> None:
    data = json.loads(render(_session(), "json"))
    item = data["plan_items"][-1]
    assert (item["action"], item["who"], item["review_on"]) == (ACTION, "both", "2026-03-30")


# ------------------------------------------------------------ the due list


def test_a_plan_item_whose_review_date_has_come_is_due(store, catalogue):
    follow_up = catalogue.protocol("follow-up")
    session = Session.start("R-1", follow_up, at=T0)
    session.add_plan_item(action="Review the budget", review_on="2026-03-09")
    session.add_plan_item(action="Review later", review_on="2026-04-01")
    session.add_plan_item(action="Reviewed and done", review_on="2026-03-01", status="done")
    session.add_plan_item(action="Due and reviewed", due="2026-03-12", review_on="2026-03-05")
    store.save(session)
    assert [(d.item_id, d.due) for d in facts_of(session).plan_reviews] == [
        ("plan-1", "2026-03-09"), ("plan-2", "2026-04-01"), ("plan-4", "2026-03-05"),
    ]  # fmt: skip
    cases = all_cases(ClientBook(store), store.summaries()[0])
    due = due_list(cases, today=date(2026, 3, 9))
    assert [(e.day.isoformat(), e.kind, e.item_id, e.word, e.what) for e in due] == [
        ("2026-03-05", "plan_review", "plan-4", "overdue", "Plan item review"),
        ("2026-03-09", "plan_review", "plan-1", "today", "Plan item review"),
        ("2026-03-12", "plan_item", "plan-4", "due", "Plan item"),
    ]  # the review of 1 April has not come yet; a done item is not reviewed
    later = due_list(cases, today=date(2026, 3, 9) + timedelta(days=30))
    assert ("plan_review", "plan-2") in [(e.kind, e.item_id) for e in later]
