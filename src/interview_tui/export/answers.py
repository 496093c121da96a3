"""Summary entries for the answers: typed answers, instruments, goals and plan items.

Everything in display form, the way a reader of the record expects it:
choice labels rather than stored values, "Yes"/"No", a scale answer with its
range and end labels, an instrument's answers with their points, total and
band, goals and plan items with their labels. Only what was answered is
here; the instructions read to the client and the practitioner's cues are not.
"""

from __future__ import annotations

from datetime import datetime

from interview_tui.core.answers import answer_items, answer_text, score_of
from interview_tui.core.dates import show_date
from interview_tui.export.model import NOTICE_MARK, Entry, Field
from interview_tui.core.fields import is_empty, scale_bounds
from interview_tui.core.goals import STATUS_LABELS, WHO_LABELS, Goal, PlanItem
from interview_tui.core.score_history import session_trends, trend_text
from interview_tui.core.session import PhaseCopy, PromptCopy, Session

LIST_TYPES = ("multi", "list")
"""Answers shown as one bullet per entry."""

GOAL_CONTEXT = "Goal"
PLAN_ITEM_CONTEXT = "Plan item"


def _points(points: int) -> str:
    return f"{points} point" if points == 1 else f"{points} points"


def scale_text(prompt: PromptCopy, value: int) -> str:
    """``7 (0-10)``, or with the end labels when the phase file gives them:
    ``7 (0-10; 0 = Not at all, 10 = As bad as it gets)``."""
    low, high = scale_bounds(prompt)
    ends = []
    if prompt.min_label:
        ends.append(f"{low} = {prompt.min_label}")
    if prompt.max_label:
        ends.append(f"{high} = {prompt.max_label}")
    return f"{value} ({low}-{high}{'; ' + ', '.join(ends) if ends else ''})"


def answer_entry(session: Session, phase: PhaseCopy, prompt: PromptCopy, context: str = "") -> Entry | None:
    """A typed prompt's answer in display form; None when it has none."""
    value = session.answer(phase.id, prompt.id)
    if is_empty(value):
        return None
    amended = session.last_amended(phase.id, prompt.id)
    if prompt.type in LIST_TYPES:
        items = tuple(answer_items(session, phase.id, prompt.id))
        return Entry(prompt.text, context=context, amended_at=amended, items=items, kind="answer")
    if prompt.type == "scale" and isinstance(value, int) and not isinstance(value, bool):
        text = scale_text(prompt, value)
    else:
        text = answer_text(session, phase.id, prompt.id)
    return Entry(prompt.text, text, context, amended, kind="answer")


def instrument_entry(session: Session, phase: PhaseCopy, context: str = "") -> Entry | None:
    """The phase's instrument: each item's answer, total / highest, band (or why there is none), alerts, source."""
    instrument = phase.instrument
    result = score_of(session, phase.id)
    if instrument is None or result is None:
        return None
    answers = session.phase_notes(phase.id).instrument
    items = []
    for item in instrument.items:
        points = answers.get(item.id)
        shown = "not answered" if points is None else f"{instrument.option_label(points)} ({_points(points)})"
        items.append(f"{item.text}: {shown}")
    total = f"{result.total} / {instrument.highest_total}"
    if result.complete:
        fields = [Field("Total", total)]
        if result.band:
            fields.append(Field("Band", result.band))
    else:
        fields = [Field("Total", f"{total} (incomplete: {result.answered} of {result.of} answered, no band)")]
    fields += [Field("Alert", f"{NOTICE_MARK} {alert.message}") for alert in result.alerts]
    if instrument.source.strip():
        fields.append(Field("Source", instrument.source.strip()))
    times = [t for item in instrument.items if (t := session.last_amended(phase.id, None, item.id)) is not None]
    return Entry(
        instrument.title,
        context=context,
        amended_at=max(times) if times else None,
        items=tuple(items),
        fields=tuple(fields),
        kind="instrument",
        numbered=True,
    )


def _change_marks(session: Session, kind: str, item_id: str) -> tuple[datetime | None, bool]:
    """When a goal / plan item was last changed after finishing, and whether it was added after finishing."""
    changes = [a for a in session.amendments if a.kind == kind and a.item_id == item_id]
    if not changes:
        return None, False
    return max(a.at for a in changes), changes[0].before is None


def _quoted(words: str) -> str:
    return f"“{words.strip()}”"


def rating_text(session: Session, goal: Goal) -> str:
    """This session's rating of the goal beside the last one, as a progress note states it:
    ``6/10 today (last time 4/10)``, and the first rating when the goal has no baseline to show it
    (``6/10 today (last time 4/10; first rated 3/10)``); "" when this session did not rate it."""
    review = session.goal_review(goal.id)
    if review is None or review.rating is None:
        return ""
    carried = session.carried
    last = carried.last_ratings.get(goal.id) if carried is not None else None
    first = carried.first_ratings.get(goal.id) if carried is not None else None
    earlier = [f"last time {last}/10"] if last is not None else []
    if goal.baseline is None and first is not None and first != last:
        earlier.append(f"first rated {first}/10")
    return f"{review.rating}/10 today" + (f" ({'; '.join(earlier)})" if earlier else "")


def _status_text(session: Session, goal: Goal) -> str:
    """The goal's status, with what it was before this session's review changed it."""
    status = STATUS_LABELS.get(goal.status, goal.status)
    review = session.goal_review(goal.id)
    if review is not None and review.status_before != goal.status:
        return f"{status} (was {STATUS_LABELS.get(review.status_before, review.status_before)})"
    return status


def goal_entry(session: Session, goal: Goal, context: str = "") -> Entry:
    """A SMART goal: what (the label), measure, by when, why it matters, the client's words, baseline, this
    session's rating (beside the last and the first) and review note, status (and what it was before)."""
    review = session.goal_review(goal.id)
    parts = [
        Field("Measure", goal.measure.strip()),
        Field("By when", goal.by_when.isoformat() if goal.by_when else ""),
        Field("Why it matters", goal.why_it_matters.strip()),
        Field("In the client's words", _quoted(goal.client_words) if goal.client_words.strip() else ""),
        Field("Baseline", f"{goal.baseline}/10" if goal.baseline is not None else ""),
        Field("Rating", rating_text(session, goal)),
        Field("Review note", review.note.strip() if review is not None else ""),
        Field("Status", _status_text(session, goal)),
    ]
    amended, added = _change_marks(session, "goal", goal.id)
    reviewed = [a.at for a in session.amendments if a.kind == "goal_review" and a.item_id == goal.id]
    if reviewed:
        amended = max([*reviewed, *([amended] if amended else [])])
    fields = tuple(f for f in parts if f.value)
    return Entry(goal.what.strip(), context=context, amended_at=amended, fields=fields, kind="goal",
                 added_after_finish=added)


def who_text(item: PlanItem) -> str:
    """``Other agency: Northside Housing, Jo Bell``; ``Client`` (a contact, if any, after the label)."""
    who = WHO_LABELS.get(item.who, item.who)
    contact = item.agency_contact.strip()
    return f"{who}: {contact}" if contact else who


def plan_item_entry(session: Session, item: PlanItem, context: str = "") -> Entry:
    """A plan item: action (the label), who, the goal it serves (by its what), due date, review date (with its
    weekday: the day the client and practitioner meet over it), status."""
    goal = next((g for g in session.goals if g.id == item.goal_id), None)
    parts = [
        Field("Who", who_text(item)),
        Field("Serves the goal", goal.what.strip() if goal else (item.goal_id or "")),
        Field("Due", item.due.isoformat() if item.due else ""),
        Field("Review on", show_date(item.review_on, "iso") if item.review_on else ""),
        Field("Status", STATUS_LABELS.get(item.status, item.status)),
    ]
    amended, added = _change_marks(session, "plan_item", item.id)
    fields = tuple(f for f in parts if f.value)
    return Entry(item.action.strip(), context=context, amended_at=amended, fields=fields, kind="plan_item",
                 added_after_finish=added)


SCORES_TITLE = "Scores over time"
"""The narrative's section of instrument trends."""
SCORES_LABEL = "Instrument totals across the client's sessions"


def trends_entry(session: Session, context: str = "") -> Entry | None:
    """A follow-up's or an ending's instrument trends, one line per instrument (its earlier sessions' scores
    and its own): ``PHQ-9: 17 → 11 → 6, moderately severe → mild (dates)``; None for a session that carries
    nothing forward or when no instrument was ever scored in full."""
    if session.carried is None:
        return None
    tracks = session_trends(session)
    if not tracks:
        return None
    fields = tuple(Field(track.title, trend_text(track)) for track in tracks)
    return Entry(SCORES_LABEL, context=context, fields=fields, kind="trend")
