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

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64),
]
"""A stable id: lower-case letters, digits, '-' and '_' (saved sessions refer to it)."""

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty piece of text."""


NOTE_STYLES: dict[str, tuple[str, ...]] = {
    "soap": ("subjective", "objective", "assessment", "plan"),
    "dap": ("data", "assessment", "plan"),
    "birp": ("behavior", "intervention", "response", "plan"),
    "girp": ("goal", "intervention", "response", "plan"),
}
"""Structured note styles and their sections, in the order they are written."""


def _check_sections(sections: dict[str, str]) -> dict[str, str]:
    for style, section in sections.items():
        if style not in NOTE_STYLES:
            known = ", ".join(NOTE_STYLES)
            raise ValueError(f"unknown note style '{style}' (known: {known})")
        if section not in NOTE_STYLES[style]:
            known = ", ".join(NOTE_STYLES[style])
            raise ValueError(f"'{section}' is not a {style.upper()} section (known: {known})")
    return sections


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _no_duplicate_ids(items: list, what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate {what} id '{item.id}'")
        seen.add(item.id)


class Prompt(_Strict):
    """A question or topic to cover; the practitioner's note for it is saved under its id."""

    id: Identifier
    text: Line
    hint: str | None = None
    sections: dict[str, str] = Field(default_factory=dict)
    """Which section of each note style this prompt's note feeds (overrides the phase's)."""

    @model_validator(mode="after")
    def _known_sections(self) -> "Prompt":
        _check_sections(self.sections)
        return self


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

    @model_validator(mode="after")
    def _unique_ids(self) -> "Phase":
        _check_sections(self.sections)
        _no_duplicate_ids(self.prompt, "prompt")
        _no_duplicate_ids(self.checklist, "checklist item")
        return self

    @property
    def prompts(self) -> list[Prompt]:
        return self.prompt


class ProtocolInfo(_Strict):
    id: Identifier
    title: Line
    summary: str = ""


class Protocol(_Strict):
    """A whole protocol file: ``[protocol]``, optional ``[[technique]]`` cards, ``[[phase]]`` list."""

    protocol: ProtocolInfo
    technique: list[Technique] = Field(default_factory=list)
    phase: list[Phase] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Protocol":
        _no_duplicate_ids(self.phase, "phase")
        _no_duplicate_ids(self.technique, "technique")
        return self

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
