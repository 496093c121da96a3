"""Sessions filled the way the tests need them, shared by unit and app tests."""

from __future__ import annotations

from datetime import date, datetime, timezone

from interview_tui.core.session import Session

ENDED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


def risk_phase(protocol) -> str:
    return next(ph.id for ph in protocol.phases for q in ph.prompts if q.flags)


def meaning_phase(protocol, meaning: str) -> tuple[str, str]:
    return next((ph.id, q.id) for ph in protocol.phases for q in ph.prompts if q.meaning == meaning)


def fill_everything(s: Session) -> None:
    s.set_answer("introduction-rapport", "confidentiality-understood", True)
    s.set_answer("information-gathering", "household", ["Partner", "Son, 4 [asthma]"])
    s.set_answer("assessment", "distress", 7)
    s.set_answer("assessment", "strengths", ["Stubborn in a good way"])
    s.set_answer("assessment", "risk-level", "medium")
    s.set_answer("assessment", "safety-follow-up", "Talked it through; duty manager told at 15:10.")
    s.set_answer("closure", "next-appointment", date(2026, 12, 3))
    for item, points in {"q1": 2, "q2": 2, "q3": 1, "q4": 1, "q5": 0, "q6": 1, "q7": 1, "q8": 0, "q9": 1}.items():
        s.set_instrument_answer("phq-9", item, points)
    goal = s.add_goal(what="Keep the flat", measure="Rent paid 3 months running", by_when="2027-03-01",
                      why_it_matters="Son's school is round the corner", client_words="I'm not moving him again")
    s.add_plan_item(action="Apply for housing benefit", who="client", goal_id=goal.id, due=date(2026, 12, 1))
    s.add_plan_item(action="Call the landlord", who="other_agency", agency_contact="Citizens Advice, Jo 0123",
                    goal_id=goal.id)


def closed_by_its_ending_session(store, catalogue, code: str) -> Session:
    """A finished ending session that answered "close the case", and no client record yet (as in an older store)."""
    ending = catalogue.protocol("termination")
    phase, prompt = next((ph.id, q.id) for ph in ending.phases for q in ph.prompts if q.meaning == "close_case")
    session = Session.start(code, ending, at=ENDED_AT)
    session.set_answer(phase, prompt, True)
    session.finish(at=ENDED_AT)
    store.save(session)
    return session
