"""Command palette entries: "Go to phase ..." for every phase of the open session."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


def _highlight(matcher, text: str) -> Content:
    """Like ``Matcher.highlight``, but never reads the title as markup (titles are user text)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PhaseCommands(Provider):
    def _targets(self):
        from interview_tui.ui.screens.session import SessionScreen

        screen = self.screen
        if not isinstance(screen, SessionScreen):
            return screen, []
        return screen, [
            (f"Go to phase {n}. {phase.title}", phase.id)
            for n, phase in enumerate(screen.session.protocol.phases, 1)
        ]

    async def discover(self) -> Hits:
        screen, targets = self._targets()
        for text, phase_id in targets:
            yield DiscoveryHit(Content(text), partial(screen.go_to_phase, phase_id), help="Open this phase")

    async def search(self, query: str) -> Hits:
        screen, targets = self._targets()
        matcher = self.matcher(query)
        for text, phase_id in targets:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), partial(screen.go_to_phase, phase_id), help="Open this phase")
