"""Turning the bytes of a session file into a Session, saying exactly why when it cannot.

Three outcomes: a Session (migrated up to the current schema if it was
older), ``NewerSession`` (written by a newer app: leave it alone, never
write over it), or ``UnreadableSession`` with a reason that names the
problem but never quotes the file's content (it holds client text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from interview_tui.store.migrations import NewerSchema, SchemaProblem, migrate
from interview_tui.core.session import Session
from interview_tui.core.session_format import NewerSession, UnreadableSession

__all__ = ["NewerSession", "UnreadableSession", "decode_session", "decode_newer_for_reading"]


@dataclass(frozen=True)
class Decoded:
    session: Session
    from_version: int

    @property
    def migrated(self) -> bool:
        return self.from_version != self.session.schema_version


def decode_session(raw: bytes) -> Decoded:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableSession(f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableSession(f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise UnreadableSession("not JSON (nested too deeply)") from None
    try:
        data, version = migrate(data)
    except NewerSchema as exc:
        raise NewerSession(exc.version) from None
    except SchemaProblem as exc:
        raise UnreadableSession(str(exc)) from None
    try:
        session = Session.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
        where = ".".join(str(x) for x in first.get("loc", ())) or "the file"
        raise UnreadableSession(f"not a readable session file ({where}: {first.get('msg')})") from None
    return Decoded(session, version)


def decode_newer_for_reading(raw: bytes) -> Session:
    """A newer-version file, read as far as this app understands it (unknown fields dropped), for viewing only."""
    try:
        data = json.loads(raw)
        data["schema_version"] = Session.model_fields["schema_version"].default
        try:
            return Session.model_validate(data, extra="ignore")
        except TypeError:  # pydantic before the per-call ``extra``: only files without new fields can be shown
            return Session.model_validate(data)
    except (ValueError, TypeError, KeyError, RecursionError, ValidationError):
        raise UnreadableSession("written by a newer version of interview-tui in a form this one cannot show") from None
