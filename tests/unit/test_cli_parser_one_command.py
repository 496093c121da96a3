"""The command line builds only the parser of the command it runs (issue 17: building all of them was a fifth of
a read-only command's time on an empty store), and parses every command line exactly as the full parser does."""

from __future__ import annotations

import argparse

import pytest

from interview_tui.cli.main import _build, _command_named, _parser


def every_command() -> list[str]:
    full = _build(None)[0]
    sub = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


@pytest.mark.parametrize("name", every_command())
def test_each_command_alone_is_built_when_named(name):
    parser, only = _build(name)
    assert only is not None and only.added
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == [name]


LINES = [
    ["sessions"],
    ["--data-dir", "/tmp/x", "sessions", "--client", "AB-1", "--json"],
    ["--data-dir=/tmp/x", "clients", "--json"],
    ["sessions", "--data-dir", "/tmp/y"],
    ["search", "housing office", "--limit", "5"],
    ["export", "20261123-142501-a3f9", "--style", "soap", "-o", "out.md", "--force"],
    ["new", "C-0142", "--protocol", "follow-up"],
    ["--phases-dir", "/tmp/p", "resume", "20261123-142501-a3f9"],
    ["phases", "check", "a.toml", "b.toml"],
    ["backup", "/tmp/b.itb", "--verify"],
    ["restore", "/tmp/b.itb"],
    ["trash", "list"],
    ["config", "--init", "--force"],
    [],
]


@pytest.mark.parametrize("argv", LINES, ids=lambda argv: " ".join(argv) or "(none)")
def test_a_command_line_parses_as_with_every_command(argv):
    assert vars(_parser(argv).parse_args(argv)) == vars(_build(None)[0].parse_args(argv))


@pytest.mark.parametrize(
    "argv, named",
    [
        (["sessions"], "sessions"),
        (["--data-dir", "sessions", "clients"], "clients"),  # (a folder called "sessions")
        (["--help"], None),
        (["--version", "sessions"], None),
        (["-h"], None),
        ([], None),
    ],
)
def test_the_command_word_is_found_after_the_options_before_it(argv, named):
    assert _command_named(argv) == named


def test_an_unknown_command_is_told_with_every_command_listed(capsys):
    with pytest.raises(SystemExit):
        _parser(["bogus"]).parse_args(["bogus"])
    error = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in error
    assert all(f"'{name}'" in error for name in every_command())
