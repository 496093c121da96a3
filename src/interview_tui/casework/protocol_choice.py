"""Which protocol a new session starts with: the open-case one for a returning client whose case is open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.casework.closing_events import closing_events_missing
from interview_tui.casework.glance import ClientGlances, ClientRecordError
from interview_tui.store.sessions import SessionStore

if TYPE_CHECKING:
    from collections.abc import Mapping

    from interview_tui.core.protocol import Protocol


def has_open_case(store: SessionStore, code: str) -> bool:
    """Whether ``code`` is a returning client whose case is open: seen before, and not closed since (by the
    client view, or by a finished ending session not yet in the record). An unreadable record counts as open."""
    sessions = store.client_summaries(code)
    if not sessions:
        return False
    try:
        glance = ClientGlances(store).get(code)
    except ClientRecordError:
        return True
    return not glance.is_closed and not closing_events_missing(glance, sessions)


def fitting_protocol(protocols: "Mapping[str, Protocol]", open_case: bool, default: str | None) -> str | None:
    """The protocol a new session starts with: for an open case, the one whose phase file says
    ``default_for = "open-case"``; otherwise the settings' ``default``, else the one for a new client."""
    return fitting_protocol_id({pid: p.protocol.default_for for pid, p in protocols.items()}, open_case, default)


def fitting_protocol_id(default_for: "Mapping[str, str | None]", open_case: bool, default: str | None) -> str | None:
    """``fitting_protocol`` from each protocol's ``default_for`` alone (protocol id -> its value, or None): what
    ``new CODE`` knows from the remembered check of the phase files, before any protocol is loaded."""
    if open_case:
        for protocol_id, kind in default_for.items():
            if kind == "open-case":
                return protocol_id
    if default in default_for:
        return default
    return next((pid for pid, kind in default_for.items() if kind == "new-client"), None)
