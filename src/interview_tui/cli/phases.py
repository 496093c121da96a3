"""``interview-tui phases list`` and ``phases check``."""

from __future__ import annotations

import sys
from pathlib import Path

from interview_tui.cli.visible_output import print_json
from interview_tui import APP_NAME
from interview_tui.store.paths import Locations, builtin_phases_dir
from interview_tui.phases.files import check_files, folder_problems, load_catalogue


def list_protocols(locations: Locations, as_json: bool) -> int:
    catalogue = load_catalogue([builtin_phases_dir(), locations.user_phases_dir], named=locations.named_phase_folders)
    for error in catalogue.errors:
        print(f"{APP_NAME}: skipped {error}", file=sys.stderr)
    if as_json:
        out = [
            {
                "id": p.id,
                "title": p.title,
                "file": str(catalogue.sources[p.id]),
                "replaces": str(catalogue.replaced[p.id]) if p.id in catalogue.replaced else None,
                "phases": [{"id": ph.id, "title": ph.title, "prompts": len(ph.prompts)} for ph in p.phases],
            }
            for p in catalogue.protocols.values()
        ]
        print_json(out, ensure_ascii=True)
        return 0
    for p in catalogue.protocols.values():
        replaces = f"; replaces the built-in {catalogue.replaced[p.id]}" if p.id in catalogue.replaced else ""
        print(f"{p.id}: {p.title}  ({catalogue.sources[p.id]}{replaces})")
        for n, ph in enumerate(p.phases, 1):
            print(f"  {n}. {ph.id:<22} {ph.title}")
    return 0


def check(locations: Locations, paths: list[Path]) -> int:
    folders = [builtin_phases_dir(), locations.user_phases_dir]
    targets = paths or [f for f in folders if f.is_dir()]
    errors = [] if paths else folder_problems(locations.user_phases_dir, locations.phases_dir_named)
    errors += check_files(targets, shared_folders=folders)
    for error in errors:
        print(str(error), file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        return 1
    print("All phase files are valid.")
    return 0
