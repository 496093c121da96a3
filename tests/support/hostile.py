"""Text that a terminal would obey, and a store full of it: for the tests that nothing reaches the terminal raw."""

from __future__ import annotations

import json
from datetime import date

from interview_tui.core.session import Session

HOSTILE = (
    "retitle \x1b]0;EVIL-TITLE\x07 clipboard \x1b]52;c;ZXZpbCBwYXlsb2Fk\x07 clear \x1b[2J "
    "csi \x9b31m del \x7f nul \x00 bell \x07 backspace \x08 cr \r end"
)
"""OSC 0 (window title), OSC 52 (clipboard), CSI 2J (clear screen), C1 CSI, DEL, NUL, BEL, BS, a lone CR."""

HOSTILE_CODE = "X\x1b]0;CODE-TITLE\x07Y"
"""A client code no app would write: only a forged session file holds one."""


def is_raw_control(char: str) -> bool:
    """A character a terminal may obey: C0 but newline and tab, DEL, C1."""
    code = ord(char)
    return (code < 0x20 and char not in "\n\t") or 0x7F <= code <= 0x9F


def raw_controls(text: str) -> list[str]:
    """Every raw control character in ``text``, as ``U+001B`` names (empty: safe to print)."""
    return [f"U+{ord(c):04X}" for c in text if is_raw_control(c)]


def hostile_session(intake, words: str = "EVIL") -> Session:
    """An intake session with hostile text in a note, the other notes, an answer, a goal and a plan item."""
    s = Session.start("CL-7", intake)
    phase = next(ph for ph in intake.phases if any(q.type == "text" for q in ph.prompts))
    prompt = next(q for q in phase.prompts if q.type == "text")
    s.set_note(phase.id, prompt.id, f"{words} {HOSTILE}")
    s.set_other_notes(phase.id, f"other {words} {HOSTILE}")
    goal = s.add_goal(what=f"goal {HOSTILE}", measure=HOSTILE, client_words=HOSTILE)
    s.add_plan_item(action=f"plan {HOSTILE}", who="client", goal_id=goal.id, due=date(2026, 12, 1))
    s.current_phase = phase.id
    return s


def forge_client_code(store, session: Session, code: str = HOSTILE_CODE) -> str:
    """Write a copy of ``session`` whose client code holds control characters; returns its id."""
    data = json.loads(session.to_json())
    data["id"] = session.id[:-4] + "f0f0"
    data["client_code"] = code
    store.path_for(data["id"]).write_text(json.dumps(data), encoding="utf-8")
    return data["id"]
