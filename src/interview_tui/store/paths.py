"""Where everything lives. Nothing here touches the disk on import.

Every folder the app uses is found through this module: the data folder
(sessions, exports), the user's phase folder, the built-in phase folder,
the cache folder.
Environment variables and command-line flags override the platform defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from interview_tui import APP_NAME

DATA_DIR_ENV = "INTERVIEW_TUI_DATA_DIR"
PHASES_DIR_ENV = "INTERVIEW_TUI_PHASES_DIR"
CONFIG_DIR_ENV = "INTERVIEW_TUI_CONFIG_DIR"
CACHE_DIR_ENV = "INTERVIEW_TUI_CACHE_DIR"

CLIENTS_FOLDER = "clients"
"""The folder of client records, inside the sessions folder."""

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
CHECK_FILE_NAME = "phase-check.json"
"""The launch cache's file name, in the cache folder (see ``phases/launch_cache.py``)."""


def builtin_phases_dir() -> Path:
    """The protocols shipped with the app.

    In an installed wheel they sit inside the package (``phases/builtin/``);
    in a source checkout (editable install) they are the top-level
    ``phases/`` folder.
    """
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "phases" / "builtin"
    if packaged.is_dir():
        return packaged
    return here.parents[3] / "phases"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Locations:
    """The folders one run of the app works with."""

    data_dir: Path
    config_dir: Path
    user_phases_dir: Path
    cache_dir: Path | None = None
    """What can be recomputed (see ``phases/launch_cache.py``); None: the platform's cache folder."""
    phases_dir_named: bool = False
    """The user folder of phase files was chosen (``--phases-dir`` or the environment): it must exist."""

    @property
    def named_phase_folders(self) -> list[Path]:
        """The phase folders the user named, for ``load_catalogue(..., named=...)`` (a missing one is said)."""
        return [self.user_phases_dir] if self.phases_dir_named else []

    @property
    def phase_check_file(self) -> Path:
        """The launch cache of the phase files' last reading (see ``phases/launch_cache.py``)."""
        return (self.cache_dir or default_cache_dir()) / CHECK_FILE_NAME

    @property
    def sessions_dir(self) -> Path:
        return self.data_dir / "sessions"

    @property
    def clients_dir(self) -> Path:
        """One record per client. Inside the sessions folder so encryption (its header, encrypt/decrypt) covers it."""
        return self.sessions_dir / CLIENTS_FOLDER

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @classmethod
    def resolve(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        phases_dir: str | os.PathLike[str] | None = None,
        config_dir: str | os.PathLike[str] | None = None,
    ) -> "Locations":
        """Flags win over environment variables, which win over platform defaults."""
        env = os.environ
        data = Path(data_dir or env.get(DATA_DIR_ENV) or default_data_dir())
        config = Path(config_dir or env.get(CONFIG_DIR_ENV) or default_config_dir())
        phases = Path(phases_dir or env.get(PHASES_DIR_ENV) or config / "phases")
        cache = env.get(CACHE_DIR_ENV)
        return cls(
            data_dir=data.expanduser(),
            config_dir=config.expanduser(),
            user_phases_dir=phases.expanduser(),
            cache_dir=Path(cache).expanduser() if cache else None,
            phases_dir_named=bool(phases_dir or env.get(PHASES_DIR_ENV)),
        )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as a folder only the user can enter, whatever the umask."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR_MODE)
    return path
