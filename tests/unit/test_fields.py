"""Field types: every valid kind of answer is stored as documented, every invalid one refused with a clear message."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from interview_tui.core.fields import Choice, check_answer, display_answer, display_items
from interview_tui.core.session import PromptCopy

RISK = [Choice(value="none", label="None identified"), Choice(value="low", label="Low"), Choice(value="high", label="High")]


def spec(kind: str, **extra) -> PromptCopy:
    if kind in ("choice", "multi"):
        extra.setdefault("choices", RISK)
    return PromptCopy(id="p", text="Prompt", type=kind, **extra)


@pytest.mark.parametrize(
    ("kind", "extra", "given", "stored"),
    [
        ("short", {}, "Maria, 34", "Maria, 34"),
        ("short", {}, "   ", None),
        ("choice", {}, "low", "low"),
        ("choice", {}, "", None),
        ("multi", {}, ["high", "none"], ["none", "high"]),  # kept in the list's order
        ("multi", {}, [], None),
        ("scale", {}, 0, 0),
        ("scale", {}, 10, 10),
        ("scale", {"min": 1, "max": 5}, 5, 5),
        ("date", {}, "2026-03-21", "2026-03-21"),
        ("date", {}, date(2026, 3, 21), "2026-03-21"),
        ("date", {}, datetime(2026, 3, 21, 14, 5), "2026-03-21"),
        ("date", {}, "", None),
        ("yes_no", {}, True, True),
        ("yes_no", {}, False, False),
        ("list", {}, ["Sister [Ana]", " ", "Church group"], ["Sister [Ana]", "Church group"]),
        ("list", {}, [], None),
        ("short", {}, None, None),
    ],
)
def test_valid_answers_are_stored_as_documented(kind, extra, given, stored):
    assert check_answer(spec(kind, **extra), given) == stored


@pytest.mark.parametrize(
    ("kind", "extra", "given", "message"),
    [
        ("short", {}, "two\nlines", "short answer must be one line"),
        ("short", {}, 12, "short answer must be text"),
        ("choice", {}, "medium", "'medium' is not one of the choices (none, low, high)"),
        ("choice", {}, 1, "1 is not one of the choices (none, low, high)"),
        ("multi", {}, ["low", "severe"], "'severe' is not one of the choices (none, low, high)"),
        ("multi", {}, "low", "multiple choice answer must be a list of choice values"),
        ("scale", {}, 11, "scale answer must be 0-10"),
        ("scale", {}, -1, "scale answer must be 0-10"),
        ("scale", {"min": 1, "max": 5}, 0, "scale answer must be 1-5"),
        ("scale", {}, "7", "scale answer must be a whole number 0-10"),
        ("scale", {}, 7.5, "scale answer must be a whole number 0-10"),
        ("scale", {}, True, "scale answer must be a whole number 0-10"),
        ("date", {}, "21/03/2026", "date answer must be a real date written yyyy-mm-dd, e.g. 2026-03-21"),
        ("date", {}, "2026-02-30", "date answer must be a real date written yyyy-mm-dd, e.g. 2026-03-21"),
        ("date", {}, 20260321, "date answer must be a real date written yyyy-mm-dd, e.g. 2026-03-21"),
        ("yes_no", {}, "yes", "yes/no answer must be true or false"),
        ("yes_no", {}, 1, "yes/no answer must be true or false"),
        ("list", {}, "one entry", "list answer must be a list of entries"),
        ("list", {}, ["ok", "two\nlines"], "each list entry must be one line"),
        ("text", {}, "a note", "a text prompt has a note, not an answer"),
    ],
)
def test_invalid_answers_are_refused_with_a_clear_message(kind, extra, given, message):
    with pytest.raises(ValueError) as caught:
        check_answer(spec(kind, **extra), given)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        ("choice", "none", "None identified"),
        ("multi", ["none", "high"], "None identified; High"),
        ("scale", 7, "7 (0-10)"),
        ("yes_no", True, "Yes"),
        ("yes_no", False, "No"),
        ("date", "2026-03-21", "2026-03-21"),
        ("list", ["Sister", "[Church] group"], "Sister; [Church] group"),
        ("short", None, ""),
    ],
)
def test_answers_read_as_a_person_would(kind, value, shown):
    assert display_answer(spec(kind), value) == shown


def test_display_items_keeps_entries_apart():
    assert display_items(spec("list"), ["a; b", "c"]) == ["a; b", "c"]
    assert display_items(spec("choice"), "gone") == ["gone"]  # a value no longer in the list reads as itself
