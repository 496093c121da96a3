"""A small valid protocol file and a way to break it one line at a time, for the definition-error tests."""

from __future__ import annotations

from pathlib import Path

from interview_tui.phases.files import load_catalogue
from interview_tui.store.paths import builtin_phases_dir

BASE = """\
[protocol]
id = "mine"
title = "Typed intake"

[choices]
risk_level = [{ value = "none", label = "None" }, "low", "high"]

[[phase]]
id = "first"
title = "First"
purpose = "Ask."

[[phase.prompt]]
id = "risk"
text = "Risk now"
type = "choice"
choices = "risk_level"

[[phase.prompt]]
id = "safety"
text = "Safety follow-up"
show_if = 'risk != "none"'

[[phase]]
id = "screen"
title = "Screen"
purpose = "Score."
optional = true

[phase.instrument]
id = "mini"
title = "Mini screen"
options = [{ label = "No", points = 0 }, { label = "Some", points = 1 }, { label = "Yes", points = 2 }]
items = [{ id = "a", text = "Item A" }, { id = "b", text = "Item B" }]
bands = [{ min = 0, max = 1, label = "Low" }, { min = 2, max = 4, label = "High" }]
alerts = [{ item = "b", above = 1, message = "B is high" }]

[[phase.prompt]]
id = "context"
text = "Context"
"""


def errors(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in BASE
    path = tmp_path / "bad.toml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    cat = load_catalogue([builtin_phases_dir(), tmp_path])
    assert "mine" not in cat.protocols and "intake" in cat.protocols  # skipped; the rest still load
    return [str(e).replace(str(path), "bad.toml") for e in cat.errors]
