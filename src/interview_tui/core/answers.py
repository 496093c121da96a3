"""What the answers mean for a session as a whole: what is shown, what is missing, what is flagged.

- ``Visibility``: which phases and prompts are shown, given the answers so far
  (``show_if``). Hidden items keep whatever was entered; they are just not shown.
- ``missing_required``: required prompts that are shown and still empty, and
  instruments started but not finished, for the review screen and before
  finishing. Optional phases nobody touched and hidden items are never missing.
- ``raised_alerts``: instrument alerts (PHQ-9 item 9), for the top of the
  review screen and of every export, whether or not the phase is shown.
- ``score``: an instrument's total, band, alerts and completeness.
- ``answer_text``: an answer as a reader sees it (labels, "Yes", "7 (0-10)").

Everything reads the session's own copy of its protocol, so an old session
keeps its meaning after a phase file changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_tui.core import show_if
from interview_tui.core.fields import display_answer, display_items, is_empty
from interview_tui.core.instruments import RaisedAlert, Score, score
from interview_tui.core.session import PhaseCopy, PromptCopy, Session

__all__ = [
    "Missing",
    "PhaseAlert",
    "Score",
    "Visibility",
    "answer_items",
    "answer_text",
    "missing_required",
    "raised_alerts",
    "score",
    "score_of",
]

DEFAULT_REQUIRED_MESSAGE = "Required: still empty."


class Visibility:
    """Which phases and prompts of ``session`` are shown now. Compute again after answers change (it is cheap)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._phases: dict[str, bool] = {}
        self._prompts: dict[tuple[str, str], bool] = {}
        for phase in session.protocol.phases:
            self._phases[phase.id] = self._holds(phase.show_if, phase.id)
            for prompt in phase.prompts:
                self._prompts[(phase.id, prompt.id)] = self._holds(prompt.show_if, phase.id)

    def _holds(self, source: str | None, phase_id: str) -> bool:
        if not source:
            return True
        try:
            expr = show_if.parse(source)
        except show_if.ShowIfError:
            return True  # a session copy is checked when written; if not, showing is the safe side

        def lookup(ref: show_if.Reference) -> object:
            return self.session.answer(ref.phase_id or phase_id, ref.prompt_id)

        return show_if.evaluate(expr, lookup)

    def phase_shown(self, phase_id: str) -> bool:
        return self._phases.get(phase_id, True)

    def prompt_shown(self, phase_id: str, prompt_id: str) -> bool:
        """A prompt is shown when its phase is and its own show_if holds."""
        return self.phase_shown(phase_id) and self._prompts.get((phase_id, prompt_id), True)

    def phases(self) -> list[PhaseCopy]:
        return [p for p in self.session.protocol.phases if self.phase_shown(p.id)]

    def prompts(self, phase_id: str) -> list[PromptCopy]:
        phase = self.session.protocol.phase(phase_id)
        return [p for p in phase.prompts if self.prompt_shown(phase_id, p.id)] if phase else []


@dataclass(frozen=True)
class Missing:
    """A required item that is shown and still empty (or an instrument left unfinished)."""

    phase_id: str
    phase_title: str
    prompt_id: str | None
    """None for an unfinished instrument."""
    text: str
    """The prompt's text, or the instrument's title."""
    message: str


def _untouched_optional(session: Session, phase: PhaseCopy) -> bool:
    record = session.phases.get(phase.id)
    return phase.optional and (record is None or not record.touched())


def missing_required(session: Session, visibility: Visibility | None = None) -> list[Missing]:
    """Required prompts shown and left empty, then unfinished instruments, in protocol order."""
    shown = visibility or Visibility(session)
    out: list[Missing] = []
    for phase in shown.phases():
        if _untouched_optional(session, phase):
            continue
        for prompt in shown.prompts(phase.id):
            if prompt.required and is_empty(session.answer(phase.id, prompt.id)):
                message = prompt.required_message or DEFAULT_REQUIRED_MESSAGE
                out.append(Missing(phase.id, phase.title, prompt.id, prompt.text, message))
        result = score_of(session, phase.id)
        if phase.instrument is not None and result is not None and not result.complete:
            left = result.of - result.answered
            message = f"{left} of {result.of} items not answered yet: no total band until all are."
            out.append(Missing(phase.id, phase.title, None, phase.instrument.title, message))
    return out


def score_of(session: Session, phase_id: str) -> Score | None:
    """The live score of a phase's instrument; None if it has none or nothing is answered yet."""
    phase = session.protocol.phase(phase_id)
    record = session.phases.get(phase_id)
    if phase is None or phase.instrument is None or record is None or not record.instrument:
        return None
    return score(phase.instrument, record.instrument)


@dataclass(frozen=True)
class PhaseAlert:
    phase_id: str
    phase_title: str
    instrument_title: str
    alert: RaisedAlert

    @property
    def message(self) -> str:
        return self.alert.message


def raised_alerts(session: Session) -> list[PhaseAlert]:
    """Every alert an instrument answer raises, in protocol order, whether the phase is shown or not."""
    out: list[PhaseAlert] = []
    for phase in session.protocol.phases:
        result = score_of(session, phase.id)
        if result is None or phase.instrument is None:
            continue
        out.extend(PhaseAlert(phase.id, phase.title, phase.instrument.title, a) for a in result.alerts)
    return out


def answer_text(session: Session, phase_id: str, prompt_id: str) -> str:
    """A prompt's answer as one line a reader sees ("" if none); a text prompt's note as written."""
    prompt = session.prompt_copy(phase_id, prompt_id)
    value = session.answer(phase_id, prompt_id)
    if prompt.type == "text":
        return value or ""
    return display_answer(prompt, value)


def answer_items(session: Session, phase_id: str, prompt_id: str) -> list[str]:
    """A prompt's answer as separate entries (one per list entry or chosen label); [] if none."""
    prompt = session.prompt_copy(phase_id, prompt_id)
    value = session.answer(phase_id, prompt_id)
    if prompt.type == "text":
        return [value] if value else []
    return display_items(prompt, value)
