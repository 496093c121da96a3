"""How long one export of a 200-prompt session takes, in every format and note style.

Target: under 50 ms per export (issue 3). Run it with

    .venv/bin/python benchmarks/bench_export.py [--repeat N]

The session is generated here: 20 phases of 10 prompts, every prompt
answered with a note of a few hundred characters (awkward characters
included), every phase mapped to note sections, finished and amended once.
Exit status is 1 if any median is over the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone

from interview_tui.export import FORMATS, render
from interview_tui.export.summary import STYLES
from interview_tui.core.protocol import NOTE_STYLES, Protocol
from interview_tui.core.session import Session

TARGET_MS = 50.0
PHASES = 20
PROMPTS_PER_PHASE = 10


def make_session() -> Session:
    phases = []
    for p in range(PHASES):
        sections = {style: names[p % len(names)] for style, names in NOTE_STYLES.items()}
        phases.append(
            {
                "id": f"phase-{p}",
                "title": f"Phase {p} <title> [x]",
                "purpose": "Benchmark phase.",
                "sections": sections,
                "prompt": [
                    {"id": f"prompt-{n}", "text": f"Prompt {n} of phase {p}: what happened?"}
                    for n in range(PROMPTS_PER_PHASE)
                ],
                "checklist": [{"id": "done", "text": "Done"}],
            }
        )
    protocol = Protocol.model_validate({"protocol": {"id": "bench", "title": "Benchmark"}, "phase": phases})
    start = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    session = Session.start("BENCH-1", protocol, at=start)
    note = (
        "The client said \"I manage [most] days\" & <sometimes> not. *Sleep* is poor; "
        "# stays up late.\n1. rent arrears\n2. school letters\n> her words: 'too much' 🙂 שלום\n"
    ) * 3
    for phase in protocol.phases:
        for prompt in phase.prompts:
            session.edit_note(phase.id, prompt.id, note)
        session.edit_note(phase.id, None, "Other notes for the phase.")
        session.add_time(phase.id, 120)
    session.finish(at=start + timedelta(minutes=45))
    session.edit_note("phase-3", "prompt-2", note + "Amended.", at=start + timedelta(hours=2))
    return session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="runs per format and style (default 30)")
    args = parser.parse_args(argv)
    session = make_session()
    prompts = sum(len(p.prompts) for p in session.protocol.phases)
    print(
        f"Export of one session with {prompts} prompts answered; {args.repeat} runs each; "
        f"target < {TARGET_MS:.0f} ms"
    )
    over = False
    for fmt in FORMATS:
        for style in STYLES if fmt != "json" else ("narrative",):
            render(session, fmt, style)  # warm up imports and caches
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                text = render(session, fmt, style)
                times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times)
            over |= median > TARGET_MS
            verdict = "ok" if median <= TARGET_MS else "OVER TARGET"
            print(
                f"  {fmt:<8} {style:<9} median {median:6.2f} ms  max {max(times):6.2f} ms  "
                f"{len(text) / 1024:7.1f} KiB  {verdict}"
            )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
