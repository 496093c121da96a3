"""The case's open flags, kept in a new session that shows them (a contact note, a follow-up, an ending).

A protocol keeps them when one of its phases shows the "flags" panel or the
"carried" panel (``shows = ["flags"]``): the flags the client's earlier
sessions raised and the client's record has not cleared, as the client view
lists them, newest session first. They are kept in ``session.carried`` as
they stood when the session began (a later clearance does not rewrite the
note), shown above the phase's prompts and named at the top of its exports.
An unreadable record clears nothing: every flag counts as open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_tui.casework.flags import flag_groups, open_flags
from interview_tui.casework.glance import ClientGlance, ClientGlances, ClientRecordError
from interview_tui.core.session_carried import CarriedFlag

if TYPE_CHECKING:
    from interview_tui.core.protocol import Protocol
    from interview_tui.store.sessions import SessionStore, SessionSummary

FLAG_PANELS = ("flags", "carried")
"""Panels that show the case's open flags: a protocol with a phase showing one keeps them."""


def keeps_flags(protocol: Protocol) -> bool:
    """Whether sessions of this protocol start with the case's open flags."""
    return any(panel in phase.shows for phase in protocol.phases for panel in FLAG_PANELS)


def case_open_flags(store: SessionStore, client_code: str, summaries: list[SessionSummary] | None = None) -> list[CarriedFlag]:
    """The flags open on the client's case now, one per kind with its sources, newest session first
    (``summaries``: the client's sessions, if the caller has just listed them)."""
    if summaries is None:
        summaries = store.client_summaries(client_code)
    sessions = sorted((s for s in summaries if s.client == client_code), key=lambda s: s.started_at, reverse=True)
    try:
        record = ClientGlances(store).get(client_code)
    except ClientRecordError:
        record = ClientGlance(client_code)  # (unreadable: nothing counts as cleared)
    return [
        CarriedFlag(flag_id=f.flag_id, session_id=f.session_ids[0], raised_on=f.raised_on, name=f.flag.name,
                    value=f.flag.value, label=f.flag.label, also_raised_in=list(f.session_ids[1:]))
        for f in flag_groups(open_flags(record, sessions))
    ]  # fmt: skip
