"""The HTML export parses cleanly, carries no tag from a note, and shows every note exactly as typed."""

from __future__ import annotations

from html.parser import HTMLParser

from export_fixture import AWKWARD, RIGHT_TO_LEFT, awkward_session, long_note
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_tui.export import render
from interview_tui.export.summary import STYLES

TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "dl", "dt", "dd", "section", "div", "p", "span",
    "ul", "ol", "li", "strong",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.notes: list[str] = []
        self.note_dirs: list[str | None] = []
        self._in_note = False
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "note":
            self._in_note = True
            self.notes.append("")
            self.note_dirs.append(attrs.get("dir"))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "div":
            self._in_note = False
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_note:
            self.notes[-1] += data
        if self._in_style:
            self.style += data


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_no_tag_from_a_note_and_every_note_exactly_as_typed() -> None:
    session = awkward_session()
    for style in STYLES:
        page = _page(render(session, "html", style))
        assert set(page.tags) <= TEMPLATE_TAGS, style
        assert "script" not in page.tags and "b" not in page.tags
        for note in (AWKWARD, RIGHT_TO_LEFT, long_note()):
            assert note in page.notes, style
        assert all(d == "auto" for d in page.note_dirs)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(list("<>&\"'/=abc ;#\n") + ["<script>", "</div>", "<!--", "&amp;", "]]>"]), min_size=1).map(
        "".join
    )
)
def test_any_note_survives_html_escaping(note: str) -> None:
    session = awkward_session()
    session.edit_note("unmapped", "aside", note)
    page = _page(render(session, "html", "narrative"))
    assert set(page.tags) <= TEMPLATE_TAGS
    if note.strip():
        assert note.strip("\n") in page.notes


def test_one_self_contained_file_that_prints() -> None:
    html = render(awkward_session(), "html", "soap")
    page = _page(html)
    assert "@media print" in page.style
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    for outside in ("<link", "<script", "src=", "href=", "@import", "url("):
        assert outside not in html, outside
