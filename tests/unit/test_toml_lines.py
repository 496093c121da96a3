"""The TOML line locator used for settings messages."""

from __future__ import annotations

import tomllib

from hypothesis import given, strategies as st

from interview_tui.phases.toml_lines import key_lines, line_of

TEXT = '''\
# comment = not a key
name = "x"
notes = """
fake = "inside a string"
"""
a.b = 1

[keymap]
next_phase = "f2"
"quoted key" = "f3"

[[contacts]]
name = "A"

[[contacts]]
name = "B"
phone = "1"

[[contacts.extra]]
kind = "x"
'''


def test_keys_tables_and_arrays_of_tables_are_found():
    assert tomllib.loads(TEXT)  # the sample is valid TOML
    lines = key_lines(TEXT)
    assert lines[("name",)] == 2
    assert lines[("a", "b")] == 6
    assert ("fake",) not in lines
    assert lines[("keymap",)] == 8
    assert lines[("keymap", "next_phase")] == 9
    assert lines[("keymap", "quoted key")] == 10
    assert lines[("contacts", 0)] == 12
    assert lines[("contacts", 0, "name")] == 13
    assert lines[("contacts", 1, "phone")] == 17
    assert lines[("contacts", 1, "extra", 0, "kind")] == 20


def test_a_missing_key_points_at_its_table():
    assert line_of(TEXT, ("contacts", 0, "phone")) == 12
    assert line_of(TEXT, ("keymap", "save")) == 8
    assert line_of(TEXT, ("nothing",)) is None
    assert line_of(TEXT, ()) is None


@given(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=8, unique=True),
       st.integers(0, 3))
def test_every_top_level_key_is_on_the_line_that_defines_it(keys, blank_lines):
    text = ("\n" * blank_lines) + "".join(f"{key} = {n}\n# {key} = 0\n" for n, key in enumerate(keys))
    for n, key in enumerate(keys):
        assert line_of(text, (key,)) == blank_lines + 2 * n + 1
