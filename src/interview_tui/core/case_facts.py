"""What one session says about its client's case, read from the session's own data.

A session's copy of its protocol marks some prompts as meaning something for
the case (see protocol.py): a choice prompt with ``flags`` raises a flag when
answered with one of those values (the risk level), a date prompt with
``meaning = "next_appointment"`` gives the next appointment, a yes/no prompt
with ``meaning = "close_case"`` closes the case once the session is finished.
Plan items not yet done or dropped with a due date are also facts of the case,
and so are those with a review date (the day the client and practitioner look
at the item again).

These facts are read from the session's JSON data (a dict), so the session
index can keep them without loading sessions through pydantic, and are kept
in the index as a short JSON text (``CaseFacts.to_text`` / ``from_text``):
one string per session rather than nested lists, which with 10,000 sessions
took 7 MiB. No client text is kept: ids, values, dates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

CLOSED_PLAN_STATUSES = frozenset({"done", "dropped"})


@dataclass(frozen=True)
class RaisedFlag:
    """A flag raised by one answer of one session (the flag's id is ``session_id/phase_id/prompt_id``)."""

    phase_id: str
    prompt_id: str
    name: str
    """The flag's name from the phase file, e.g. ``risk``."""
    value: str
    """The choice value answered, e.g. ``high``."""
    label: str
    """That value's label, e.g. ``High``."""


@dataclass(frozen=True)
class PlanDue:
    item_id: str
    due: str
    """yyyy-mm-dd"""
    status: str


@dataclass(frozen=True)
class CaseFacts:
    flags: tuple[RaisedFlag, ...] = ()
    next_appointment: str | None = None
    """yyyy-mm-dd"""
    closes_case: bool = False
    """A close-case prompt answered yes (counts only once the session is finished)."""
    plan_dues: tuple[PlanDue, ...] = ()
    keeps_plan: bool = False
    """The session has plan items or a phase that collects them: its plan is the client's current plan."""
    plan_reviews: tuple[PlanDue, ...] = ()
    """Plan items not yet done or dropped with a review date (``due`` holds that date)."""

    def to_row(self) -> list[Any]:
        return [
            [[f.phase_id, f.prompt_id, f.name, f.value, f.label] for f in self.flags],
            self.next_appointment or "",
            self.closes_case,
            [[d.item_id, d.due, d.status] for d in self.plan_dues],
            self.keeps_plan,
            [[d.item_id, d.due, d.status] for d in self.plan_reviews],
        ]

    def to_text(self) -> str:
        """The row as compact JSON; "" when there are no facts (most sessions' rows share that one string)."""
        if self == NO_FACTS:
            return ""
        return json.dumps(self.to_row(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> "CaseFacts":
        return cls.from_row(json.loads(text)) if text else NO_FACTS

    @classmethod
    def from_row(cls, row: list[Any]) -> "CaseFacts":
        if not row:
            return NO_FACTS
        flags, appointment, closes, dues, keeps_plan, reviews = row
        return cls(
            flags=tuple(RaisedFlag(*f) for f in flags),
            next_appointment=appointment or None,
            closes_case=bool(closes),
            plan_dues=tuple(PlanDue(*d) for d in dues),
            keeps_plan=bool(keeps_plan),
            plan_reviews=tuple(PlanDue(*d) for d in reviews),
        )


NO_FACTS = CaseFacts()


def row_is_sound(row: object) -> bool:
    """A facts row of the shape ``to_row`` writes (the index rebuilds rather than trusting anything else)."""
    if type(row) is not list or len(row) != 6:
        return False
    flags, appointment, closes, dues, keeps_plan, reviews = row
    return (
        type(flags) is list
        and all(type(f) is list and len(f) == 5 and all(type(x) is str for x in f) for f in flags)
        and type(appointment) is str
        and type(closes) is bool
        and type(dues) is list
        and all(type(d) is list and len(d) == 3 and all(type(x) is str for x in d) for d in dues)
        and type(keeps_plan) is bool
        and type(reviews) is list
        and all(type(d) is list and len(d) == 3 and all(type(x) is str for x in d) for d in reviews)
    )


_STR = r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"'
_BOOL = r"(?:true|false)"
_FLAG = rf"\[{_STR},{_STR},{_STR},{_STR},{_STR}\]"
_DUE = rf"\[{_STR},{_STR},{_STR}\]"
_SOUND_TEXT_PATTERN = rf"\[\[(?:{_FLAG}(?:,{_FLAG})*)?\],{_STR},{_BOOL},\[(?:{_DUE}(?:,{_DUE})*)?\],{_BOOL},\[(?:{_DUE}(?:,{_DUE})*)?\]\]"


@cache
def _sound_text() -> re.Pattern[str]:
    """Compiled on first use (about 10 ms): commands that never read an index row do not pay for it."""
    return re.compile(_SOUND_TEXT_PATTERN)


def text_is_sound(text: str) -> bool:
    """Whether ``text`` is a ``to_text`` string: "" or the compact JSON of a row of the shape ``row_is_sound``
    checks. The index checks every row as it is read: matching the text's grammar takes about two thirds of the
    time of parsing it (which is done only when a session's facts are asked for)."""
    return text == "" or _sound_text().fullmatch(text) is not None


def row_of_text(text: str) -> list[Any] | None:
    """The row a ``to_text`` string holds ([] for ""), or None if the text is not one (a damaged index)."""
    if text == "":
        return []
    try:
        row = json.loads(text)
    except ValueError:
        return None
    return row if row_is_sound(row) else None


def _alert_flags(phase: dict[str, Any], points: dict[str, Any]) -> list[RaisedFlag]:
    """Flags raised by an instrument alert that declares one (PHQ-9 item 9 raising ``risk``)."""
    instrument = phase.get("instrument") or {}
    out = []
    for alert in instrument.get("alerts") or ():
        given = points.get(alert["item"])
        if alert.get("flag") and isinstance(given, int) and given > alert.get("above", 0):
            label = f"{instrument.get('title', '')} item alert".strip()
            out.append(RaisedFlag(phase["id"], alert["item"], str(alert["flag"]), "alert", label))
    return out


def facts_of_data(data: dict[str, Any]) -> CaseFacts:
    """The case facts of a session given as its JSON data (as in the file, or ``model_dump(mode="json")``)."""
    flags: list[RaisedFlag] = []
    appointment: str | None = None
    closes = False
    records = data.get("phases") or {}
    for phase in data["protocol"]["phases"]:
        answers = (records.get(phase["id"]) or {}).get("answers") or {}
        for prompt in phase.get("prompts", ()):
            marks = prompt.get("flags")
            meaning = prompt.get("meaning")
            if not marks and not meaning:
                continue
            answer = answers.get(prompt["id"])
            if answer is None:
                continue
            if marks and isinstance(answer, str) and answer in marks:
                label = next((c["label"] for c in prompt.get("choices", ()) if c["value"] == answer), answer)
                flags.append(RaisedFlag(phase["id"], prompt["id"], str(marks[answer]), answer, str(label)))
            elif meaning == "next_appointment" and isinstance(answer, str) and answer:
                appointment = answer
            elif meaning == "close_case" and answer is True:
                closes = True
        flags.extend(_alert_flags(phase, (records.get(phase["id"]) or {}).get("instrument") or {}))
    dues = tuple(
        PlanDue(str(item["id"]), str(item["due"]), str(item.get("status", "not_started")))
        for item in data.get("plan_items") or ()
        if item.get("due") and item.get("status", "not_started") not in CLOSED_PLAN_STATUSES
    )
    reviews = tuple(
        PlanDue(str(item["id"]), str(item["review_on"]), str(item.get("status", "not_started")))
        for item in data.get("plan_items") or ()
        if item.get("review_on") and item.get("status", "not_started") not in CLOSED_PLAN_STATUSES
    )
    keeps_plan = bool(data.get("plan_items")) or any(p.get("collects") == "plan" for p in data["protocol"]["phases"])
    if not (flags or appointment or closes or dues or keeps_plan or reviews):
        return NO_FACTS
    return CaseFacts(tuple(flags), appointment, closes, dues, keeps_plan, reviews)


def facts_of(session: Any) -> CaseFacts:
    """The case facts of a loaded ``Session``."""
    return facts_of_data(session.model_dump(mode="json"))
