"""Session-index commands at N sessions against the same command on an empty store, paired in one run (issue 17).

    python benchmarks/bench_index.py STORE_DIR EMPTY_DIR [--runs 7]

Each round runs every command once on each store, interleaved, as whole processes (output to a pipe, read
whole), so a busy shared machine slows both sides of a pair alike. Reports medians, the spread (min-max) and
the ratio of medians. ``sessions`` is also compared with a floor: a fresh Python process reading the same rows
from the same database and printing them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

FLOOR = (
    "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]);"
    "w = sys.stdout.write\n"
    "for r in db.execute('SELECT name, client, protocol, status, started_at FROM files WHERE problem IS NULL "
    "ORDER BY sort DESC, name DESC'): w(f'{r[0][:-5]}  {r[1]}  {r[2]}  {r[3]}  {r[4]}\\n')"
)


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def first_session(store: Path) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "interview_tui", "--data-dir", str(store), "sessions", "--json"],
                         capture_output=True, check=True).stdout  # fmt: skip
    return json.loads(out)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("empty", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "interview_tui", "--data-dir"]
    first = first_session(args.store)
    client = first["client"]
    commands = {
        "sessions": ["sessions"],
        "sessions --client": ["sessions", "--client", client],
        "clients": ["clients"],
        "search RAREWORD": ["search", "zqxjv"],
        "search COMMON --limit 50": ["search", "the", "--limit", "50"],
        "export ID": ["export", first["id"], "--style", "soap"],  # on the empty store: "no session with id ..."
    }
    for argv in commands.values():  # warm both indexes (a first run builds them)
        timed(cli + [str(args.store), *argv]), timed(cli + [str(args.empty), *argv])
    times: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for name, argv in commands.items():
            times.setdefault(name, []).append(timed(cli + [str(args.store), *argv]))
            times.setdefault(name + " (empty)", []).append(timed(cli + [str(args.empty), *argv]))
        times.setdefault("floor", []).append(
            timed([sys.executable, "-c", FLOOR, str(args.store / "sessions" / ".index.sqlite")])
        )
        times.setdefault("python -c pass", []).append(timed([sys.executable, "-c", "pass"]))
    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'command':28} {'median ms':>10} {'spread ms':>14} {'ratio':>12}")
    for name in commands:
        spread = f"{min(times[name]) * 1000:.0f}-{max(times[name]) * 1000:.0f}"
        print(f"{name:28} {med[name] * 1000:10.0f} {spread:>14} {med[name] / med[name + ' (empty)']:8.2f}x empty")
        empty = times[name + " (empty)"]
        print(f"{'  (empty store)':28} {med[name + ' (empty)'] * 1000:10.0f} {min(empty) * 1000:.0f}-{max(empty) * 1000:.0f}"
              f"{med[name + ' (empty)'] / med['python -c pass']:8.2f}x python -c pass (target <= 8x)")  # fmt: skip
    print(f"{'floor (sqlite rows printed)':28} {med['floor'] * 1000:10.0f}   sessions/floor {med['sessions'] / med['floor']:.2f}x")
    print(f"{'python -c pass':28} {med['python -c pass'] * 1000:10.0f}")


if __name__ == "__main__":
    main()
