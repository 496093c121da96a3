"""show_if: parsing with clear errors, evaluation against answers, and a tokenizer that never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.show_if import Reference, ShowIfError, evaluate, parse, references

ANSWERS: dict[tuple[str | None, str], object] = {
    (None, "risk"): "low",
    (None, "distress"): 7,
    (None, "consent"): True,
    (None, "worries"): ["money", "housing"],
    (None, "strengths"): [],
    ("assessment", "risk-level"): "none",
    ("assessment", "note"): "   ",
}


def holds(source: str) -> bool:
    return evaluate(parse(source), lambda ref: ANSWERS.get((ref.phase_id, ref.prompt_id)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('risk == "low"', True),
        ('risk != "none"', True),
        ("risk == 'none'", False),
        ('risk in ["medium", "high"]', False),
        ('risk in ["low", "high"]', True),
        ("distress >= 7", True),
        ("distress > 7", False),
        ("distress < 8", True),
        ("distress <= 6", False),
        ("distress == 7", True),
        ("distress == 7.0", True),
        ("consent == true", True),
        ("consent == false", False),
        ('consent == "true"', False),  # a string is not a yes/no answer
        ('worries == "money"', True),  # multi: "among the chosen"
        ('worries == "food"', False),
        ('worries != "food"', True),
        ('worries != "money"', False),
        ('worries in ["food", "housing"]', True),
        ("strengths is empty", True),
        ("strengths is answered", False),
        ('assessment.risk-level == "none"', True),
        ("assessment.note is empty", True),  # blank text is no answer
        ('risk == "low" and distress > 8', False),
        ('risk == "low" or distress > 8', True),
        ('not risk == "low"', False),
        ('not (risk == "none" or distress < 5)', True),
        ('risk == "high" or distress >= 7 and consent == true', True),  # and binds tighter than or
        ('(risk == "high" or distress >= 7) and consent == false', False),
        ('risk > 3', False),  # ordering on text is false, never an error
    ],
)
def test_evaluation(source, expected):
    assert holds(source) is expected


@pytest.mark.parametrize(
    "source",
    ['missing == "x"', 'missing != "x"', "missing > 0", "missing < 100", 'missing in ["a"]', "missing is answered"],
)
def test_an_unanswered_reference_makes_comparisons_false(source):
    assert holds(source) is False


def test_not_of_an_unanswered_comparison_is_true_and_is_empty_holds():
    assert holds('not missing == "x"') is True
    assert holds("missing is empty") is True


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "show_if: the expression is empty at character 1"),
        ('risk = "low"', "show_if: '=' is not a comparison (use '==') at character 6"),
        ('risk == "low', "show_if: unterminated string at character 9"),
        ('risk == "low" &', "show_if: unexpected character '&' at character 15"),
        ("risk", "show_if: expected ==, !=, >, >=, <, <=, in or is after 'risk', found the end at character 5"),
        ("risk low", "show_if: expected ==, !=, >, >=, <, <=, in or is after 'risk', found 'low' at character 6"),
        ("risk ==", "show_if: expected a quoted string, a number, true or false, found the end at character 8"),
        ("risk == low", "show_if: expected a quoted string, a number, true or false, found 'low' at character 9"),
        ('distress > "7"', "show_if: '>' compares numbers, not '7' at character 12"),
        ("risk is known", "show_if: expected 'answered' or 'empty' after 'is', found 'known' at character 9"),
        ('risk in "low"', "show_if: expected '[' after 'in', found '\"low\"' at character 9"),
        ('risk in ["low" "high"]', "show_if: expected ',' or ']', found '\"high\"' at character 16"),
        ('(risk == "low"', "show_if: expected ')', found the end at character 15"),
        ('risk == "low" distress > 1', "show_if: unexpected 'distress' (expected 'and', 'or' or the end) at character 15"),
        ('and == "x"', "show_if: expected a prompt id, found 'and' at character 1"),
        ('phase. == "x"', "show_if: expected a prompt id, found '==' at character 8"),
    ],
)
def test_syntax_errors_say_what_and_where(source, message):
    with pytest.raises(ShowIfError) as caught:
        parse(source)
    assert str(caught.value) == message


def test_references_in_order_with_phases():
    refs = references(parse('a == "x" and (b.c > 2 or not d is empty)'))
    assert refs == [Reference(None, "a", 1), Reference("b", "c", 15), Reference(None, "d", 30)]


def test_ids_with_dashes_and_digits():
    assert references(parse("phq-9.q9 > 0"))[0] == Reference("phq-9", "q9", 1)
    assert references(parse("9-item is answered"))[0].prompt_id == "9-item"


@given(st.text(max_size=60))
def test_any_text_either_parses_or_raises_the_clear_error(source):
    try:
        expr = parse(source)
    except ShowIfError as exc:
        assert str(exc).startswith("show_if: ") and " at character " in str(exc)
        assert 1 <= exc.position <= len(source) + 1
    else:
        evaluate(expr, lambda ref: None)  # and evaluates without an error


TOKENS = st.sampled_from(
    ["risk", "a.b", "==", "!=", ">", ">=", "<", "<=", "in", "is", "answered", "empty", "and", "or", "not",
     "(", ")", "[", "]", ",", '"x"', "3", "-2.5", "true", "false", "."]
)


@given(st.lists(TOKENS, max_size=12))
def test_any_sequence_of_words_of_the_language_parses_or_raises_the_clear_error(words):
    source = " ".join(words)
    try:
        expr = parse(source)
    except ShowIfError as exc:
        assert str(exc).startswith("show_if: ")
    else:
        evaluate(expr, lambda ref: 1)
