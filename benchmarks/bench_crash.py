"""200 SIGKILL trials against the installed app: how stale can the disk be, and is any file ever unreadable?

Run: .venv/bin/python benchmarks/bench_crash.py [--trials 200] [--at-once 4] [--seed N]
Prints the figures and exits non-zero if any trial broke the promise
(a session file unreadable, or text typed more than 2 s before the kill missing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))

from harness.crash import BOUND_SECONDS, run_trial  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--at-once", type=int, default=4)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--encrypted", action="store_true", help="encryption on (each start pays the scrypt cost)")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        with ThreadPoolExecutor(max_workers=args.at_once) as pool:
            trials = list(
                pool.map(lambda n: run_trial(
                    args.seed + n, Path(tmp) / f"trial-{n}", passphrase="bench passphrase" if args.encrypted else None
                ), range(args.trials))
            )
    took = time.monotonic() - started
    failures = [t for t in trials if not t.ok]
    unreadable = [t for t in trials if t.problem is not None]
    stale = sorted(t.stale_seconds for t in trials)
    typed = sum(len(t.typed) for t in trials)
    on_disk = sum(len(t.on_disk or "") for t in trials)
    mode = "encryption on" if args.encrypted else "no encryption"
    print(f"SIGKILL trials: {len(trials)} ({mode}; seed {args.seed}, {args.at_once} at once, {took:.0f} s)")
    print(f"  unreadable session files: {len(unreadable)}")
    print(f"  trials missing text typed more than {BOUND_SECONDS:.0f} s before the kill: {len(failures) - len(unreadable)}")
    print(f"  keystrokes typed: {typed}; on disk at the kill: {on_disk} ({on_disk / max(typed, 1):.0%})")
    print(
        "  age of the oldest keystroke not yet on disk at the kill: "
        f"median {statistics.median(stale):.2f} s, p95 {stale[int(0.95 * (len(stale) - 1))]:.2f} s, max {stale[-1]:.2f} s"
    )
    print(f"  trials with a temporary file left by a killed write: {sum(1 for t in trials if t.leftover_temp_files)}")
    for t in failures:
        print(f"  FAILED seed {t.seed}: killed after {t.kill_after:.2f} s; {t.problem or 'text missing'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
