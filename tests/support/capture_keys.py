"""Helpers for the widget tests: an app on the every-field protocol, keys sent in one burst, the saved file."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

from interview_tui.phases.files import load_catalogue
from interview_tui.core.session import Session
from interview_tui.ui.app import make_app
from data_paths import FIXTURES

WIDGET_PHASES = FIXTURES / "widget_phases"


def every_field_app(locations, store, session: Session | None = None, builtin: bool = False):
    from interview_tui.store.paths import builtin_phases_dir

    folders = [builtin_phases_dir(), WIDGET_PHASES] if builtin else [WIDGET_PHASES]
    catalogue = load_catalogue(folders)
    protocol = catalogue.protocol("every-field")
    assert protocol is not None, [str(e) for e in catalogue.errors]
    if session is None:
        session = Session.start("C-0142", protocol)
    store.save(session)
    return make_app(locations=locations, catalogue=catalogue, store=store, session=session), session


def saved(store, session_id: str) -> dict:
    return json.loads(store.path_for(session_id).read_text(encoding="utf-8"))


def burst(app, keys) -> None:
    """Send ``keys`` the way a terminal delivers a fast burst (a paste, a fast typist): all at once,
    without waiting for any of them to be handled (``pilot.press`` waits after each key)."""
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
