"""Issue 16, item 11: flags and closure.

- One crisis raised "RISK Medium" twice (in the crisis session and in the session it was opened from): every
  list of a client's open flags shows one flag per kind with the sessions that raised it; clearing it clears it
  for each of them.
- Closing a case gives reasons to think twice: an open flag, a crisis session not finished.
- A closed case has no next appointment; after reopening, a date made before the closing is not due again; the
  reopen reason is in the case's status line.
- The carried-forward context holds the last risk level; the panel's lines give the last PHQ-9 and GAD-7.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from builders import meaning_phase
from case_fixture import the_case

from interview_tui.casework.carry_forward import carry_forward
from interview_tui.casework.case_history import case_history
from interview_tui.casework.cases import board, client_case
from interview_tui.casework.due import due_list
from interview_tui.casework.flags import clear_case_flag
from interview_tui.casework.client_list import client_lines
from interview_tui.casework.clients import ClientBook
from interview_tui.casework.closing import case_line, closing_concerns
from interview_tui.casework.glance import ClientGlances
from interview_tui.core.score_history import latest_line, score_tracks
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
CODE = "K-11"


def risk_phase(protocol) -> str:
    """The phase of the protocol's risk-level prompt."""
    return next(ph.id for ph in protocol.phases for q in ph.prompts if q.id == "risk-level")


def rated(store: SessionStore, protocol, at: datetime, risk: str | None, appointment: str | None = None) -> Session:
    session = Session.start(CODE, protocol, at=at)
    if risk is not None:
        session.set_answer(risk_phase(protocol), "risk-level", risk)
    if appointment is not None:
        session.set_answer(*meaning_phase(protocol, "next_appointment"), appointment)
    store.save(session)
    return session


def crisis_beside(store: SessionStore, catalogue, parent: Session, risk: str, finished: bool) -> Session:
    """A crisis session opened from ``parent`` (as f2 links them), rating the risk."""
    crisis_protocol = catalogue.protocol("crisis")
    crisis = Session.start(CODE, crisis_protocol, at=parent.started_at + timedelta(minutes=20))
    crisis.opened_from = parent.id
    crisis.set_answer(risk_phase(crisis_protocol), "risk-level", risk)
    if finished:
        crisis.finish(at=crisis.started_at + timedelta(minutes=30))
    store.save(crisis)
    parent.crisis_session_id, parent.crisis_began_at = crisis.id, crisis.started_at
    store.save(parent)
    return crisis


def case(store: SessionStore):
    return client_case(ClientBook(store), CODE, store.client_summaries(CODE))


def a_crisis_rated_twice(store, catalogue, finished: bool = True) -> tuple[Session, Session]:
    parent = rated(store, catalogue.protocol("follow-up"), T0, "medium")
    return parent, crisis_beside(store, catalogue, parent, "medium", finished)


# ------------------------------------------------------------ a) one flag per kind, with its sources


def test_a_crisis_and_its_parent_rating_the_same_risk_show_one_flag_with_both_sessions(store, catalogue):
    parent, crisis = a_crisis_rated_twice(store, catalogue)
    found = case(store)
    assert len(found.open_flags) == 2  # each session's answer is still its own flag...
    [flag] = found.flags  # ...shown once
    assert flag.text == "⚑ RISK Medium"
    assert set(flag.session_ids) == {parent.id, crisis.id} and flag.session_ids[0] == crisis.id  # newest first
    assert flag.sources_text == f"2 sessions: {crisis.id}, {parent.id}"
    assert found.flags_text() == "⚑ RISK Medium"
    [shown] = found.as_json()["flags"]
    assert (shown["name"], shown["value"], shown["label"]) == ("risk", "medium", "Medium")
    assert {s["session_id"] for s in shown["sources"]} == {parent.id, crisis.id}


def test_the_client_list_and_the_home_board_show_it_once_too(store, catalogue):
    parent, crisis = a_crisis_rated_twice(store, catalogue)
    lines, _problems = client_lines(store)
    [line] = lines
    assert line.flags_text() == "⚑ RISK Medium"
    assert [len(f["sources"]) for f in line.as_json()["flags"]] == [2]
    summaries, _ = store.summaries()
    [on_board] = board(ClientGlances(store), summaries)
    assert [(f.text, set(f.session_ids)) for f in on_board.flags] == [("⚑ RISK Medium", {parent.id, crisis.id})]


def test_different_levels_stay_different_flags(store, catalogue):
    parent = rated(store, catalogue.protocol("follow-up"), T0, "medium")
    crisis_beside(store, catalogue, parent, "high", finished=True)
    assert [f.text for f in case(store).flags] == ["⚑ RISK High", "⚑ RISK Medium"]


def test_clearing_the_flag_clears_it_for_every_session_that_raised_it(store, catalogue):
    parent, crisis = a_crisis_rated_twice(store, catalogue)
    book = ClientBook(store)
    found = case(store)
    [flag] = found.flags
    clear_case_flag(found.record, flag, "Safety plan agreed; GP told")
    book.save(found.record)
    again = case(store)
    assert again.flags == [] and again.open_flags == []
    assert {c.flag_id.split("/")[0] for c in again.record.flag_clearances} == {parent.id, crisis.id}
    cleared_rows = [r for r in case_history(again.record, again.sessions) if r.kind == "flag_cleared"]
    assert [r.what for r in cleared_rows] == ["⚑ RISK Medium: Safety plan agreed; GP told"]  # one event
    # raised again by a later session: shows again, from that session only
    later = rated(store, catalogue.protocol("follow-up"), T0 + timedelta(days=7), "medium")
    [flag] = case(store).flags
    assert flag.session_ids == (later.id,)


def test_clearing_says_why(store, catalogue):
    a_crisis_rated_twice(store, catalogue)
    found = case(store)
    try:
        clear_case_flag(found.record, found.flags[0], "   ")
    except ValueError as exc:
        assert "say why" in str(exc)
    else:
        raise AssertionError("a flag was cleared without a reason")
    assert found.record.flag_clearances == []


# ------------------------------------------------------------ b) reasons to think twice before closing


def test_closing_with_an_open_risk_flag_or_a_crisis_in_progress_gives_reasons(store, catalogue):
    parent, crisis = a_crisis_rated_twice(store, catalogue, finished=False)
    concerns = closing_concerns(case(store))
    assert len(concerns) == 2
    assert concerns[0].startswith("⚑ RISK Medium is not cleared") and parent.id in concerns[0]
    assert "crisis session" in concerns[1] and crisis.id in concerns[1] and "not finished" in concerns[1]


def test_nothing_to_think_twice_about_once_cleared_and_finished(store, catalogue):
    parent, crisis = a_crisis_rated_twice(store, catalogue, finished=True)
    found = case(store)
    expected = f"⚑ RISK Medium is not cleared (raised 2026-03-02 in 2 sessions: {crisis.id}, {parent.id})."
    assert closing_concerns(found) == [expected]
    clear_case_flag(found.record, found.flags[0], "Risk reviewed with the team")
    ClientBook(store).save(found.record)
    assert closing_concerns(case(store)) == []


# ------------------------------------------------------------ c) a closed case's appointment, the reopen reason


def test_a_closed_case_has_no_next_appointment_anywhere(store, catalogue):
    rated(store, catalogue.protocol("intake"), T0, None, appointment="2026-03-16")
    assert case(store).next_appointment == date(2026, 3, 16)
    book = ClientBook(store)
    record = book.get(CODE)
    record.close_case("Moved away", at=T0 + timedelta(days=3))
    book.save(record)
    closed = case(store)
    assert closed.next_appointment is None and closed.as_json()["next_appointment"] is None
    [line] = client_lines(store)[0]
    assert line.next_appointment is None
    summaries, _ = store.summaries()
    [on_board] = board(ClientGlances(store), summaries)
    assert on_board.next_appointment is None
    assert due_list([closed, on_board], date(2026, 3, 20)) == []


def test_after_reopening_a_date_made_before_the_closing_is_not_due_again(store, catalogue):
    rated(store, catalogue.protocol("intake"), T0, None, appointment="2026-03-16")
    book = ClientBook(store)
    record = book.get(CODE)
    record.close_case("Moved away", at=T0 + timedelta(days=3))
    record.reopen_case("Back in the area, asked for help", at=T0 + timedelta(days=30))
    book.save(record)
    reopened = case(store)
    today = date(2026, 4, 2)
    assert reopened.next_appointment is None
    assert due_list([reopened], today) == []
    [line] = client_lines(store)[0]
    assert line.next_appointment is None
    summaries, _ = store.summaries()
    assert [c.next_appointment for c in board(ClientGlances(store), summaries)] == [None]
    # a session after the reopening books one: that one is due
    rated(store, catalogue.protocol("follow-up"), T0 + timedelta(days=31), None, appointment="2026-04-09")
    assert case(store).next_appointment == date(2026, 4, 9)
    assert [e.day for e in due_list([case(store)], today)] == [date(2026, 4, 9)]


def test_the_case_line_says_when_and_why_it_was_reopened(store, catalogue):
    rated(store, catalogue.protocol("intake"), T0, None)
    book = ClientBook(store)
    record = book.get(CODE)
    record.close_case("Moved away", at=T0 + timedelta(days=3))
    book.save(record)
    assert case_line(case(store)) == "Case closed 2026-03-05: Moved away"
    record = book.load(CODE)
    record.reopen_case("Back in the area,\nasked for help", at=T0 + timedelta(days=30))
    book.save(record)
    line = case_line(case(store))
    assert line.startswith("Case open · reopened 2026-04-01: Back in the area, asked for help · client since")
    history = case_history(case(store).record, case(store).sessions)
    assert any(r.kind == "reopened" and "Back in the area" in r.what for r in history)


# ------------------------------------------------------------ d) what the carried-forward panel starts from


def test_the_carried_context_keeps_the_last_risk_level_rated(store, catalogue):
    first = rated(store, catalogue.protocol("intake"), T0, "low")
    crisis = crisis_beside(store, catalogue, first, "high", finished=True)
    follow_up = Session.start(CODE, catalogue.protocol("follow-up"), at=T0 + timedelta(days=7))
    context = carry_forward(follow_up, [first, crisis])
    assert context.last_risk is not None
    assert (context.last_risk.label, context.last_risk.session_id, context.last_risk.date) == ("High", crisis.id,
                                                                                              date(2026, 3, 2))
    # a rating that raises no flag is the last risk level all the same
    later = rated(store, catalogue.protocol("follow-up"), T0 + timedelta(days=3), "none")
    context = carry_forward(Session.start(CODE, catalogue.protocol("follow-up"), at=T0 + timedelta(days=7)),
                            [first, crisis, later])
    assert context.last_risk is not None and (context.last_risk.label, context.last_risk.protocol_title) == (
        "None identified", catalogue.protocols["follow-up"].title)
    assert type(context).model_validate_json(context.model_dump_json()) == context  # kept in the session file


def test_no_risk_rated_no_last_risk(store, catalogue):
    first = rated(store, catalogue.protocol("intake"), T0, None)
    context = carry_forward(Session.start(CODE, catalogue.protocol("follow-up"), at=T0 + timedelta(days=7)), [first])
    assert context.last_risk is None
    assert "last_risk" not in context.model_dump(mode="json")


def test_the_last_phq9_and_gad7_results_with_band_and_date():
    _first, _review, ending = the_case()
    assert ending.carried is not None
    lines = [latest_line(track) for track in score_tracks(ending.carried.scores)]
    assert lines == ["PHQ-9: 11 of 27, moderate (2026-03-02)", "GAD-7: 8 of 21, mild (2026-03-02)"]


def test_a_re_rating_after_the_screen_is_the_last_risk_level(store, catalogue):
    intake = catalogue.protocol("intake")
    first = rated(store, intake, T0, "low")
    rerated = next(ph.id for ph in intake.phases for q in ph.prompts if q.id == "risk-rerated")
    first.set_answer(rerated, "risk-rerated", "high")
    context = carry_forward(Session.start(CODE, catalogue.protocol("follow-up"), at=T0 + timedelta(days=7)), [first])
    assert context.last_risk is not None and context.last_risk.label == "High"


def test_finishing_an_ending_that_closes_the_case_gives_the_same_reasons(store, catalogue):
    """The ending's "Close the case with this session?" closes it on finishing: the review asks as ctrl+k does."""
    from interview_tui.casework.closing import finishing_concerns

    parent, crisis = a_crisis_rated_twice(store, catalogue, finished=False)
    ending_protocol = catalogue.protocol("termination")
    ending = Session.start(CODE, ending_protocol, at=T0 + timedelta(days=30))
    assert finishing_concerns(store, ending) == [], "an ending that does not close the case asks nothing more"
    ending.set_answer(*meaning_phase(ending_protocol, "close_case"), True)
    store.save(ending)
    assert finishing_concerns(store, ending) == closing_concerns(case(store))
    assert len(finishing_concerns(store, ending)) == 2
