"""Search every note of every session: type, see the notes that match, open one.

The search runs on a worker thread a moment after typing stops, so typing is
never held up (the first search after the index was lost reads every session
file once). Results are newest session first; each shows where the note is
and a snippet with the match highlighted. Notes are user text: drawn as
plain Content, never as markup.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.core.errors import os_reason
from interview_tui.ui.screens.go_to import GoTo
from interview_tui.search.query import Hit, SearchError, SearchResult, search_notes, update_index
from interview_tui.search.text import SNIPPET_WIDTH, one_line
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.widgets.fitting_footer import FittingFooter

LIMIT = 200
"""Hits shown at most (the newest); the status line says when more notes match."""
DEBOUNCE_SECONDS = 0.15
"""Typing pause before a search starts."""
SLOW_SECONDS = 0.4
"""After this long without results, the status line says the search is still running."""
MATCH_STYLE = "reverse bold"
"""Visible in every theme, and not by colour alone."""


class SearchScreen(OfInterviewApp, Screen[None]):
    CSS_PATH = style_sheet("search")
    BINDINGS = [
        Binding("escape", "close", "Back", id="close_search", tooltip="Back to the list of sessions."),
        Binding("down", "to_results", "Results", id="search_results", show=False,
                tooltip="From the search field down to the list of notes found."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []
        self.searches = 0
        """How many searches have finished (tests wait on it)."""
        self._asked = 0
        self._audited = False
        """Number of the newest search asked for: results of older ones are dropped."""
        self._typing: Timer | None = None
        self._slow: Timer | None = None
        self._open_first = False
        """Enter was pressed before the search for what was typed had run: open its first hit when it comes."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Search the notes of every session"), id="search-title")
        yield Input(placeholder="Type to search (case and accents do not matter)", id="search-input")
        yield Static(Content("Enter opens the highlighted note's session; escape goes back."), id="search-status")
        yield OptionList(id="search-results")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()

    def on_screen_resume(self) -> None:
        if self.hits:  # back from a session: its notes may have changed
            self._search_now()

    @on(Input.Changed, "#search-input")
    def _typed(self) -> None:
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(DEBOUNCE_SECONDS, self._search_now)

    def _search_now(self) -> None:
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        text = self.query_one("#search-input", Input).value
        self._asked += 1
        if self._slow is not None:
            self._slow.stop()
        if not text.strip():
            self._show_hits([])
            self._status("Enter opens the highlighted note's session; escape goes back.")
            return
        self._slow = self.set_timer(SLOW_SECONDS, self._still_searching)
        if not self._audited:  # once per opening of the screen (it searches as one types); never the text
            self._audited = True
            self.app.log_event("notes_searched")
        self._search(text, self._asked)

    def _still_searching(self) -> None:
        self._status("Searching… (the first search after the index was lost reads every session once)")

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, asked: int) -> None:
        store = self.app.store
        try:
            result: SearchResult | str = search_notes(store, text, limit=LIMIT)
        except SearchError as exc:
            result = str(exc)
        except OSError as exc:
            result = f"Cannot search: {os_reason(exc)}"
        # Handed over as a message, without waiting for the UI thread (not call_from_thread): if the screen or the
        # app closes meanwhile, the UI thread may be waiting for this worker, and a worker waiting for it would
        # hang both. A closed screen just never reads the message.
        self.post_message(self.Found(result, asked))
        try:
            update_index(store)  # after the results are on screen
        except OSError:
            pass  # the index is only a shortcut; the next search tries again

    class Found(Message):
        """A search has finished (posted by its worker thread)."""

        def __init__(self, result: "SearchResult | str", asked: int) -> None:
            super().__init__()
            self.result = result
            self.asked = asked

    def on_search_screen_found(self, message: Found) -> None:
        self._found(message.result, message.asked)

    def _found(self, result: SearchResult | str, asked: int) -> None:
        self.searches += 1
        if asked != self._asked:
            return  # typing went on meanwhile: a newer search is coming
        if self._slow is not None:
            self._slow.stop()
        if isinstance(result, str):
            self._open_first = False
            self._show_hits([])
            self._status(result)
            return
        self._show_hits(result.hits)
        count = len(result.hits)
        if not count:
            words = "No note matches."
        elif result.more:
            words = f"More than {count} notes match; the newest {count} are shown (type more to narrow it down)."
        else:
            words = f"{count} note(s) match. Enter opens the highlighted one's session."
        if result.problems:
            words += f" {len(result.problems)} session file(s) could not be searched (the list of sessions says why)."
        self._status(words)
        if self._open_first and self.hits:
            self._open(self.hits[0])
        self._open_first = False

    def _show_hits(self, hits: list[Hit]) -> None:
        self.hits = hits
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options([Option(_entry(hit), id=str(n)) for n, hit in enumerate(hits)])
        if hits:
            results.highlighted = 0

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Content(text))

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        if self._typing is not None:  # typed just now: search first, then open the first hit
            self._open_first = True
            self._search_now()
        elif self.hits:
            self._open(self.hits[self.query_one("#search-results", OptionList).highlighted or 0])

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(self.hits[event.option_index])

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one("#search-results", OptionList).focus()

    def action_close(self) -> None:
        self.app.pop_screen()

    def _open(self, hit: Hit) -> None:
        """Open the hit's session at the note that matched, with the cursor in it."""
        from interview_tui.ui.casework import open_session_by_id

        open_session_by_id(self, hit.session_id, go_to=landing(hit))


def landing(hit: Hit) -> GoTo | None:
    """The phase and note field of a hit; None for a match in the client code (the session opens where it was)."""
    if hit.phase_id is None:
        return None
    field = f"note-{hit.phase_id}-{hit.prompt_id if hit.where == 'note' else 'other'}"
    return GoTo(hit.phase_id, field)


def _entry(hit: Hit) -> Content:
    """Two lines: when, who and where; then the snippet, the match highlighted."""
    where = "client code" if hit.where == "client" else one_line(hit.place)
    head = f"{hit.started_at:%Y-%m-%d %H:%M}  {hit.client}  {one_line(hit.protocol_title)} · {where}"
    if len(head) > SNIPPET_WIDTH:
        head = head[: SNIPPET_WIDTH - 1] + "…"  # one line, like the snippet under it
    before, match, after = hit.snippet.parts()
    return Content.assemble((head, "dim"), "\n", before, (match, MATCH_STYLE), after)
