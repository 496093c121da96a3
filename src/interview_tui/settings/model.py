"""The practitioner's settings: who they are, their defaults, their keys, the look, local contacts.

One TOML file, ``settings.toml`` in the config folder. ``INTERVIEW_TUI_<SETTING>``
environment variables override single settings. A mistake in the file never
stops the app: each problem is reported (file, line, setting, what is wrong)
and the setting it touches falls back to its default. Loading never creates
a folder or a file.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Mapping

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from interview_tui.core.errors import os_reason
from interview_tui.core.visible_text import refuse_control_characters
from interview_tui.core.protocol import NOTE_STYLES, Identifier
from interview_tui.settings.defaults import (  # noqa: F401 - re-exported: settings.X keeps working
    ENV_PREFIX,
    SETTINGS_FILE_NAME,
    LoadedSettings,
    SettingsProblem,
    default_protocol_id,
    env_var,
    practitioner_line,
    settings_path,
)
from interview_tui.phases.toml_lines import line_of

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

EXPORT_FORMATS = ("markdown", "text", "html", "json", "docx")
EXPORT_STYLES = ("narrative", *NOTE_STYLES)


def _some_key(keys: str) -> str:
    if not [k for k in keys.split(",") if k.strip()]:
        raise ValueError("no key given")
    return keys


Keys = Annotated[str, AfterValidator(_some_key)]
"""One key ("f2", "ctrl+n") or several separated by commas."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value: object, info: ValidationInfo) -> object:
        """No text from the file may hold ESC, BEL or another control character (a terminal would obey it)."""
        return refuse_control_characters(value, "the text")  # the message starts with the setting's name


class Contact(_Strict):
    """A person or service to call: shown to the practitioner, never exported unless they add it to a note."""

    name: str = Field(min_length=1)
    """Who they are, e.g. "Out-of-hours duty team"."""

    phone: str = ""
    """Their phone number, or how else to reach them."""

    notes: str = ""
    """When to call them, opening hours, what to have ready."""


class Settings(_Strict):
    """Everything a practitioner can set. Every setting is optional."""

    practitioner_name: str = Field("", examples=["Sam Rivera"])
    """Your name, printed in the header of exported notes. Empty: no name is printed."""

    practitioner_role: str = Field("", examples=["Social worker"])
    """Your role or title, printed next to your name in exported notes."""

    agency: str = Field("", examples=["Northside Family Services"])
    """Your agency or service, printed in the header of exported notes."""

    default_protocol: Identifier = "intake"
    """The protocol a new session uses when you do not pick one (an id from `interview-tui phases list`)."""

    export_format: Literal[EXPORT_FORMATS] = "markdown"  # type: ignore[valid-type]
    """The format notes are exported in unless you choose another: markdown, text, html, json or docx."""

    export_style: Literal[EXPORT_STYLES] = "narrative"  # type: ignore[valid-type]
    """How exported notes are arranged unless you choose otherwise: narrative (phase by phase), soap, dap, birp or girp."""

    export_folder: Path | None = Field(None, examples=["~/Documents/case-notes"])
    """The folder notes are exported to from the app. Not set: the `exports` folder in the data folder."""

    date_order: Literal["day-month-year", "month-day-year", "iso"] = "iso"
    """How you write dates in date fields: day-month-year (21/03/2026), month-day-year (03/21/2026) or iso (2026-03-21). Dates are always stored as yyyy-mm-dd; today and +7 work in any order."""

    idle_lock_minutes: int = Field(15, ge=1, le=240)
    """Minutes without a key press before the screen is hidden (1 to 240). 15: longer than a client's story told without a key press, shorter than a break between two clients."""

    backup_reminder_days: int = Field(14, ge=0, le=365)
    """Days without a backup (`interview-tui backup PATH`) before the home screen reminds you (0: never remind). It always shows when the last backup was made."""

    theme: str = Field("textual-dark", min_length=1, examples=["readable-light"])
    """The colour theme: "readable-light" for bright rooms, "high-contrast", or any Textual theme. Choosing one in the app (ctrl+p, then Theme) saves it here."""

    keymap: dict[Identifier, Keys] = Field(default_factory=dict, examples=[{"next_phase": "f5"}])
    """Your own keys: binding id = "keys" (several keys separated by commas). `interview-tui config --init` lists every binding id."""

    emergency_contacts: list[Contact] = Field(
        default_factory=list,
        examples=[[{"name": "Example: out-of-hours duty team", "phone": "(your local number)", "notes": "24 hours"}]],
    )
    """Local emergency contacts, listed in the help screen (f1) for the crisis protocol. The app ships none: add your own, one [[emergency_contacts]] table each."""

    referral_contacts: list[Contact] = Field(
        default_factory=list,
        examples=[[{"name": "Example: housing advice service", "phone": "(their number)", "notes": "Mon-Fri"}]],
    )
    """Local services you refer clients to, listed in the help screen (f1), one [[referral_contacts]] table each."""

    @property
    def practitioner_line(self) -> str | None:
        """Name and role as exports print them ("Sam Rivera, Social worker"), or None when neither is set."""
        return practitioner_line(self.practitioner_name, self.practitioner_role)

    @field_validator("export_folder", mode="before")
    @classmethod
    def _empty_folder_is_unset(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("export_folder")
    @classmethod
    def _full_path(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        value = value.expanduser()
        if not value.is_absolute():
            raise ValueError("must be a full path (starting with / or ~)")
        return value


TABLE_SETTINGS = ("keymap", "emergency_contacts", "referral_contacts")
"""Settings that are TOML tables or arrays of tables: set in the file only, not from the environment."""


def load_settings(config_dir: Path, environ: Mapping[str, str] | None = None) -> LoadedSettings:
    """Read ``settings.toml`` from ``config_dir`` and apply ``INTERVIEW_TUI_*`` overrides. Never raises for bad input."""
    environ = os.environ if environ is None else environ
    path = settings_path(config_dir)
    loaded = LoadedSettings(settings=Settings(), path=path)
    data: dict[str, Any] = {}
    if path.exists():
        loaded.file_found = True
        read = _read(path)
        if isinstance(read, SettingsProblem):
            loaded.problems.append(read)
        else:
            text, raw = read
            found: list[SettingsProblem] = []
            data = _keep_valid(raw, lambda loc, problem: SettingsProblem(str(path), problem, line_of(text, loc)), found)
            loaded.problems.extend(sorted(found, key=lambda p: p.line or 0))
    for name in Settings.model_fields:
        var = env_var(name)
        if var not in environ:
            continue
        if name in TABLE_SETTINGS:
            loaded.problems.append(SettingsProblem(var, f"{name} can only be set in the settings file; ignored"))
            continue
        trial = {**data, name: environ[var]}
        try:
            Settings.model_validate(trial)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            kept = "the settings file's value" if name in data else f"the default ({_default_text(name)})"
            loaded.problems.append(SettingsProblem(var, f"{_describe(err)}; using {kept}"))
            continue
        data = trial
        loaded.from_env[name] = var
    loaded.settings = Settings.model_validate(data)
    return loaded


def _read(path: Path) -> tuple[str, dict[str, Any]] | SettingsProblem:
    failure = "; using the defaults for every setting"
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return SettingsProblem(str(path), f"cannot read the file ({os_reason(exc)}){failure}")
    except UnicodeDecodeError as exc:
        return SettingsProblem(str(path), f"not UTF-8 text (byte {exc.start}){failure}")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        if m:
            problem += f" (column {m.group(2)})"
        return SettingsProblem(str(path), f"TOML syntax error: {problem}{failure}", int(m.group(1)) if m else None)


def _keep_valid(raw: dict[str, Any], report, problems: list[SettingsProblem]) -> dict[str, Any]:
    """``raw`` without the parts that do not validate, reporting each one (``report(loc, message)``)."""
    data = dict(raw)
    for _ in range(4):  # each round removes what failed; nested failures may need a second look
        try:
            Settings.model_validate(data)
            return data
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        removals: list[tuple[Any, ...]] = []
        for err in errors:
            loc = tuple(err.get("loc", ()))
            target, outcome = _what_to_drop(data, loc, err.get("type", ""))
            problems.append(report(loc, f"{_place(loc)}: {_describe(err)}; {outcome}"))
            removals.append(target)
        data = _without(data, removals)
    problems.append(report((), "could not be read; using the defaults for every setting"))
    return {}


def _what_to_drop(data: dict[str, Any], loc: tuple[Any, ...], kind: str) -> tuple[tuple[Any, ...], str]:
    name = loc[0] if loc else ""
    if kind == "extra_forbidden":
        return loc, "ignored"
    if len(loc) >= 2 and isinstance(data.get(name), (dict, list)):
        if name == "keymap":
            return loc[:2], "that key is not remapped"
        return loc[:2], "this contact is left out"
    if name in TABLE_SETTINGS:
        return loc[:1], "ignored"
    return loc[:1], f"using the default ({_default_text(name)})"


def _without(data: dict[str, Any], removals: list[tuple[Any, ...]]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for loc in removals:
        node: Any = data
        try:
            for key in loc[:-1]:
                node = node[key]
            if isinstance(node, list):
                node[loc[-1]] = None  # a placeholder keeps the other indexes in place; removed below
            else:
                del node[loc[-1]]
        except (KeyError, IndexError, TypeError):
            continue
    for name in ("emergency_contacts", "referral_contacts"):
        if isinstance(data.get(name), list):
            data[name] = [c for c in data[name] if c is not None]
    return data


def _place(loc: tuple[Any, ...]) -> str:
    if not loc:
        return "settings"
    parts = [str(loc[0])]
    for key in loc[1:]:
        if key == "[key]":  # pydantic's mark for an error in a table's key rather than its value
            continue
        item = "contact" if str(loc[0]).endswith("contacts") else "entry"
        parts.append(f"{item} {key + 1}" if isinstance(key, int) else f"'{key}'")
    return ", ".join(parts)


_TYPE_WORDS = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "string_type": "must be text in quotes",
    "dict_type": "must be a table of key = value lines",
    "list_type": "must be a list of tables",
    "model_type": "must be a table",
    "path_type": "must be a folder path in quotes",
    "string_pattern_mismatch": "must be an id: lower-case letters, digits, '-' and '_'",
    "string_too_short": "must not be empty",
}


def _describe(err: ErrorDetails) -> str:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        known = list(Contact.model_fields) if len(loc) > 1 else list(Settings.model_fields)
        close = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        what = "key" if len(loc) > 1 else "setting"
        return f"unknown {what} '{key}'{hint}"
    if kind == "missing":
        return "missing"
    message = _TYPE_WORDS.get(kind) or str(err.get("msg", "invalid value"))
    message = message.removeprefix("Value error, ").replace("Input should be", "must be")
    value = err.get("input")
    if isinstance(value, (str, int, float, bool)) and str(value).strip():
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
        message += f", not {shown}"
    return message


def _default_text(name: str) -> str:
    default = Settings.model_fields[name].get_default(call_default_factory=True)
    if default is None:
        return "not set"
    return repr(default) if isinstance(default, str) else str(default)
