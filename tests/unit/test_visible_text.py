"""``visible``: the one function that makes text from notes and files safe to show."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_tui.core.visible_text import json_visible, refuse_control_characters, visible
from hostile import HOSTILE, raw_controls


@given(st.text())
def test_nothing_a_terminal_would_obey_survives(text):
    assert raw_controls(visible(text)) == []


@given(st.text())
def test_showing_twice_is_showing_once(text):
    assert visible(visible(text)) == visible(text)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc"]) | st.sampled_from("\n\t")))
def test_text_without_controls_is_left_as_typed(text):
    assert visible(text) == text


def test_each_control_becomes_a_symbol_the_practitioner_can_see():
    assert visible("a\x1b]0;x\x07b") == "a\u241b]0;x\u2407b"
    assert visible("\x00\x7f\x9b") == "\u2400\u2421\\x9b"
    assert visible("one\r\ntwo\rthree\ttab") == "one\ntwo\u240dthree\ttab"


@given(st.text())
def test_json_escapes_every_control_and_reads_back_what_was_typed(text):
    document = json_visible(json.dumps({"note": text}, ensure_ascii=False))
    assert raw_controls(document) == []
    assert json.loads(document) == {"note": text}


@pytest.mark.parametrize("value", [HOSTILE, ["fine", HOSTILE], {"key": HOSTILE}, {HOSTILE: "value"}, [[HOSTILE]]])
def test_file_text_with_a_control_is_refused_wherever_it_sits(value):
    with pytest.raises(ValueError, match="control character"):
        refuse_control_characters(value, "'title'")


def test_file_text_without_controls_passes_unchanged():
    value = {"title": "Line one\nline two\twith a tab", "items": ["a", "b"]}
    assert refuse_control_characters(value) is value
