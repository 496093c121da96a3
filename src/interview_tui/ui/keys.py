"""Every key binding of the app, the settings' keymap checked against them, and keys as remapped.

The bindings are found by reading the ``BINDINGS`` of every class in the
app's UI modules, so a new screen's keys are listed (in ``config --init``,
the README table, the checks) without being registered anywhere.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, Keys, _normalize_key_list, key_to_character

from interview_tui.settings.file import BindingDoc
from interview_tui.phases.toml_lines import line_of

if TYPE_CHECKING:
    from textual.app import App

MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAMES = {k.value for k in Keys if "+" not in k.value} | set(KEY_TO_UNICODE_NAME) | set(KEY_NAME_REPLACEMENTS.values())
_UI_PACKAGES = ("interview_tui.ui.screens", "interview_tui.ui.widgets")


def place_name(owner: type) -> str:
    """Where a binding works, in words: ``SessionScreen`` -> "session screen"; the app's own -> "everywhere"."""
    from textual.app import App

    if issubclass(owner, App):
        return "everywhere"
    return " ".join(re.findall(r"[A-Z][a-z0-9]*", owner.__name__)).lower()


@functools.cache
def binding_owners() -> tuple[type[DOMNode], ...]:
    """The app class, then every screen and widget class of ours that declares ``BINDINGS``."""
    from interview_tui.ui.app import InterviewApp

    owners: list[type[DOMNode]] = [InterviewApp]
    for package_name in _UI_PACKAGES:
        package = importlib.import_module(package_name)
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{package_name}.{info.name}")
            for obj in vars(module).values():
                if (
                    isinstance(obj, type)
                    and issubclass(obj, DOMNode)
                    and obj.__module__ == module.__name__
                    and "BINDINGS" in obj.__dict__
                    and not obj.__dict__.get("BINDINGS_ARE_THOSE_OF")  # (the same keys, listed with their owner)
                ):
                    owners.append(obj)
    return tuple(owners)


def declared_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The owner's own bindings as written (compound keys such as "escape,f1" kept together)."""
    return [b if isinstance(b, Binding) else Binding(*b) for b in owner.__dict__.get("BINDINGS", [])]


@functools.cache
def _docs() -> tuple[BindingDoc, ...]:
    return tuple(binding_docs())


def display_keys(app: "App", binding_id: str) -> str:
    """The keys of a binding as the footer shows them, as remapped by the keymap (e.g. "^n", "f2 / ^n")."""
    keys = getattr(app, "_keymap", {}).get(binding_id)
    if keys is None:
        keys = next((doc.keys for doc in _docs() if doc.id == binding_id), binding_id)
    return " / ".join(app.get_key_display(Binding(key.strip(), "")) for key in keys.split(",") if key.strip())


def binding_docs() -> list[BindingDoc]:
    """One entry per binding id: its default keys, what it does, and where it works."""
    docs: dict[str, BindingDoc] = {}
    for owner in binding_owners():
        for binding in declared_bindings(owner):
            if binding.id is None:
                continue
            where = place_name(owner)
            known = docs.get(binding.id)
            if known is not None:
                if where not in known.where.split(", "):
                    docs[binding.id] = BindingDoc(known.id, known.keys, known.description, f"{known.where}, {where}")
                continue
            docs[binding.id] = BindingDoc(binding.id, binding.key, binding.tooltip or binding.description, where)
    return list(docs.values())


def is_valid_key(key: str) -> bool:
    """A key Textual can bind: optional modifiers, then one character or a key name ("f2", "escape", "space")."""
    *modifiers, name = key.strip().split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    return len(name) == 1 or name in _KEY_NAMES or key_to_character(name) is not None


RENAMED_BINDINGS = {"add_record": "add_item", "remove_record": "remove_item"}
"""Binding ids that were renamed, old -> new: the old id in a settings file means the new one."""


def check_keymap(keymap: Mapping[str, str], settings_file: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The keymap entries the app can use, and a message for each one it cannot (unknown id, bad key, clash)."""
    if not keymap:  # the usual case: nothing to check, so no need to import every screen to list bindings
        return {}, []
    text = ""
    if settings_file is not None:
        try:
            text = settings_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    source = str(settings_file) if settings_file is not None else "settings"

    def where(binding_id: str) -> str:
        line = line_of(text, ("keymap", written.get(binding_id, binding_id))) if text else None
        return f"{source}:{line}" if line else source

    docs = {doc.id: doc for doc in _docs()}
    usable: dict[str, str] = {}
    problems: list[str] = []
    written = {RENAMED_BINDINGS.get(k, k): k for k in keymap}  # a settings file from before a rename still works
    keymap = {RENAMED_BINDINGS.get(k, k): v for k, v in keymap.items()}
    for binding_id, keys in keymap.items():
        if binding_id not in docs:
            close = difflib.get_close_matches(binding_id, list(docs), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"{where(binding_id)}: keymap '{binding_id}': no such binding{hint}; ignored")
            continue
        bad = [k.strip() for k in keys.split(",") if not is_valid_key(k)]
        if bad:
            problems.append(
                f"{where(binding_id)}: keymap '{binding_id}': {', '.join(repr(k) for k in bad)} is not a key "
                "(examples: \"f2\", \"ctrl+n\", \"alt+left\"); that key is not remapped"
            )
            continue
        usable[binding_id] = keys
    for binding_id, other, owner in _clashes(usable):
        if binding_id not in usable:
            continue
        del usable[binding_id]
        problems.append(
            f"{where(binding_id)}: keymap '{binding_id}': a key in {keymap[binding_id]!r} is already the key of "
            f"'{other}' ({owner}); that key is not remapped"
        )
    return usable, problems


def _clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(remapped binding id, the other binding's id or action, where) for each key two bindings would share.

    Textual's own ``apply_keymap`` drops the other binding silently in this
    case, so the app would lose a key without a word.
    """
    from textual.app import App
    from textual.screen import Screen

    from interview_tui.ui.app import InterviewApp

    def keys_of(binding: Binding) -> list[str]:
        chosen = keymap.get(binding.id) if binding.id else None
        return _normalize_key_list(chosen or binding.key).split(",")

    ours = {b.action for owner in binding_owners() for b in declared_bindings(owner)}
    textual_own = [b if isinstance(b, Binding) else Binding(*b) for b in [*App.BINDINGS, *Screen.BINDINGS]]
    textual_own = [b for b in textual_own if b.action not in ours]  # e.g. our "quit" replaces Textual's
    found: list[tuple[str, str, str]] = []
    for owner in binding_owners():
        together = declared_bindings(owner) + ([] if owner is InterviewApp else declared_bindings(InterviewApp))
        together += textual_own
        holders: dict[str, list[Binding]] = {}
        for binding in together:
            for key in keys_of(binding):
                holders.setdefault(key, []).append(binding)
        for key, bindings in holders.items():
            names = list(dict.fromkeys(b.id or b.action for b in bindings))
            remapped = [b.id for b in bindings if b.id is not None and b.id in keymap]
            if len(names) > 1 and remapped:
                for binding_id in dict.fromkeys(remapped):
                    other = next(n for n in names if n != binding_id)
                    found.append((binding_id, other, place_name(owner)))
    return found


def remapped_bindings(app: "App", node: DOMNode) -> list[Binding]:
    """``node``'s bindings with the app's keymap applied: the keys the practitioner really has."""
    bindings = node._bindings.copy()
    keymap = getattr(app, "_keymap", {})
    if keymap:
        bindings.apply_keymap(keymap)
    return [binding for key_bindings in bindings.key_to_bindings.values() for binding in key_bindings]


@dataclass(frozen=True)
class KeyHelp:
    """One action, the keys that do it (as shown in the footer), and what it does."""

    keys: str
    description: str
    tooltip: str
    action: str


def key_help(app: "App", nodes: Sequence[DOMNode]) -> list[KeyHelp]:
    """The described bindings of ``nodes`` (first ones win), keys as remapped and displayed by the app."""
    by_action: dict[str, list[Binding]] = {}
    for node in nodes:
        owned = {a for a in by_action}
        for binding in remapped_bindings(app, node):
            if not binding.description or binding.system or binding.action in owned:
                continue
            by_action.setdefault(binding.action, []).append(binding)
    entries = []
    # The app's own keys (they have ids) first, then Textual's (tab, copy...).
    for action, bindings in sorted(by_action.items(), key=lambda item: item[1][0].id is None):
        keys = " / ".join(dict.fromkeys(app.get_key_display(b) for b in bindings))
        first = bindings[0]
        entries.append(KeyHelp(keys, first.description, first.tooltip or "", action))
    return entries
