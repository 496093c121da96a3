"""The crash bound, tested the hard way: SIGKILL the installed app at random moments while someone types.

50 trials run here (a few at a time); benchmarks/bench_crash.py runs 200 and reports the figures.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from harness.crash import run_trial

TRIALS = 50
AT_ONCE = 4
SEED_BASE = int(os.environ.get("CRASH_SEED", "20261123"))


@pytest.mark.crash
def test_sigkill_at_random_moments_never_loses_what_was_typed_two_seconds_earlier(tmp_path):
    def trial(n):
        folder = tmp_path / f"trial-{n}"
        return run_trial(SEED_BASE + n, folder)

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        trials = list(pool.map(trial, range(TRIALS)))
    failures = [t for t in trials if not t.ok]
    assert not failures, "\n".join(
        f"seed {t.seed}: killed after {t.kill_after:.2f}s, {t.problem or ''} due {len(t.due)} chars, "
        f"on disk {None if t.on_disk is None else len(t.on_disk)}" for t in failures
    )
    assert sum(1 for t in trials if t.due) >= TRIALS // 5, "too few trials typed long enough to test the bound"


@pytest.mark.crash
def test_sigkill_with_encryption_on_leaves_only_whole_ciphertext(tmp_path):
    """Fewer trials (each start pays the real scrypt cost): files stay whole, authenticated and encrypted."""

    def trial(n):
        return run_trial(SEED_BASE + 1000 + n, tmp_path / f"trial-{n}", passphrase="crash test passphrase")

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        trials = list(pool.map(trial, range(8)))
    failures = [t for t in trials if not t.ok]
    assert not failures, [(t.seed, t.problem, len(t.due), t.on_disk and len(t.on_disk)) for t in failures]
    assert any(t.on_disk for t in trials)
