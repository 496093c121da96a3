"""The phase catalogue, read once, when it is first needed (or in the background just after launch).

Reading and validating the phase files (TOML, then pydantic's models) costs
more than the rest of a launch to the home screen; the home screen can be
drawn without them. The app draws first, then loads the catalogue on a
thread; anything that needs it before then (the new-session dialog, help)
simply waits for it. Loading happens once, whichever thread asks first.
When the phase files are unchanged since the last full reading, what it
found is known without reading them (``phases/launch_cache.py``), and the catalogue
is read only when a session needs it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from interview_tui.phases.launch_cache import PhaseCheck
    from interview_tui.phases.files import Catalogue


class LazyCatalogue:
    """The catalogue of ``folders`` (as ``load_catalogue`` reads it), loaded on first ``get()``; thread-safe.

    With a ``check_file`` (see ``phases/launch_cache.py``), each full reading is remembered there, and
    ``remembered_check`` can tell what it found without reading the files again while nothing changed."""

    def __init__(
        self,
        folders: Iterable[Path] = (),
        loaded: "Catalogue | None" = None,
        check_file: Path | None = None,
        named: Iterable[Path] = (),
    ) -> None:
        self.folders = list(folders)
        self.named = list(named)
        """Folders the user chose (``load_catalogue``'s ``named``): one that is missing is said."""
        self.check_file = check_file
        self._catalogue = loaded
        self._lock = threading.Lock()
        self._print_remembered: str | None = None
        """The digest of the phase files when their check was found in the cache (no need to write it again)."""

    @classmethod
    def of(cls, catalogue: "Catalogue") -> "LazyCatalogue":
        """An already loaded catalogue (tests, and callers that have read it already)."""
        return cls(loaded=catalogue)

    @property
    def loaded(self) -> bool:
        return self._catalogue is not None

    def remembered_check(self) -> "PhaseCheck | None":
        """What the last full reading found, if the phase files and the app are unchanged since (None if unknown).

        Reads the phase files' bytes to compare them, but parses nothing."""
        if self.check_file is None:
            return None
        from interview_tui.phases.launch_cache import fingerprint, remembered

        print_ = fingerprint(self.folders)
        check = remembered(self.check_file, print_) if print_ is not None else None
        if check is not None and print_ is not None:
            self._print_remembered = print_.digest
        return check

    def get(self) -> "Catalogue":
        """The catalogue; reads the phase files now if no one has yet (waits if another thread is reading)."""
        found = self._catalogue
        if found is not None:
            return found
        with self._lock:
            if self._catalogue is None:
                from interview_tui.phases.files import load_catalogue

                print_ = None
                if self.check_file is not None:
                    from interview_tui.phases.launch_cache import fingerprint

                    print_ = fingerprint(self.folders)  # before reading: a change made meanwhile shows next time
                self._catalogue = load_catalogue(self.folders, named=self.named)
                if self.check_file is not None and print_ is not None and print_.digest != self._print_remembered:
                    from interview_tui.phases.launch_cache import check_of, remember

                    remember(self.check_file, print_, check_of(self._catalogue, print_))
            return self._catalogue
