"""What the client view does to the client's record: save the name and notes, clear a flag, close or reopen the
case, each with a reason; when another window or machine changed the same fields, ask whose to keep.

Part of ``ClientViewScreen`` (``client_view.py``), which shows the case these change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual import work
from textual.widgets import DataTable, Input, TextArea

from interview_tui.casework.clients import ClientRecordError, RecordConflict

if TYPE_CHECKING:
    from textual.screen import Screen

    from interview_tui.casework.cases import ClientCase
    from interview_tui.casework.clients import ClientRecord
    from interview_tui.ui.of_app import OfInterviewApp


class ClientViewHost(Protocol):
    """What these actions use of ``ClientViewScreen`` besides its being a Screen."""

    code: str

    @property
    def loaded_case(self) -> "ClientCase[ClientRecord]": ...

    def load(self) -> None:
        """Read the case again and show it."""


if TYPE_CHECKING:

    class _Base(OfInterviewApp, Screen[None], ClientViewHost): ...

else:
    _Base = object


class ClientRecordActions(_Base):
    # ------------------------------------------------------------ saving

    def _take_edits(self) -> bool:
        """Copy the name and notes into the record; True if they changed."""
        record = self.loaded_case.record
        name = self.query_one("#client-name", Input).value.strip()
        notes = self.query_one("#client-notes", TextArea).text
        changed = (name, notes) != (record.display_name, record.notes)
        record.display_name, record.notes = name, notes
        return changed

    def _save(self) -> bool:
        """Save the record; False if it was not saved as it stands here (said, or asked about)."""
        from interview_tui.ui.casework import client_book

        try:
            client_book(self.app).save(self.loaded_case.record)
        except RecordConflict as exc:
            self._ask_about_conflict(exc)
            return False
        except ClientRecordError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False
        return True

    @work
    async def _ask_about_conflict(self, conflict: RecordConflict) -> None:
        """Both windows (or machines) changed the same fields: the other's are on disk (with both sides' events);
        the practitioner says whose to keep, and the fields show what is kept."""
        from interview_tui.ui.casework import client_book
        from interview_tui.ui.screens.confirm import ConfirmDialog

        names = " and ".join(name.replace("_", " ") for name in conflict.fields)
        keep_mine = await self.app.push_screen_wait(
            ConfirmDialog(
                f"The {names} of {self.code} also changed in another window or on another machine since this "
                f"view opened.\nThe other one's {names} are saved for now, with everything else from both. "
                "Keep the ones typed here instead?",
                "Keep mine",
                no="Keep the other one's",
            )
        )
        record = self.loaded_case.record
        if keep_mine:
            for name in conflict.fields:
                setattr(record, name, conflict.mine[name])
            try:
                client_book(self.app).save(record, keep_mine=frozenset(conflict.fields))
            except ClientRecordError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self.notify(f"Your {names} kept.")
        else:
            self.notify(f"The other one's {names} kept.")
        self.query_one("#client-name", Input).value = record.display_name
        self.query_one("#client-notes", TextArea).text = record.notes

    def action_save_client(self) -> None:
        self._take_edits()
        if self._save():
            self.notify("Client saved.")

    def action_close(self) -> None:
        if self._take_edits() and not self._save():
            return
        self.dismiss()

    # ------------------------------------------------------------ flags and case

    @work
    async def action_clear_flag(self) -> None:
        from interview_tui.casework.flags import clear_case_flag
        from interview_tui.ui.screens.reason import ReasonDialog

        case = self.loaded_case
        table = self.query_one("#client-flags", DataTable)
        flags = case.flags
        if not flags:
            self.notify("No open flags.")
            return
        flag = flags[min(table.cursor_row or 0, len(flags) - 1)]
        every = " (cleared for each of them)" if len(flag.session_ids) > 1 else ""
        reason = await self.app.push_screen_wait(
            ReasonDialog(f"Clear {flag.text} raised {flag.raised_on.isoformat()} in {flag.sources_text}{every}? "
                         "Say why:", "Clear flag")
        )
        if reason is None:
            return
        self._take_edits()
        clear_case_flag(case.record, flag, reason)
        if self._save():
            self.notify("Flag cleared.")
        self.load()

    @work
    async def action_close_or_reopen(self) -> None:
        from interview_tui.casework.closing import closing_concerns
        from interview_tui.ui.screens.confirm import ConfirmDialog
        from interview_tui.ui.screens.reason import ReasonDialog

        record = self.loaded_case.record
        closing = not record.is_closed
        concerns = closing_concerns(self.loaded_case) if closing else []
        if concerns:
            listed = "\n".join(f"• {concern}" for concern in concerns)
            go_on = await self.app.push_screen_wait(
                ConfirmDialog(f"Before closing the case of {self.code}, think twice:\n{listed}\n"
                              "Close it all the same?", "Close anyway", no="Keep it open")
            )
            if not go_on:
                return
        question = f"Close the case of {self.code}? Say why:" if closing else f"Reopen the case of {self.code}? Say why:"
        reason = await self.app.push_screen_wait(ReasonDialog(question, "Close case" if closing else "Reopen case"))
        if reason is None:
            return
        self._take_edits()
        if closing:
            record.close_case(reason)
        else:
            record.reopen_case(reason)
        if self._save():
            self.notify("Case closed." if closing else "Case reopened.")
        self.load()
