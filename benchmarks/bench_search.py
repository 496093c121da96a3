"""The `search` command as the practitioner runs it, on stores of 1,000, 10,000 (and 50,000) sessions.

    .venv/bin/python benchmarks/bench_search.py                        # 1,000 and 10,000 sessions, 7 runs
    .venv/bin/python benchmarks/bench_search.py --sizes 1000,10000,50000 --runs 7

Whole processes (`interview-tui --data-dir D search ...`), each kind run
``--runs`` times, interleaved with the others so that a busy moment of the
machine hits them all alike; the figure is the median, the spread (fastest to
slowest) is shown beside it, and every ratio is between two medians of the
same run:

- `search okapi`: a word found in three sessions (planted there), all hits;
- `search COMMON --limit 50`: a word found in most sessions, the first 50;
- the same two on an empty store (the reference: the target is 1.3×);
- `search RAREWORD` right after one session was changed (saved by the app
  just before, so its file is read again and its row replaced), against the
  same search with nothing changed (target 1.2×), with the peak memory of
  the process (target under 150 MB);
- `python3 -c pass`, for scale.

The demo stores are written once with `interview-tui demo-data` (clients: one
per 20 sessions) and kept in ``--store-dir``; the first search after that
builds the index, timed once and shown as the rebuild.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
APP = str(Path(sys.executable).with_name("interview-tui"))
RARE_WORD = "okapi"
SETTLE_SECONDS = 2.1
"""A file written less than 2 s ago is read again by every search: the unchanged runs wait this long."""


def run(argv: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak resident KiB and exit status of one whole process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def store(store_dir: Path, sessions: int, seed: int) -> Path:
    data = store_dir / f"search-{sessions}-seed{seed}"
    folder = data / "sessions"
    count = sum(1 for p in folder.glob("[!.]*.json")) if folder.is_dir() else 0
    if count != sessions:
        print(f"  writing {sessions:,} demo sessions into {data} ...", flush=True)
        subprocess.run([APP, "--data-dir", str(data), "demo-data", "--sessions", str(sessions),
                        "--clients", str(max(1, sessions // 20)), "--seed", str(seed), "--force"], check=True,
                       stdout=subprocess.DEVNULL)
    return data


def words(data: Path, rng: random.Random) -> tuple[str, str]:
    """The rare word (planted in a few sessions: the demo notes repeat their sentences) and a common one (in most)."""
    db = sqlite3.connect(data / "sessions" / ".search.sqlite")
    total = db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    sample = [f for (f,) in db.execute("SELECT folded FROM notes ORDER BY key LIMIT 400")]
    counts: dict[str, int] = {}
    for text in sample:
        for word in set(re.findall(r"[a-z]{7,}", text)):
            counts[word] = counts.get(word, 0) + 1

    def sessions_with(text: str) -> int:
        return db.execute("SELECT count(*) FROM notes WHERE instr(folded, ?) > 0", (text,)).fetchone()[0]

    common = max(counts, key=counts.get)
    rare = RARE_WORD
    print(f"  rare word {rare!r} ({sessions_with(rare)} of {total:,} sessions), "
          f"common word {common!r} ({sessions_with(common):,})", flush=True)
    return rare, common


def plant_rare_word(data: Path, rng: random.Random) -> None:
    """Put ``RARE_WORD`` into the notes of three sessions, saved by the app's store (the same three for the same seed)."""
    from interview_tui.store.sessions import SessionStore

    sessions = SessionStore(data / "sessions")
    summaries, _ = sessions.summaries()
    for chosen in rng.sample(summaries, 3):
        session = sessions.load(chosen.id)
        phase = session.protocol.phases[-1]
        session.set_other_notes(phase.id, f"Mentioned the {RARE_WORD} at the zoo once more.")
        sessions.save(session)


def change_one_session(data: Path, rng: random.Random) -> None:
    """Save one session through the app's store, as the app does after a note is typed."""
    from interview_tui.store.sessions import SessionStore

    sessions = SessionStore(data / "sessions")
    summaries, _ = sessions.summaries()
    chosen = summaries[rng.randrange(len(summaries))]
    session = sessions.load(chosen.id)
    phase = session.protocol.phases[0]
    session.set_note(phase.id, phase.prompts[0].id, f"changed for the benchmark {rng.random()}")
    sessions.save(session)


def measure(sizes: list[int], runs: int, store_dir: Path, seed: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="interview-tui-search-bench-"))
    empty = work / "empty"
    figures: dict = {"sizes": {}, "runs": runs}
    rng = random.Random(seed)
    for size in sizes:
        print(f"{size:,} sessions", flush=True)
        data = store(store_dir, size, seed)
        plant_rare_word(data, random.Random(seed))
        index = data / "sessions" / ".search.sqlite"
        index.unlink(missing_ok=True)
        rebuild, rebuild_rss, _ = run([APP, "--data-dir", str(data), "search", "warm up", "--limit", "1"])
        time.sleep(SETTLE_SECONDS)
        run([APP, "--data-dir", str(data), "search", "warm up", "--limit", "1"])  # the files settled: all trusted
        rare, common = words(data, rng)
        kinds = {
            "rare": [APP, "--data-dir", str(data), "search", rare],
            "rare-empty": [APP, "--data-dir", str(empty), "search", rare],
            "common": [APP, "--data-dir", str(data), "search", common, "--limit", "50"],
            "common-empty": [APP, "--data-dir", str(empty), "search", common, "--limit", "50"],
            "python": [sys.executable, "-c", "pass"],
        }
        timings: dict[str, list[float]] = {k: [] for k in [*kinds, "changed", "unchanged"]}
        peaks: dict[str, list[int]] = {k: [] for k in timings}
        for round_ in range(runs + 1):  # round 0 warms the caches and is not counted
            change_one_session(data, rng)
            seconds, rss, _ = run(kinds["rare"])  # right after the app saved a session: its file is read again
            if round_:
                timings["changed"].append(seconds)
                peaks["changed"].append(rss)
            time.sleep(SETTLE_SECONDS)
            run(kinds["rare"])  # once the changed file has settled it is read once more, then trusted (not timed)
            seconds, rss, _ = run(kinds["rare"])
            if round_:
                timings["unchanged"].append(seconds)
                peaks["unchanged"].append(rss)
            for kind, argv in kinds.items():
                seconds, rss, _ = run(argv)
                if round_:
                    timings[kind].append(seconds)
                    peaks[kind].append(rss)
        figures["sizes"][size] = {
            "rare": rare, "common": common, "rebuild_seconds": rebuild, "rebuild_peak_kib": rebuild_rss,
            "index_bytes": index.stat().st_size, "seconds": timings, "peak_kib": peaks,
        }
        print(f"  done ({runs} runs of each)", flush=True)
    return figures


def table(figures: dict) -> str:
    lines = ["| sessions | measure | median | spread | reference (median) | ratio | target | peak memory |",
             "|---|---|---|---|---|---|---|---|"]
    for size, f in figures["sizes"].items():
        med = {k: statistics.median(v) for k, v in f["seconds"].items()}
        peak = {k: statistics.median(v) / 1024 for k, v in f["peak_kib"].items()}

        def line(name: str, kind: str, ref: str, ref_name: str, target: float) -> str:
            spread = f"{min(f['seconds'][kind]) * 1000:.0f}-{max(f['seconds'][kind]) * 1000:.0f} ms"
            ratio = med[kind] / med[ref]
            verdict = "pass" if ratio <= target else "FAIL"
            return (f"| {int(size):,} | {name} | {med[kind] * 1000:.0f} ms | {spread} | {ref_name} "
                    f"{med[ref] * 1000:.0f} ms | {ratio:.2f}× | ≤ {target}× ({verdict}) | {peak[kind]:.0f} MiB |")

        lines.append(line(f"`search {f['rare']}`", "rare", "rare-empty", "empty store", 1.3))
        lines.append(line(f"`search {f['common']} --limit 50`", "common", "common-empty", "empty store", 1.3))
        lines.append(line("`search` right after one session changed", "changed", "unchanged", "nothing changed", 1.2))
        lines.append(line("`search` with nothing changed", "unchanged", "rare-empty", "empty store", 1.3))
        lines.append(f"| {int(size):,} | first search, index rebuilt | {f['rebuild_seconds']:.1f} s | | | | | "
                     f"{f['rebuild_peak_kib'] / 1024:.0f} MiB |")
        lines.append(f"| {int(size):,} | `python3 -c pass` | {med['python'] * 1000:.0f} ms | | | | | |")
        lines.append(f"| {int(size):,} | index size | {f['index_bytes'] / 2**20:.0f} MiB | | | | | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="store sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store-dir", default=str(RESULTS / "stores"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    started = time.time()
    figures = measure(sizes, args.runs, Path(args.store_dir), args.seed)
    text = table(figures)
    print()
    print(text)
    git = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"\n{time.time() - started:.0f} s, commit {git.stdout.strip()}, nproc {os.cpu_count()}, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(figures, indent=1))
    print(f"saved: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
