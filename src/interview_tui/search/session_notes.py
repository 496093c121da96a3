"""What search holds of one session file: what a hit shows of the session, and every searchable text in it.

A session's fields are its client code, then its notes in the order of the
interview (``session_fields``); each has a place (phase and prompt) that a hit
names. The search index (index.py) stores them as ``read_session`` returns
them; the session file stays the only source of truth.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

Place = tuple[str | None, str | None, str | None, str | None]
"""(phase id, phase title, prompt id, prompt text); all None for the client code (a prompt's two for other notes)."""
CLIENT_PLACE: Place = (None, None, None, None)

Unseal = Callable[[bytes, Path], bytes]
"""The store's way of turning a session file's bytes into plain JSON (decrypting it if needed)."""


@dataclass
class SessionNotes:
    """One session file as search holds it."""

    name: str
    """The file's name in the sessions folder."""
    mtime_ns: int
    size: int
    session_id: str
    client: str
    protocol_id: str
    protocol_title: str
    started_at: str
    """ISO 8601, as written in the file."""
    sort: float
    """When the session started, as a POSIX timestamp: newest first."""
    status: str
    fields: list[tuple[Place, str]]
    """The client code, then every note as written, in the order of the interview."""


def session_fields(data: dict[str, Any]) -> list[tuple[Place, str]]:
    """Every searchable text of a session file's JSON, in the order of the interview: the client code, then per
    phase each prompt's note (in the protocol's order) and the phase's other notes.

    New kinds of notes (goals, plan items...) belong here, each with the place a hit should name.
    """
    found: list[tuple[Place, str]] = [(CLIENT_PLACE, str(data["client_code"]))]
    records = data.get("phases") or {}
    copies = list(data["protocol"]["phases"])
    known = {str(ph["id"]) for ph in copies}
    copies += [{"id": pid, "title": pid, "prompts": []} for pid in records if pid not in known]
    for phase in copies:
        phase_id, title = str(phase["id"]), str(phase["title"])
        record = records.get(phase_id) or {}
        notes = record.get("notes") or {}
        prompts = {str(p["id"]): str(p["text"]) for p in phase.get("prompts") or []}
        for prompt_id in [*prompts, *(p for p in notes if p not in prompts)]:
            text = notes.get(prompt_id)
            if isinstance(text, str) and text:
                found.append(((phase_id, title, prompt_id, prompts.get(prompt_id, prompt_id)), text))
        answers = record.get("answers") or {}
        for prompt_id, value in answers.items():
            text = _answer_text(value)
            if text:
                found.append(((phase_id, title, str(prompt_id), prompts.get(str(prompt_id), str(prompt_id))), text))
        other = record.get("other_notes")
        if isinstance(other, str) and other:
            found.append(((phase_id, title, None, None), other))
    found += _records_fields(copies, "goals", data.get("goals"), ("what", "measure", "why_it_matters", "client_words"))
    found += _records_fields(copies, "plan", data.get("plan_items"), ("action", "agency_contact"))
    return found


def _answer_text(value: object) -> str:
    """Typed answers worth searching: short answers and list entries (choices, dates and numbers are not notes)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "; ".join(v for v in value if isinstance(v, str) and v)
    return ""


def _records_fields(copies: list[dict[str, Any]], collects: str, records: object, keys: tuple[str, ...]) -> list[tuple[Place, str]]:
    """Goals or plan items, each as one text, placed in the phase that collects them (or a phase of their own)."""
    if not isinstance(records, list):
        return []
    phase = next((ph for ph in copies if ph.get("collects") == collects), None)
    phase_id = str(phase["id"]) if phase else collects
    title = str(phase["title"]) if phase else ("Goals" if collects == "goals" else "Plan")
    what = "Goal" if collects == "goals" else "Plan item"
    found: list[tuple[Place, str]] = []
    for item in records:
        if not isinstance(item, dict):
            continue
        text = " · ".join(str(item[k]) for k in keys if isinstance(item.get(k), str) and item[k])
        if text:
            found.append(((phase_id, title, str(item.get("id", "")), what), text))
    return found


def read_session(path: Path, stat: os.stat_result, unseal: Unseal) -> SessionNotes:
    """A session file as search holds it; ValueError (etc.) if it is not a readable session."""
    data = json.loads(unseal(path.read_bytes(), path))
    if str(data["id"]) != path.stem:
        raise ValueError("the id inside is not the file's name")
    from datetime import datetime

    started = datetime.fromisoformat(str(data["started_at"]))
    protocol = data["protocol"]
    return SessionNotes(
        name=path.name,
        mtime_ns=stat.st_mtime_ns,
        size=stat.st_size,
        session_id=str(data["id"]),
        client=str(data["client_code"]),
        protocol_id=str(protocol["id"]),
        protocol_title=str(protocol["title"]),
        started_at=started.isoformat(),
        sort=started.timestamp(),
        status=str(data.get("status", "")),
        fields=session_fields(data),
    )
