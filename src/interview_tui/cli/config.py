"""``interview-tui config``: where the settings file is, the settings in effect, an example file, the README table."""

from __future__ import annotations

import sys

from interview_tui import APP_NAME
from interview_tui.store.paths import Locations
from interview_tui.settings.model import load_settings, settings_path


def _binding_docs():
    """Every key binding, read from the UI classes (imports Textual, like opening the app does)."""
    from interview_tui.ui.keys import binding_docs

    return binding_docs()


def show(locations: Locations) -> int:
    """Print the file's path and the settings in effect; problems go to stderr and make the exit code 1."""
    from interview_tui.settings.file import effective_settings

    loaded = load_settings(locations.config_dir)
    state = "" if loaded.file_found else f"  (not found: defaults in use; `{APP_NAME} config --init` writes an example)"
    print(f"# Settings file: {loaded.path}{state}")
    print(effective_settings(loaded, exports_dir=locations.exports_dir))
    from interview_tui.ui.keys import check_keymap
    from interview_tui.ui.themes import theme_names

    problems = [str(p) for p in loaded.problems]
    problems += check_keymap(loaded.settings.keymap, loaded.path)[1]
    if loaded.settings.theme not in theme_names():
        source = loaded.from_env.get("theme", str(loaded.path))
        problems.append(f"{source}: theme '{loaded.settings.theme}' does not exist (known: {', '.join(theme_names())})")
    for problem in problems:
        print(f"{APP_NAME}: {problem}", file=sys.stderr)
    return 1 if problems else 0


def init(locations: Locations, force: bool) -> int:
    from interview_tui.cli.common import UserError
    from interview_tui.settings.file import SettingsWriteError, write_example_file

    path = settings_path(locations.config_dir)
    try:
        write_example_file(path, _binding_docs(), force=force)
    except SettingsWriteError as exc:
        raise UserError(str(exc)) from None
    print(f"Wrote an example settings file to {path}. Every setting in it is commented out: edit what you need.")
    return 0


def markdown() -> int:
    from interview_tui.settings.file import markdown_table

    print(markdown_table(_binding_docs()))
    return 0
