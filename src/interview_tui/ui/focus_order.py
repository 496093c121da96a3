"""Tab and shift+tab that keep up with a fast burst of keys (screens bind them with priority).

A priority binding runs while the app reads the key, so the keys after a tab
already go to the next field. Two things make that safe:

- ``settle``: the field being left first handles the keys it was already
  given (in "w", tab, "rent" the "w" may pick an answer that shows a
  follow-up prompt, which the tab must then go to);
- ``move_focus``: the next field in the order of the page (the DOM).
  Textual orders focus by where widgets were last laid out, and a prompt
  just shown by show_if has no place yet. A widget with ``tab_skips`` set
  (a list's entries, reached with ↓ from its line) is passed over.
"""

from __future__ import annotations

import asyncio

from textual.screen import Screen

SETTLE_SECONDS = 0.5


async def settle(screen: Screen) -> None:
    focused = screen.focused
    if focused is None:
        return
    done = asyncio.Event()
    focused.call_later(done.set)
    try:
        await asyncio.wait_for(done.wait(), timeout=SETTLE_SECONDS)
    except asyncio.TimeoutError:
        pass


def move_focus(screen: Screen, step: int) -> None:
    chain = set(screen.focus_chain)
    focused = screen.focused
    ordered = [w for w in screen.walk_children() if w in chain and (w is focused or not getattr(w, "tab_skips", False))]
    if not ordered:
        return
    if focused in ordered:
        index = (ordered.index(focused) + step) % len(ordered)
    else:
        index = 0 if step > 0 else -1
    screen.set_focus(ordered[index])
