"""Python's cycle collector paused while the app starts, resumed just after its first frame.

Starting the app makes mostly objects that live as long as it does (modules,
classes, style rules, widgets) and little garbage, yet the collector keeps
scanning them as they pile up: before the first frame about 160 collections,
one of them a full one, about 100 ms in all (the minimal Textual app of the
benchmarks: 37 ms). The command that opens the app pauses it first thing
(``cli/entry.py``); just after the first frame the app resumes it
(``InterviewApp.screen_ready``) with one full collection, the one that used to
come before the first frame: the app goes on from the same state as before
the pause, its start-up garbage (loading the data models makes some) freed,
and no full collection of everything start-up made comes due a few seconds
later, while the practitioner types (a stop then waits for the last keys to
be read: ``last_keys.py``). Whatever screen comes first, it is resumed within
``LATEST_SECONDS`` of the app's start. Nothing is set aside for good (no
``gc.freeze``).
"""

from __future__ import annotations

import gc

LATEST_SECONDS = 3.0
"""The collector runs again by then, whatever the app shows first."""

_paused = False


def pause() -> None:
    """Called by the command that opens the app, before anything is imported."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """After the first frame (or ``LATEST_SECONDS``): the collector runs again. Only undoes ``pause``: an app
    started another way (the tests) keeps its collector as it was."""
    global _paused
    if _paused:
        _paused = False
        gc.collect()
        gc.enable()
