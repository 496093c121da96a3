"""What the review screen needs to know before the client leaves: where the gaps are.

A gap is a prompt with no note or a checklist item not ticked. Gaps are not
errors (an interview follows the client, not the list); they are shown so
the practitioner can decide to fill them while there is still time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interview_tui.session import Session

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
    phases = []
    for number, phase in enumerate(session.protocol.phases, 1):
        record = session.phases.get(phase.id)
        notes = record.notes if record else {}
        ticked = record.checklist if record else {}
        gaps = [Gap(phase.id, "prompt", p.id, p.text) for p in phase.prompts if not notes.get(p.id, "").strip()]
        gaps += [Gap(phase.id, "checklist", c.id, c.text) for c in phase.checklist if not ticked.get(c.id, False)]
        written = sum(1 for p in phase.prompts if notes.get(p.id, "").strip())
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
