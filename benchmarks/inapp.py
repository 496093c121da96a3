"""Figures measured inside one Python process: typing, autosave, lists.

Each returns plain numbers (seconds); run.py turns them into the table.
Times are medians or 95th percentiles of several repetitions. Besides the
wall-clock time, CPU time (``time.process_time``) is kept where it matters:
on a shared, loaded machine wall time includes waiting for a core.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import DataTable, TextArea

from interview_tui.store.autosave import Autosaver
from interview_tui.devtools.demo_data import DemoClient, DemoContext, load_sentences, note_text
from interview_tui.store.paths import Locations, builtin_phases_dir
from interview_tui.phases.files import Catalogue, load_catalogue
from interview_tui.core.session import PhaseCopy, PhaseNotes, PromptCopy, ProtocolCopy, Session
from interview_tui.store.sessions import SessionStore

SIZE = (120, 40)
TYPED = "the client said it went better this week "


@dataclass
class Timing:
    wall: float
    cpu: float


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median_timing(samples: list[Timing]) -> Timing:
    return Timing(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples))


def timed(fn, repeat: int) -> Timing:
    samples = []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        samples.append(Timing(time.perf_counter() - w, time.process_time() - c))
    return median_timing(samples)


def catalogue() -> Catalogue:
    return load_catalogue([builtin_phases_dir()])


def locations_for(data_dir: Path) -> Locations:
    return Locations(data_dir=data_dir, config_dir=data_dir / "config", user_phases_dir=data_dir / "config" / "phases")


# ---------------------------------------------------------------- sessions for the measures


def synthetic_text(total: int, seed: int = 7) -> str:
    """Demo-note text (several languages) of exactly ``total`` characters."""
    import random

    sentences = load_sentences()
    ctx = DemoContext(random.Random(seed), DemoClient("DEMO-0001", tuple(sentences)), None, 1, True, sentences)
    parts, size = [], 0
    while size < total:
        part = note_text(ctx)
        parts.append(part)
        size += len(part) + 2
    return "\n\n".join(parts)[:total]


def large_session(prompts: int, characters: int) -> Session:
    """One session with ``prompts`` prompts (20 per phase) and ``characters`` characters of notes spread over them."""
    per_phase = 20
    phases = []
    for p in range(0, prompts, per_phase):
        phase_id = f"phase-{p // per_phase + 1:02d}"
        phases.append(
            PhaseCopy(
                id=phase_id,
                title=f"Phase {p // per_phase + 1}",
                prompts=[PromptCopy(id=f"prompt-{i:03d}", text=f"Demo prompt {i}?") for i in range(p, min(prompts, p + per_phase))],
            )
        )
    text = synthetic_text(characters)
    share = characters // prompts
    at = datetime(2025, 1, 6, 10, 0, tzinfo=timezone.utc)
    session = Session(
        id="20250106-100000-beef",
        client_code="DEMO-BENCH",
        protocol=ProtocolCopy(id="bench", title="Benchmark", phases=phases),
        started_at=at,
        updated_at=at,
        current_phase=phases[0].id,
        phases={ph.id: PhaseNotes() for ph in phases},
    )
    n = 0
    for ph in phases:
        for prompt in ph.prompts:
            session.set_note(ph.id, prompt.id, text[n * share : (n + 1) * share])
            n += 1
    return session


def intake_session_with_notes(cat: Catalogue, characters: int, in_field: int) -> Session:
    """An intake session holding ``characters`` of notes, ``in_field`` of them in the first prompt typed into."""
    protocol = cat.protocols["intake"]
    session = Session.start("DEMO-TYPE", protocol)
    text = synthetic_text(characters)
    first = protocol.phases[0]
    session.set_note(first.id, first.prompts[0].id, text[:in_field])
    rest = text[in_field:]
    others = [(ph.id, pr.id) for ph in protocol.phases for pr in ph.prompts][1:]
    share = len(rest) // len(others)
    for k, (ph, pr) in enumerate(others):
        session.set_note(ph, pr, rest[k * share : (k + 1) * share])
    return session


# ---------------------------------------------------------------- typing


async def keystroke_latencies(app: App, keys: int) -> list[Timing]:
    """Key event sent → the frame that shows it composed (per keystroke), in a running app.

    Each key is sent as the terminal driver would send it, then we wait for the next screen update
    in which the focused note field's cursor has moved past the new character. The app is left idle between keys.
    """
    from textual._wait import wait_for_idle

    latencies: list[Timing] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        field = app.focused
        assert isinstance(field, TextArea), f"focus is on {field!r}, not a note field"
        field.move_cursor(field.document.end)  # as the session screen does; same for the reference
        await pilot.pause()
        frames: list[tuple[float, float, tuple[int, int]]] = []
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            frames.append((time.perf_counter(), time.process_time(), field.cursor_location))

        app._display = display  # type: ignore[method-assign]
        driver = app._driver
        for k in range(keys):
            char = TYPED[k % len(TYPED)]
            await wait_for_idle(0)
            before = field.cursor_location
            mark = len(frames)
            event = events.Key(char if char != " " else "space", char)
            event.set_sender(app)
            w, c = time.perf_counter(), time.process_time()
            driver.send_message(event)
            deadline = w + 5
            while True:
                shown = next((f for f in frames[mark:] if f[2] != before), None)
                if shown is not None:
                    latencies.append(Timing(shown[0] - w, shown[1] - c))
                    break
                if time.perf_counter() > deadline:
                    raise RuntimeError("a keystroke was not drawn within 5 s")
                await asyncio.sleep(0)
        app._display = original  # type: ignore[method-assign]
    return latencies


def typing_in_session(data_dir: Path, keys: int, characters: int = 50_000, in_field: int = 10_000) -> list[Timing]:
    from interview_tui.ui.app import make_app

    cat = catalogue()
    store = SessionStore(locations_for(data_dir).sessions_dir)
    session = intake_session_with_notes(cat, characters, in_field)
    store.save(session)
    app = make_app(locations_for(data_dir), cat, store, session)
    return asyncio.run(keystroke_latencies(app, keys))


def typing_in_minimal_app(keys: int, in_field: int = 10_000) -> list[Timing]:
    from minimal_app import MinimalApp

    return asyncio.run(keystroke_latencies(MinimalApp(synthetic_text(in_field)), keys))


# ---------------------------------------------------------------- autosave


def autosave(data_dir: Path, repeat: int) -> dict[str, Timing]:
    """One autosave of a 200-prompt, 50,000-character session: the part on the UI thread, the write, and
    the reference (the same bytes written with a plain write + fsync, the floor for a durable save)."""
    store = SessionStore(data_dir / "sessions")
    session = large_session(200, 50_000)
    saver = Autosaver(store, session)
    ui_path, writes, floor = [], [], []
    try:
        for _ in range(repeat):
            session.set_note(session.current_phase, "prompt-000", session.note(session.current_phase, "prompt-000") + "x")
            saver.changed()
            w, c = time.perf_counter(), time.process_time()
            saver.save_in_background()  # what the UI thread pays: snapshot + hand-off
            ui_path.append(Timing(time.perf_counter() - w, time.process_time() - c))
            saver._pending.result()
            data = session.to_json()
            w, c = time.perf_counter(), time.process_time()
            store.save_bytes(session.id, data)  # what the writer thread does
            writes.append(Timing(time.perf_counter() - w, time.process_time() - c))
            plain = data_dir / "plain-write"
            w, c = time.perf_counter(), time.process_time()
            with open(plain, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            floor.append(Timing(time.perf_counter() - w, time.process_time() - c))
    finally:
        saver.close()
    size = len(session.to_json())
    return {
        "ui_path": median_timing(ui_path),
        "write": median_timing(writes),
        "floor": median_timing(floor),
        "bytes": size,
    }


# ---------------------------------------------------------------- lists


def client_listing(sessions_dir: Path, client: str, repeat: int) -> Timing:
    """A fresh store (as a new command or screen would have) listing one client's sessions, index present."""
    SessionStore(sessions_dir).summaries()  # make sure the index is current before timing
    return timed(lambda: SessionStore(sessions_dir).summaries(client=client), repeat)


SEARCHES = ("housing office", "SEMAINE", "الأسبوع", "平静", "doable 👍", "no such words anywhere")
"""What the search benchmark looks for: common and rare, several scripts, and nothing (a scan of every note)."""


def searches(sessions_dir: Path, repeat: int) -> dict[str, Timing]:
    """The search screen's search (the newest 200 hits) by a fresh store, as a new command or the first search
    after launch makes it: the index read from disk and checked against the folder. One timing per query."""
    from interview_tui.search.query import search_notes, update_index

    store = SessionStore(sessions_dir)
    search_notes(store, "warm up")
    update_index(store)  # the index is current, as after any earlier search
    return {q: timed(lambda q=q: search_notes(SessionStore(sessions_dir), q, limit=200), repeat) for q in SEARCHES}


def search_in_app(sessions_dir: Path, repeat: int) -> Timing:
    """The same searches again with the app's store (index already read): each keystroke's search on the screen."""
    from interview_tui.search.query import search_notes

    store = SessionStore(sessions_dir)
    search_notes(store, "warm up")
    found = [timed(lambda q=q: search_notes(store, q, limit=200), repeat) for q in SEARCHES]
    return max(found, key=lambda t: t.cpu)


def search_without_index(sessions_dir: Path) -> Timing:
    """The first search after the index is lost: every session file is read and the index written."""
    from interview_tui.search.query import search_notes

    (sessions_dir / ".search.sqlite").unlink(missing_ok=True)
    return timed(lambda: search_notes(SessionStore(sessions_dir), "housing office", limit=200), 1)


def command_search(data_dir: Path, repeat: int) -> float:
    """Wall time of the whole `interview-tui search "housing office" --limit 20` process (median)."""
    import sys

    argv = [str(Path(sys.executable).with_name("interview-tui")), "--data-dir", str(data_dir), "search",
            "housing office", "--limit", "20"]
    return _median_process(argv, repeat)


def export_one(sessions_dir: Path, out_dir: Path, repeat: int) -> Timing:
    """Export one session of the store as the `export` command does: load it, render Markdown (SOAP), write it.

    The session is the store's largest (most notes), found through the index."""
    from interview_tui.export import render, write_export

    store = SessionStore(sessions_dir)
    summaries, _ = store.summaries()
    biggest = max(summaries[:500], key=lambda s: s.path.stat().st_size)
    out_dir.mkdir(parents=True, exist_ok=True)

    def once() -> None:
        session = SessionStore(sessions_dir).load(biggest.id)
        write_export(out_dir / "export.md", render(session, "markdown", "soap"), force=True)

    once()  # imports
    return timed(once, repeat)


def command_listing(data_dir: Path, client: str, repeat: int) -> float:
    """Wall time of the whole `interview-tui sessions --client CLIENT --json` process (median)."""
    import subprocess
    import sys

    argv = [str(Path(sys.executable).with_name("interview-tui")), "--data-dir", str(data_dir), "sessions",
            "--client", client, "--json"]
    return _median_process(argv, repeat)


def python_start(repeat: int) -> float:
    import sys

    return _median_process([sys.executable, "-c", "pass"], repeat)


def _median_process(argv: list[str], repeat: int) -> float:
    import subprocess

    samples = []
    for _ in range(repeat + 1):
        w = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - w)
    return statistics.median(samples[1:])


def listing_without_index(sessions_dir: Path) -> Timing:
    """The first listing after the index is lost: every file is read once."""
    (sessions_dir / ".index.json").unlink(missing_ok=True)
    return timed(lambda: SessionStore(sessions_dir).summaries(), 1)


async def _home_refresh(app: App, repeat: int, cold: bool) -> list[Timing]:
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.3)
        screen = app.screen
        table = screen.query_one(DataTable)
        frames: list[tuple[float, float]] = []
        original = app._display

        def display(scr, renderable) -> None:
            original(scr, renderable)
            frames.append((time.perf_counter(), time.process_time()))

        app._display = display  # type: ignore[method-assign]
        newest = screen.summaries[0].path if screen.summaries else None
        for _ in range(repeat):
            await pilot.pause()
            if cold:
                app.store._index = None  # a new process: the index is read from disk
            elif newest is not None:
                os.utime(newest)  # as when coming back from a session: its file was just saved
            mark = len(frames)
            w, c = time.perf_counter(), time.process_time()
            screen.refresh_sessions()
            table.refresh()
            while len(frames) == mark:
                await asyncio.sleep(0)
            samples.append(Timing(frames[mark][0] - w, frames[mark][1] - c))
        app._display = original  # type: ignore[method-assign]
    return samples


def home_lists(data_dir: Path, repeat: int, cold: bool = False) -> Timing:
    """The home screen's session list re-read (and the table updated) until the next frame.

    Warm: the app has been running (as when coming back from a session whose file was just saved).
    Cold: the index is read from disk first, as in the check right after launch."""
    from interview_tui.ui.app import make_app

    app = make_app(locations_for(data_dir), catalogue())
    SessionStore(locations_for(data_dir).sessions_dir).summaries()
    return median_timing(asyncio.run(_home_refresh(app, repeat, cold)))
