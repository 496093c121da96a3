"""One root for the app's own errors, and one way an OSError becomes words (issue 13, one spelling per concept)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import interview_tui
from interview_tui.core.errors import InterviewError, os_reason

PACKAGE = Path(interview_tui.__file__).parent
NOT_OURS = {"interview_tui.ui", "interview_tui.__main__"}
"""Textual screens and widgets are imported by the Pilot tests, and __main__ runs the command; the rest is checked here."""


def our_modules():
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="interview_tui."):
        if not any(info.name == p or info.name.startswith(p + ".") for p in NOT_OURS):
            yield importlib.import_module(info.name)


def test_every_error_the_app_defines_derives_from_the_one_root():
    found = []
    for module in our_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, BaseException):
                found.append(cls)
                assert issubclass(cls, InterviewError), f"{cls.__module__}.{cls.__qualname__} is not an InterviewError"
    assert len(found) >= 20  # the walk saw the package's errors, not nothing


def test_no_module_spells_out_an_oserror_in_words_itself():
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py" and path.parent.name == "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "strerror":
                raise AssertionError(f"{path.relative_to(PACKAGE)}:{node.lineno}: use core.errors.os_reason")
            if isinstance(node, ast.Constant) and node.value == "strerror":
                raise AssertionError(f"{path.relative_to(PACKAGE)}:{node.lineno}: use core.errors.os_reason")


def test_os_reason_says_the_reason_without_the_file_name():
    assert os_reason(PermissionError(13, "Permission denied", "/home/x/C-0142 notes.json")) == "Permission denied"
    assert os_reason(OSError()) == "OSError"
    assert os_reason(InterviewError("the store is locked")) == "the store is locked"
