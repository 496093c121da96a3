"""Writing the settings file, and describing the settings, all generated from the model.

The commented example file (``config --init``), the README table
(``config --markdown``) and the ``config`` listing are built from the
``Settings`` fields and their docstrings, so they cannot drift from what the
app reads. ``remember_setting`` changes one setting in the user's file with
tomlkit, which keeps the user's comments and layout (tomllib cannot write).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import tomlkit
from tomlkit.exceptions import TOMLKitError

from interview_tui.core.errors import InterviewError, os_reason
from interview_tui.settings.model import TABLE_SETTINGS, LoadedSettings, Settings, env_var
from interview_tui.store.private_files import write_private_atomic

HEADER = """\
# interview-tui settings
#
# A line "# name = value" shows a setting with an example value: remove the
# "# " at its start and change the value to use it. A setting that is not set
# keeps its default. An INTERVIEW_TUI_<NAME> environment variable overrides
# one setting for one run, e.g. INTERVIEW_TUI_THEME=high-contrast.
# `interview-tui config` shows the settings in effect and any mistake found.
"""


@dataclass(frozen=True)
class BindingDoc:
    """A key binding as the keymap setting knows it (built by the UI, which owns the bindings)."""

    id: str
    keys: str
    description: str
    where: str


class SettingsWriteError(InterviewError):
    """The settings file could not be changed; the message says which file and why."""


def _doc(name: str) -> str:
    return Settings.model_fields[name].description or ""


def _example(name: str) -> Any:
    info = Settings.model_fields[name]
    if info.examples:
        return info.examples[0]
    return info.get_default(call_default_factory=True)


def _default_text(name: str) -> str:
    default = Settings.model_fields[name].get_default(call_default_factory=True)
    if default is None:
        return "not set"
    if default == {} or default == []:
        return "none"
    return tomlkit.item(default).as_string()


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"# {indent}{line}".rstrip() for line in textwrap.wrap(text, 76 - len(indent))] or ["#"]


def _value(value: Any) -> str:
    return tomlkit.item(str(value) if isinstance(value, Path) else value).as_string()


def example_file(bindings: Sequence[BindingDoc] = ()) -> str:
    """The commented example settings file: every setting, what it does, its default and an example."""
    lines = HEADER.splitlines() + [""]
    for name in Settings.model_fields:
        if name in TABLE_SETTINGS:
            continue
        lines += _comment(_doc(name))
        lines.append(f"# Default: {_default_text(name)}.")
        lines.append(f"# {name} = {_value(_example(name))}")
        lines.append("")
    lines += _comment(_doc("keymap"))
    lines.append("# [keymap]")
    lines += [f"# {binding_id} = {_value(keys)}" for binding_id, keys in _example("keymap").items()]
    if bindings:
        lines.append("#")
        lines.append("# Binding ids and their default keys:")
        width = max(len(b.id) for b in bindings)
        key_width = max(len(b.keys) for b in bindings)
        lines += [f"#   {b.id:<{width}}  {b.keys:<{key_width}}  {b.description} ({b.where})" for b in bindings]
    lines.append("")
    for name in ("emergency_contacts", "referral_contacts"):
        lines += _comment(_doc(name))
        for contact in _example(name):
            lines.append(f"# [[{name}]]")
            lines += [f"# {key} = {_value(value)}" for key, value in contact.items()]
        lines.append("")
    return "\n".join(lines)


def write_example_file(path: Path, bindings: Sequence[BindingDoc] = (), force: bool = False) -> None:
    """Write the example file (0600, its folder 0700). An existing file is kept unless ``force``."""
    if path.exists() and not force:
        raise SettingsWriteError(f"{path} already exists; use --force to replace it with the example")
    try:
        write_private_atomic(path, example_file(bindings).encode("utf-8"))
    except OSError as exc:
        raise SettingsWriteError(f"cannot write {path}: {os_reason(exc)}") from None


def remember_setting(path: Path, name: str, value: Any) -> None:
    """Set one plain setting in the file, keeping every other line and comment as the user wrote it.

    A missing file is created from the example file. A file that is not valid
    TOML is left alone (the user's text matters more than the new value).
    """
    if name not in Settings.model_fields or name in TABLE_SETTINGS:
        raise ValueError(f"not a plain setting: {name}")
    Settings.model_validate({name: value})  # never write a value the app would refuse to read
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else example_file()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsWriteError(f"cannot read {path}: {os_reason(exc)}") from None
    try:
        document = tomlkit.parse(text)
    except TOMLKitError:
        raise SettingsWriteError(f"{path} has a TOML syntax error; fix it, then choose again") from None
    document[name] = str(value) if isinstance(value, Path) else value
    try:
        write_private_atomic(path, tomlkit.dumps(document).encode("utf-8"))
    except OSError as exc:
        raise SettingsWriteError(f"cannot write {path}: {os_reason(exc)}") from None


def effective_settings(loaded: LoadedSettings, exports_dir: Path | None = None) -> str:
    """The settings in effect, as TOML, each line saying where its value came from when not the file."""
    settings = loaded.settings
    lines: list[str] = []
    tables: list[str] = []
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if name in TABLE_SETTINGS:
            continue
        source = loaded.from_env.get(name)
        note = f"  # from {source}" if source else ""
        if value is None:
            shown = f"(not set: {exports_dir})" if exports_dir and name == "export_folder" else "(not set)"
            lines.append(f"# {name} = {shown}{note}")
        else:
            lines.append(f"{name} = {_value(value)}{note}")
    tables.append("")
    tables.append("[keymap]" + ("" if settings.keymap else "  # no keys remapped"))
    tables += [f"{binding_id} = {_value(keys)}" for binding_id, keys in settings.keymap.items()]
    for name in ("emergency_contacts", "referral_contacts"):
        contacts = getattr(settings, name)
        if not contacts:
            tables += ["", f"# {name}: none"]
        for contact in contacts:
            tables += ["", f"[[{name}]]"]
            tables += [f"{key} = {_value(value)}" for key, value in contact.model_dump().items()]
    return "\n".join(lines + tables)


def markdown_table(bindings: Sequence[BindingDoc] = ()) -> str:
    """The README's table of settings (and of binding ids, when given)."""
    rows = [
        "| Setting | Default | Environment variable | What it does |",
        "| --- | --- | --- | --- |",
    ]
    for name in Settings.model_fields:
        env = "(file only)" if name in TABLE_SETTINGS else f"`{env_var(name)}`"
        doc = _doc(name).replace("|", "\\|")
        default = _default_text(name)
        default = default if default in ("none", "not set") else f"`{default}`"
        rows.append(f"| `{name}` | {default} | {env} | {doc} |")
    if bindings:
        rows += [
            "",
            "Binding ids for `[keymap]`:",
            "",
            "| Binding id | Default keys | What it does | Where |",
            "| --- | --- | --- | --- |",
        ]
        rows += [f"| `{b.id}` | `{b.keys}` | {b.description} | {b.where} |" for b in bindings]
    return "\n".join(rows)
