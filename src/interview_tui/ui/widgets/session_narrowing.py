"""Narrowing the home screen's sessions list by status, protocol and client (issue 19).

The narrowing is the app's, so it holds for the rest of the run (home shown again, the
list refreshed), never written to disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview_tui.store.sessions import SessionSummary

STATUSES: tuple[str | None, ...] = (None, "in_progress", "completed")
STATUS_WORDS = {"in_progress": "in progress", "completed": "finished"}


@dataclass(frozen=True)
class Narrowing:
    status: str | None = None
    protocol: str | None = None
    client: str | None = None

    def keeps(self, summary: SessionSummary) -> bool:
        if self.status == "completed" and summary.status != "completed":
            return False
        if self.status == "in_progress" and summary.status == "completed":
            return False
        if self.protocol is not None and summary.protocol != self.protocol:
            return False
        return self.client is None or summary.client == self.client

    def words(self) -> str:
        """What the list is narrowed to, e.g. ``in progress · follow-up · C-0142``; empty when it is not."""
        parts = [STATUS_WORDS.get(self.status or "", ""), self.protocol or "", self.client or ""]
        return " · ".join(p for p in parts if p)

    def next_status(self) -> Narrowing:
        return replace(self, status=STATUSES[(STATUSES.index(self.status) + 1) % len(STATUSES)])

    def next_protocol(self, summaries: Sequence[SessionSummary]) -> Narrowing:
        protocols: list[str | None] = [None, *sorted({s.protocol for s in summaries})]
        at = protocols.index(self.protocol) if self.protocol in protocols else 0
        return replace(self, protocol=protocols[(at + 1) % len(protocols)])

    def toggle_client(self, client: str | None) -> Narrowing:
        return replace(self, client=None if self.client is not None else client)


def narrowed(summaries: Sequence[SessionSummary], narrowing: Narrowing) -> list[SessionSummary]:
    return [s for s in summaries if narrowing.keeps(s)]
