"""A backup written inside the store's own folders is never carried by the next backup (found by its header, whatever
its name), nor is the file being written; and the practitioner is told that a backup kept there is not a backup."""

from __future__ import annotations

from pathlib import Path

from interview_tui.cli.main import main
from interview_tui.core.session import Session
from interview_tui.store.backup import what_goes_in
from interview_tui.store.backup_check import check_backup
from interview_tui.store.paths import Locations

PASS = "a long backup passphrase"


def backup(locations: Locations, passphrases, path: Path, *more: str) -> int:
    passphrases.extend([PASS, PASS])
    return main(["--data-dir", str(locations.data_dir), "backup", str(path), *more])


def carried(path: Path) -> list[str]:
    return sorted(check_backup(path, PASS).entries)


def test_an_earlier_backup_inside_the_store_is_left_out_whatever_its_name(locations, store, intake, fast_kdf,
                                                                         passphrases, capsys):
    store.save(Session.start("CL-1", intake))
    first = locations.sessions_dir / "b.itb"
    assert backup(locations, passphrases, first) == 0
    renamed = locations.clients_dir / "old-notes.json"  # renamed by hand: still a backup, told by its header
    renamed.parent.mkdir(parents=True, exist_ok=True)
    renamed.write_bytes(first.read_bytes())
    capsys.readouterr()
    second = locations.sessions_dir / "c.itb"
    assert backup(locations, passphrases, second) == 0
    names = carried(second)
    assert not [n for n in names if n.endswith(("b.itb", "c.itb", "old-notes.json"))], names
    assert any(n.endswith(".json") and "/sessions/2" in n for n in names)
    assert second.stat().st_size < first.stat().st_size * 1.5
    assert first.exists() and renamed.exists()  # left where they are, only not carried


def test_a_backup_replaced_in_place_does_not_carry_its_older_self(locations, store, intake, fast_kdf, passphrases):
    store.save(Session.start("CL-1", intake))
    path = locations.sessions_dir / "again.itb"
    assert backup(locations, passphrases, path) == 0
    size = path.stat().st_size
    assert backup(locations, passphrases, path, "--force") == 0
    assert not [n for n in carried(path) if n.endswith("again.itb")]
    assert path.stat().st_size < size * 1.5


def test_what_goes_in_leaves_out_the_named_output_even_if_it_is_not_a_backup_yet(locations, store, intake):
    store.save(Session.start("CL-1", intake))
    target = locations.sessions_dir / "to-be-replaced.txt"
    target.write_text("some older file the practitioner chose to write over")
    assert any(p == target for _n, p in what_goes_in(locations))
    assert not any(p == target for _n, p in what_goes_in(locations, leave_out=target))


def test_a_backup_kept_inside_the_store_is_warned_about_and_still_made(locations, store, intake, fast_kdf,
                                                                     passphrases, capsys, tmp_path):
    store.save(Session.start("CL-1", intake))
    for inside in (locations.data_dir / "b.itb", locations.sessions_dir / "b.itb"):
        inside.parent.mkdir(parents=True, exist_ok=True)
        assert backup(locations, passphrases, inside) == 0
        captured = capsys.readouterr()
        assert inside.exists() and "Backed up" in captured.out
        assert "not a backup" in captured.err and str(inside.parent) in captured.err
    outside = tmp_path / "elsewhere" / "b.itb"
    outside.parent.mkdir()
    assert backup(locations, passphrases, outside) == 0
    assert capsys.readouterr().err == ""


def test_the_settings_and_phase_folders_are_the_stores_too(locations, tmp_path):
    from interview_tui.cli.backup import store_folder_holding

    assert store_folder_holding(locations, locations.config_dir / "b.itb") == locations.config_dir
    assert store_folder_holding(locations, locations.user_phases_dir / "x" / "b.itb") is not None
    assert store_folder_holding(locations, locations.clients_dir / "b.itb") == locations.data_dir
    assert store_folder_holding(locations, tmp_path / "b.itb") is None
    assert store_folder_holding(locations, tmp_path / "data-2" / "b.itb") is None
