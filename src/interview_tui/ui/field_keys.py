"""The keys of the session screen's typed fields, as the help screen lists them (f1, "Answering fields").

The fields' own keys are not remappable bindings of the screen, so ``ui/keys.py`` cannot list them; they are
described here, in the words of docs/answers-ui.md, and a test checks each field type has its line.
"""

from __future__ import annotations

FIELD_KEYS: tuple[tuple[str, str], ...] = (
    ("Note", "type freely; tab moves to the next field, shift+tab back"),
    ("One line", "type; enter or tab moves on"),
    ("Choice", "↑ ↓ then enter or space, or the first letter of an option; delete clears it"),
    ("Several choices", "↑ ↓ to move; space or enter ticks or unticks"),
    ("Scale", "a digit picks a number (1 then 0 quickly for 10); ← → step; home / end; delete clears it"),
    ("Date", "in your date order (settings: date_order) or yyyy-mm-dd, or today, +7, -1 (made a date on enter or when you leave the field)"),
    ("Yes / no", "y or n"),
    (
        "List",
        "enter adds the line; tab moves on; ↓ goes into the entries: enter edits (enter saves, esc cancels), delete "
        "removes, typing starts a new entry",
    ),
    (
        "Questionnaire (PHQ-9, GAD-7)",
        "a digit answers the item and moves on; ← → change it; ↑ ↓ move; delete clears; the total, band and any "
        "alert update as you answer",
    ),
    (
        "Goals and plan items",
        "a adds, enter edits, delete removes (asks first); in the form, tab or enter goes to the next field, "
        "ctrl+s saves, esc cancels",
    ),
)
