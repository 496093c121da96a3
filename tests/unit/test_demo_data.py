"""The demo-data generator: real session files, deterministic, plainly synthetic, and careful with real stores."""

from __future__ import annotations

import stat
from collections import defaultdict

import pytest

from interview_tui.cli.main import main
from interview_tui.devtools.demo_data import CLIENT_PREFIX, DemoDataError, generate, load_sentences
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore


def files(store: SessionStore) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.folder.glob("*.json")) if not p.name.startswith(".")}


def all_sessions(store: SessionStore) -> list[Session]:
    return [store.load_path(store.folder / name) for name in files(store)]


def notes_of(session: Session) -> list[str]:
    return [n for r in session.phases.values() for n in (*r.notes.values(), r.other_notes) if n]


@pytest.fixture
def demo_store(tmp_path, catalogue) -> SessionStore:
    store = SessionStore(tmp_path / "demo" / "sessions")
    generate(store, catalogue, clients=12, sessions=120, seed=5)
    return store


def test_writes_valid_private_session_files_through_the_store(demo_store):
    sessions = all_sessions(demo_store)  # load_path validates each file against the Session model
    assert len(sessions) == 120
    for path in demo_store.folder.glob("*.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(demo_store.folder.stat().st_mode) == 0o700
    summaries, problems = demo_store.summaries()
    assert len(summaries) == 120 and problems == []


def test_same_seed_same_store_other_seed_other_store(tmp_path, catalogue, demo_store):
    again = SessionStore(tmp_path / "again")
    generate(again, catalogue, clients=12, sessions=120, seed=5)
    assert files(again) == files(demo_store)
    other = SessionStore(tmp_path / "other")
    generate(other, catalogue, clients=12, sessions=120, seed=6)
    assert files(other) != files(demo_store)


def test_every_client_has_sessions_in_order_starting_with_an_intake(demo_store, catalogue):
    by_client: dict[str, list[Session]] = defaultdict(list)
    for session in all_sessions(demo_store):
        by_client[session.client_code].append(session)
    assert sorted(by_client) == [f"{CLIENT_PREFIX}{n:04d}" for n in range(1, 13)]
    for sessions in by_client.values():
        sessions.sort(key=lambda s: s.started_at)
        assert sessions[0].protocol.id == "intake"
        assert all(s.protocol.id in catalogue.protocols for s in sessions)
    older = [s for sessions in by_client.values() for s in sessions[:-1]]
    assert sum(s.status == "in_progress" for s in older) < len(older) / 10  # mostly the latest one is open
    assert max(len(s) for s in by_client.values()) > 120 / 12  # some clients are seen far more often


def test_a_mix_of_finished_and_unfinished_sessions_that_make_sense(demo_store):
    sessions = all_sessions(demo_store)
    finished = [s for s in sessions if s.status == "completed"]
    unfinished = [s for s in sessions if s.status == "in_progress"]
    assert finished and unfinished
    for s in finished:
        assert s.ended_at is not None and s.started_at < s.ended_at <= s.updated_at
        assert s.amendments or s.ended_at == s.updated_at
        assert s.current_phase == s.phase_ids[-1]
    for s in unfinished:
        assert s.ended_at is None and s.started_at < s.updated_at
        reached = s.phase_ids.index(s.current_phase)
        later = s.phase_ids[reached + 1 :]
        assert not any(s.phases[p].has_notes() for p in later)


def test_notes_vary_in_length_and_script_and_say_they_are_made_up(demo_store):
    openings = {o for lang in load_sentences().values() for o in lang.opening}
    notes = [n for s in all_sessions(demo_store) for n in notes_of(s)]
    assert all(any(n.startswith(o) for o in openings) for n in notes)
    lengths = sorted(len(n) for n in notes)
    assert lengths[0] < 80 and lengths[-1] > 1500
    text = "\n".join(notes)
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)  # Arabic (right to left)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)  # Chinese
    assert any(ord(ch) >= 0x1F300 for ch in text)  # emoji
    assert "ñ" in text or "é" in text
    assert "[supports]" in text  # must be shown as typed, never as markup


def test_checklists_and_time_are_filled(demo_store):
    sessions = all_sessions(demo_store)
    assert any(any(r.checklist.values()) for s in sessions for r in s.phases.values())
    assert all(s.total_seconds() > 0 for s in sessions)


def test_refuses_a_store_that_already_holds_sessions(demo_store, catalogue):
    before = files(demo_store)
    with pytest.raises(DemoDataError, match="already holds 120 session"):
        generate(demo_store, catalogue, clients=2, sessions=4, seed=9)
    assert files(demo_store) == before


def test_force_adds_to_a_store_without_touching_what_is_there(demo_store, catalogue):
    before = files(demo_store)
    generate(demo_store, catalogue, clients=2, sessions=4, seed=5, force=True)
    after = files(demo_store)
    assert len(after) == 124
    assert all(after[name] == data for name, data in before.items())


@pytest.mark.parametrize(
    "clients,sessions,message",
    [(0, 5, "at least 1"), (3, 0, "at least 1"), (5, 3, "need at least 5 sessions"), (10000, 20000, "at most 9999")],
)
def test_bad_numbers_are_refused(store, catalogue, clients, sessions, message):
    with pytest.raises(DemoDataError, match=message):
        generate(store, catalogue, clients=clients, sessions=sessions)
    assert not store.folder.exists()


def test_command_line_writes_then_refuses_with_one_line(tmp_path, capsys):
    data = tmp_path / "cli-data"
    assert main(["--data-dir", str(data), "demo-data", "--clients", "3", "--sessions", "9", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "Wrote 9 demo sessions" in out and "3 demo clients" in out
    assert len(list((data / "sessions").glob("*.json"))) == 9
    assert main(["demo-data", "--data-dir", str(data), "--clients", "3", "--sessions", "9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already holds 9 session(s)" in err and "--force" in err
    assert main(["demo-data", "--data-dir", str(data), "--clients", "1", "--sessions", "1", "--force"]) == 0
    assert len(list((data / "sessions").glob("*.json"))) == 10


def test_some_finished_sessions_were_amended_afterwards(tmp_path, catalogue):
    store = SessionStore(tmp_path / "amended")
    generate(store, catalogue, clients=20, sessions=300, seed=3)
    amended = [s for s in all_sessions(store) if s.amendments]
    assert amended
    for s in amended:
        assert s.status == "completed"
        assert all(a.at > s.ended_at and a.after.endswith("(Demo amendment: corrected after the session.)")
                   for a in s.amendments)
        assert s.updated_at == s.amendments[-1].at


def test_a_caseload_uses_the_catalogues_protocols_in_a_sensible_order(demo_store, catalogue):
    if not {"follow-up", "crisis", "termination"} <= set(catalogue.protocols):
        pytest.skip("the protocols this checks are not in phases/")
    by_client: dict[str, list[Session]] = defaultdict(list)
    for session in all_sessions(demo_store):
        by_client[session.client_code].append(session)
    used = {s.protocol.id for sessions in by_client.values() for s in sessions}
    assert {"intake", "follow-up"} <= used
    for sessions in by_client.values():
        sessions.sort(key=lambda s: s.started_at)
        assert all(s.protocol.id == "intake" for s in sessions[:1])
        assert all(s.protocol.id != "intake" for s in sessions[1:])
        assert all(s.protocol.id != "termination" for s in sessions[:-1])
    later = [s for sessions in by_client.values() for s in sessions[1:]]
    assert sum(s.protocol.id == "follow-up" for s in later) > len(later) / 2


def test_intakes_and_follow_ups_that_got_that_far_have_goals_and_plan_items(demo_store):
    sessions = all_sessions(demo_store)
    with_goals = [s for s in sessions if s.goals]
    with_plan = [s for s in sessions if s.plan_items]
    assert len(with_goals) > len(sessions) // 4 and len(with_plan) > len(sessions) // 4
    for s in with_goals + with_plan:
        assert s.protocol.id in ("intake", "follow-up", "termination")
        collects = [p.collects for p in s.protocol.phases]
        assert ("goals" in collects) if s.goals else ("plan" in collects)
        assert not [a for a in s.amendments if a.kind in ("goal", "plan_item")]  # written before finishing
    items = [i for s in with_plan for i in s.plan_items]
    assert {i.status for i in items} == {"not_started", "in_progress", "done", "dropped"}
    assert {i.who for i in items} == {"client", "practitioner", "other_agency"}
    assert any(i.due for i in items) and any(i.due is None for i in items)
    assert any(i.goal_id for i in items)
    for s in with_plan:
        assert all(i.goal_id in {g.id for g in s.goals} for i in s.plan_items if i.goal_id)
        assert all(i.due > s.started_at.date() for i in s.plan_items if i.due)
    assert {g.status for s in with_goals for g in s.goals} >= {"open", "achieved"}
