"""The phase language: what a protocol file in ``phases/`` may say.

A protocol is an ordered set of phases for one kind of interview (intake,
follow-up, crisis, ...). Each phase carries its purpose, guidance for the
practitioner, prompts to ask (each gets its own note field), a checklist and
the technique cues that fit it. Technique cue cards are shared between
protocols and live in their own files (see ``TechniqueFile``).

These models are strict (unknown keys are errors) so that a typo in a phase
file is reported instead of silently ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, Sequence
from typing import Protocol as TypingProtocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

from interview_tui.core.visible_text import refuse_control_characters
from interview_tui.core import show_if
from interview_tui.core.fields import CHOICE_TYPES, DEFAULT_SCALE, FIELD_TYPES, Choice
from interview_tui.core.instruments import Instrument

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64),
]
"""A stable id: lower-case letters, digits, '-' and '_' (saved sessions refer to it)."""

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty piece of text."""


CARRY_KINDS: dict[str, str] = {
    "summary": "the session's summary, shown in the next session's preparation",
    "next_steps": "the next steps agreed, shown in the next session's preparation",
    "risk": "the risk as judged in a crisis, shown as such in the next session's preparation",
    "safety_plan": "a step of the safety plan made in a crisis, shown as such in the next session's preparation",
}
"""What a prompt's note may carry forward to the client's next session (``carry = "summary"``)."""

PHASE_PANELS: dict[str, str] = {
    "carried": "what was carried forward from the last session: open goals, plan items, summary, next steps",
    "contacts": "the local emergency and referral contacts from the settings file",
    "flags": "the case's open flags as they stood when the session began",
}
"""Read-only panels a phase may show above its prompts (``shows = ["carried"]``)."""


def _known(value: str, known: dict[str, str], what: str) -> str:
    if value not in known:
        raise ValueError(f"unknown {what} '{value}' (known: {', '.join(known)})")
    return value


NOTE_STYLES: dict[str, tuple[str, ...]] = {
    "soap": ("subjective", "objective", "assessment", "plan"),
    "dap": ("data", "assessment", "plan"),
    "birp": ("behavior", "intervention", "response", "plan"),
    "girp": ("goal", "intervention", "response", "plan"),
}
"""Structured note styles and their sections, in the order they are written."""

PREPARATION_SECTION = "preparation"
"""A section every note style accepts besides its own: the practitioner's preparation before the meeting
(records read, the purpose, the room, the interpreter). It is not what the client said or did, so an export
shows it apart, after the note's own sections, never inside them."""


def _check_sections(sections: dict[str, str]) -> dict[str, str]:
    for style, section in sections.items():
        if style not in NOTE_STYLES:
            known = ", ".join(NOTE_STYLES)
            raise ValueError(f"unknown note style '{style}' (known: {known})")
        if section not in NOTE_STYLES[style] and section != PREPARATION_SECTION:
            known = ", ".join((*NOTE_STYLES[style], PREPARATION_SECTION))
            raise ValueError(f"'{section}' is not a {style.upper()} section (known: {known})")
    return sections


class _Strict(BaseModel):
    """Unknown keys are errors, and values are taken as the file wrote them: ``required = "no"`` or ``min = "3"``
    is refused, never coerced (TOML has booleans and integers of its own)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value: object, info: ValidationInfo) -> object:
        """No text from the file may hold ESC, BEL or another control character (a terminal would obey it)."""
        return refuse_control_characters(value, f"'{info.field_name}'")


class _HasId(TypingProtocol):
    @property
    def id(self) -> str: ...


def _no_duplicate_ids(items: Sequence[_HasId], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate {what} id '{item.id}'")
        seen.add(item.id)


class Prompt(_Strict):
    """A question or topic to cover; its note or answer is saved under its id.

    ``type`` says what kind of answer it takes (see fields.py); ``choices``
    names a list of the file's ``[choices]`` table; ``show_if`` is an
    expression over earlier answers (see show_if.py).
    """

    id: Identifier
    text: Line
    hint: str | None = None
    sections: dict[str, str] = Field(default_factory=dict)
    """Which section of each note style this prompt's note feeds (overrides the phase's)."""
    type: str = "text"
    choices: Identifier | None = None
    min: int | None = None
    max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    required: bool = False
    required_message: str | None = None
    show_if: str | None = None
    flags: dict[Identifier, Identifier] = Field(default_factory=dict)
    """Choice values that raise a flag on the client, and the flag's name: ``{ medium = "risk", high = "risk" }``."""
    meaning: Literal["next_appointment", "close_case"] | None = None
    """What the answer means for the case: a date prompt giving the next appointment, or a yes/no prompt
    that closes the case when a finished session answers yes."""
    carry: str | None = None
    """Carry this prompt's note to the client's next session: "summary", "next_steps", "risk" or "safety_plan"."""

    @field_validator("carry")
    @classmethod
    def _known_carry(cls, value: str | None) -> str | None:
        return None if value is None else _known(value, CARRY_KINDS, "carry")

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in FIELD_TYPES:
            raise ValueError(f"unknown type '{value}' (known: {', '.join(FIELD_TYPES)})")
        return value

    @field_validator("show_if")
    @classmethod
    def _parses(cls, value: str | None) -> str | None:
        if value is not None:
            show_if.parse(value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Prompt":
        _check_sections(self.sections)
        problem = prompt_problem(self)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def scale(self) -> tuple[int, int]:
        return (self.min if self.min is not None else DEFAULT_SCALE[0], self.max if self.max is not None else DEFAULT_SCALE[1])


def prompt_problem(prompt: Prompt) -> str | None:
    """What is wrong with a prompt's field definition on its own (references are checked in core/protocol_checks.py)."""
    if prompt.type in CHOICE_TYPES and prompt.choices is None:
        return f"a {prompt.type} prompt needs 'choices' (the name of a list in the [choices] table)"
    if prompt.type not in CHOICE_TYPES and prompt.choices is not None:
        return f"'choices' is only for choice and multi prompts, not {prompt.type}"
    if prompt.type != "scale":
        for key in ("min", "max", "min_label", "max_label"):
            if getattr(prompt, key) is not None:
                return f"'{key}' is only for scale prompts, not {prompt.type}"
    else:
        low, high = prompt.scale
        if low >= high:
            return f"scale min ({low}) must be below max ({high})"
    if prompt.flags and prompt.type != "choice":
        return f"'flags' is only for choice prompts, not {prompt.type}"
    needs = {"next_appointment": "date", "close_case": "yes_no"}.get(prompt.meaning or "")
    if needs is not None and prompt.type != needs:
        return f"meaning = '{prompt.meaning}' is only for {needs} prompts, not {prompt.type}"
    if prompt.required_message is not None and not prompt.required:
        return "'required_message' is only for prompts with required = true"
    return None


ChoiceEntry = Choice | Line
"""A choice list entry: ``{ value = "low", label = "Low" }`` or just ``"Low"`` (value and label alike)."""


class ChecklistItem(_Strict):
    """Something to make sure of during the phase (ticked, never exported as a cue)."""

    id: Identifier
    text: Line


class Technique(_Strict):
    """A technique cue card: what the technique is and an example of it in use."""

    id: Identifier
    name: Line
    what: Line
    example: str | None = None


class Phase(_Strict):
    """One step of an interview."""

    id: Identifier
    title: Line
    purpose: Line
    guidance: list[Line] = Field(default_factory=list)
    techniques: list[Identifier] = Field(default_factory=list)
    prompt: list[Prompt] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    sections: dict[str, str] = Field(default_factory=dict)
    """Default note-style sections for this phase's prompts, e.g. ``{ soap = "subjective" }``."""
    show_if: str | None = None
    """The phase appears only when this holds (references must be ``phase_id.prompt_id`` of earlier phases)."""
    optional: bool = False
    """An optional section: never reported missing; left out of exports when untouched."""
    collects: Literal["goals", "plan"] | None = None
    """The phase shows the goal or plan-item editor."""
    instrument: Instrument | None = None
    shows: list[str] = Field(default_factory=list)
    """Read-only panels shown above the prompts: "carried" (the last session's context), "contacts"."""

    @field_validator("shows")
    @classmethod
    def _known_panels(cls, value: list[str]) -> list[str]:
        for panel in value:
            _known(panel, PHASE_PANELS, "panel")
        if len(set(value)) != len(value):
            raise ValueError("a panel is named twice in 'shows'")
        return value

    @field_validator("show_if")
    @classmethod
    def _parses(cls, value: str | None) -> str | None:
        if value is not None:
            show_if.parse(value)
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> "Phase":
        _check_sections(self.sections)
        _no_duplicate_ids(self.prompt, "prompt")
        _no_duplicate_ids(self.checklist, "checklist item")
        return self

    @property
    def prompts(self) -> list[Prompt]:
        return self.prompt


DefaultFor = Literal["new-client", "open-case"]
"""When a protocol is the one a new session starts with: for a client seen for the first time, or for a client
whose case is open (a returning client). The settings' ``default_protocol`` wins for new clients."""


class ProtocolInfo(_Strict):
    id: Identifier
    title: Line
    summary: str = ""
    default_for: DefaultFor | None = None


class Protocol(_Strict):
    """A whole protocol file: ``[protocol]``, optional ``[[technique]]`` cards, ``[[phase]]`` list."""

    protocol: ProtocolInfo
    if TYPE_CHECKING:
        # What a list holds once read: ``_lists`` makes each plain string a Choice.
        choices: dict[str, list[Choice]] = Field(default_factory=dict)
    else:
        choices: dict[Identifier, list[ChoiceEntry]] = Field(default_factory=dict)
    """Reusable choice lists by name, defined once per file in a ``[choices]`` table."""
    technique: list[Technique] = Field(default_factory=list)
    phase: list[Phase] = Field(min_length=1)

    @field_validator("choices")
    @classmethod
    def _lists(cls, value: dict[str, list[Choice | str]]) -> dict[str, list[Choice]]:
        out: dict[str, list[Choice]] = {}
        for name, entries in value.items():
            listed = [e if isinstance(e, Choice) else Choice(value=e, label=e) for e in entries]
            if not listed:
                raise ValueError(f"choice list '{name}' is empty")
            values = [c.value for c in listed]
            dup = next((v for v in values if values.count(v) > 1), None)
            if dup is not None:
                raise ValueError(f"choice list '{name}' has '{dup}' twice")
            out[name] = listed
        return out

    @model_validator(mode="after")
    def _unique_ids(self, info: ValidationInfo) -> "Protocol":
        # (Duplicate phase and technique ids are among the located checks, to name the line of the second.)
        if not (info.context or {}).get("located_checks"):
            from interview_tui.core.protocol_checks import protocol_problems

            problems = protocol_problems(self)
            if problems:
                raise ValueError(f"{problems[0].place}: {problems[0].message}")
        return self

    def options(self, prompt: Prompt) -> list[Choice]:
        """The choice list of a choice or multi prompt (empty for other types)."""
        return list(self.choices.get(prompt.choices, [])) if prompt.choices else []

    @property
    def id(self) -> str:
        return self.protocol.id

    @property
    def title(self) -> str:
        return self.protocol.title

    @property
    def phases(self) -> list[Phase]:
        return self.phase

    def phase_by_id(self, phase_id: str) -> Phase | None:
        return next((p for p in self.phase if p.id == phase_id), None)


class TechniqueFile(_Strict):
    """A file of shared technique cue cards (only ``[[technique]]`` tables)."""

    technique: list[Technique] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "TechniqueFile":
        _no_duplicate_ids(self.technique, "technique")
        return self
