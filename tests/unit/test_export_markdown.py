"""The Markdown export, read back by a real Markdown parser (markdown-it-py, which rich brings)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from export_fixture import AWKWARD, RIGHT_TO_LEFT, awkward_session, long_note
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from interview_tui.export import render
from interview_tui.export.markdown import NBSP, escape_block, escape_inline, escape_item
from interview_tui.export.summary import NOTICES_TITLE, STYLES, build_summary

# CommonMark plus the two extensions agencies' viewers commonly add (tables, strikethrough).
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Reader(HTMLParser):
    """Collects the tags a rendering produced and its text, with <br> and </p> as line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag == "p":
            self.text.append("\n")

    def handle_data(self, data):
        self.text.append(data)


def _read(markdown: str) -> _Reader:
    reader = _Reader()
    reader.feed(PARSER.render(markdown))
    return reader


def _visible_lines(text: str) -> list[str]:
    """What a reader sees of a note: its non-blank lines, without trailing spaces, indentation as spaces."""
    lines = []
    for line in re.split(r"\r\n|\r|\n", text):
        if line.strip():
            indent = len(line) - len(line.lstrip(" \t"))
            lines.append(line[:indent].replace("\t", "    ") + line[indent:].rstrip())
    return lines


def _rendered_lines(markdown: str) -> tuple[list[str], list[str]]:
    reader = _read(markdown)
    text = "".join(reader.text).replace(NBSP, " ")
    lines = [line.rstrip("\n") for line in text.split("\n")]
    return [line for line in lines if line.strip()], reader.tags


def test_awkward_note_renders_as_typed_with_no_structure() -> None:
    for note in (AWKWARD, RIGHT_TO_LEFT, long_note()):
        lines, tags = _rendered_lines(escape_block(note))
        assert set(tags) <= {"p", "br"}, tags
        assert lines == _visible_lines(note)


MARKDOWN_HEAVY = st.lists(
    st.one_of(
        st.sampled_from(list("#*_-+=>`~[]()<>!&;|\\.:1209 \t\nabcxyzéש🙂")),
        st.sampled_from(["&amp;", "&#35;", "&#x41;", "```", "~~~", "<div>", "</p>", "<!--", "[a]: /b", "    ", "1) "]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN_HEAVY)
def test_any_note_renders_as_typed_with_no_structure(note: str) -> None:
    lines, tags = _rendered_lines(escape_block(note))
    assert set(tags) <= {"p", "br"}, (note, tags)
    assert lines == _visible_lines(note)


@settings(max_examples=200, deadline=None)
@given(MARKDOWN_HEAVY.map(lambda s: s.replace("\n", " ")))
def test_inline_text_renders_as_typed(label: str) -> None:
    reader = _read(f"**{escape_inline('x ' + label + ' x')}**")
    assert set(reader.tags) <= {"p", "strong"}
    rendered = "".join(reader.text).strip()
    assert " ".join(rendered.split()) == " ".join(("x " + label + " x").split())


@settings(max_examples=300, deadline=None)
@given(MARKDOWN_HEAVY, st.sampled_from(["- ", "1. ", "10. "]))
def test_any_list_entry_or_goal_part_renders_as_typed_inside_its_item(text: str, marker: str) -> None:
    """List answers, goal parts, plan items: one item each, line breaks kept, nothing else made of them."""
    second = "- next" if marker == "- " else f"{int(marker[:-2]) + 1}. next"
    markdown = marker + escape_item(text, len(marker)) + "\n" + second
    lines, tags = _rendered_lines(markdown)
    assert tags.count("li") == 2, (text, tags)
    assert set(tags) <= {"ul", "ol", "li", "br"}, (text, tags)
    assert lines == [*_visible_lines(text), "next"]


def _headings(markdown: str) -> list[tuple[str, str]]:
    """(tag, text as shown) of every heading; a heading's text must be plain text, no emphasis or code."""
    tokens = PARSER.parse(markdown)
    found = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            children = tokens[i + 1].children or []
            assert {c.type for c in children} <= {"text"}, children
            found.append((tok.tag, "".join(c.content for c in children)))
    return found


def test_one_heading_per_exported_section_in_every_style() -> None:
    session = awkward_session()
    for style in STYLES:
        summary = build_summary(session, style)
        headings = _headings(render(session, "markdown", style))
        assert headings[0] == ("h1", summary.title)
        assert headings[1] == ("h2", NOTICES_TITLE)
        assert headings[2:] == [("h2", section.title) for section in summary.sections], style


def test_narrative_has_one_heading_per_phase_with_notes_in_protocol_order() -> None:
    h2 = [text for tag, text in _headings(render(awkward_session(), "markdown", "narrative")) if tag == "h2"]
    assert h2 == [
        NOTICES_TITLE, "Opening *and* welcome", "# Long talk", "Check-in", "Mood screen", "Worry screen",
        "Unmapped phase", "Goal setting", "Closing", "Goals", "Plan",
    ]


def test_soap_has_its_four_sections_in_order_then_the_unassigned_notes() -> None:
    h2 = [text for tag, text in _headings(render(awkward_session(), "markdown", "soap")) if tag == "h2"]
    assert h2 == [NOTICES_TITLE, "Subjective", "Objective", "Assessment", "Plan", "Not assigned to a SOAP section"]


def test_no_html_from_a_note_survives_rendering() -> None:
    html = PARSER.render(render(awkward_session(), "markdown", "soap"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
