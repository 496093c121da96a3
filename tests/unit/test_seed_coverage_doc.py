"""docs/seed-coverage.md says where each of the seeds' eight steps and ten purposes lives; every place it names must
exist in the phase files as the app loads them (issue 16, "What must show")."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from data_paths import REPO_ROOT

from interview_tui.phases.files import Catalogue, load_catalogue
from interview_tui.store.paths import builtin_phases_dir

DOC = REPO_ROOT / "docs" / "seed-coverage.md"
STEPS, PURPOSES = "## The eight steps", "## The ten purposes"
REFERENCE = re.compile(r"^(?P<protocol>[a-z0-9_-]+)/(?P<phase>[a-z0-9_-]+)(?:/(?P<prompt>[a-z0-9_-]+)|#(?P<card>[a-z0-9_-]+))?$")


@dataclass(frozen=True)
class Row:
    number: str
    name: str
    where: str
    how: str

    @property
    def references(self) -> list[str]:
        return re.findall(r"`([^`]*)`", self.where)


def table_after(text: str, heading: str) -> list[Row]:
    """The rows (header and rule left out) of the first Markdown table after ``heading``."""
    start = text.index(heading)
    rows: list[Row] = []
    for line in text[start:].splitlines()[1:]:
        if line.startswith("## "):
            break
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        assert len(cells) == 4, f"{heading}: a row needs 4 cells (#, name, where, how): {line!r}"
        if cells[0] == "#" or set(cells[0]) <= set("-: "):
            continue
        rows.append(Row(*cells))
    return rows


def broken(reference: str, catalogue: Catalogue) -> str | None:
    """Why a reference does not resolve in the catalogue, or None when it does."""
    match = REFERENCE.match(reference)
    if match is None:
        return f"`{reference}` is not protocol/phase, protocol/phase/prompt or protocol/phase#card"
    protocol = catalogue.protocol(match["protocol"])
    if protocol is None:
        return f"`{reference}`: no protocol '{match['protocol']}'"
    phase = next((p for p in protocol.phases if p.id == match["phase"]), None)
    if phase is None:
        return f"`{reference}`: protocol '{protocol.id}' has no phase '{match['phase']}'"
    if match["prompt"] and all(p.id != match["prompt"] for p in phase.prompts):
        return f"`{reference}`: phase '{protocol.id}/{phase.id}' has no prompt '{match['prompt']}'"
    if match["card"]:
        if match["card"] not in phase.techniques:
            return f"`{reference}`: phase '{protocol.id}/{phase.id}' shows no card '{match['card']}'"
        if not catalogue.techniques_for(protocol, [match["card"]]):
            return f"`{reference}`: there is no technique card '{match['card']}'"
    return None


def problems(text: str, catalogue: Catalogue) -> list[str]:
    found: list[str] = []
    for heading, count in ((STEPS, 8), (PURPOSES, 10)):
        rows = table_after(text, heading)
        if [row.number for row in rows] != [str(n) for n in range(1, count + 1)]:
            found.append(f"{heading}: rows numbered {[row.number for row in rows]}, expected 1 to {count}")
        for row in rows:
            if not (row.name and row.where and row.how):
                found.append(f"{heading} row {row.number}: an empty cell")
            if not row.references:
                found.append(f"{heading} row {row.number}: no reference in backticks under 'Where it lives'")
            found += [f"{heading} row {row.number}: {why}" for ref in row.references if (why := broken(ref, catalogue))]
    return found


def test_the_tables_list_eight_steps_and_ten_purposes_with_every_cell_filled():
    text = DOC.read_text(encoding="utf-8")
    steps, purposes = table_after(text, STEPS), table_after(text, PURPOSES)
    assert len(steps) == 8 and len(purposes) == 10, (len(steps), len(purposes))
    for row in steps + purposes:
        assert row.name and row.where and row.how and row.references, row


def test_every_place_the_doc_names_exists_in_the_built_in_phase_files(catalogue):
    assert not catalogue.errors, [str(e) for e in catalogue.errors]
    assert problems(DOC.read_text(encoding="utf-8"), catalogue) == []


def edited_catalogue(tmp_path: Path, old: str, new: str) -> Catalogue:
    """The built-in files copied, with one change to intake.toml (which must still load)."""
    folder = tmp_path / "phases"
    shutil.copytree(builtin_phases_dir(), folder)
    intake = folder / "intake.toml"
    text = intake.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    intake.write_text(text.replace(old, new), encoding="utf-8")
    changed = load_catalogue([folder])
    assert not changed.errors and changed.protocol("intake") is not None, [str(e) for e in changed.errors]
    return changed


def test_renaming_a_phase_breaks_the_doc(tmp_path: Path):
    changed = edited_catalogue(tmp_path, 'id = "goal-setting"', 'id = "goals"')
    found = problems(DOC.read_text(encoding="utf-8"), changed)
    assert found and all("has no phase 'goal-setting'" in p for p in found), found


def test_renaming_a_prompt_or_taking_a_card_off_a_phase_breaks_the_doc(tmp_path: Path):
    changed = edited_catalogue(tmp_path, '"strengths-question", ', "")
    found = problems(DOC.read_text(encoding="utf-8"), changed)
    card = "`intake/assessment#strengths-question`: phase 'intake/assessment' shows no card 'strengths-question'"
    assert found == [f"{PURPOSES} row 4: {card}"]
    assert broken("intake/assessment/no-such-prompt", changed) == (
        "`intake/assessment/no-such-prompt`: phase 'intake/assessment' has no prompt 'no-such-prompt'"
    )
    assert broken("intake/assessment#no-such-card", changed) is not None
    assert broken("nowhere/assessment", changed) == "`nowhere/assessment`: no protocol 'nowhere'"
    assert broken("intake assessment", changed) is not None
