"""Run every interview-tui benchmark, print the table, save it as JSON.

    .venv/bin/python benchmarks/run.py            # 10,000 sessions, the full set
    .venv/bin/python benchmarks/run.py --quick    # 1,000 sessions, fewer repetitions (a minute or so)

Every figure stands beside a reference measured in the same run (the machine
may be shared and busy, so ratios say more than absolute times). See
benchmarks/README.md for what each line measures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

import inapp  # noqa: E402
from launch import Launch, launch  # noqa: E402

from interview_tui.devtools.demo_data import DEMO_VERSION, generate  # noqa: E402
from interview_tui.store.index import SETTLE_NS  # noqa: E402
from interview_tui.store.sessions import SessionStore  # noqa: E402


@dataclass
class Row:
    name: str
    target: str
    measured: float
    unit: str
    reference_name: str
    reference: float | None
    ratio: float | None
    passed: bool | None
    note: str = ""


# ---------------------------------------------------------------- stores

TYPING_TURNS = 3
"""The keystrokes are typed in this many turns of each app, one after the other."""

RETURNING_CLIENT = "DEMO-0001"
"""A client with sessions and a record, case open: ``new`` starts a follow-up (case check and carry-forward just
after the first frame)."""


def demo_store(data_dir: Path, sessions: int, seed: int) -> Path:
    """A data folder holding ``sessions`` demo sessions (kept between runs: writing 10,000 takes a while)."""
    folder = data_dir / "sessions"
    count = sum(1 for p in folder.glob("*.json") if not p.name.startswith(".")) if folder.is_dir() else 0
    if count != sessions:
        shutil.rmtree(data_dir, ignore_errors=True)
        store = SessionStore(folder)
        print(f"  writing {sessions:,} demo sessions into {data_dir} ...", flush=True)
        generate(store, inapp.catalogue(), clients=max(1, sessions // 20), sessions=sessions, seed=seed)
        SessionStore(folder).summaries()
        time.sleep(SETTLE_NS / 1e9 + 0.1)  # files written just now are re-read until they settle
    SessionStore(folder).summaries()  # the index is current, as after any earlier use of the app
    from interview_tui.casework.clients import ClientBook

    ClientBook(SessionStore(folder)).ensure(RETURNING_CLIENT)  # a client seen before has a record
    return data_dir


# ---------------------------------------------------------------- launch


def bytecode_as_installed() -> None:
    """Compile interview-tui's modules once, as ``pip install`` does for an installed package.

    Textual (the reference's only library) is installed with its bytecode; an editable install run with
    PYTHONDONTWRITEBYTECODE set (as on some CI machines) would compile every interview-tui module again at
    every launch, which no installed copy does."""
    import compileall

    import interview_tui

    compileall.compile_dir(str(Path(interview_tui.__file__).parent), quiet=1)


def app_command(data_dir: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("interview-tui")), "--data-dir", str(data_dir), *args]


def launches(stores: dict[str, Path], runs: int, work: Path) -> dict[str, list[Launch]]:
    """Each variant ``runs`` times, interleaved so that a busy moment hits them all alike; one warm-up round.

    The app runs with a settings folder and a cache folder of its own (no settings file: the defaults, as for
    most practitioners). The cache holds what the last check of the phase files found: written by the warm-up
    round, as by any earlier use of the app. "home-cold" empties it before every launch (the first launch after
    installing, or after a phase file changed: the phase files are then read just after the first frame)."""
    minimal = [sys.executable, str(HERE / "minimal_app.py")]
    variants = {
        "minimal": minimal,
        "minimal-models": [*minimal, "--with-models"],
        "home-empty": app_command(stores["empty"]),
        "home-big": app_command(stores["big"]),
        "home-cold": app_command(stores["big"]),
        "new-empty": app_command(stores["empty"], "new", "DEMO-LAUNCH"),
        "new-big": app_command(stores["big"], "new", "DEMO-LAUNCH"),
        "returning-big": app_command(stores["big"], "new", RETURNING_CLIENT),
        "follow-up-big": app_command(stores["big"], "new", RETURNING_CLIENT, "--protocol", "follow-up"),
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEW_TUI_")}
    env.update(INTERVIEW_TUI_CONFIG_DIR=str(work / "config"), INTERVIEW_TUI_CACHE_DIR=str(work / "cache"))
    found: dict[str, list[Launch]] = {name: [] for name in variants}
    for round_ in range(runs + 1):
        for name, argv in variants.items():
            folder = Path(argv[argv.index("--data-dir") + 1]) / "sessions" if "--data-dir" in argv else None
            before = _files_under(folder)
            child_env = env
            if name == "home-cold":
                shutil.rmtree(work / "cold-cache", ignore_errors=True)
                child_env = {**env, "INTERVIEW_TUI_CACHE_DIR": str(work / "cold-cache")}
            result = launch(argv, env=child_env)
            _remove_new(folder, before)  # `new` wrote a session, a client record, a lock: the store stays as it was
            if round_:
                found[name].append(result)
        print(f"  launch round {round_}/{runs} done", flush=True)
    return found


def _files_under(folder: Path | None) -> set[Path]:
    return set(folder.rglob("*")) if folder is not None and folder.is_dir() else set()


def _remove_new(folder: Path | None, before: set[Path]) -> None:
    """Take out what a launch added under ``folder`` (files first, then the folders it made), so that every
    launch of a kind meets the same store: a client record left by ``new DEMO-LAUNCH`` would turn the next
    launch into a returning client's."""
    added = _files_under(folder) - before
    for path in sorted(added, key=lambda p: len(p.parts), reverse=True):
        if path.name == ".index.json" and path.parent == folder:
            continue  # (the index is a cache the app keeps up to date; a new one is as any earlier use leaves it)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


# ---------------------------------------------------------------- the run


def measure(args: argparse.Namespace) -> tuple[list[Row], dict]:
    big_n = args.sessions
    work = Path(tempfile.mkdtemp(prefix="interview-tui-bench-"))
    cache = Path(args.store_dir)
    rows: list[Row] = []
    try:
        print("Preparing stores", flush=True)
        stores = {
            "empty": work / "empty",
            "ten": demo_store(work / "ten", 10, args.seed),
            "big": demo_store(cache / f"demo-{big_n}-seed{args.seed}-v{DEMO_VERSION}", big_n, args.seed),
        }
        size_label = f"{big_n:,} sessions"

        print("Launch (real processes in a pseudo-terminal)", flush=True)
        bytecode_as_installed()
        runs = launches(stores, args.runs, work)
        # Best of the runs: on a shared machine noise only ever adds time, so the fastest run is the truest.
        med = {name: min(r.seconds for r in results) for name, results in runs.items()}
        cpu = {name: min(r.cpu_seconds for r in results) for name, results in runs.items()}
        peak = {name: statistics.median(r.peak_rss_kb for r in results) for name, results in runs.items()}
        for screen, label in (("home", "home screen"), ("new", "`new CLIENT` (session screen)")):
            for store, store_label in (("empty", "empty store"), ("big", size_label)):
                key = f"{screen}-{store}"
                ratio = med[key] / med["minimal"]
                note = f"CPU {cpu[key] * 1000:.0f} vs {cpu['minimal'] * 1000:.0f} ms, {cpu[key] / cpu['minimal']:.2f}×"
                rows.append(Row(f"launch to {label}, {store_label}", "≤ 1.3× minimal", med[key] * 1000, "ms",
                                "minimal Textual app", med["minimal"] * 1000, ratio, ratio <= 1.3, note))
            ratio = med[f"{screen}-big"] / med[f"{screen}-empty"]
            note = f"CPU {cpu[f'{screen}-big'] / cpu[f'{screen}-empty']:.2f}×"
            rows.append(Row(f"launch to {label}: {size_label} vs empty", "≤ 1.10×", med[f"{screen}-big"] * 1000,
                            "ms", "same, empty store", med[f"{screen}-empty"] * 1000, ratio, ratio <= 1.10, note))
        ratio = peak["home-big"] / peak["minimal"]
        rows.append(Row(f"peak memory (VmHWM), home screen, {size_label}", "≤ 1.5× minimal", peak["home-big"] / 1024,
                        "MiB", "minimal Textual app", peak["minimal"] / 1024, ratio, ratio <= 1.5))
        ratio = med["home-cold"] / med["minimal"]
        rows.append(Row(f"  launch to home screen, {size_label}, phase files not checked before", "(none)",
                        med["home-cold"] * 1000, "ms", "minimal Textual app", med["minimal"] * 1000, ratio, None,
                        "first launch after installing or changing a phase file: they are read after the first frame"))
        ratio = peak["home-cold"] / peak["minimal"]
        rows.append(Row(f"  peak memory, home screen, {size_label}, phase files not checked before", "(none)",
                        peak["home-cold"] / 1024, "MiB", "minimal Textual app", peak["minimal"] / 1024, ratio, None,
                        "pydantic and the phase models are loaded to check them"))
        for key, label in (("new-big", "new client"), ("returning-big", "returning client")):
            ratio = peak[key] / peak["minimal"]
            rows.append(Row(f"peak memory (VmHWM), session screen ({label}), {size_label}", "≤ 1.5× minimal",
                            peak[key] / 1024, "MiB", "minimal Textual app", peak["minimal"] / 1024, ratio,
                            ratio <= 1.5,
                            f"{peak[key] / peak['minimal-models']:.2f}× the minimal app with the data models loaded"))
        ratio = peak["returning-big"] / peak["new-empty"]
        rows.append(Row(f"  peak memory, session screen, returning client, {size_label} vs new client, empty store",
                        "(none)", peak["returning-big"] / 1024, "MiB", "same, empty store", peak["new-empty"] / 1024,
                        ratio, None, "what the store's size adds to the session screen"))
        ratio = peak["minimal-models"] / peak["minimal"]
        rows.append(Row("  peak memory, minimal app + the app's data models (pydantic), no store", "(none)",
                        peak["minimal-models"] / 1024, "MiB", "minimal Textual app", peak["minimal"] / 1024, ratio,
                        None, "the floor under any session: Textual, pydantic and the validated phase files"))
        ratio = med["returning-big"] / med["minimal"]
        rows.append(Row(f"launch to `new CLIENT`, returning client (open case), {size_label}", "≤ 1.3× minimal",
                        med["returning-big"] * 1000, "ms", "minimal Textual app", med["minimal"] * 1000, ratio,
                        ratio <= 1.3, f"CPU {cpu['returning-big'] / cpu['minimal']:.2f}×"))
        ratio = med["follow-up-big"] / med["minimal"]
        rows.append(Row(f"  launch to `new CLIENT --protocol follow-up`, returning client, {size_label}", "(none)",
                        med["follow-up-big"] * 1000, "ms", "minimal Textual app", med["minimal"] * 1000, ratio, None,
                        "its first phase shows what the last session left: drawn as being read, filled just after "
                        f"the first frame; peak memory {peak['follow-up-big'] / 1024:.1f} MiB"))
        if args.only == "launch":
            app_keys = ref_keys = []
            return rows, _raw(runs, app_keys, ref_keys)

        print("Typing (Pilot, 50,000 characters of notes in the session)", flush=True)
        # In turns (reference, app, reference, app, ...), so that a busy spell of the machine hits both alike.
        app_keys, ref_keys = [], []
        for turn in range(TYPING_TURNS):
            ref_keys += inapp.typing_in_minimal_app(args.keys // TYPING_TURNS)
            app_keys += inapp.typing_in_session(work / f"typing-{turn}", args.keys // TYPING_TURNS)
        for kind in ("cpu", "wall"):
            value = inapp.percentile([getattr(t, kind) for t in app_keys], 95)
            ref = inapp.percentile([getattr(t, kind) for t in ref_keys], 95)
            rows.append(Row(f"keystroke to frame, p95 ({'CPU' if kind == 'cpu' else 'wall clock'})", "< 16 ms",
                            value * 1000, "ms", "minimal app, same 10,000-char field", ref * 1000, value / ref,
                            value < 0.016 if kind == "cpu" else None,
                            "" if kind == "cpu" else "wall includes Textual's frame timer and waiting for a core"))

        print("Autosave (200 prompts, 50,000 characters)", flush=True)
        save = inapp.autosave(work / "autosave", args.repeat * 3)
        whole = save["ui_path"].wall + save["write"].wall
        rows.append(Row("one autosave: snapshot + atomic write + fsync", "< 10 ms", whole * 1000, "ms",
                        "plain write + fsync of the same bytes", save["floor"].wall * 1000, whole / save["floor"].wall,
                        whole < 0.010, f"{save['bytes']:,} bytes; the write runs on the autosave thread"))
        rows.append(Row("  of which on the UI thread (serialise, hand off)", "< 10 ms", save["ui_path"].wall * 1000,
                        "ms", "", None, None, save["ui_path"].wall < 0.010))

        print(f"Lists ({size_label} vs 10)", flush=True)
        sessions_big = stores["big"] / "sessions"
        sessions_ten = stores["ten"] / "sessions"
        client_big = inapp.client_listing(sessions_big, "DEMO-0001", args.repeat)
        client_ten = inapp.client_listing(sessions_ten, "DEMO-0001", args.repeat)
        rows.append(Row(f"list one client's sessions, {size_label} (CPU)", "< 100 ms", client_big.cpu * 1000, "ms",
                        "same, 10 sessions", client_ten.cpu * 1000, client_big.cpu / client_ten.cpu,
                        client_big.cpu < 0.100, f"wall {client_big.wall * 1000:.0f} ms"))
        home_big = inapp.home_lists(stores["big"], args.repeat)
        home_ten = inapp.home_lists(stores["ten"], args.repeat)
        rows.append(Row(f"home screen list, back from a session, {size_label} (CPU)", "< 200 ms", home_big.cpu * 1000,
                        "ms", "same, 10 sessions", home_ten.cpu * 1000, home_big.cpu / home_ten.cpu,
                        home_big.cpu < 0.200, f"wall {home_big.wall * 1000:.0f} ms"))
        home_big = inapp.home_lists(stores["big"], args.repeat, cold=True)
        home_ten = inapp.home_lists(stores["ten"], args.repeat, cold=True)
        rows.append(Row(f"home screen list, first full check after launch, {size_label} (CPU)", "< 200 ms",
                        home_big.cpu * 1000, "ms", "same, 10 sessions", home_ten.cpu * 1000,
                        home_big.cpu / home_ten.cpu, home_big.cpu < 0.200,
                        f"wall {home_big.wall * 1000:.0f} ms; runs just after the first frame"))
        command = inapp.command_listing(stores["big"], "DEMO-0001", args.repeat)
        python_start = inapp.python_start(args.repeat)
        rows.append(Row(f"`interview-tui sessions --client` command, {size_label}", "(none)", command * 1000, "ms",
                        "python3 -c pass", python_start * 1000, command / python_start, None,
                        "the whole process, start to exit"))
        cold = inapp.listing_without_index(sessions_big)
        rows.append(Row(f"first list with no index (rebuild), {size_label}", "(none)", cold.wall * 1000, "ms",
                        "", None, None, None, "once, after the index is lost; every file is read"))
        print(f"Search ({size_label} vs 10)", flush=True)
        found_big = inapp.searches(sessions_big, args.repeat)
        found_ten = inapp.searches(sessions_ten, args.repeat)
        worst = max(found_big, key=lambda q: found_big[q].cpu)
        big, ten = found_big[worst], found_ten[worst]
        spread = ", ".join(f"{q!r} {t.cpu * 1000:.0f}" for q, t in found_big.items())
        rows.append(Row(f"search across all notes, {size_label}, slowest query (CPU)", "< 300 ms", big.cpu * 1000,
                        "ms", "same, 10 sessions", ten.cpu * 1000, big.cpu / ten.cpu, big.cpu < 0.300,
                        f"wall {big.wall * 1000:.0f} ms; a new store each time (index read from disk, folder checked); "
                        f"CPU ms per query: {spread}"))
        warm = inapp.search_in_app(sessions_big, args.repeat)
        rows.append(Row(f"  the same in the running app (index already read), {size_label}", "< 300 ms",
                        warm.cpu * 1000, "ms", "", None, None, warm.cpu < 0.300, f"wall {warm.wall * 1000:.0f} ms"))
        command = inapp.command_search(stores["big"], args.repeat)
        rows.append(Row(f"`interview-tui search TEXT` command, {size_label}", "(none)", command * 1000, "ms",
                        "python3 -c pass", python_start * 1000, command / python_start, None,
                        "the whole process, start to exit"))
        rebuild = inapp.search_without_index(sessions_big)
        rows.append(Row(f"first search with no search index (rebuild), {size_label}", "(none)", rebuild.wall * 1000,
                        "ms", "", None, None, None, "once, after the index is lost; every file is read"))
        export_big = inapp.export_one(sessions_big, work / "exports", args.repeat)
        export_ten = inapp.export_one(sessions_ten, work / "exports", args.repeat)
        rows.append(Row(f"export of one session (load, SOAP Markdown, write), {size_label}", "< 50 ms",
                        export_big.wall * 1000, "ms", "same, 10 sessions", export_ten.wall * 1000,
                        export_big.wall / export_ten.wall, export_big.wall < 0.050,
                        f"CPU {export_big.cpu * 1000:.1f} ms; the largest of the 500 newest sessions"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows, _raw(runs, app_keys, ref_keys)


def _raw(runs: dict[str, list[Launch]], app_keys: list, ref_keys: list) -> dict:
    return {
        "launch_seconds": {k: [r.seconds for r in v] for k, v in runs.items()},
        "launch_cpu_seconds": {k: [r.cpu_seconds for r in v] for k, v in runs.items()},
        "peak_rss_kb": {k: [r.peak_rss_kb for r in v] for k, v in runs.items()},
        "keystroke_ms": {
            "app": [[t.wall * 1000, t.cpu * 1000] for t in app_keys],
            "minimal": [[t.wall * 1000, t.cpu * 1000] for t in ref_keys],
        },
    }


def machine() -> dict[str, str]:
    return {
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "textual": _version("textual"),
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "git": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip(),
    }


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def table(rows: list[Row]) -> str:
    header = ("measure", "target", "measured", "reference", "ratio", "result")
    lines = []
    for r in rows:
        measured = "—" if r.measured != r.measured else f"{r.measured:,.1f} {r.unit}"
        reference = f"{r.reference:,.1f} {r.unit} ({r.reference_name})" if r.reference is not None else "—"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        result = {True: "pass", False: "FAIL", None: "info" if r.measured == r.measured else "skipped"}[r.passed]
        lines.append((r.name, r.target, measured, reference, ratio, result + (f" ({r.note})" if r.note else "")))
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(line, widths)) + " |" for line in lines]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 sessions and fewer repetitions")
    parser.add_argument("--sessions", type=int, help="sessions in the big store (default 10,000; --quick 1,000)")
    parser.add_argument("--runs", type=int, help="launches of each kind (default 7; --quick 3)")
    parser.add_argument("--keys", type=int, help="keystrokes typed (default 300; --quick 60)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["launch"], help="run only these figures (launch: launch times and peak memory)")
    parser.add_argument("--store-dir", default=str(RESULTS / "stores"), help="where big demo stores are kept")
    args = parser.parse_args()
    args.sessions = args.sessions or (1_000 if args.quick else 10_000)
    args.runs = args.runs or (3 if args.quick else 7)
    args.keys = args.keys or (60 if args.quick else 300)
    args.repeat = 3 if args.quick else 7
    command = " ".join([".venv/bin/python", "benchmarks/run.py", *sys.argv[1:]])
    before = machine()
    started = time.time()
    rows, raw = measure(args)
    after = machine()
    text = table(rows)
    print()
    print(text)
    print(f"\nmachine: nproc {before['nproc']}, Python {before['python']}, Textual {before['textual']}, "
          f"{before['platform']}; load average {before['load_average']} before, {after['load_average']} after")
    print(f"command: {command}   ({time.time() - started:.0f} s, commit {before['git']})")
    RESULTS.mkdir(exist_ok=True)
    suffix = ("-quick" if args.quick else "") + (f"-{args.only}" if args.only else "")
    out = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}{suffix}.json"
    out.write_text(json.dumps({"command": command, "machine": before, "machine_after": after,
                               "rows": [asdict(r) for r in rows], "raw": raw}, indent=1, default=str))
    print(f"saved: {out.relative_to(ROOT)}")
    return 0 if all(r.passed is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
