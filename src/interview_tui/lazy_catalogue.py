"""The phase catalogue, read once, when it is first needed (or in the background just after launch).

Reading and validating the phase files (TOML, then pydantic's models) costs
more than the rest of a launch to the home screen; the home screen can be
drawn without them. The app draws first, then loads the catalogue on a
thread; anything that needs it before then (the new-session dialog, help)
simply waits for it. Loading happens once, whichever thread asks first.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from interview_tui.phase_files import Catalogue


class LazyCatalogue:
    """The catalogue of ``folders`` (as ``load_catalogue`` reads it), loaded on first ``get()``; thread-safe."""

    def __init__(self, folders: Iterable[Path] = (), loaded: "Catalogue | None" = None) -> None:
        self.folders = list(folders)
        self._catalogue = loaded
        self._lock = threading.Lock()

    @classmethod
    def of(cls, catalogue: "Catalogue") -> "LazyCatalogue":
        """An already loaded catalogue (tests, and callers that have read it already)."""
        return cls(loaded=catalogue)

    @property
    def loaded(self) -> bool:
        return self._catalogue is not None

    def get(self) -> "Catalogue":
        """The catalogue; reads the phase files now if no one has yet (waits if another thread is reading)."""
        found = self._catalogue
        if found is not None:
            return found
        with self._lock:
            if self._catalogue is None:
                from interview_tui.phase_files import load_catalogue

                self._catalogue = load_catalogue(self.folders)
            return self._catalogue
