"""How search compares text, and the one-line snippet shown around a match. Plain functions on strings.

Folding. A note and a query are compared after ``fold``, which ignores:
- case, by Unicode's full case folding (``str.casefold``: "Straße" matches
  "STRASSE", "ΣΟΦΊΑ" matches "σοφία");
- accents and other combining marks ("José" matches "jose", "Müller" matches
  "muller"; Arabic vowel marks and Hebrew points are ignored too), by
  compatibility decomposition (NFKD) and dropping every character with a
  combining class (which also makes "ﬁ" match "fi", full-width "ＡＢ" match
  "ab", and composed and decomposed "é" match each other);
- which kind of white space or control character: each is one space (a line
  break in a note matches a space in the query).
Letters that are not accented forms of others stay apart ("ø" is not "o",
"ı" is not "i"). Marks that change a letter in some scripts are still
ignored (Japanese "が" matches "か"): search finds too much rather than
too little.

``fold`` works character by character (folding a text is folding each
character and joining the results), so any piece of a note, folded, is a
piece of the folded note: whatever the practitioner copies out of a note is
found again. ``original_span`` maps a match in the folded text back to the
note as written, for the snippet.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

SNIPPET_WIDTH = 96
"""Characters of a snippet, ellipses included (a long match is cut too)."""

_SPACE_LIKE = re.compile("[\x00-\x1f\x7f-\x9f\u1680\u2028\u2029]")
"""Control characters and the white space NFKD does not turn into a plain space."""

_HIDDEN_IN_SNIPPETS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
"""Direction marks, overrides and isolates: in a one-line snippet they would reorder the rest of the line."""

_WHITE_RUN = re.compile(r"\s+")


@functools.cache
def _marks() -> re.Pattern[str]:
    """Every character with a combining class other than 0 (built on first use: about 15 ms)."""
    ranges: list[str] = []
    start = None
    for code in range(_MARKS_BELOW + 1):
        is_mark = code < _MARKS_BELOW and unicodedata.combining(chr(code)) != 0
        if is_mark and start is None:
            start = code
        elif not is_mark and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile("[" + "".join(ranges) + "]")


_MARKS_BELOW = 0x20000
"""No character at or above this has a combining class (checked against the whole of Unicode by a test)."""


def fold(text: str) -> str:
    """``text`` as search compares it (see the module's docstring). ``fold(a + b) == fold(a) + fold(b)``."""
    if text.isascii():
        text = text.lower()
    else:
        text = _marks().sub("", unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold()))
    return text if text.isprintable() else _SPACE_LIKE.sub(" ", text)


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """``fold(char)``, without building the pattern of every mark (a snippet folds only a few characters)."""
    if char.isascii():
        return fold(char)
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept if kept.isprintable() else _SPACE_LIKE.sub(" ", kept)


def original_span(original: str, start: int, end: int) -> tuple[int, int]:
    """The part of ``original`` whose folding is ``fold(original)[start:end]`` (widened to whole characters,
    and over the accents that follow its last character)."""
    if original.isascii():
        return start, end
    position = 0
    first = None
    last = len(original)
    for index, char in enumerate(original):
        size = len(_fold_char(char))
        if first is None and position + size > start:
            first = index
        position += size
        if first is not None and position >= end:
            last = index + 1
            break
    if first is None:
        return len(original), len(original)
    while last < len(original) and not _fold_char(original[last]):
        last += 1  # a combining accent after the match belongs to its last letter
    return first, last


@dataclass(frozen=True)
class Snippet:
    """One line of a note around a match: ``text[start:end]`` is the match (to highlight)."""

    text: str
    start: int
    end: int

    def parts(self) -> tuple[str, str, str]:
        return self.text[: self.start], self.text[self.start : self.end], self.text[self.end :]


def one_line(part: str) -> str:
    """One line, white space collapsed, control characters and direction overrides gone."""
    return _WHITE_RUN.sub(" ", _HIDDEN_IN_SNIPPETS.sub("", _SPACE_LIKE.sub(" ", part)))


def make_snippet(original: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> Snippet:
    """A line of at most ``width`` characters around ``original[start:end]``, with "…" where the note goes on."""
    width = max(width, 12)
    window = width * 3
    match = one_line(original[start:end])
    before = one_line(original[max(0, start - window) : start])
    after = one_line(original[end : end + window])
    if start - window <= 0:
        before = before.lstrip()
    if end + window >= len(original):
        after = after.rstrip()
    if match.startswith(" ") and before.endswith(" "):
        before = before[:-1]
    if match.endswith(" ") and after.startswith(" "):
        after = after[1:]
    cut_match = len(match) > width - 2
    if cut_match:
        match = match[: width - 3] + "…"
    room = width - len(match)
    take_before = min(len(before), max(room // 3, room - len(after)))
    take_after = min(len(after), room - take_before)
    head = before[len(before) - take_before :] if take_before else ""
    tail = after[:take_after] if not cut_match else ""
    more_before = take_before < len(before) or start - window > 0
    more_after = cut_match or take_after < len(after) or end + window < len(original)
    if more_before:
        head = "…" + _from_word(head[1:] if head else head)
    if more_after and not cut_match:
        tail = _to_word(tail[:-1] if tail else tail) + "…"
    return Snippet(head + match + tail, len(head), len(head) + len(match))


def _from_word(text: str) -> str:
    """Drop a word cut in half at the start (when a space is near)."""
    space = text.find(" ", 0, 16)
    return text[space + 1 :] if space >= 0 and text[:1] != " " else text.lstrip()


def _to_word(text: str) -> str:
    """Drop a word cut in half at the end (when a space is near)."""
    space = text.rfind(" ", max(0, len(text) - 16))
    return text[:space] if space >= 0 else text
