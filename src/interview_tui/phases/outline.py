"""Starting a session from the command line before its protocol is loaded (``interview-tui new CLIENT``).

A session needs its protocol, and a protocol comes from validating its
file, which needs pydantic and the protocol models: more time than the rest
of a launch. But when the phase files are unchanged since they were last
validated (``phases/launch_cache.py``), the check remembers, for each protocol, the
SHA-256 of its file and an outline of what was validated (phases, purpose,
guidance, prompts, checklist): enough to draw the session screen at once.
The practitioner can type straight away; the session itself is made
(protocol validated, session saved, what was typed put in it) a moment
later, just after the first frame.

Nothing here imports pydantic. The client code rule is the one of
``session.py`` (a test keeps the two the same).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from interview_tui.core.ids import CLIENT_CODE_PATTERN as CLIENT_CODE_PATTERN
from interview_tui.core.ids import CLIENT_CODE_RULE as CLIENT_CODE_RULE
from interview_tui.core.ids import is_valid_client_code as is_valid_client_code
from interview_tui.core.ids import now as now
from interview_tui.phases.launch_cache import PhaseCheck, file_digest

class OutlinePrompt(NamedTuple):
    id: str
    text: str
    hint: str | None


class OutlineItem(NamedTuple):
    id: str
    text: str


class OutlinePhase(NamedTuple):
    id: str
    title: str
    purpose: str
    guidance: tuple[str, ...]
    prompts: tuple[OutlinePrompt, ...]
    checklist: tuple[OutlineItem, ...]
    plain: bool = False
    """Only text prompts shown at all times, no panels, editors or instrument: all the opening screen can show.
    A session whose first phase is neither plain nor ``carried`` is opened the sure way (its screen is the first
    one drawn)."""
    carried: bool = False
    """As plain, but above the prompts the panel of what the client's earlier sessions left (``shows =
    ["carried"]``, the follow-up's preparation): the opening screen draws its frame saying it is being read, and
    what it holds comes with the session screen, once the session is made (never before: it is never guessed)."""


class Outline(NamedTuple):
    """What the session screen first shows of a protocol (as validated), without the protocol models."""

    protocol_id: str
    title: str
    phases: tuple[OutlinePhase, ...]


class ProtocolChoice(NamedTuple):
    """A protocol as the new-session dialog offers it."""

    id: str
    title: str
    default_for: str | None
    """The phase file's ``default_for`` ("new-client", "open-case") or None."""


def menu_of_check(check: PhaseCheck) -> list[ProtocolChoice] | None:
    """The usable protocols as the remembered check of the phase files saw them (nothing parsed or validated), in
    the catalogue's order; None if an outline is missing or not of the expected shape (then read the files)."""
    choices = []
    for pid in check.sources:
        data = check.outlines.get(pid)
        if not isinstance(data, dict) or type(data.get("title")) is not str:
            return None
        kind = data.get("default_for")
        choices.append(ProtocolChoice(pid, data["title"], kind if type(kind) is str else None))
    return choices


def menu_of_protocols(protocols: Any) -> list[ProtocolChoice]:
    """The same from the loaded catalogue's protocols (protocol id -> loaded protocol)."""
    return [ProtocolChoice(pid, p.title, p.protocol.default_for) for pid, p in protocols.items()]


class PendingStart(NamedTuple):
    """A session asked for on the command line, to be made once its protocol is loaded."""

    client_code: str
    protocol_id: str
    outline: Outline
    at: datetime
    """When it was asked for: the session's start time."""


def outline_data(protocol: Any) -> dict[str, Any]:
    """A validated protocol's outline as JSON data (written by ``phase_check`` after each full reading)."""
    return {
        "id": protocol.id,
        "title": protocol.title,
        "default_for": protocol.protocol.default_for,
        "phases": [
            {
                "id": phase.id,
                "title": phase.title,
                "purpose": phase.purpose,
                "guidance": list(phase.guidance),
                "prompts": [[p.id, p.text, p.hint] for p in phase.prompts],
                "checklist": [[c.id, c.text] for c in phase.checklist],
                "plain": _is_plain(phase),
                "carried": _is_plain(phase, shows=["carried"]),
            }
            for phase in protocol.phases
        ],
    }


def _is_plain(phase: Any, shows: list[str] | None = None) -> bool:
    """Only text prompts shown at all times, and no panel but those named in ``shows``."""
    return (
        phase.show_if is None and list(phase.shows) == (shows or []) and phase.collects is None
        and phase.instrument is None
        and all(p.type == "text" and p.show_if is None for p in phase.prompts)
    )  # fmt: skip


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    return value


def outline_of(data: Any) -> Outline | None:
    """The outline written by ``outline_data``, or None if the data is not of that shape."""
    try:
        phases = tuple(
            OutlinePhase(
                _text(ph["id"]),
                _text(ph["title"]),
                _text(ph["purpose"]),
                tuple(_text(g) for g in ph["guidance"]),
                tuple(OutlinePrompt(_text(i), _text(t), None if h is None else _text(h)) for i, t, h in ph["prompts"]),
                tuple(OutlineItem(_text(i), _text(t)) for i, t in ph["checklist"]),
                ph["plain"] is True,
                ph.get("carried") is True,
            )
            for ph in data["phases"]
        )
        if not phases:
            return None
        return Outline(_text(data["id"]), _text(data["title"]), phases)
    except (TypeError, KeyError, ValueError):
        return None


def pending_start(client_code: str, protocol_id: str, check: PhaseCheck, at: datetime | None = None) -> PendingStart | None:
    """A session to start with ``protocol_id`` as the last check validated it; None if its file is not exactly
    the one validated (or the check has no outline of it): then the protocol is loaded before the app starts."""
    source = check.sources.get(protocol_id)
    if source is None:
        return None
    path, digest = source
    try:
        if file_digest(Path(path).read_bytes()) != digest:
            return None
    except OSError:
        return None
    outline = outline_of(check.outlines.get(protocol_id))
    if outline is None or outline.protocol_id != protocol_id:
        return None
    if not (outline.phases[0].plain or outline.phases[0].carried):
        return None
    return PendingStart(client_code, protocol_id, outline, at or now())
