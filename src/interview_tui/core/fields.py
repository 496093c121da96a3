"""Field types: what kind of answer a prompt takes, and what a valid answer of each kind is.

A prompt is free text (``text``, the default: its note is kept in
``PhaseNotes.notes``) or one of the typed kinds below, whose answer is kept
in ``PhaseNotes.answers`` as plain JSON data:

=========  ==========================================  ==================
type       what the practitioner enters                stored value
=========  ==========================================  ==================
short      one line of text                            ``str``
choice     one value of a choice list                  ``str`` (the value)
multi      several values of a choice list             ``list[str]`` (list order)
scale      a whole number between ``min`` and ``max``  ``int``
date       a calendar date                             ``str`` ``yyyy-mm-dd``
yes_no     yes or no                                   ``bool``
list       a list of short entries                     ``list[str]``
=========  ==========================================  ==================

``check_answer`` turns what a widget hands over into the stored value, or
raises ``ValueError`` with a message meant for the practitioner. An empty
value (``None``, ``""``, ``[]``) means "no answer" and is returned as None.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Protocol, Sequence

from pydantic import BaseModel, ConfigDict

FieldType = Literal["text", "short", "choice", "multi", "scale", "date", "yes_no", "list"]
FIELD_TYPES: tuple[str, ...] = ("text", "short", "choice", "multi", "scale", "date", "yes_no", "list")
CHOICE_TYPES: tuple[str, ...] = ("choice", "multi")
"""Types that take their values from a choice list."""

Answer = str | int | bool | list[str]
"""A stored typed answer (see the table above)."""

DEFAULT_SCALE = (0, 10)
"""A scale prompt without ``min``/``max`` runs from 0 to 10."""

YES, NO = "Yes", "No"


class Choice(BaseModel):
    """One entry of a choice list: the stored ``value`` and the ``label`` people read."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)  # (a phase file's: no coercion)

    value: str
    label: str


class FieldSpec(Protocol):
    """What ``check_answer`` needs to know about a prompt (``PromptCopy`` has all of it)."""

    # Read-only (properties), so that a prompt whose ``type`` is a Literal and whose
    # ``choices`` is a list fits.
    @property
    def type(self) -> str: ...
    @property
    def choices(self) -> Sequence[Choice]: ...
    @property
    def min(self) -> int | None: ...
    @property
    def max(self) -> int | None: ...


def scale_bounds(spec: FieldSpec) -> tuple[int, int]:
    low = spec.min if spec.min is not None else DEFAULT_SCALE[0]
    high = spec.max if spec.max is not None else DEFAULT_SCALE[1]
    return low, high


def is_empty(value: object) -> bool:
    """True for "no answer": None, blank text, an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    return False


def _one_line(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    if "\n" in value or "\r" in value:
        raise ValueError(f"{what} must be one line")
    return value


def _values(spec: FieldSpec) -> list[str]:
    return [c.value for c in spec.choices]


def _known(spec: FieldSpec) -> str:
    return ", ".join(_values(spec))


def check_answer(spec: FieldSpec, value: object) -> Answer | None:
    """The value to store for ``value``, None for no answer; ValueError with a clear message if invalid."""
    kind = spec.type
    if kind == "text":
        raise ValueError("a text prompt has a note, not an answer")
    if value is None:
        return None
    if kind == "short":
        text = _one_line(value, "short answer")
        return text if text.strip() else None
    if kind == "choice":
        if value == "":
            return None
        if not isinstance(value, str) or value not in _values(spec):
            raise ValueError(f"{value!r} is not one of the choices ({_known(spec)})")
        return value
    if kind == "multi":
        if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, str) for v in value):
            raise ValueError("multiple choice answer must be a list of choice values")
        unknown = [v for v in value if v not in _values(spec)]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not one of the choices ({_known(spec)})")
        chosen = [v for v in _values(spec) if v in value]
        return chosen or None
    if kind == "scale":
        low, high = scale_bounds(spec)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"scale answer must be a whole number {low}-{high}")
        if not low <= value <= high:
            raise ValueError(f"scale answer must be {low}-{high}")
        return value
    if kind == "date":
        return _check_date(value)
    if kind == "yes_no":
        if not isinstance(value, bool):
            raise ValueError("yes/no answer must be true or false")
        return value
    if kind == "list":
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ValueError("list answer must be a list of entries")
        entries = [_one_line(v, "each list entry") for v in value]
        kept = [e for e in entries if e.strip()]
        return kept or None
    raise ValueError(f"unknown field type '{kind}'")


def _check_date(value: object) -> str | None:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if not value.strip():
            return None
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueError("date answer must be a real date written yyyy-mm-dd, e.g. 2026-03-21")


def choice_label(spec: FieldSpec, value: str) -> str:
    """The label of a choice value (the value itself if the list no longer has it)."""
    return next((c.label for c in spec.choices if c.value == value), value)


def display_items(spec: FieldSpec, value: Answer | None) -> list[str]:
    """An answer as the lines a reader sees: labels for choices, "Yes"/"No", "7 (0-10)" for scales."""
    if value is None or is_empty(value):
        return []
    kind = spec.type
    if kind == "choice" and isinstance(value, str):
        return [choice_label(spec, value)]
    if kind == "multi" and isinstance(value, list):
        return [choice_label(spec, v) for v in value]
    if kind == "yes_no" and isinstance(value, bool):
        return [YES if value else NO]
    if kind == "scale" and isinstance(value, int):
        low, high = scale_bounds(spec)
        return [f"{value} ({low}-{high})"]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def display_answer(spec: FieldSpec, value: Answer | None) -> str:
    """An answer as one line of text ("" for no answer); list entries are joined with "; "."""
    return "; ".join(display_items(spec, value))
