"""The session the export tests run on: awkward text in every place a note can be.

Besides notes it holds a typed answer of every field type (and one hidden
by show_if, kept in the file), a scored instrument that raises an alert, a
half-answered one, two goals (one of awkward text) and a plan item for each
kind of "who", one of them amended after the session was finished.

Times are fixed (with a +01:00 offset) so golden files do not change from run
to run. The protocol comes from tests/support/fixtures/export-protocol.toml.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from interview_tui.phases.files import parse_file
from interview_tui.core.protocol import Protocol
from interview_tui.core.session import Session
from data_paths import FIXTURES

ZONE = timezone(timedelta(hours=1))
STARTED = datetime(2026, 3, 14, 9, 5, 0, tzinfo=ZONE)

AWKWARD = "\n".join(
    [
        "She said: \"I can't [cope] any more\" & then <script>alert('x')</script> stopped.",
        "# not a heading",
        "* not a list, **not bold**, _not italic_, `not code`",
        "1. not a numbered list",
        "> not a quote",
        "---",
        "<b>not bold either</b> &amp; not an entity; a\\backslash",
        "",
        "    indented four spaces, not code",
        "Supports: [mum] [neighbour](not-a-link) | pipes | ~~not struck~~",
    ]
)
RIGHT_TO_LEFT = "قالت: «أنا بخير» 🙂\nאמרה: ״אני בסדר״ 👍🏽\n混合 text: 学校 👨‍👩‍👧"
OBSERVED = "Calm, good eye contact.\n=== (not an underline)\n+ not a list either"
OTHER = "Other notes line 1\n\n\nline after two blank lines\n\ttab-indented line"
STAYING = "# Flat 2, <b>Elm</b> *Court* [back door]"
SUPPORTS = ["mum", "* neighbour [Ali](x)", "# church group", "جارتي سارة", "1. the <school> nurse"]
HIDDEN = "HIDDEN-ANSWER-MUST-NOT-BE-EXPORTED"
GOAL_AWKWARD = "<script>alert('goal')</script> *sleep* through"
CLIENT_WORDS_AWKWARD = "# I want *one* night of [real] sleep\n# then أريد أن أنام, <i>really</i>"
AGENCY_CONTACT = "Northside Sleep Clinic <intake> – Dr. A. Rahman, 0161 555 0100"


def long_note(length: int = 5000) -> str:
    """A 5,000-character note of real-looking words with a long unbreakable address in it."""
    words = (
        "the client described a week of early starts and late buses and a landlord who does not answer "
        "calls about the damp in the children's room https://example.org/a/very/long/address/that/must/not/break "
    ).split(" ")
    out: list[str] = []
    size = 0
    n = 0
    while size < length:
        word = words[n % len(words)] or "and"
        out.append(word)
        size += len(word) + 1
        n += 1
    text = " ".join(out)[:length]
    return text[:2500] + "\n" + text[2501:]


def export_protocol() -> Protocol:
    protocol = parse_file(FIXTURES / "export-protocol.toml")
    assert isinstance(protocol, Protocol), protocol
    return protocol


def awkward_session(*, finished: bool = True, amended: bool = True) -> Session:
    session = Session.start("C-0142_x", export_protocol(), at=STARTED)
    session.id = "20260314-090500-a1b2"
    session.edit_note("opening", "story", AWKWARD)
    session.edit_note("opening", "observed", OBSERVED)
    session.edit_note("opening", "only-spaces", "   \n  ")
    session.edit_note("opening", None, OTHER)
    session.set_checked("opening", "consent", True)
    session.edit_note("long-talk", "long", long_note())
    session.edit_note("long-talk", "languages", RIGHT_TO_LEFT)
    session.edit_note("unmapped", "aside", "A note from a phase with no note sections.")
    session.edit_note("closing", "next-steps", "Meet again on 21 March.\n- call the landlord\n- book the GP")
    _capture(session)
    session.add_time("opening", 600.4)
    session.add_time("long-talk", 1500)
    session.add_time("closing", 305)
    session.updated_at = STARTED + timedelta(minutes=50)
    if finished:
        session.finish(at=STARTED + timedelta(minutes=50))
    if finished and amended:
        later = STARTED + timedelta(hours=2)
        session.edit_note(
            "closing", "next-steps", "Meet again on 28 March.\n- call the landlord\n- book the GP", at=later
        )
        session.set_answer("check-in", "distress", 6, at=later)
        session.update_plan_item("plan-3", status="in_progress", at=later)
    return session


def _capture(session: Session) -> None:
    """Typed answers, instruments, goals and plan items, as a practitioner would have entered them."""
    session.set_answer("check-in", "risk", "high")
    session.set_answer("check-in", "safety-steps", [HIDDEN])  # hidden once the risk is lowered below
    session.set_answer("check-in", "safety-note", HIDDEN)
    session.edit_note("safety", "plan", HIDDEN)
    session.set_answer("check-in", "risk", "low")
    session.set_answer("check-in", "staying", STAYING)
    session.set_answer("check-in", "worries", ["health", "money"])
    session.set_answer("check-in", "distress", 7)
    session.set_answer("check-in", "next-contact", "2026-03-21")
    session.set_answer("check-in", "consent-share", True)
    session.set_answer("check-in", "has-gp", False)
    session.set_answer("check-in", "supports", SUPPORTS)
    for item, points in (("q1", 1), ("q2", 2), ("q3", 1)):
        session.set_instrument_answer("mood", item, points)
    session.edit_note("mood", "screen-context", "Answered quickly; talked item 3 through & agreed a safety plan.")
    session.set_instrument_answer("worry", "w1", 1)
    session.edit_note("goals", "matters", "Getting the children out of the damp.")
    agreed = STARTED + timedelta(minutes=40)
    housing = session.add_goal(
        at=agreed,
        what="Find a safe, dry flat for the family",
        measure="A signed tenancy for a flat with no damp",
        by_when="2026-09-30",
        why_it_matters="The children keep getting ill",
        client_words="I just want the kids to breathe properly",
    )
    sleep = session.add_goal(
        at=agreed,
        what=GOAL_AWKWARD,
        measure="# nights slept through, counted in a diary",
        why_it_matters="قالت: «أريد أن أنام»",
        client_words=CLIENT_WORDS_AWKWARD,
        status="partly",
    )
    session.add_plan_item(
        action="Call the landlord about the damp", who="client", goal_id=housing.id, due="2026-03-21",
        status="in_progress",
    )
    session.add_plan_item(
        action="Write a support letter to the housing office", who="practitioner", goal_id=housing.id,
        due="2026-03-28",
    )
    session.add_plan_item(
        action="Referral to the sleep clinic", who="other_agency", agency_contact=AGENCY_CONTACT, goal_id=sleep.id,
    )
