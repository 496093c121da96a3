"""The risk level a session recorded: the answer to its risk-rating prompt, read from the session's JSON data.

A risk-rating prompt is a choice prompt whose ``flags`` raise the ``risk``
flag for some of its values (the shipped intake, follow-up, ending and crisis
protocols: Medium and High), or one marked ``carry = "risk"``. A rating that
raises no flag (None identified, Low) is a rating all the same: what the next
session starts from. With several in one session, the last answered in phase
order counts (a re-rating after an instrument's alert comes after the first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RISK_FLAG = "risk"


@dataclass(frozen=True)
class RiskRating:
    phase_id: str
    prompt_id: str
    value: str
    label: str


def _is_risk_prompt(prompt: dict[str, Any]) -> bool:
    if prompt.get("type") != "choice":
        return False
    flags = prompt.get("flags")
    return prompt.get("carry") == RISK_FLAG or (isinstance(flags, dict) and RISK_FLAG in flags.values())


def risk_rating_of_data(data: dict[str, Any]) -> RiskRating | None:
    """The session's risk rating (as in its file, or ``model_dump(mode="json")``), None if it rated none."""
    protocol = data.get("protocol") if isinstance(data.get("protocol"), dict) else {}
    records = data.get("phases") if isinstance(data.get("phases"), dict) else {}
    found = None
    for phase in protocol.get("phases") or ():  # type: ignore[union-attr]
        if not isinstance(phase, dict):
            continue
        record = records.get(str(phase.get("id")))  # type: ignore[union-attr]
        answers = record.get("answers") if isinstance(record, dict) else None
        if not isinstance(answers, dict):
            continue
        for prompt in phase.get("prompts") or ():
            if not isinstance(prompt, dict) or not _is_risk_prompt(prompt):
                continue
            answer = answers.get(prompt.get("id"))
            if not isinstance(answer, str) or not answer:
                continue
            choices = [c for c in prompt.get("choices") or () if isinstance(c, dict)]
            label = next((str(c.get("label")) for c in choices if c.get("value") == answer), answer)
            found = RiskRating(str(phase.get("id")), str(prompt.get("id")), answer, label)
    return found
