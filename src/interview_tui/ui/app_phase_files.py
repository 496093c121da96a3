"""The app's side of the phase files: read after the first frame, known without reading when unchanged.

See ``phases/catalogue.py`` and ``phases/launch_cache.py``. Part of ``InterviewApp``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.message import Message

from interview_tui.settings.defaults import default_protocol_id
from interview_tui.ui.app_host import InterviewAppMixin

if TYPE_CHECKING:
    from interview_tui.phases.catalogue import LazyCatalogue
    from interview_tui.phases.launch_cache import PhaseCheck
    from interview_tui.phases.outline import ProtocolChoice
    from interview_tui.phases.files import Catalogue


class PhaseFilesRead(Message):
    """The phase files have been read (posted by the thread that read them)."""


class PhaseFilesMixin(InterviewAppMixin):
    """Needs, from the app: ``_catalogue`` (a LazyCatalogue), ``settings``, ``settings_problems``,
    ``_protocol_source``, ``default_protocol`` and ``catalogue_needed_soon()``: True when a session is about to
    need the protocols (see ``AppHost``); and Textual's ``screen_stack``, ``post_message``."""

    _catalogue: "LazyCatalogue"
    _phase_check: "PhaseCheck | None" = None
    """What the last reading of the phase files found, while they are unchanged and not read this time."""
    _default_protocol_checked: bool = False
    _catalogue_thread: threading.Thread | None = None

    @property
    def catalogue(self) -> "Catalogue":
        """The protocols and technique cards. Read when first needed (or on a thread just after launch); whoever
        needs it before it is read waits for it (a fraction of a second)."""
        found = self._catalogue.get()
        if not self._default_protocol_checked:
            self._check_default_protocol()
        return found

    def phase_problems(self) -> list[str] | None:
        """What is wrong in the phase files (one message per problem), or None while that is not known yet."""
        if self._catalogue.loaded:
            return [str(e) for e in self._catalogue.get().errors]
        if self._phase_check is not None:
            return list(self._phase_check.errors)
        return None

    def _check_default_protocol(self) -> None:
        """Once the protocols are known: is the settings' default protocol among them?"""
        if self._default_protocol_checked:
            return
        if self._catalogue.loaded:
            protocols = list(self._catalogue.get().protocols)
        elif self._phase_check is not None:
            protocols = list(self._phase_check.protocols)
        else:
            return
        self._default_protocol_checked = True
        self.default_protocol, problem = default_protocol_id(self.settings, protocols)
        if problem:
            self.settings_problems.append(f"{self._protocol_source}: {problem}")

    def check_phase_files(self) -> None:
        """Just after the first screen is drawn: learn what is wrong in the phase files, and tell the screens
        (``phase_files_checked``). Unchanged since the last reading: known at once, without parsing them.
        Otherwise, or when a session is about to need them, they are read on a thread."""
        if self._catalogue_thread is not None or (self._default_protocol_checked and not self.catalogue_needed_soon()):
            return
        if self._catalogue.loaded:
            self._phase_files_known()
            return
        if not self.catalogue_needed_soon():
            self._phase_check = self._catalogue.remembered_check()
            if self._phase_check is not None:
                self._phase_files_known()
                return

        self.read_phase_files_on_thread()

    def read_phase_files_on_thread(self) -> None:
        """Read and validate the phase files on a thread now, unless they are read or being read (whoever needs
        the catalogue meanwhile waits for that reading, see ``LazyCatalogue.get``)."""
        if self._catalogue_thread is not None or self._catalogue.loaded:
            return

        def load() -> None:
            try:
                self._catalogue.get()
            except Exception:  # noqa: BLE001 - whoever needs the catalogue next reads it again and sees the error
                return
            try:
                self.post_message(PhaseFilesRead())  # (thread-safe; never waits for the app)
            except RuntimeError:  # the app closed meanwhile
                pass

        self._catalogue_thread = threading.Thread(target=load, name="phase-files", daemon=True)
        self._catalogue_thread.start()

    def protocol_menu(self) -> "list[ProtocolChoice]":
        """The protocols a new session can start with, for the new-session dialog: known at once while the phase
        files are unchanged since their last check (the caller then has them read on a thread once the dialog
        is drawn, ``read_phase_files_on_thread``, ready by the time a session starts: a thread reading them
        meanwhile would hold Python's lock while the dialog is drawn); otherwise they are read now."""
        from interview_tui.phases.outline import menu_of_check, menu_of_protocols

        if not self._catalogue.loaded and self._phase_check is not None:
            menu = menu_of_check(self._phase_check)
            if menu is not None:
                return menu
        return menu_of_protocols(self.catalogue.protocols)

    def on_phase_files_read(self, _message: PhaseFilesRead) -> None:
        self._phase_files_known()

    def _phase_files_known(self) -> None:
        if getattr(self, "quitting", False):
            return
        self._check_default_protocol()
        for screen in self.screen_stack:
            known = getattr(screen, "phase_files_checked", None)
            if known is not None:
                known()

