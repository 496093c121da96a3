"""Starting a session from the command line before its protocol is validated (``interview-tui new CLIENT``).

A session needs its protocol, and a protocol is only known after its file
has been validated, which needs pydantic and the protocol models: more time
than the rest of a launch. But when the phase files are unchanged since
they were last validated (``phase_check.py``), the protocol's file, the very
bytes that passed, can be read as plain TOML: enough to draw the session
screen (phases, purpose, prompts, note fields) at once. The practitioner
can type straight away; the session itself is made (validated, saved, and
what was typed put in it) a moment later, just after the first frame.

Nothing here imports pydantic. The client code rule is the one of
``session.py`` (a test keeps the two the same).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from interview_tui.phase_check import PhaseCheck, file_digest

CLIENT_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
CLIENT_CODE_RULE = "1-40 letters, digits, '.', '_' or '-', starting with a letter or digit (a code, not a name)"


def is_valid_client_code(code: str) -> bool:
    return re.fullmatch(CLIENT_CODE_PATTERN, code) is not None


def now() -> datetime:
    """The current time, timezone-aware, to the second (as ``session.now``)."""
    return datetime.now(timezone.utc).astimezone().replace(microsecond=0)


@dataclass(frozen=True)
class OutlinePrompt:
    id: str
    text: str
    hint: str | None


@dataclass(frozen=True)
class OutlineItem:
    id: str
    text: str


@dataclass(frozen=True)
class OutlinePhase:
    id: str
    title: str
    purpose: str
    guidance: tuple[str, ...]
    prompts: tuple[OutlinePrompt, ...]
    checklist: tuple[OutlineItem, ...]


@dataclass(frozen=True)
class Outline:
    """What the session screen shows of a protocol, read from its TOML without validating it."""

    protocol_id: str
    title: str
    phases: tuple[OutlinePhase, ...]


@dataclass(frozen=True)
class PendingStart:
    """A session asked for on the command line, to be made once its protocol is validated."""

    client_code: str
    protocol_id: str
    outline: Outline
    at: datetime
    """When it was asked for: the session's start time."""


class _Odd(Exception):
    """The TOML is not of the shape a valid protocol file has: take the slow, sure way."""


def _text(value: Any, strip: bool = True) -> str:
    if type(value) is not str:
        raise _Odd
    value = value.strip() if strip else value
    if strip and not value:
        raise _Odd
    return value


def _tables(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if type(value) is not list or not all(type(t) is dict for t in value):
        raise _Odd
    return value


def outline_of(data: dict[str, Any]) -> Outline | None:
    """The outline of a protocol file's data, or None if it does not look like a valid protocol."""
    try:
        info = data.get("protocol")
        if type(info) is not dict:
            raise _Odd
        phases = []
        for phase in _tables(data.get("phase")):
            guidance = phase.get("guidance", [])
            if type(guidance) is not list:
                raise _Odd
            prompts = tuple(
                OutlinePrompt(_text(p.get("id")), _text(p.get("text")),
                              None if p.get("hint") is None else _text(p.get("hint"), strip=False))
                for p in _tables(phase.get("prompt"))
            )  # fmt: skip
            checklist = tuple(OutlineItem(_text(c.get("id")), _text(c.get("text"))) for c in _tables(phase.get("checklist")))
            phases.append(
                OutlinePhase(
                    id=_text(phase.get("id")),
                    title=_text(phase.get("title")),
                    purpose=_text(phase.get("purpose")),
                    guidance=tuple(_text(line) for line in guidance),
                    prompts=prompts,
                    checklist=checklist,
                )
            )
        if not phases:
            raise _Odd
        return Outline(_text(info.get("id")), _text(info.get("title")), tuple(phases))
    except _Odd:
        return None


def pending_start(client_code: str, protocol_id: str, check: PhaseCheck, at: datetime | None = None) -> PendingStart | None:
    """A session to start with ``protocol_id`` as the last check validated it; None if its file is not exactly
    the one validated (or looks wrong): then the protocol is read and validated before the app starts."""
    source = check.sources.get(protocol_id)
    if source is None:
        return None
    path, digest = source
    try:
        data = Path(path).read_bytes()
        if file_digest(data) != digest:
            return None
        outline = outline_of(tomllib.loads(data.decode("utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if outline is None or outline.protocol_id != protocol_id:
        return None
    return PendingStart(client_code, protocol_id, outline, at or now())
