"""`clients` tallied by the index (casework.client_list) says, client by client and in the same order, what the
full client cases (casework.all_cases) say; `sessions` rows from SQL are the summaries' rows."""

from __future__ import annotations

import pytest

from interview_tui.casework.cases import all_cases
from interview_tui.casework.client_list import client_lines
from interview_tui.casework.clients import ClientBook
from interview_tui.devtools.demo_data import generate
from interview_tui.store.index_queries import session_lines
from interview_tui.store.sessions import SessionStore

from test_case_board import edit_records


def full_view(store: SessionStore) -> list:
    summaries, problems = store.summaries()
    cases = all_cases(ClientBook(store), summaries, save=False)
    return [c.as_json() for c in cases] + [c.problem for c in cases] + list(problems)


def light_view(store: SessionStore) -> list:
    lines, problems = client_lines(store)
    return [c.as_json() for c in lines] + [c.problem for c in lines] + list(problems)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_client_list_says_what_the_full_cases_say(store, catalogue, seed):
    generate(store, catalogue, clients=12, sessions=120, seed=seed)
    assert light_view(store) == full_view(store)
    summaries = store.summaries()[0]
    edit_records(store, [c for c in all_cases(ClientBook(store), summaries, save=False)])
    ClientBook(store).ensure("no-sessions-yet")
    (store.folder / "clients" / "damaged.json").write_text("{not json", encoding="utf-8")
    view = light_view(store)
    assert view == full_view(store)
    assert any(line and line.get("flags") for line in view if isinstance(line, dict))
    assert any(isinstance(line, str) and "damaged.json" in line for line in view)


@pytest.mark.parametrize("client", [None, "first"])
def test_session_rows_are_the_summaries(store, catalogue, client):
    generate(store, catalogue, clients=6, sessions=40, seed=4)
    if client == "first":
        client = store.summaries()[0][0].client
    summaries, problems = store.summaries(client)
    rows, row_problems = session_lines(store._session_index(), client)
    assert [(r[0][:-5], r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        (s.id, s.client, s.protocol, s.status, s.started_at.isoformat(), s.updated_at.isoformat()) for s in summaries
    ]
    assert row_problems == problems


def test_a_damaged_session_file_is_said_once_and_left_out(store, catalogue):
    generate(store, catalogue, clients=3, sessions=9, seed=5)
    (store.folder / "20260101-000000-dead.json").write_text("{not json", encoding="utf-8")
    lines, problems = client_lines(store)
    assert len(problems) == 1 and "20260101-000000-dead.json" in problems[0]
    assert sum(line.session_count for line in lines) == 9
