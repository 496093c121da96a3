"""A session: one interview with one client, as it is kept on disk.

The session keeps a copy of the protocol it was run with (phase and prompt
ids and texts), so a phase file edited later never breaks an old session.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from interview_tui.core.ids import (  # re-exported: long imported from here
    CLIENT_CODE_PATTERN as CLIENT_CODE_PATTERN,
    CLIENT_CODE_RULE as CLIENT_CODE_RULE,
    SESSION_ID_PATTERN,
    is_valid_client_code as is_valid_client_code,
    new_session_id as new_session_id,
    now as now,
)
from interview_tui.core.amendments import AMENDMENT_MERGE_SECONDS, Amendment, AmendmentKind, record_amendment
from interview_tui.core.session_carried import CarriedContext, GoalReview
from interview_tui.core.fields import Answer, Choice, FieldType
from interview_tui.core.goals import Goal, PlanItem
from interview_tui.core.instruments import Instrument
from interview_tui.core.protocol import Protocol
from interview_tui.core.session_answers import AnswerMethods
from interview_tui.core.session_casework import CaseworkMethods
from interview_tui.core.session_format import SCHEMA_VERSION

__all__ = ["AMENDMENT_MERGE_SECONDS", "Amendment", "Goal", "PlanItem", "Session"]

ClientCode = Annotated[str, StringConstraints(pattern=CLIENT_CODE_PATTERN)]
SessionId = Annotated[str, StringConstraints(pattern=SESSION_ID_PATTERN)]
Status = Literal["in_progress", "completed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


def _unwritten_when_empty(default: object = None, *, factory: Callable[[], object] | None = None) -> Any:
    """A field left out of the file while it holds its default (reading fills the default back in).

    Most prompts are plain text with no field definition; writing nine empty
    keys for each would double the size of every session file. pydantic's
    ``exclude_if`` keeps this inside its fast serializer (a wrap serializer
    made every save several times slower).
    """
    empty = factory() if factory is not None else default
    if factory is not None:
        return Field(default_factory=factory, exclude_if=lambda value: value == empty)
    return Field(default=default, exclude_if=lambda value: value == empty)


class PromptCopy(_Model):
    """A prompt as the session was run with it, field definition included, so an old session keeps its meaning."""

    id: str
    text: str
    sections: dict[str, str] = Field(default_factory=dict)
    """Note-style sections this prompt's note feeds (overrides the phase's); kept so exports never change."""
    type: FieldType = _unwritten_when_empty("text")
    choices: list[Choice] = _unwritten_when_empty(factory=list)
    """The choice list of a choice or multi prompt, values and labels."""
    min: int | None = _unwritten_when_empty()
    max: int | None = _unwritten_when_empty()
    min_label: str | None = _unwritten_when_empty()
    max_label: str | None = _unwritten_when_empty()
    required: bool = _unwritten_when_empty(False)
    required_message: str | None = _unwritten_when_empty()
    show_if: str | None = _unwritten_when_empty()
    flags: dict[str, str] = _unwritten_when_empty(factory=dict)
    """Choice values that raise a flag on the client, and the flag's name (see clients.py)."""
    meaning: Literal["next_appointment", "close_case"] | None = _unwritten_when_empty()
    carry: Literal["summary", "next_steps", "risk", "safety_plan"] | None = _unwritten_when_empty()
    """What this prompt's note carries to the client's next session, if anything."""



class ChecklistCopy(_Model):
    id: str
    text: str


class PhaseCopy(_Model):
    """The parts of a phase that a saved session needs to make sense on its own."""

    id: str
    title: str
    prompts: list[PromptCopy] = Field(default_factory=list)
    checklist: list[ChecklistCopy] = Field(default_factory=list)
    sections: dict[str, str] = Field(default_factory=dict)
    """Default note-style sections of this phase's notes, e.g. ``{"soap": "subjective"}``."""
    show_if: str | None = _unwritten_when_empty()
    optional: bool = _unwritten_when_empty(False)
    collects: Literal["goals", "plan"] | None = _unwritten_when_empty()
    instrument: Instrument | None = _unwritten_when_empty()
    shows: list[str] = _unwritten_when_empty(factory=list)
    """Read-only panels above the prompts ("carried", "contacts"; see protocol.PHASE_PANELS)."""


    def prompt(self, prompt_id: str) -> PromptCopy | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)


class ProtocolCopy(_Model):
    id: str
    title: str
    phases: list[PhaseCopy]

    @classmethod
    def of(cls, protocol: Protocol) -> "ProtocolCopy":
        return cls(
            id=protocol.id,
            title=protocol.title,
            phases=[
                PhaseCopy(
                    id=ph.id,
                    title=ph.title,
                    prompts=[
                        PromptCopy(
                            id=p.id,
                            text=p.text,
                            sections=dict(p.sections),
                            type=p.type,  # checked against FIELD_TYPES on load
                            choices=protocol.options(p),
                            min=p.scale[0] if p.type == "scale" else None,
                            max=p.scale[1] if p.type == "scale" else None,
                            min_label=p.min_label,
                            max_label=p.max_label,
                            required=p.required,
                            required_message=p.required_message,
                            show_if=p.show_if,
                            flags=dict(p.flags),
                            meaning=p.meaning,
                            carry=p.carry,  # checked against CARRY_KINDS on load
                        )
                        for p in ph.prompts
                    ],
                    checklist=[ChecklistCopy(id=c.id, text=c.text) for c in ph.checklist],
                    sections=dict(ph.sections),
                    show_if=ph.show_if,
                    optional=ph.optional,
                    collects=ph.collects,
                    instrument=ph.instrument,
                    shows=list(ph.shows),
                )
                for ph in protocol.phases
            ],
        )

    def phase(self, phase_id: str) -> PhaseCopy | None:
        return next((p for p in self.phases if p.id == phase_id), None)


class InstrumentResult(_Model):
    """An instrument's score as last computed, stored with its answers so a reader of the file sees it."""

    total: int
    answered: int
    of: int
    band: str | None = None
    """The band label; None until every item is answered."""
    alerts: list[str] = Field(default_factory=list)
    """Messages of the alerts raised."""


class PhaseNotes(_Model):
    """What happened in one phase: notes and typed answers per prompt, instrument answers, ticks, time spent."""

    notes: dict[str, str] = Field(default_factory=dict)
    """Free-text notes (``text`` prompts) by prompt id."""
    answers: dict[str, Answer] = _unwritten_when_empty(factory=dict)
    """Typed answers by prompt id (see fields.py for the value of each type); no entry = no answer."""
    other_notes: str = ""
    checklist: dict[str, bool] = Field(default_factory=dict)
    instrument: dict[str, int] = _unwritten_when_empty(factory=dict)
    """The phase's instrument answers: item id -> points."""
    instrument_score: InstrumentResult | None = _unwritten_when_empty()
    seconds_spent: float = 0.0


    def has_notes(self) -> bool:
        """Anything written or answered in this phase (notes, answers, instrument items)."""
        return (
            bool(self.other_notes.strip())
            or any(n.strip() for n in self.notes.values())
            or bool(self.answers)
            or bool(self.instrument)
        )

    def touched(self) -> bool:
        """Anything at all done in this phase, ticks included (an optional phase left untouched is skipped)."""
        return self.has_notes() or any(self.checklist.values())


class Session(AnswerMethods, CaseworkMethods, _Model):
    """One interview. Saved as one JSON file named after its id."""

    schema_version: Literal[2] = SCHEMA_VERSION
    id: SessionId
    client_code: ClientCode
    protocol: ProtocolCopy
    status: Status = "in_progress"
    started_at: datetime
    ended_at: datetime | None = None
    updated_at: datetime
    current_phase: str
    phases: dict[str, PhaseNotes] = Field(default_factory=dict)
    goals: list[Goal] = Field(default_factory=list)
    plan_items: list[PlanItem] = Field(default_factory=list)
    amendments: list[Amendment] = Field(default_factory=list)
    """Changes made after the session was finished, oldest first."""
    carried: CarriedContext | None = _unwritten_when_empty()
    """What was carried forward from the client's earlier sessions when this one started (see carry_forward.py)."""
    goal_reviews: list[GoalReview] = _unwritten_when_empty(factory=list)
    """Goals reviewed in this session: rating, note, status change."""
    crisis_session_id: str | None = _unwritten_when_empty()
    """The crisis session opened beside this one (f2), if any."""
    crisis_began_at: datetime | None = _unwritten_when_empty()
    """When the crisis step began (the first time the crisis session was opened from this one)."""
    opened_from: str | None = _unwritten_when_empty()
    """For a crisis session opened beside another session: that session's id."""
    alert_reasons: dict[str, str] = _unwritten_when_empty(factory=dict)
    """Why an alert's required safety items were not answered, by ``phase_id/item_id`` (see alert_rules.py)."""


    @classmethod
    def start(cls, client_code: str, protocol: Protocol, at: datetime | None = None) -> "Session":
        at = at or now()
        copy = ProtocolCopy.of(protocol)
        return cls(
            id=new_session_id(at),
            client_code=client_code,
            protocol=copy,
            started_at=at,
            updated_at=at,
            current_phase=copy.phases[0].id,
            phases={ph.id: PhaseNotes() for ph in copy.phases},
        )

    # ------------------------------------------------------------ reading

    @property
    def phase_ids(self) -> list[str]:
        return [ph.id for ph in self.protocol.phases]

    def phase_notes(self, phase_id: str) -> PhaseNotes:
        """The record of a phase, created on first use."""
        rec = self.phases.get(phase_id)
        if rec is None:
            rec = self.phases[phase_id] = PhaseNotes()
        return rec

    def note(self, phase_id: str, prompt_id: str) -> str:
        rec = self.phases.get(phase_id)
        return rec.notes.get(prompt_id, "") if rec else ""

    def total_seconds(self) -> float:
        return sum(r.seconds_spent for r in self.phases.values())

    def phase_after(self, phase_id: str, step: int) -> str:
        """The phase ``step`` places after (or before, if negative) ``phase_id``, clamped to the ends."""
        ids = self.phase_ids
        index = ids.index(phase_id) if phase_id in ids else 0
        return ids[max(0, min(len(ids) - 1, index + step))]

    # ------------------------------------------------------------ changing

    def set_note(self, phase_id: str, prompt_id: str, text: str) -> None:
        self.phase_notes(phase_id).notes[prompt_id] = text

    def set_other_notes(self, phase_id: str, text: str) -> None:
        self.phase_notes(phase_id).other_notes = text

    def set_checked(self, phase_id: str, item_id: str, checked: bool) -> None:
        self.phase_notes(phase_id).checklist[item_id] = checked

    def edit_note(self, phase_id: str, prompt_id: str | None, text: str, at: datetime | None = None) -> bool:
        """Change a prompt's note (or the phase's other notes when ``prompt_id`` is None).

        Once the session is finished, every change is an amendment: the note
        takes the new text and the change is recorded with its time, so the
        original text stays in the file. Returns False if nothing changed.
        """
        record = self.phase_notes(phase_id)
        before = record.other_notes if prompt_id is None else record.notes.get(prompt_id, "")
        if before == text:
            return False
        if prompt_id is None:
            record.other_notes = text
        else:
            record.notes[prompt_id] = text
        self._amend("note", phase_id, prompt_id, None, before, text, at)
        return True

    def _amend(
        self,
        kind: AmendmentKind,
        phase_id: str | None,
        prompt_id: str | None,
        item_id: str | None,
        before: object,
        after: object,
        at: datetime | None,
    ) -> None:
        """Record a change if the session is finished (before that, changes are just the draft)."""
        if self.status != "completed":
            return
        change = Amendment(
            at=at or now(), kind=kind, phase_id=phase_id, prompt_id=prompt_id, item_id=item_id, before=before, after=after
        )
        record_amendment(self.amendments, change)

    def last_amended(
        self, phase_id: str | None, prompt_id: str | None, item_id: str | None = None
    ) -> datetime | None:
        """When a note, answer, instrument item, goal or plan item was last changed after finishing, if it was.

        Notes and answers: ``(phase_id, prompt_id)``; instrument items ``(phase_id, None, item_id)``;
        goals and plan items ``(None, None, id)``.
        """
        times = [a.at for a in self.amendments if (a.phase_id, a.prompt_id, a.item_id) == (phase_id, prompt_id, item_id)]
        return max(times) if times else None

    def finish(self, at: datetime | None = None) -> None:
        """Mark the session completed and record when it ended (finishing twice keeps the first end time).

        Refused (``SafetyItemsOpen``) while a raised alert's required safety items are neither answered nor
        given a reason (see alert_rules.py)."""
        if self.status == "completed":
            return
        from interview_tui.core.alert_rules import SafetyItemsOpen, open_safety_items

        still_open = open_safety_items(self)
        if still_open:
            raise SafetyItemsOpen(still_open)
        self.status = "completed"
        self.ended_at = at or now()

    def add_time(self, phase_id: str, seconds: float) -> None:
        """Count time spent in a phase; time after the session was finished is not interview time."""
        if self.status == "completed":
            return
        if seconds > 0:
            self.phase_notes(phase_id).seconds_spent = round(self.phase_notes(phase_id).seconds_spent + seconds, 1)

    def touch(self) -> None:
        self.updated_at = now()

    def to_json(self) -> bytes:
        return self.model_dump_json(indent=1).encode("utf-8")
