"""What a session keeps of the casework around it: the context carried from the last session, goal reviews.

- ``CarriedContext``: written when a follow-up (or ending) session starts,
  from the client's earlier sessions: the latest session with a summary or
  next steps (when, what, and those notes), the risk and safety plan of the
  latest crisis session (``CarriedCrisis``), the latest risk level rated
  (``CarriedRisk``), and every goal and plan-item id the client's
  earlier sessions used (so a new goal never takes the id of an older one).
- ``CarriedFlag``: a flag open on the case when the session began (a follow-up,
  an ending, a contact note keep them, and show them above their prompts).
- ``GoalReview``: one goal reviewed in this session: today's 0-10 rating, a
  note, and its status before and after.

Models only; the session methods are in ``session_casework.py``, the
carrying forward in ``carry_forward.py``.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from interview_tui.core.goals import RATING_MAX, RATING_MIN, GoalStatus

__all__ = ["RATING_MAX", "RATING_MIN", "CarriedContext", "CarriedCrisis", "CarriedFlag", "CarriedNote", "CarriedRisk", "GoalReview",
           "InstrumentScore"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class CarriedNote(_Model):
    """One carried prompt's answer with the prompt it answers (a step of a safety plan, the risk judged)."""

    prompt: str
    text: str


class CarriedCrisis(_Model):
    """The risk and safety plan of the client's latest crisis session, carried and shown as such."""

    session_id: str
    date: date
    protocol_title: str
    finished: bool
    risk: list[CarriedNote] = Field(default_factory=list)
    """Its prompts marked ``carry = "risk"``: the risk as judged then, and what the judgement rested on."""
    safety_plan: list[CarriedNote] = Field(default_factory=list)
    """Its prompts marked ``carry = "safety_plan"``: the steps of the plan, in the client's words."""


class CarriedRisk(_Model):
    """The risk level rated in the client's latest earlier session that rated one (any protocol)."""

    session_id: str
    date: date
    protocol_title: str
    value: str
    label: str
    """The level's label, e.g. ``Medium``."""


class InstrumentScore(_Model):
    """One complete score of a scored instrument (PHQ-9, GAD-7...) in one session: what a trend is made of."""

    session_id: str
    date: date
    instrument_id: str
    title: str
    total: int
    highest: int
    band: str | None = None
    alert_items: list[int] = Field(default_factory=list, exclude_if=lambda value: not value)
    """The numbers of the items that raised an alert (PHQ-9 item 9 answered above 'Not at all': [9])."""


class CarriedFlag(_Model):
    """A flag open on the client's case when this session began (raised by an earlier session, not cleared)."""

    flag_id: str
    """``session_id/phase_id/prompt_id`` of the answer that raised it."""
    session_id: str
    raised_on: date
    name: str
    """The flag's name from the phase file, e.g. ``risk``."""
    value: str
    label: str
    """The answer's label, e.g. ``High``."""
    also_raised_in: list[str] = Field(default_factory=list, exclude_if=lambda value: not value)
    """Other sessions that raised the same kind of flag, not cleared (a crisis and the session it was opened
    from): one flag per kind, with all its sources; ``session_id`` is the newest."""

    @property
    def text(self) -> str:
        """A word, not a colour: e.g. ``⚑ RISK High``."""
        return f"⚑ {self.name.upper()} {self.label}"

    @property
    def sessions_text(self) -> str:
        """Where it was raised, as the client view says it: ``session ID`` or ``2 sessions: ID, ID``."""
        ids = [self.session_id, *self.also_raised_in]
        return f"session {ids[0]}" if len(ids) == 1 else f"{len(ids)} sessions: " + ", ".join(ids)


class CarriedContext(_Model):
    """Where the work stood when this session started, as recorded in the client's earlier sessions."""

    last_session_id: str | None = None
    """The client's latest earlier session with a summary or next steps (None: none has either)."""
    last_date: date | None = None
    last_protocol_id: str | None = None
    last_protocol_title: str | None = None
    summary: str = ""
    """The last session's summary notes (its prompts marked ``carry = "summary"``)."""
    next_steps: str = ""
    """The next steps agreed in the last session (its prompts marked ``carry = "next_steps"``)."""
    last_ratings: dict[str, int] = Field(default_factory=dict)
    """Each carried goal's most recent 0-10 rating in an earlier session (its baseline if never reviewed), by goal id."""
    first_ratings: dict[str, int] = Field(default_factory=dict, exclude_if=lambda value: not value)
    """Each carried goal's first 0-10 rating: its baseline, or its first review's if it was set without one."""
    crisis: CarriedCrisis | None = Field(default=None, exclude_if=lambda value: value is None)
    """The risk and safety plan of the client's latest earlier session that recorded either (a crisis session)."""
    last_risk: CarriedRisk | None = Field(default=None, exclude_if=lambda value: value is None)
    """The risk level of the client's latest earlier session that rated it."""
    scores: list[InstrumentScore] = Field(default_factory=list, exclude_if=lambda value: not value)
    """Every complete instrument score of the client's earlier sessions, oldest first: the start of each trend."""
    open_flags: list[CarriedFlag] = Field(default_factory=list, exclude_if=lambda value: not value)
    """The case's open flags when this session began, newest session first (a protocol that shows the carried
    or the flags panel keeps them; see ``casework/carried_flags.py``)."""
    goals_from: str | None = None
    """The session the open goals and unfinished plan items were copied from."""
    ids_taken: list[str] = Field(default_factory=list)
    """Goal and plan-item ids used by the client's earlier sessions: never given to a new goal or plan item."""


class GoalReview(_Model):
    """A goal reviewed in this session: today's rating, a note, and the status change (if any)."""

    goal_id: str
    rating: int | None = Field(default=None, ge=RATING_MIN, le=RATING_MAX)
    """Today's 0-10 rating of progress (None: reviewed without a rating)."""
    note: str = ""
    status_before: GoalStatus
    """The goal's status when this session first reviewed it."""
    status_after: GoalStatus
    at: datetime
    """When the review was (last) recorded."""
