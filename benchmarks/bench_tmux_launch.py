"""The home screen as the practitioner sees it: launch in tmux, to the frame on the terminal and the first key.

    python benchmarks/bench_tmux_launch.py [--sizes 1000,10000,50000] [--runs 7]

Unlike ``run.py``'s launch figures (which use the app's own "drawn" mark), this
starts each app in a real tmux pane (120x40, as a practitioner's terminal)
and reads the pane with ``capture-pane`` until the screen is there:

- **on the terminal**: the home screen's session table heading and its footer
  with Quit are both on the pane (for the reference, the minimal Textual app
  of ``minimal_app.py``: its title and its footer with Quit);
- **first key answered**: at once, a key is sent (``n``: the new-session
  dialog; for the reference a letter typed into its TextArea) and the time is
  taken when its effect is on the pane. Work the app does on its UI thread
  after the first frame delays this, whatever its own mark says.

Both times are from just before ``tmux new-session`` to the capture that
first showed it (captures are ~5 ms apart). Every kind runs ``--runs`` times,
interleaved (reference, empty store, each big store, ...) after a warm-up
round; the table gives the median, the spread (fastest-slowest) and the
ratio of medians measured in the same run. Targets (issue 17): the home
screen at 50,000 sessions within 1.3x of the minimal app on the terminal,
and its first key within 1.5x.

Stores are the demo stores of ``run.py`` (``benchmarks/results/stores/``,
written once with the app's own storage code). Settings and cache folders
are the run's own, so nothing touches the user's folders.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import demo_store  # noqa: E402  (the same stores as the other figures)

SOCKET = f"bench-launch-{os.getpid()}"
SIZE = ("120", "40")
TARGETS = {"screen": 1.3, "key": 1.5}


def tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check)
    return done.stdout


def pane() -> str:
    return tmux("capture-pane", "-p", "-t", "launch", check=False)


def wait_for(seen: "callable[[str], bool]", timeout: float) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if seen(pane()):
            return time.perf_counter()
        time.sleep(0.004)
    raise TimeoutError("the screen did not show in time")


def home_shown(text: str) -> bool:
    return "Started" in text and "Quit" in text


def dialog_shown(text: str) -> bool:
    return "Client code" in text


def minimal_shown(text: str) -> bool:
    return "MinimalApp" in text and "Quit" in text


def letter_shown(text: str) -> bool:
    return "Ж" in text


def one_launch(command: list[str], env: dict[str, str], shown, key: str, answered) -> tuple[float, float]:
    """(seconds to the screen on the pane, seconds to the first key's effect on the pane)."""
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", "launch", "-x", SIZE[0], "-y", SIZE[1],
         *[a for k, v in env.items() for a in ("-e", f"{k}={v}")], " ".join(command))  # fmt: skip
    pid = tmux("display-message", "-p", "-t", "launch", "#{pane_pid}", check=False).strip()
    try:
        on_screen = wait_for(shown, 60)
        tmux("send-keys", "-t", "launch", "-l", key)
        on_key = wait_for(answered, 60)
    finally:
        tmux("kill-session", "-t", "launch", check=False)
        gone_by = time.perf_counter() + 15  # the app's own stopping leaves the machine before the next launch
        while pid.isdigit() and Path(f"/proc/{pid}").exists() and time.perf_counter() < gone_by:
            time.sleep(0.02)
        time.sleep(0.2)
    return on_screen - start, on_key - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="big store sizes, comma-separated (default 1000)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--store-dir", type=Path, default=HERE / "results" / "stores")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for this benchmark")
    sizes = [int(s) for s in args.sizes.split(",")]
    app = str(Path(sys.executable).with_name("interview-tui"))
    with tempfile.TemporaryDirectory(prefix="bench-tmux-") as tmp:
        work = Path(tmp)
        env = {"INTERVIEW_TUI_CONFIG_DIR": str(work / "config"), "INTERVIEW_TUI_CACHE_DIR": str(work / "cache"),
               "TERM": "xterm-256color"}  # fmt: skip
        stores = {"empty": work / "empty"}
        for size in sizes:
            stores[f"{size:,} sessions"] = demo_store(args.store_dir / f"demo-{size}-seed1-v4", size, 1)
        kinds = {"minimal Textual app": ([sys.executable, str(HERE / "minimal_app.py")], minimal_shown, "Ж", letter_shown)}
        for name, store in stores.items():
            kinds[f"home, {name}"] = ([app, "--data-dir", str(store)], home_shown, "n", dialog_shown)
        tmux("new-session", "-d", "-s", "keep", "-x", SIZE[0], "-y", SIZE[1], "sleep 100000")  # the server stays up
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in kinds}
        try:
            for round_ in range(args.runs + 1):
                for kind, (command, shown, key, answered) in kinds.items():
                    result = one_launch(command, env, shown, key, answered)
                    if round_:  # round 0 warms the caches (bytecode, phase check, index)
                        times[kind].append(result)
                print(f"  round {round_}/{args.runs} done", flush=True)
        finally:
            tmux("kill-server", check=False)
    ref = "minimal Textual app"
    med = {k: (statistics.median(t[0] for t in v), statistics.median(t[1] for t in v)) for k, v in times.items()}
    print(f"\n{'launch in tmux (120x40)':34} {'on the terminal':>24} {'ratio':>7} {'first key answered':>24} {'ratio':>7}")
    for kind, values in times.items():
        screen = [t[0] * 1000 for t in values]
        keys = [t[1] * 1000 for t in values]
        r_screen, r_key = med[kind][0] / med[ref][0], med[kind][1] / med[ref][1]
        verdict = ""
        if kind.startswith("home, ") and kind != "home, empty":
            ok = r_screen <= TARGETS["screen"] and r_key <= TARGETS["key"]
            verdict = "  pass" if ok else f"  FAIL (targets {TARGETS['screen']}x, {TARGETS['key']}x)"
        print(f"{kind:34} {statistics.median(screen):7.0f} ms ({min(screen):4.0f}-{max(screen):4.0f}) {r_screen:6.2f}x"
              f" {statistics.median(keys):7.0f} ms ({min(keys):4.0f}-{max(keys):4.0f}) {r_key:6.2f}x{verdict}")  # fmt: skip
    load = os.getloadavg()
    print(f"\nmedians of {args.runs} runs (spread fastest-slowest); load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    out = HERE / "results" / f"tmux-launch-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"runs": args.runs, "times": times, "load": load}, indent=1))
    print(f"saved: {out.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
