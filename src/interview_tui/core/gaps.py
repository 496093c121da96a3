"""What the review screen needs to know before the client leaves: where the gaps are.

A gap is a prompt with no note or answer, or a checklist item not ticked.
Prompts hidden by ``show_if``, hidden phases and optional phases nobody
touched have no gaps. Gaps are not
errors (an interview follows the client, not the list); they are shown so
the practitioner can decide to fill them while there is still time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interview_tui.core.fields import is_empty
from interview_tui.core.session import Session

GapKind = Literal["prompt", "checklist"]


@dataclass(frozen=True)
class Gap:
    phase_id: str
    kind: GapKind
    item_id: str
    """The prompt id or checklist item id."""
    text: str
    """The prompt's or checklist item's text, as the session's protocol copy has it."""


@dataclass(frozen=True)
class PhaseReview:
    """One phase at a glance: time spent, notes written, gaps left."""

    phase_id: str
    number: int
    title: str
    seconds: float
    notes_written: int
    gaps: tuple[Gap, ...]


def review(session: Session) -> list[PhaseReview]:
    """Every phase of the session in protocol order, with its gaps."""
    from interview_tui.core.answers import Visibility

    shown = Visibility(session)
    phases = []
    for number, phase in enumerate(session.protocol.phases, 1):
        record = session.phases.get(phase.id)
        ticked = record.checklist if record else {}
        skipped = not shown.phase_shown(phase.id) or (phase.optional and (record is None or not record.touched()))
        answered = [p for p in phase.prompts if not is_empty(session.answer(phase.id, p.id))]
        gaps = [] if skipped else [
            Gap(phase.id, "prompt", p.id, p.text)
            for p in shown.prompts(phase.id)
            if p not in answered
        ]
        if not skipped:
            gaps += [Gap(phase.id, "checklist", c.id, c.text) for c in phase.checklist if not ticked.get(c.id, False)]
        written = len(answered)
        if record and record.other_notes.strip():
            written += 1
        phases.append(
            PhaseReview(
                phase_id=phase.id,
                number=number,
                title=phase.title,
                seconds=record.seconds_spent if record else 0.0,
                notes_written=written,
                gaps=tuple(gaps),
            )
        )
    return phases


def gaps(session: Session) -> list[Gap]:
    return [gap for phase in review(session) for gap in phase.gaps]
