"""The plain-text export: wrapped for pasting, every word kept, nothing dropped or split."""

from __future__ import annotations

from export_fixture import awkward_session, long_note
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.export import render
from interview_tui.export.summary import STYLES
from interview_tui.export.text import WIDTH, wrap


def test_lines_fit_the_width_unless_one_word_is_longer() -> None:
    for style in STYLES:
        for line in render(awkward_session(), "text", style).splitlines():
            if len(line) > WIDTH:
                assert len(line.split()) == 1, line  # a web address, never broken


def test_the_long_address_is_never_split() -> None:
    text = render(awkward_session(), "text", "narrative")
    address = "https://example.org/a/very/long/address/that/must/not/break"
    expected = long_note().count(address)
    assert expected > 20
    assert text.count(address) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab cd\tef-\n") + ["📎", "שלום", "x" * 90]), max_size=120).map("".join))
def test_wrapping_keeps_every_word_in_order_and_every_line_break(text: str) -> None:
    lines = wrap(text, 20)
    source_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert len(lines) >= len(source_lines)
    assert " ".join(lines).split() == text.split()
    for line in lines:
        assert len(line) <= 20 or len(line.split()) == 1


def test_style_header_and_prompt_labels_are_plain() -> None:
    text = render(awkward_session(), "text", "dap", practitioner="Sam")
    assert text.startswith("DAP NOTE\n========\n")
    assert "Practitioner: Sam" in text
    assert "Opening *and* welcome: What brings you here? Ask about [supports].\n  She said:" in text


def test_a_long_header_value_wraps_under_its_column() -> None:
    session = awkward_session()
    session.protocol.title = "A very long protocol title " * 5
    lines = render(session, "text", "narrative").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Protocol:"))
    value_column = lines[at].index("A very")
    continuation = lines[at + 1]
    assert continuation[:value_column] == " " * value_column and continuation[value_column] != " "
    assert all(len(line) <= WIDTH for line in lines[: at + 3])
