"""Phase files at their edges: nesting deep enough to break a recursive parser, one protocol id in two user
files, values of the wrong type, and the messages that must name a line (duplicate ids, a very deep dotted
header, a byte-order mark, bytes that are not UTF-8, a dangling symlink, a --phases-dir that is not a folder).

Unit tests for the phase reader, and the same through the installed command (``phases check``, ``phases
list``, ``new``)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from interview_tui.phases.files import check_files, load_catalogue
from interview_tui.store.paths import builtin_phases_dir

COMMAND = str(Path(sys.executable).with_name("interview-tui"))

MINI = """\
[protocol]
id = "{pid}"
title = "Mini"

[[phase]]
id = "one"
title = "One"
purpose = "Do it"
{phase_extra}
[[phase.prompt]]
id = "p"
text = "Ask"
{prompt_extra}
"""


def mini(pid: str = "mini", phase_extra: str = "", prompt_extra: str = "") -> str:
    return MINI.format(pid=pid, phase_extra=phase_extra, prompt_extra=prompt_extra)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, env_dirs: Path) -> subprocess.CompletedProcess:
    """The installed command, with its data, settings and cache folders in ``env_dirs``."""
    return subprocess.run(
        [COMMAND, "--data-dir", str(env_dirs / "data"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def one_error(folder: Path) -> str:
    cat = load_catalogue([builtin_phases_dir(), folder])
    assert "intake" in cat.protocols  # the others still load
    assert len(cat.errors) == 1, [str(e) for e in cat.errors]
    return str(cat.errors[0])


# ------------------------------------------------------------ 4. nesting


DEEP = 450
DEEP_GUIDANCE = "guidance = " + "[" * DEEP + "]" * DEEP


@pytest.mark.parametrize("depth", [DEEP, 3000])
def test_a_deeply_nested_value_is_a_located_error_not_a_recursion_error(tmp_path, depth):
    text = mini("deep", phase_extra="guidance = " + "[" * depth + "]" * depth)
    path = write(tmp_path / "user", "deep.toml", text)
    error = one_error(path.parent)
    assert error.startswith(f"{path}:9: ") and "nested too deeply" in error


def test_a_deeply_nested_file_is_reported_by_phases_check_list_and_new(tmp_path):
    user = tmp_path / "phases"
    path = write(user, "deep.toml", mini("deep", phase_extra="guidance = " + "[" * 3000 + "]" * 3000))
    for args in (["phases", "check", str(path)], ["--phases-dir", str(user), "phases", "list"],
                 ["--phases-dir", str(user), "new", "C-1", "--protocol", "deep"]):  # fmt: skip
        result = run(*args, env_dirs=tmp_path)
        assert "internal error" not in result.stderr and "RecursionError" not in result.stderr, args
        assert f"{path}:9: " in result.stderr and "nested too deeply" in result.stderr, args
        assert result.returncode in (1, 2, 0), args
    assert run("--phases-dir", str(user), "phases", "list", env_dirs=tmp_path).returncode == 0  # the rest listed


# ------------------------------------------------------------ 7. the text of the file


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = write(tmp_path / "user", "bom.toml", b"\xef\xbb\xbf" + mini("bom").encode("utf-8"))
    cat = load_catalogue([builtin_phases_dir(), path.parent])
    assert cat.errors == [] and cat.protocol("bom").title == "Mini"


def test_text_that_is_not_utf8_is_located_by_line_and_column(tmp_path):
    text = mini("latin").replace('title = "Mini"', 'title = "Mini caf\xe9"').encode("latin-1")
    path = write(tmp_path / "user", "latin.toml", text)
    assert one_error(path.parent) == f"{path}:3: not UTF-8 text (column 18); save the file as UTF-8"
    result = run("phases", "check", str(path), env_dirs=tmp_path)
    assert result.returncode == 1 and f"{path}:3: not UTF-8 text (column 18)" in result.stderr
    assert "byte" not in result.stderr


# ------------------------------------------------------------ 5. one protocol id, two files


def test_two_user_files_with_one_protocol_id_are_both_named(tmp_path):
    user = tmp_path / "user"
    first = write(user, "a.toml", mini("same"))
    second = write(user, "b.toml", mini("same").replace('title = "Mini"', 'title = "Other"'))
    cat = load_catalogue([builtin_phases_dir(), user])
    assert [str(e) for e in cat.errors] == [
        f"{second}:2: protocol id 'same' is also the id of {first}; this file is skipped (give it an id of its own)"
    ]
    assert cat.protocol("same").title == "Mini" and cat.sources["same"] == first


def test_phases_check_of_two_files_with_one_protocol_id_names_both(tmp_path):
    first = write(tmp_path / "one", "a.toml", mini("same"))
    second = write(tmp_path / "two", "b.toml", mini("same"))
    result = run("phases", "check", str(first), str(second), env_dirs=tmp_path)
    assert result.returncode == 1 and "All phase files are valid" not in result.stdout
    assert f"{second}:2: protocol id 'same' is also the id of {first}" in result.stderr


def test_a_user_file_may_replace_a_built_in_protocol_and_phases_list_says_so(tmp_path):
    user = tmp_path / "phases"
    mine = write(user, "my-intake.toml", mini("intake").replace('title = "Mini"', 'title = "Our intake"'))
    assert check_files([mine], shared_folders=[builtin_phases_dir(), user]) == []
    result = run("--phases-dir", str(user), "phases", "list", env_dirs=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    built_in = builtin_phases_dir() / "intake.toml"
    assert f"intake: Our intake  ({mine}; replaces the built-in {built_in})" in result.stdout
    listed = run("--phases-dir", str(user), "phases", "list", "--json", env_dirs=tmp_path)
    import json

    intake = next(p for p in json.loads(listed.stdout) if p["id"] == "intake")
    assert intake["file"] == str(mine) and intake["replaces"] == str(built_in)
    crisis = next(p for p in json.loads(listed.stdout) if p["id"] == "crisis")
    assert crisis["replaces"] is None


# ------------------------------------------------------------ 6. strict types


@pytest.mark.parametrize(
    ("phase_extra", "prompt_extra", "line", "field"),
    [
        ("", 'required = "no"', 13, "required"),
        ("", "required = 1", 13, "required"),
        ('optional = "true"', "", 9, "optional"),
        ("", 'type = "scale"\nmin = "3"', 14, "min"),
        ("", 'type = "scale"\nmin = true', 14, "min"),
        ("", 'type = "scale"\nmax = 7.0', 14, "max"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_not_coerced(tmp_path, phase_extra, prompt_extra, line, field):
    path = write(tmp_path / "user", "typed.toml", mini("typed", phase_extra=phase_extra, prompt_extra=prompt_extra))
    error = one_error(path.parent)
    assert error.startswith(f"{path}:{line} (phase 'one'") and f"'{field}': Input should be a valid" in error


def test_an_instrument_is_strict_too(tmp_path):
    instrument = """
[phase.instrument]
id = "scr"
title = "Screen"
options = [{ label = "No", points = "0" }, { label = "Yes", points = 1 }]
items = [{ id = "a", text = "A" }]
"""
    path = write(tmp_path / "user", "instrument.toml", mini("scr", phase_extra=instrument))
    assert "'points': Input should be a valid integer" in one_error(path.parent)


def test_the_right_types_still_load(tmp_path):
    text = mini("fine", phase_extra="optional = true", prompt_extra='type = "scale"\nmin = 1\nmax = 5\nrequired = true')
    path = write(tmp_path / "user", "fine.toml", text)
    cat = load_catalogue([builtin_phases_dir(), path.parent])
    assert cat.errors == []
    prompt = cat.protocol("fine").phases[0].prompts[0]
    assert (prompt.min, prompt.max, prompt.required, cat.protocol("fine").phases[0].optional) == (1, 5, True, True)


# ------------------------------------------------------------ 7. messages that name a line, folders that are not there


def test_a_duplicate_phase_id_names_the_line_of_the_second_phase(tmp_path):
    text = mini("dup") + '\n[[phase]]\nid = "one"\ntitle = "Again"\npurpose = "x"\n'
    path = write(tmp_path / "user", "dup.toml", text)
    assert one_error(path.parent) == f"{path}:16 (phase 2): duplicate phase id 'one' (phase 1 has it too)"


def test_a_duplicate_technique_id_names_its_line(tmp_path):
    cards = '\n[[technique]]\nid = "t"\nname = "T"\nwhat = "W"\n' * 2
    path = write(tmp_path / "user", "dup.toml", mini("dupt") + cards)
    assert one_error(path.parent) == f"{path}:21 (technique 2): duplicate technique id 't' (technique 1 has it too)"


def test_a_dotted_table_header_3000_levels_deep_is_located(tmp_path):
    text = mini("dotted") + "\n[" + ".".join(["a"] * 3000) + "]\nx = 1\n"
    path = write(tmp_path / "user", "dotted.toml", text)
    assert one_error(path.parent) == f"{path}:15: unknown key 'a'"


def test_a_dangling_symlink_in_the_phase_folder_is_reported(tmp_path):
    user = tmp_path / "user"
    write(user, "fine.toml", mini("fine"))
    link = user / "gone.toml"
    link.symlink_to(tmp_path / "nowhere.toml")
    error = one_error(user)
    assert error == f"{link}: a link to {tmp_path / 'nowhere.toml'}, which does not exist"
    result = run("--phases-dir", str(user), "phases", "check", env_dirs=tmp_path)
    assert result.returncode == 1 and str(link) in result.stderr and "does not exist" in result.stderr


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_phases_dir_that_is_not_a_folder_is_reported(tmp_path, kind):
    named = tmp_path / "my-phases"
    if kind == "file":
        named.write_text(mini("x"))
    said = "no such folder" if kind == "missing" else "not a folder"
    for args in (["phases", "list"], ["phases", "check"]):
        result = run("--phases-dir", str(named), *args, env_dirs=tmp_path)
        assert f"{named}: {said}" in result.stderr, (args, result.stderr)
        assert "internal error" not in result.stderr
    listed = run("--phases-dir", str(named), "phases", "list", env_dirs=tmp_path)
    assert listed.returncode == 0 and "intake:" in listed.stdout  # the built-in protocols are still there
    assert run("--phases-dir", str(named), "phases", "check", env_dirs=tmp_path).returncode == 1


def test_the_default_phase_folder_may_be_missing_without_a_word(tmp_path):
    result = run("phases", "list", env_dirs=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
