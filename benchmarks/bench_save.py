"""Cost of one save of a large session, with and without encryption (target: under 10 ms).

Run: .venv/bin/python benchmarks/bench_save.py [--chars-per-note 5000] [--repeat 50]
A save is what the autosave thread does: serialise, (encrypt), write a temp
file, fsync, rename, fsync the folder. Encryption is measured on its own too.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from interview_tui.store import encryption
from interview_tui.store.paths import builtin_phases_dir
from interview_tui.phases.files import load_catalogue
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore


def large_session(chars: int) -> Session:
    protocol = load_catalogue([builtin_phases_dir()]).protocol("intake")
    session = Session.start("CL-BENCH", protocol)
    words = ("she said the week was hard but the group helped and she wants to try again " * 200)[:chars]
    for phase in session.protocol.phases:
        for prompt in phase.prompts:
            session.set_note(phase.id, prompt.id, words)
        session.set_other_notes(phase.id, words)
    return session


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"  {label:<34} median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms   max {times[-1]:6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars-per-note", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    session = large_session(args.chars_per_note)
    data = session.to_json()
    print(f"Session: {len(data) / 1024:.0f} KiB of JSON, {sum(len(r.notes) + 1 for r in session.phases.values())} notes")
    with tempfile.TemporaryDirectory(prefix="bench-save-") as tmp:
        plain = SessionStore(Path(tmp) / "plain")
        report("save, no encryption", timed(lambda: plain.save_bytes(session.id, session.to_json()), args.repeat))
        secret = SessionStore(Path(tmp) / "secret")
        secret.keyring.new_header("a passphrase for the benchmark")
        report("save, encrypted (AES-256-GCM)", timed(lambda: secret.save_bytes(session.id, session.to_json()), args.repeat))
        key = encryption.DataKey(encryption.new_data_key())
        report("encryption alone", timed(lambda: key.seal(data), args.repeat))
        report("serialising alone", timed(session.to_json, args.repeat))
        start = time.perf_counter()
        encryption.unwrap(encryption.make_header("p" * 12, b"k" * 32), "p" * 12)
        print(f"  unlock (scrypt n=2**17, r=8, p=1): {(time.perf_counter() - start) * 1000 / 2:.0f} ms (once per start)")


if __name__ == "__main__":
    main()
