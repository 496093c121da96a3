"""What a raised instrument alert asks for before a session can be finished.

A phase file can make an alert (PHQ-9 item 9 above "Not at all") name the
prompts it ``requires`` (the safety follow-up, a re-rating of risk) and a
``flag`` it raises on the client. While the alert stands, each required prompt
left empty is an open safety item, and the session cannot be finished until
they are answered or the practitioner records why not (``alert_reasons``,
kept with the session and shown at the top of every export).
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_tui.core.answers import PhaseAlert, raised_alerts
from interview_tui.core.errors import InterviewError
from interview_tui.core.fields import is_empty
from interview_tui.core.session import Session

__all__ = [
    "OpenSafetyItem",
    "SafetyItemsOpen",
    "alert_key",
    "open_safety_items",
    "record_reason",
    "required_refs",
    "stated_reasons",
]


@dataclass(frozen=True)
class OpenSafetyItem:
    """A prompt a raised alert requires, still empty, with no reason recorded."""

    alert_key: str
    """``phase_id/item_id`` of the alert (the key of ``Session.alert_reasons``)."""
    alert_message: str
    phase_id: str
    prompt_id: str
    text: str
    """The required prompt's text (protocol text, never client text)."""


class SafetyItemsOpen(InterviewError, ValueError):
    """Finishing refused: required safety items are open. The message holds protocol text only."""

    def __init__(self, items: list[OpenSafetyItem]) -> None:
        self.items = items
        listed = "; ".join(item.text for item in items)
        super().__init__(f"{len(items)} safety item(s) required by an alert are not answered: {listed}")


def alert_key(alert: PhaseAlert) -> str:
    return f"{alert.phase_id}/{alert.alert.item_id}"


def required_refs(phase_id: str, requires: list[str]) -> list[tuple[str, str]]:
    """``(phase_id, prompt_id)`` of each required prompt (a bare id is in the instrument's own phase)."""
    out = []
    for ref in requires:
        where, _, prompt = ref.rpartition(".")
        out.append((where or phase_id, prompt))
    return out


def _definition(session: Session, alert: PhaseAlert) -> list[str]:
    phase = session.protocol.phase(alert.phase_id)
    if phase is None or phase.instrument is None:
        return []
    return next(
        (a.requires for a in phase.instrument.alerts if a.item == alert.alert.item_id and a.message == alert.message),
        [],
    )


def open_safety_items(session: Session) -> list[OpenSafetyItem]:
    """Required prompts of every raised alert that are empty and have no recorded reason, in protocol order."""
    out: list[OpenSafetyItem] = []
    for alert in raised_alerts(session):
        key = alert_key(alert)
        if session.alert_reasons.get(key, "").strip():
            continue
        for phase_id, prompt_id in required_refs(alert.phase_id, _definition(session, alert)):
            prompt = session.protocol.phase(phase_id)
            copy = prompt.prompt(prompt_id) if prompt else None
            if copy is None or not is_empty(session.answer(phase_id, prompt_id)):
                continue
            out.append(OpenSafetyItem(key, alert.message, phase_id, prompt_id, copy.text))
    return out


def record_reason(session: Session, key: str, reason: str) -> None:
    """Record why an alert's required items were not answered ("" takes the reason back)."""
    if session.status == "completed":
        raise ValueError("the session is finished: its safety reasons cannot change")
    reasons = dict(session.alert_reasons)
    if reason.strip():
        reasons[key] = reason.strip()
    else:
        reasons.pop(key, None)
    session.alert_reasons = reasons
    session.touch()


def stated_reasons(session: Session) -> list[tuple[PhaseAlert, str]]:
    """Each raised alert with a recorded reason, for the exports."""
    return [(a, session.alert_reasons[alert_key(a)]) for a in raised_alerts(session) if alert_key(a) in session.alert_reasons]
