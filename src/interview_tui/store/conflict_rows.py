"""The rows of a comparison: a session's answers phase by phase and prompt by prompt (as a reader sees each), its
goals, plan items and goal reviews; a client record's fields. Each row holds the original's text and the copy's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interview_tui.core.session import PhaseCopy, PromptCopy, Session


@dataclass(frozen=True)
class Row:
    section: str
    """Where the row belongs: "Session", a phase's title, "Goals", "Plan items", "Client record"."""
    label: str
    original: str
    copy: str

    @property
    def same(self) -> bool:
        return self.original == self.copy



def session_rows(original: Session | None, copy: Session) -> Iterator[Row]:
    from interview_tui.core.answers import answer_text

    def fact(label: str, get: Any) -> Row:
        return Row("Session", label, get(original) if original is not None else "", get(copy))

    yield fact("Client", lambda s: s.client_code)
    yield fact("Protocol", lambda s: s.protocol.title)
    yield fact("Status", lambda s: "finished" if s.status == "completed" else "in progress")
    yield fact("Last change", lambda s: f"{s.updated_at:%Y-%m-%d %H:%M:%S}")
    yield fact("Changes after finishing", lambda s: f"{len(s.amendments)} recorded" if s.amendments else "")
    both = [s for s in (original, copy) if s is not None]
    phases: dict[str, PhaseCopy] = {}
    for session in both:
        for phase in session.protocol.phases:
            phases.setdefault(phase.id, phase)
    for phase_id, phase in phases.items():
        prompts: dict[str, PromptCopy] = {}
        for session in both:
            found = session.protocol.phase(phase_id)
            for prompt in found.prompts if found is not None else []:
                prompts.setdefault(prompt.id, prompt)

        def text(session: Session | None, prompt_id: str, phase_id: str = phase_id) -> str:
            if session is None:
                return ""
            try:
                return answer_text(session, phase_id, prompt_id)
            except ValueError:  # no such phase or prompt in this version's protocol
                return ""

        for prompt_id, prompt in prompts.items():
            yield Row(phase.title, prompt.text, text(original, prompt_id), text(copy, prompt_id))

        def extra(session: Session | None, phase_id: str = phase_id) -> tuple[str, str, str]:
            notes = session.phases.get(phase_id) if session is not None else None
            if notes is None or session is None:
                return "", "", ""
            points = ", ".join(f"{item} {value}" for item, value in sorted(notes.instrument.items()))
            found = session.protocol.phase(phase_id)
            texts = {item.id: item.text for item in found.checklist} if found is not None else {}
            ticked = "; ".join(texts.get(item, item) for item, done in notes.checklist.items() if done)
            return notes.other_notes, points, ticked

        mine, theirs = extra(original), extra(copy)
        yield Row(phase.title, "Other notes", mine[0], theirs[0])
        yield Row(phase.title, "Instrument answers", mine[1], theirs[1])
        yield Row(phase.title, "Checklist ticked", mine[2], theirs[2])
    yield from _items("Goals", "Goal", original, copy, lambda s: s.goals, _goal_text)
    yield from _items("Plan items", "Plan item", original, copy, lambda s: s.plan_items, _plan_text)
    yield from _items("Goal reviews", "Review of goal", original, copy, lambda s: _by_goal(s.goal_reviews), _review_text)


class _Reviewed:
    def __init__(self, review: Any) -> None:
        self.id = review.goal_id
        self.review = review


def _by_goal(reviews: Any) -> list[_Reviewed]:
    return [_Reviewed(review) for review in reviews]


def _review_text(item: _Reviewed) -> str:
    review = item.review
    parts = [f"rated {review.rating}" if review.rating is not None else "", review.note,
             f"{review.status_before} → {review.status_after}" if review.status_before != review.status_after else ""]
    return "; ".join(p for p in parts if p)


def _goal_text(goal: Any) -> str:
    parts = [goal.what, f"measure: {goal.measure}" if goal.measure else "", f"by {goal.by_when}" if goal.by_when
             else "", goal.status]
    return "; ".join(p for p in parts if p)


def _plan_text(item: Any) -> str:
    parts = [item.action, item.who, f"due {item.due}" if item.due else "", item.status]
    return "; ".join(p for p in parts if p)


def _items(section: str, label: str, original: Session | None, copy: Session, get: Any, show: Any) -> Iterator[Row]:
    mine = {item.id: show(item) for item in (get(original) if original is not None else [])}
    theirs = {item.id: show(item) for item in get(copy)}
    for item_id in list(mine) + [i for i in theirs if i not in mine]:
        yield Row(section, f"{label} {item_id}", mine.get(item_id, ""), theirs.get(item_id, ""))


def record_rows(original: dict[str, Any], copy: dict[str, Any]) -> Iterator[Row]:
    def text(data: dict[str, Any], key: str) -> str:
        value = data.get(key, "")
        return value if isinstance(value, str) else ""

    def events(data: dict[str, Any]) -> str:
        found = data.get("case_events")
        rows = found if isinstance(found, list) else []
        return "; ".join(f"{e.get('kind')} {str(e.get('at', ''))[:10]}: {e.get('reason')}" for e in rows
                         if isinstance(e, dict))

    def clearances(data: dict[str, Any]) -> str:
        found = data.get("flag_clearances")
        rows = found if isinstance(found, list) else []
        return "; ".join(f"{c.get('flag_id')} ({c.get('value')}): {c.get('reason')}" for c in rows
                         if isinstance(c, dict))

    section = "Client record"
    yield Row(section, "Client", text(original, "client_code"), text(copy, "client_code"))
    yield Row(section, "Display name", text(original, "display_name"), text(copy, "display_name"))
    yield Row(section, "Notes", text(original, "notes"), text(copy, "notes"))
    yield Row(section, "Case closed and reopened", events(original), events(copy))
    yield Row(section, "Flags cleared", clearances(original), clearances(copy))
