"""Schema migration: a chain of steps that bring an older session file up to the current schema.

Each step takes the parsed JSON of a file at version N and returns it at
version N + 1. Adding schema version 2 is one function and one line::

    def _v1_to_v2(data: dict) -> dict:
        data["new_field"] = ...
        return data

    STEPS[1] = _v1_to_v2

(and ``SCHEMA_VERSION`` in session_format.py). A step never sees client text as
anything but data; it must not log or print it.

Versions:

- 1: notes only (the walk-through issue).
- 2: answers: typed answers, instrument answers and score per
  phase; goals and plan items; prompt copies keep their field definition;
  amendments say what kind of thing changed. Every new field has a default
  that means "nothing captured", so the step only makes that explicit.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from interview_tui.core.errors import InterviewError
from interview_tui.core.session_format import SCHEMA_VERSION

Step = Callable[[dict[str, Any]], dict[str, Any]]



def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Notes-only sessions: every prompt was free text, nothing typed, no goals, no plan items."""
    for phase in _dicts(_dict(data.get("protocol")).get("phases")):
        phase.setdefault("optional", False)
        for prompt in _dicts(phase.get("prompts")):
            prompt.setdefault("type", "text")
    for record in _dict(data.get("phases")).values():
        if isinstance(record, dict):
            record.setdefault("answers", {})
            record.setdefault("instrument", {})
    data.setdefault("goals", [])
    data.setdefault("plan_items", [])
    for amendment in _dicts(data.get("amendments")):
        amendment.setdefault("kind", "note")
    return data


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


STEPS: dict[int, Step] = {1: _v1_to_v2}
"""``STEPS[n]`` turns a version-``n`` file into a version-``n + 1`` file."""

FIRST_VERSION = 1


class SchemaProblem(InterviewError, ValueError):
    """The file's schema version is missing, not a number, or has no way up to the current one."""


class NewerSchema(InterviewError):
    """The file was written by a newer version of the app; it must be left exactly as it is."""

    def __init__(self, version: int, current: int) -> None:
        super().__init__(f"written by a newer version of interview-tui (schema {version}; this one reads up to {current})")
        self.version = version
        self.current = current


def version_of(data: object) -> int:
    if not isinstance(data, dict):
        raise SchemaProblem("the file is not a JSON object")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SchemaProblem("schema_version is missing or not a whole number")
    return version


def migrate(
    data: object,
    current: int = SCHEMA_VERSION,
    steps: Mapping[int, Step] | None = None,
) -> tuple[dict[str, Any], int]:
    """Bring ``data`` to ``current``; return it and the version it had. Raises NewerSchema or SchemaProblem."""
    steps = STEPS if steps is None else steps
    original = version_of(data)
    if original > current:
        raise NewerSchema(original, current)
    assert isinstance(data, dict)
    version = original
    while version < current:
        step = steps.get(version)
        if step is None:
            raise SchemaProblem(f"schema version {version} is not one this app can read")
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data, original
