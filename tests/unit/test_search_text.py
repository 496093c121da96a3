"""How search compares text (fold) and the snippet it shows around a match."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from interview_tui.search import text as search_text
from interview_tui.search.text import SNIPPET_WIDTH, fold, make_snippet, original_span

# Text as practitioners type it, with the awkward cases mixed in.
awkward = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from("ßẞİıΣσςﬁé\u0301\u0345\u064e\u05b7\u3099がカ\u200d\u202e\n\t\x00 👩‍👧 مرحبا שלום"),
    ),
    max_size=40,
)


@pytest.mark.parametrize(
    ("note", "query"),
    [
        ("Straße", "STRASSE"),
        ("STRASSE", "straße"),
        ("José", "jose"),
        ("JOSE", "josé"),
        ("Jose\u0301", "José"),  # decomposed and composed accents
        ("Müller", "muller"),
        ("ΣΟΦΊΑ", "σοφία"),
        ("ﬁle", "file"),
        ("ＡＢＣ", "abc"),
        ("went\nbetter", "went better"),
        ("مَرْحَبًا", "مرحبا"),  # Arabic vowel marks
        ("שָׁלוֹם", "שלום"),  # Hebrew points
        ("İstanbul", "istanbul"),
        ("Ⅻ", "xii"),
    ],
)
def test_fold_ignores_case_accents_and_width(note, query):
    assert fold(query) in fold(note)


@pytest.mark.parametrize(("a", "b"), [("ø", "o"), ("ı", "i"), ("ł", "l"), ("a", "b")])
def test_fold_keeps_letters_that_are_not_accented_forms_apart(a, b):
    assert fold(a) != fold(b)


@given(awkward, awkward)
@example("\u0345", "\u0301")
@example("a\u0301", "\u0345")
@example("İ", "\u0307")
def test_fold_works_character_by_character(a, b):
    """Folding a text is folding each of its parts: so any piece of a note is found in the folded note."""
    assert fold(a + b) == fold(a) + fold(b)
    assert fold(a) == "".join(fold(c) for c in a)


@given(awkward)
def test_fold_is_stable(text):
    assert fold(fold(text)) == fold(text)


def test_no_combining_character_lies_beyond_the_range_searched():
    beyond = [c for c in range(search_text._MARKS_BELOW, sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    assert beyond == []


@given(st.data(), awkward.filter(lambda t: t))
def test_original_span_finds_the_match_in_the_note_as_written(data, note):
    start = data.draw(st.integers(0, len(note) - 1))
    end = data.draw(st.integers(start + 1, len(note)))
    piece = note[start:end]
    folded_piece, folded_note = fold(piece), fold(note)
    if not folded_piece:
        return
    found = len(fold(note[:start]))
    assert folded_note[found : found + len(folded_piece)] == folded_piece
    a, b = original_span(note, found, found + len(folded_piece))
    assert fold(note[a:b]).find(folded_piece) >= 0  # the span covers the match, whole characters


def test_original_span_widens_to_whole_characters_and_keeps_trailing_accents():
    note = "Die Straße ist lang"
    folded = fold(note)
    start = folded.index("ss")
    assert original_span(note, start + 1, start + 2) == (8, 9)  # half of "ß" is the whole "ß"
    assert original_span("cafe\u0301 noir", 0, 4) == (0, 5)  # the accent goes with its letter


def test_a_short_note_is_shown_whole():
    s = make_snippet("Client said the housing office called.", 16, 23)
    assert s.text == "Client said the housing office called."
    assert s.parts() == ("Client said the ", "housing", " office called.")


def test_match_at_the_very_start_and_the_very_end():
    long = "word " * 100
    start = make_snippet("housing " + long, 0, 7)
    assert start.start == 0 and start.text.startswith("housing ") and start.text.endswith("…")
    end = make_snippet(long + "housing", len(long), len(long) + 7)
    assert end.text.startswith("…") and end.text.endswith("housing")
    assert end.text[end.start : end.end] == "housing"


def test_long_notes_are_cut_with_ellipses_at_word_boundaries():
    before = "alpha beta gamma delta epsilon " * 10
    after = " zeta eta theta iota kappa" * 10
    note = before + "MATCH" + after
    s = make_snippet(note, len(before), len(before) + 5)
    assert len(s.text) <= SNIPPET_WIDTH
    assert s.text.startswith("…") and s.text.endswith("…")
    assert s.text[s.start : s.end] == "MATCH"
    words = s.text.strip("…").split()
    assert all(w in {"alpha", "beta", "gamma", "delta", "epsilon", "MATCH", "zeta", "eta", "theta", "iota", "kappa"}
               for w in words)


def test_snippets_are_one_line_without_control_or_direction_override_characters():
    note = "line one\n\n  line\ttwo \x1b[31m red \u202eevil\u202c and\r\nmore"
    start = note.index("two")
    s = make_snippet(note, start, start + 3)
    assert "\n" not in s.text and "\t" not in s.text and "\x1b" not in s.text and "\u202e" not in s.text
    assert "  " not in s.text
    assert s.text[s.start : s.end] == "two"
    assert s.text.startswith("line one line two")


def test_a_very_long_match_is_cut():
    note = "x" * 500
    s = make_snippet(note, 0, 500)
    assert len(s.text) <= SNIPPET_WIDTH and s.text.endswith("…")
    assert s.start == 0 and s.end == len(s.text)


@given(awkward, awkward, awkward)
def test_the_snippet_always_shows_the_match(before, match, after):
    note = before + match + after
    if not match.strip() or not fold(match).strip():
        return
    s = make_snippet(note, len(before), len(before) + len(match))
    assert "\n" not in s.text
    shown = s.text[s.start : s.end]
    assert shown == search_text.one_line(match) or shown.endswith("…")


def test_the_snippets_fold_of_one_character_is_folds():
    """original_span folds one character at a time its own way (without building the pattern of every mark)."""
    from interview_tui.search.text import _fold_char

    for code in [*range(0x20, 0x3400), *range(0xA000, 0x10000, 3), *range(0x10000, 0x20000, 17), 0x1D400, 0x2F800]:
        char = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        assert _fold_char(char) == fold(char), hex(code)
