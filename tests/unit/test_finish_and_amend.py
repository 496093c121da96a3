"""Finishing a session, and amendments after it: the final text wins, the original stays in the file."""

from __future__ import annotations

from datetime import timedelta

from export_fixture import STARTED, awkward_session

from interview_tui.core.gaps import gaps, review
from interview_tui.core.session import AMENDMENT_MERGE_SECONDS, Session


def test_finish_marks_completed_with_its_end_time_once(intake) -> None:
    session = Session.start("C-1", intake, at=STARTED)
    assert session.status == "in_progress" and session.ended_at is None
    session.finish(at=STARTED + timedelta(minutes=45))
    assert session.status == "completed"
    assert session.ended_at == STARTED + timedelta(minutes=45)
    session.finish(at=STARTED + timedelta(hours=3))
    assert session.ended_at == STARTED + timedelta(minutes=45)


def test_edits_before_finishing_are_not_amendments() -> None:
    session = awkward_session(finished=False)
    assert session.edit_note("closing", "next-steps", "changed") is True
    assert session.edit_note("closing", "next-steps", "changed") is False
    assert session.amendments == []


def test_an_amendment_keeps_the_original_and_records_when() -> None:
    session = awkward_session(finished=True, amended=False)
    original = session.note("closing", "next-steps")
    at = STARTED + timedelta(hours=1)
    session.edit_note("closing", "next-steps", "new plan", at=at)
    assert session.note("closing", "next-steps") == "new plan"
    [amendment] = session.amendments
    assert (amendment.at, amendment.phase_id, amendment.prompt_id) == (at, "closing", "next-steps")
    assert (amendment.before, amendment.after) == (original, "new plan")
    assert session.last_amended("closing", "next-steps") == at
    assert session.last_amended("opening", "story") is None
    assert Session.model_validate_json(session.to_json()).amendments == session.amendments


def test_typing_in_one_note_is_one_amendment_until_a_pause() -> None:
    session = awkward_session(finished=True, amended=False)
    original = session.note("closing", "next-steps")
    at = STARTED + timedelta(hours=1)
    for n, text in enumerate(["M", "Me", "Met"]):  # keystrokes a second apart
        session.edit_note("closing", "next-steps", text, at=at + timedelta(seconds=n))
    assert [(a.before, a.after, a.at) for a in session.amendments] == [(original, "Met", at + timedelta(seconds=2))]
    later = at + timedelta(seconds=2 + AMENDMENT_MERGE_SECONDS + 1)
    session.edit_note("closing", "next-steps", "Met again", at=later)
    assert [(a.before, a.after) for a in session.amendments] == [(original, "Met"), ("Met", "Met again")]


def test_another_note_starts_its_own_amendment_and_other_notes_count_too() -> None:
    session = awkward_session(finished=True, amended=False)
    at = STARTED + timedelta(hours=1)
    session.edit_note("closing", "next-steps", "a", at=at)
    session.edit_note("opening", None, "b", at=at + timedelta(seconds=1))
    session.edit_note("closing", "next-steps", "ab", at=at + timedelta(seconds=2))
    assert [(a.phase_id, a.prompt_id, a.after) for a in session.amendments] == [
        ("closing", "next-steps", "a"),
        ("opening", None, "b"),
        ("closing", "next-steps", "ab"),
    ]
    assert session.phases["opening"].other_notes == "b"


def test_typing_back_to_the_text_before_is_no_amendment() -> None:
    session = awkward_session(finished=True, amended=False)
    original = session.note("closing", "next-steps")
    at = STARTED + timedelta(hours=1)
    session.edit_note("closing", "next-steps", original + "x", at=at)
    session.edit_note("closing", "next-steps", original, at=at + timedelta(seconds=1))
    assert session.amendments == []


def test_time_after_finishing_is_not_interview_time() -> None:
    session = awkward_session(finished=True)
    total = session.total_seconds()
    session.add_time("closing", 900)
    assert session.total_seconds() == total


def test_review_lists_empty_prompts_and_unticked_items_per_phase() -> None:
    session = awkward_session()
    phases = review(session)
    assert len(phases) == len(session.protocol.phases)
    notes_phases = ("opening", "long-talk", "unmapped", "closing")  # the fixture's phases of notes only
    assert [(p.number, p.title, p.seconds, p.notes_written) for p in phases if p.phase_id in notes_phases] == [
        (1, "Opening *and* welcome", 600.4, 3),
        (2, "# Long talk", 1500, 2),
        (8, "Unmapped phase", 0.0, 1),
        (11, "Closing", 305, 1),
    ]
    assert [(g.phase_id, g.kind, g.item_id) for g in gaps(session)] == [
        ("opening", "prompt", "left-empty"),
        ("opening", "prompt", "only-spaces"),
        ("opening", "checklist", "notes-ok"),
        ("check-in", "prompt", "never-typed"),
        ("closing", "prompt", "never-answered"),
    ]
