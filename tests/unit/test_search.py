"""Searching the notes of every session: what is found, in what order, and what a hit says."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.search import index as search_index
from interview_tui.search.query import SearchError, search_notes, update_index
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["from the files", "from the index"])
def search(request, monkeypatch):
    """``search_notes`` two ways: sessions just written (read from their files, nothing trusted yet), and
    sessions settled and indexed (read from the index file by a new store, no session file opened)."""
    if request.param == "from the files":
        return search_notes
    monkeypatch.setattr(search_index, "SETTLE_NS", -(10**18))  # every file counts as settled

    def from_the_index(store, text, **kw):
        first = search_notes(store, text, **kw)
        update_index(store)
        result = search_notes(SessionStore(store.folder), text, **kw)
        assert result.files_read == len(result.problems)  # only the unreadable files were opened
        assert result.hits == first.hits and result.more == first.more
        return result

    return from_the_index


def add(store: SessionStore, protocol, client: str, hours: int, notes: dict | None = None, other: dict | None = None,
        finished: bool = False) -> Session:
    """A session with ``notes`` {(phase number, prompt number): text} and ``other`` {phase number: other notes}."""
    session = Session.start(client, protocol, at=BASE + timedelta(hours=hours))
    phases = session.protocol.phases
    for (ph, pr), text in (notes or {}).items():
        session.set_note(phases[ph].id, phases[ph].prompts[pr].id, text)
    for ph, text in (other or {}).items():
        session.set_other_notes(phases[ph].id, text)
    if finished:
        session.finish()
    store.save(session)
    return session


def found(search, store, text, **kw) -> list[tuple[str, str | None, str | None]]:
    return [(h.session_id, h.phase_id, h.prompt_id) for h in search(store, text, **kw).hits]


def test_finds_a_note_in_any_phase_and_names_the_place(search, store, intake):
    last = len(intake.phases) - 1
    session = add(store, intake, "C-0001", 0, {(0, 0): "Prepared the room.", (last, 0): "Sent the HOUSING letter."})
    hits = search(store, "housing").hits
    assert len(hits) == 1
    hit = hits[0]
    phase = session.protocol.phases[last]
    assert (hit.session_id, hit.client, hit.protocol_id) == (session.id, "C-0001", "intake")
    assert (hit.phase_id, hit.phase_title) == (phase.id, phase.title)
    assert (hit.prompt_id, hit.prompt_text) == (phase.prompts[0].id, phase.prompts[0].text)
    assert hit.where == "note"
    assert hit.started_at == session.started_at
    assert hit.snippet.text == "Sent the HOUSING letter."
    assert hit.snippet.parts()[1] == "HOUSING"
    assert hit.path == store.path_for(session.id)


def test_finds_other_notes_and_client_codes(search, store, intake):
    session = add(store, intake, "ROSE-7", 0, other={2: "Mentioned the allotment twice."})
    hit = search(store, "ALLOTMENT").hits[0]
    assert (hit.where, hit.phase_id, hit.prompt_id, hit.prompt_text) == (
        "other_notes", session.protocol.phases[2].id, None, None)
    assert hit.place == f"{session.protocol.phases[2].title} · other notes"
    by_code = search(store, "rose-7").hits
    assert [(h.where, h.session_id, h.snippet.text) for h in by_code] == [("client", session.id, "ROSE-7")]


def test_case_and_accents_do_not_matter(search, store, intake):
    add(store, intake, "C-1", 0, {(1, 0): "Vive à Zürich avec sa sœur; la Straße est calme."})
    for query in ("zurich", "ZÜRICH", "a zurich", "STRASSE", "SŒUR", "Sœur"):
        assert len(search(store, query).hits) == 1, query
    hit = search(store, "strasse").hits[0]
    assert hit.snippet.parts()[1] == "Straße"


def test_right_to_left_text_and_emoji(search, store, intake):
    add(store, intake, "C-2", 0, {(1, 0): "قال العميل إن الأسبوع كان أهدأ 🙂 والحمد لله", (2, 0): "שָׁלוֹם, הכול בסדר 👩‍👧"})
    arabic = search(store, "الأسبوع").hits
    assert len(arabic) == 1 and arabic[0].snippet.parts()[1] == "الأسبوع"
    assert len(search(store, "🙂").hits) == 1
    hebrew = search(store, "שלום").hits  # without the points
    assert len(hebrew) == 1 and hebrew[0].snippet.parts()[1] == "שָׁלוֹם"
    assert len(search(store, "👩‍👧").hits) == 1


def test_newest_session_first_then_the_order_of_the_interview(search, store, intake):
    old = add(store, intake, "C-1", 0, {(3, 0): "calm", (1, 0): "calm too"})
    new = add(store, intake, "C-2", 5, {(2, 0): "calm"}, other={0: "calm start"})
    middle = add(store, intake, "C-3", 2, {(0, 0): "calm"})
    phases = old.protocol.phases
    assert found(search, store, "calm") == [
        (new.id, phases[0].id, None),
        (new.id, phases[2].id, phases[2].prompts[0].id),
        (middle.id, phases[0].id, phases[0].prompts[0].id),
        (old.id, phases[1].id, phases[1].prompts[0].id),
        (old.id, phases[3].id, phases[3].prompts[0].id),
    ]


def test_one_hit_per_note_however_often_it_matches(search, store, intake):
    add(store, intake, "C-1", 0, {(1, 0): "calm, calm and calm again"})
    hits = search(store, "calm").hits
    assert len(hits) == 1 and hits[0].snippet.start == 0


def test_only_one_clients_sessions(search, store, intake):
    mine = add(store, intake, "C-1", 0, {(1, 0): "walks the dog"})
    add(store, intake, "C-2", 1, {(1, 0): "walks the dog"})
    again = add(store, intake, "C-1", 2, {(2, 0): "the dog is ill"})
    assert [h.session_id for h in search(store, "dog", client="C-1").hits] == [again.id, mine.id]
    assert search(store, "dog", client="C-9").hits == []
    with pytest.raises(SearchError, match="bad client code"):
        search(store, "dog", client="not a code")


def test_limit_and_more(search, store, intake):
    for n in range(5):
        add(store, intake, f"C-{n}", n, {(1, 0): "same words"})
    result = search(store, "same", limit=3)
    assert len(result.hits) == 3 and result.more
    assert [h.client for h in result.hits] == ["C-4", "C-3", "C-2"]
    assert not search(store, "same", limit=5).more


def test_nothing_to_search_for(search, store, intake):
    add(store, intake, "C-1", 0, {(1, 0): "x"})
    for empty in ("", "   ", "\u0301"):
        with pytest.raises(SearchError, match="nothing to search for"):
            search(store, empty)


def test_text_does_not_match_across_two_notes(search, store, intake):
    add(store, intake, "C-1", 0, {(1, 0): "the end of one", (1, 1): "note and the next"})
    assert search(store, "one note").hits == []
    assert search(store, "onenote").hits == []


def test_an_empty_store_finds_nothing(search, store):
    result = search(store, "anything")
    assert (result.hits, result.more, result.problems) == ([], False, [])


def test_an_unreadable_session_file_is_reported_not_quoted_and_moved_to_quarantine(store, intake):
    add(store, intake, "C-1", 0, {(1, 0): "fine"})
    bad = store.folder / "20260101-000000-beef.json"
    bad.write_text('{"id": "20260101-000000-beef", "secret client words"')
    result = search_notes(store, "fine")
    assert len(result.hits) == 1
    assert len(result.problems) == 1 and bad.name in result.problems[0] and "quarantine" in result.problems[0]
    assert "secret" not in result.problems[0]
    assert not bad.exists() and len(list((store.folder / "quarantine").glob("20260101-000000-beef.*.json"))) == 1
    assert search_notes(SessionStore(store.folder), "fine").problems == []  # said once, when it was moved


words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=words, data=st.data())
def test_any_piece_of_a_note_is_found(search, tmp_path_factory, intake, note, data):
    """Whatever the practitioner copies out of a note finds that note (and the hit shows that piece)."""
    store = SessionStore(tmp_path_factory.mktemp("any") / "sessions")
    session = add(store, intake, "C-1", 0, {(2, 1): note}, other={4: "unrelated"})
    start = data.draw(st.integers(0, len(note) - 1))
    end = data.draw(st.integers(start + 1, len(note)))
    piece = note[start:end]
    try:
        hits = search(store, piece).hits
    except SearchError:
        return  # the piece folds to nothing but spaces or marks: nothing to search for
    ours = [h for h in hits if h.prompt_id == session.protocol.phases[2].prompts[1].id]
    assert len(ours) == 1


def test_finds_typed_answers_goals_and_plan_items(search, store, intake):
    session = Session.start("C-0300", intake, at=BASE)
    phase = next(ph for ph in session.protocol.phases if any(p.type == "list" for p in ph.prompts))
    prompt = next(p for p in phase.prompts if p.type == "list")
    session.set_answer(phase.id, prompt.id, ["Grandmother Ines", "Allotment club"])
    goal = session.add_goal(what="Sleep through the night", client_words="I want to stop waking at 3")
    plan = session.add_plan_item(action="Ask the GP about the sleep clinic", who="client", goal_id=goal.id)
    store.save(session)
    hit = search(store, "allotment").hits[0]
    assert (hit.phase_id, hit.prompt_id) == (phase.id, prompt.id)
    assert "Grandmother Ines; Allotment club" in hit.snippet.text
    goal_hit = search(store, "waking at 3").hits[0]
    goals_phase = next(ph for ph in session.protocol.phases if ph.collects == "goals")
    assert (goal_hit.phase_id, goal_hit.prompt_id, goal_hit.prompt_text) == (goals_phase.id, goal.id, "Goal")
    plan_hit = search(store, "SLEEP CLINIC").hits[0]
    assert (plan_hit.prompt_id, plan_hit.prompt_text) == (plan.id, "Plan item")
