"""The settings a practitioner has before they set anything, known without validating anything.

Most launches have no settings file and no ``INTERVIEW_TUI_<SETTING>``
variable: they use the defaults, and need neither TOML nor pydantic (whose
import and model building cost about a fifth of a launch). ``quick_settings``
answers those launches; any other launch reads and checks the file with
``settings.load_settings``. ``DefaultSettings`` must agree with the defaults
of ``settings.Settings``: a test compares them field by field.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

SETTINGS_FILE_NAME = "settings.toml"
ENV_PREFIX = "INTERVIEW_TUI_"

SETTING_NAMES = (
    "practitioner_name",
    "practitioner_role",
    "agency",
    "default_protocol",
    "export_format",
    "export_style",
    "export_folder",
    "date_order",
    "idle_lock_minutes",
    "backup_reminder_days",
    "theme",
    "keymap",
    "emergency_contacts",
    "referral_contacts",
)
"""Every setting, in the order of ``settings.Settings`` (a test keeps the two lists the same)."""


def env_var(setting: str) -> str:
    return ENV_PREFIX + setting.upper()


def settings_path(config_dir: Path) -> Path:
    return config_dir / SETTINGS_FILE_NAME


def practitioner_line(name: str, role: str) -> str | None:
    """Name and role as exports print them ("Sam Rivera, Social worker"), or None when neither is set."""
    parts = [part for part in (name.strip(), role.strip()) if part]
    return ", ".join(parts) or None


class DefaultSettings(NamedTuple):
    """What ``settings.Settings()`` holds, as a plain object (read the same way: ``settings.theme``...).

    (Plain classes here, not dataclasses: this module is read at every launch, and each dataclass costs a
    fraction of a millisecond to make.)"""

    practitioner_name: str = ""
    practitioner_role: str = ""
    agency: str = ""
    default_protocol: str = "intake"
    export_format: str = "markdown"
    export_style: str = "narrative"
    export_folder: Path | None = None
    date_order: str = "iso"
    idle_lock_minutes: int = 15
    backup_reminder_days: int = 14
    theme: str = "textual-dark"
    keymap: Mapping[str, str] = MappingProxyType({})
    emergency_contacts: tuple[Any, ...] = ()
    referral_contacts: tuple[Any, ...] = ()

    @property
    def practitioner_line(self) -> str | None:
        return practitioner_line(self.practitioner_name, self.practitioner_role)


def default_protocol_id(settings: Any, available: list[str]) -> tuple[str | None, str | None]:
    """The protocol a new session starts with, and a problem if the settings name one that is not available."""
    if settings.default_protocol in available:
        return settings.default_protocol, None
    fallback = "intake" if "intake" in available else (available[0] if available else None)
    known = ", ".join(sorted(available)) or "none"
    return fallback, (
        f"default_protocol '{settings.default_protocol}' is not an available protocol (known: {known}); "
        f"new sessions use {fallback or 'nothing'}"
    )


class SettingsProblem(NamedTuple):
    """One thing wrong in the settings file or an environment variable, and what the app does instead."""

    source: str
    """The file's path, or the environment variable's name."""
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.problem}"


class LoadedSettings:
    """The settings in effect, where they came from, and what was wrong."""

    def __init__(
        self,
        settings: Any,
        path: Path,
        file_found: bool = False,
        problems: list[SettingsProblem] | None = None,
        from_env: dict[str, str] | None = None,
    ) -> None:
        self.settings = settings
        """A ``settings.Settings``, or ``DefaultSettings`` when nothing was set."""
        self.path = path
        self.file_found = file_found
        self.problems: list[SettingsProblem] = problems if problems is not None else []
        self.from_env: dict[str, str] = from_env if from_env is not None else {}
        """Setting name -> the environment variable that set it."""


def quick_settings(config_dir: Path, environ: Mapping[str, str] | None = None) -> LoadedSettings | None:
    """The defaults, if nothing overrides them (no settings file, no setting's variable); else None.

    None means: read the settings properly with ``settings.load_settings``."""
    environ = os.environ if environ is None else environ
    path = settings_path(config_dir)
    if any(env_var(name) in environ for name in SETTING_NAMES):
        return None
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # as Path.exists() sees it in load_settings
        return LoadedSettings(settings=DefaultSettings(), path=path)
    except OSError:
        pass  # (e.g. not allowed to look): the full loader says what is wrong
    return None


def load_settings_quickly(config_dir: Path, environ: Mapping[str, str] | None = None) -> LoadedSettings:
    """``quick_settings`` when it can answer, else the full ``settings.load_settings`` (same result)."""
    quick = quick_settings(config_dir, environ)
    if quick is not None:
        return quick
    from interview_tui.settings.model import load_settings

    return load_settings(config_dir, environ)
