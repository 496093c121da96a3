"""Shared fixtures. No test touches the real user folders: every path points into tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interview_tui.store.paths import Locations, builtin_phases_dir
from interview_tui.phases.files import Catalogue, load_catalogue
from interview_tui.store.sessions import SessionStore
from data_paths import FIXTURES

TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """The tests that drive a real terminal run one after another in one worker (``--dist loadgroup``):
    each starts the installed app in a pseudo-terminal or tmux and waits on what it draws, and two of
    them at once on a two-core machine starve each other. The rest spread over every core."""
    terminal = TESTS / "terminal"
    for item in items:
        if terminal in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.xdist_group("terminal"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Point HOME, XDG folders and the app's own variables at a throwaway folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    for var in list(os.environ):
        if var.startswith("INTERVIEW_TUI_"):
            monkeypatch.delenv(var)
    return home


@pytest.fixture
def locations(tmp_path) -> Locations:
    return Locations(
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
        user_phases_dir=tmp_path / "config" / "phases",
        cache_dir=tmp_path / "cache",
    )


@pytest.fixture
def catalogue(locations) -> Catalogue:
    return load_catalogue([builtin_phases_dir(), locations.user_phases_dir])


@pytest.fixture
def store(locations) -> SessionStore:
    return SessionStore(locations.sessions_dir)


@pytest.fixture
def intake(catalogue):
    protocol = catalogue.protocol("intake")
    assert protocol is not None, [str(e) for e in catalogue.errors]
    return protocol


@pytest.fixture
def fast_kdf(monkeypatch):
    """Cheap scrypt for tests (the real cost, n=2**17, is checked once in test_encryption.py)."""
    from interview_tui.store import encryption

    cheap = encryption.ScryptParams(n=2**12, r=8, p=1)
    monkeypatch.setattr(encryption, "DEFAULT_PARAMS", cheap)
    monkeypatch.setattr(encryption, "ACCEPTED_MINIMUM", encryption.ScryptParams(n=2**10, r=8, p=1))
    return cheap


@pytest.fixture
def passphrases(monkeypatch):
    """Answers for the passphrase prompts, in order (getpass is never reached in tests)."""
    from interview_tui.cli import encryption as cli_encryption

    class Answers(list):
        asked: list[str]

    answers = Answers()
    answers.asked = []

    def ask(prompt: str) -> str:
        answers.asked.append(prompt)
        if not answers:
            raise AssertionError(f"unexpected passphrase prompt {prompt!r}")
        return answers.pop(0)

    monkeypatch.setattr(cli_encryption, "ask_passphrase", ask)
    return answers
