"""The one line a phase's guidance folds into on a small screen (light: the opening screen draws it too)."""

from __future__ import annotations

from textual.content import Content


def folded_guidance(points: int, key: str) -> Content:
    shown = f"{points} point{'s' if points != 1 else ''} ({key} shows them)"
    return Content.assemble(("Guidance: ", "bold"), (shown, "$text-muted"))
