"""The opening screen's look at the client's case before their session is made (a mixin of ``OpeningScreen``).

The command line glanced only at the client's record (no pydantic before the
first frame). Once the phase files are read, the case is looked at with its
sessions, a finished ending session that closed it included: an open case
goes on; a closed one is reopened with a reason first, or nothing starts and
the home screen takes this one's place. When the app is closing
(``start_session(hand_over=False)``) nobody is asked: what was typed is saved
in a session all the same, and the case stays closed.

Needs, from the screen: ``pending`` and ``start_session`` (see ``CaseCheckHost``), and Textual's ``app``,
``notify``, ``query``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from interview_tui.ui.widgets.note_field import NoteField

if TYPE_CHECKING:
    from textual.screen import Screen

    from interview_tui.casework.cases import ClientCase
    from interview_tui.casework.clients import ClientRecord
    from interview_tui.phases.outline import PendingStart
    from interview_tui.store.sessions import SessionSummary
    from interview_tui.ui.of_app import OfInterviewApp


class CaseCheckHost(Protocol):
    """What the case check uses of ``OpeningScreen`` besides its being a Screen of this app."""

    pending: PendingStart
    """The client and protocol ``new CLIENT`` was given."""

    def start_session(self, hand_over: bool = True) -> bool: ...


if TYPE_CHECKING:

    class _OpeningScreenBase(OfInterviewApp, Screen[None], CaseCheckHost): ...

else:
    _OpeningScreenBase = object


class CaseCheck(_OpeningScreenBase):
    _case_checked: bool = False
    """Whether the client's case was found open (or reopened) before the session is made."""
    _asking: bool = False
    """The question to reopen a closed case is on screen."""
    _client_sessions: list[SessionSummary] | None = None
    """The client's sessions, as the case check listed them (carrying forward needs them too)."""

    def _case_is_open(self) -> bool:
        """True if the case is open (or was reopened); False while the practitioner is asked to reopen it."""
        if self._case_checked:
            return True
        if self._asking:
            return False
        from interview_tui.casework.glance import ClientRecordError
        from interview_tui.ui.casework import case_of

        try:
            case = case_of(self.app, self.pending.client_code)
        except ClientRecordError:
            case = None  # (an unreadable record: the command line takes the sure way; this is only a race)
        if case is not None:
            self._client_sessions = case.sessions
        if case is None or not case.is_closed:
            self._case_checked = True
            return True
        from interview_tui.ui.screens.reason import ReasonDialog

        self._asking = True
        code = self.pending.client_code
        self.app.push_screen(
            ReasonDialog(
                f"The case of {code} is closed ({case.record.closed_reason}).\n"
                "Reopen it to start a new session? Say why:",
                "Reopen and start",
            ),
            callback=lambda reason: self._reopen(case, reason),
        )
        return False

    def _reopen(self, case: ClientCase[ClientRecord], reason: str | None) -> None:
        self._asking = False
        if reason is None:
            typed = any(field.text for field in self.query(NoteField))
            self.notify(
                f"The case of {self.pending.client_code} stays closed: no session was started"
                + (", and what was typed on its first screen was not kept." if typed else "."),
                timeout=10,
            )
            self.app.pop_screen()  # (the home screen takes this one's place)
            return
        from interview_tui.casework.glance import ClientRecordError
        from interview_tui.ui.casework import client_book

        case.record.reopen_case(reason)
        try:
            client_book(self.app).save(case.record)
        except ClientRecordError as exc:
            self.notify(f"Client record: {exc}", severity="error", timeout=10)
            return
        self._case_checked = True
        self.start_session()
