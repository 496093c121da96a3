"""Backup and restore: a store with every kind of record goes out and comes back equal, encrypted or not; a
damaged, cut or wrongly opened backup restores nothing and says why in one line."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from interview_tui.casework.clients import ClientBook
from interview_tui.cli.main import main
from interview_tui.cli.audit_event import log_event
from interview_tui.devtools.demo_data import generate
from interview_tui.store.backup import what_goes_in
from interview_tui.store.backup_marker import MARKER, backup_words, last_backup_at
from interview_tui.store.backup_check import check_backup
from interview_tui.store.backup_file import BackupError, WrongBackupPassphrase
from interview_tui.store.paths import Locations
from interview_tui.store.sessions import SessionStore
from read_only_folder import make_read_only

PASS = "a long backup passphrase"
STORE_PASS = "correct horse battery"


def cli(locations: Locations, *args: str) -> int:
    return main(["--data-dir", str(locations.data_dir), *args])


def every_kind(locations: Locations, catalogue) -> None:
    """Sessions of every protocol, client records, a quarantined file, the audit log, settings, a phase file."""
    store = SessionStore(locations.sessions_dir)
    generate(store, catalogue, 3, 9, seed=5)
    book = ClientBook(store)
    for code in ("DEMO-0001", "DEMO-0002"):
        record = book.get(code, datetime(2024, 1, 1, tzinfo=timezone.utc))
        record.display_name = f"Name of {code}"
        book.save(record)
    quarantine = locations.sessions_dir / "quarantine"
    quarantine.mkdir(mode=0o700)
    (quarantine / "20240101-000000-dead.json").write_bytes(b"{ damaged")
    log_event(locations, "session_opened")
    locations.config_dir.mkdir(parents=True, exist_ok=True)
    (locations.config_dir / "settings.toml").write_text('agency = "Northside"\n')
    locations.user_phases_dir.mkdir(parents=True)
    (locations.user_phases_dir / "mine.toml").write_text("# my protocol\n")
    store.summaries()  # the index is built: it must stay out of the backup


def snapshot(locations: Locations) -> dict[str, bytes]:
    """Every file a backup carries, by its name in the backup, with its bytes."""
    return {name: path.read_bytes() for name, path in what_goes_in(locations)}


def elsewhere(tmp_path: Path, name: str) -> Locations:
    return Locations(data_dir=tmp_path / name / "data", config_dir=tmp_path / name / "config",
                     user_phases_dir=tmp_path / name / "config" / "phases", cache_dir=tmp_path / name / "cache")


@pytest.fixture
def full(locations, catalogue, fast_kdf):
    every_kind(locations, catalogue)
    return locations


def make_backup(locations, passphrases, path: Path, *answers: str) -> None:
    passphrases.extend(answers or [PASS, PASS])
    assert cli(locations, "backup", str(path)) == 0


def restore_into(target: Locations, passphrases, path: Path, passphrase: str = PASS) -> int:
    passphrases.append(passphrase)
    return main(["--data-dir", str(target.data_dir), "restore", str(path)])


@pytest.fixture
def new_laptop(tmp_path, monkeypatch):
    target = elsewhere(tmp_path, "new")
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(target.config_dir))
    return target


def test_a_plain_store_goes_out_and_comes_back_equal(full, new_laptop, passphrases, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(full.config_dir))
    before = snapshot(full)
    kinds = {name.split("/")[0] for name in before}
    assert kinds == {"data", "config", "phases"} and any("/clients/" in n for n in before)
    assert not any(".index" in n or ".search" in n for n in before)
    backup = tmp_path / "store.backup"
    make_backup(full, passphrases, backup)
    assert passphrases.asked == ["New passphrase: ", "The same passphrase again: "]
    assert backup.stat().st_mode & 0o777 == 0o600
    assert b"Northside" not in backup.read_bytes() and b"DEMO-" not in backup.read_bytes()
    assert last_backup_at(full.data_dir) is not None and (full.data_dir / MARKER).stat().st_mode & 0o777 == 0o600
    out = capsys.readouterr().out
    assert "9 session(s), 2 client record(s), 1 quarantined file(s), 1 phase file(s), the settings" in out

    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(new_laptop.config_dir))
    assert restore_into(new_laptop, passphrases, backup) == 0
    after = snapshot(new_laptop)
    audit = "data/audit.log"
    assert {n: b for n, b in after.items() if n not in (audit, "data/sessions/audit.head")} == {
        n: b for n, b in before.items() if n not in (audit, "data/sessions/audit.head")}
    assert after[audit].startswith(before[audit])  # as it was, then the restore's own line
    assert len(SessionStore(new_laptop.sessions_dir).summaries()[0]) == 9
    assert main(["--data-dir", str(new_laptop.data_dir), "audit", "verify"]) == 0


def test_an_encrypted_store_goes_out_sealed_with_its_own_passphrase_and_comes_back_equal(
        full, new_laptop, passphrases, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(full.config_dir))
    passphrases.extend([STORE_PASS, STORE_PASS])
    assert cli(full, "encrypt") == 0
    before = snapshot(full)
    backup = tmp_path / "sealed.backup"
    make_backup(full, passphrases, backup, STORE_PASS)  # asked once: checked against the store
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(new_laptop.config_dir))
    assert passphrases.asked[-1] == "Passphrase: "
    checked = check_backup(backup, STORE_PASS)
    assert checked.header.store_encrypted and checked.counts.sessions == 9 and checked.store_keys is not None
    assert restore_into(new_laptop, passphrases, backup, STORE_PASS) == 0
    after = snapshot(new_laptop)
    skip = ("data/audit.log", "data/sessions/audit.head")
    assert {n: b for n, b in after.items() if n not in skip} == {n: b for n, b in before.items() if n not in skip}
    restored = SessionStore(new_laptop.sessions_dir)
    restored.keyring.unlock(STORE_PASS)
    assert len(restored.summaries()[0]) == 9


def test_verify_reports_counts_and_a_wrong_passphrase_is_one_line(full, passphrases, tmp_path, capsys):
    backup = tmp_path / "store.backup"
    make_backup(full, passphrases, backup)
    capsys.readouterr()
    passphrases.append(PASS)
    assert main(["backup", "--verify", str(backup)]) == 0
    assert "sound" in capsys.readouterr().out
    passphrases.append("not the passphrase")
    assert main(["backup", "--verify", str(backup)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wrong passphrase" in err
    with pytest.raises(WrongBackupPassphrase):
        check_backup(backup, "not the passphrase")


def test_a_wrong_store_passphrase_makes_no_backup(full, passphrases, tmp_path, capsys):
    passphrases.extend([STORE_PASS, STORE_PASS])
    assert cli(full, "encrypt") == 0
    passphrases.append("wrong one")
    backup = tmp_path / "x.backup"
    assert cli(full, "backup", str(backup)) == 2
    assert not backup.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".x.backup")]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wrong passphrase" in err


@pytest.mark.parametrize("what", ["missing", "folder", "unwritable", "no-folder", "exists"])
def test_bad_paths_are_one_line_and_a_non_zero_exit(full, passphrases, tmp_path, capsys, monkeypatch, what):
    if what == "missing":
        code = main(["restore", str(tmp_path / "nothing.backup")])
        expected = "no such file"
    elif what == "folder":
        code = main(["backup", "--verify", str(tmp_path)])
        expected = "is a folder"
    elif what == "unwritable":
        folder = tmp_path / "ro"
        folder.mkdir()
        make_read_only(monkeypatch, folder)
        expected = "cannot write the backup (Read-only file system); nothing was written"
        passphrases.extend([PASS, PASS])
        code = cli(full, "backup", str(folder / "x.backup"))
        assert list(folder.iterdir()) == [] and last_backup_at(full.data_dir) is None
    elif what == "no-folder":
        code = cli(full, "backup", str(tmp_path / "not-there" / "x.backup"))
        expected = "does not exist"
    else:
        (tmp_path / "there.backup").write_bytes(b"mine")
        code = cli(full, "backup", str(tmp_path / "there.backup"))
        expected = "already exists"
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and expected in err, err


def test_a_file_that_is_not_a_backup_is_refused_before_a_passphrase_is_asked(tmp_path, passphrases, capsys):
    other = tmp_path / "notes.txt"
    other.write_bytes(b"hello")
    assert main(["restore", str(other)]) == 2
    assert passphrases.asked == [] and "not a backup" in capsys.readouterr().err


@pytest.fixture(scope="module")
def made_backup(tmp_path_factory):
    """One backup of a small store, made once for the cut-short examples (the cheap scrypt set by hand)."""
    from interview_tui.phases.files import load_catalogue
    from interview_tui.store import encryption
    from interview_tui.store.backup import write_backup
    from interview_tui.store.paths import builtin_phases_dir

    saved = encryption.DEFAULT_PARAMS, encryption.ACCEPTED_MINIMUM
    encryption.DEFAULT_PARAMS = encryption.ScryptParams(n=2**10, r=8, p=1)
    encryption.ACCEPTED_MINIMUM = encryption.DEFAULT_PARAMS
    root = tmp_path_factory.mktemp("cut")
    source = elsewhere(root, "source")
    store = SessionStore(source.sessions_dir)
    generate(store, load_catalogue([builtin_phases_dir()]), 2, 4, seed=2)
    path = root / "whole.backup"
    from interview_tui.store import backup_file

    chunk = backup_file.CHUNK_BYTES
    backup_file.CHUNK_BYTES = 4096  # many chunks in a small file: cuts land inside and between them
    try:
        with open(path, "wb") as out:
            from interview_tui.store.backup import write_backup as write

            write(out, source, PASS, "2026-01-01T00:00:00Z", False)
    finally:
        backup_file.CHUNK_BYTES = chunk
    yield root, path.read_bytes()
    encryption.DEFAULT_PARAMS, encryption.ACCEPTED_MINIMUM = saved


def test_the_cut_examples_use_many_chunks(made_backup):
    import io

    from interview_tui.store.backup_file import OpeningReader

    _root, whole = made_backup
    reader = OpeningReader(io.BytesIO(whole), PASS)
    assert reader.header.chunk_bytes == 4096
    reader.drain()
    assert reader.finished and reader.plain_bytes > 8 * 4096


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(min_value=0.0, max_value=1.0, exclude_max=True), flip=st.booleans())
def test_a_backup_cut_short_or_changed_anywhere_restores_nothing(made_backup, cut, flip):
    root, whole = made_backup
    at = int(cut * len(whole))
    damaged = (whole[:at] + bytes([whole[at] ^ 1]) + whole[at + 1:]) if flip else whole[:at]
    path = root / "damaged.backup"
    path.write_bytes(damaged)
    target = elsewhere(root, f"target-{at}-{flip}")
    passphrase_answers = [PASS]
    from interview_tui.cli import encryption as cli_encryption

    saved = cli_encryption.ask_passphrase
    cli_encryption.ask_passphrase = lambda prompt: passphrase_answers.pop(0) if passphrase_answers else PASS
    try:
        code = main(["--data-dir", str(target.data_dir), "restore", str(path)])
    finally:
        cli_encryption.ask_passphrase = saved
    assert code == 2
    written = [p for p in target.data_dir.rglob("*") if p.is_file()] if target.data_dir.exists() else []
    assert written == []
    with pytest.raises(BackupError):
        check_backup(path, PASS)


def test_merging_keeps_both_copies_of_a_session_that_differs_and_overwrites_nothing(
        full, passphrases, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INTERVIEW_TUI_CONFIG_DIR", str(full.config_dir))
    backup = tmp_path / "store.backup"
    make_backup(full, passphrases, backup)
    store = SessionStore(full.sessions_dir)
    first = sorted(full.sessions_dir.glob("2*.json"))[0]
    session = store.load(first.stem)
    phase = session.protocol.phases[0]
    session.set_note(phase.id, phase.prompts[0].id, "written after the backup")
    store.save(session)
    changed = first.read_bytes()
    removed = sorted(full.sessions_dir.glob("2*.json"))[1]
    removed.unlink()
    (full.config_dir / "settings.toml").write_text('agency = "Southside"\n')
    capsys.readouterr()
    assert restore_into(full, passphrases, backup) == 0
    out = capsys.readouterr().out
    assert first.read_bytes() == changed  # newer: never overwritten
    assert removed.exists()  # missing here: put back
    assert f"Session {first.stem} differs from the backup's copy: both kept" in out
    assert "Kept yours:" in out and (full.config_dir / "settings.toml").read_text() == 'agency = "Southside"\n'
    assert "audit log is kept beside" in out
    summaries, problems = SessionStore(full.sessions_dir).summaries()
    assert len(summaries) == 10 and not problems
    capsys.readouterr()
    assert restore_into(full, passphrases, backup) == 0  # again: nothing new, nothing doubled
    assert len(SessionStore(full.sessions_dir).summaries()[0]) == 10


def test_an_encrypted_backup_is_not_merged_into_a_plain_store(full, passphrases, tmp_path, catalogue, capsys):
    passphrases.extend([STORE_PASS, STORE_PASS])
    assert cli(full, "encrypt") == 0
    backup = tmp_path / "sealed.backup"
    make_backup(full, passphrases, backup, STORE_PASS)
    plain = elsewhere(tmp_path, "plain")
    generate(SessionStore(plain.sessions_dir), catalogue, 1, 1, seed=9)
    before = snapshot(plain)
    capsys.readouterr()
    assert restore_into(plain, passphrases, backup, STORE_PASS) == 2
    assert "written in clear" in capsys.readouterr().err and snapshot(plain) == before


def test_the_home_screen_words_say_when_and_remind_after_the_days_set():
    now = datetime(2026, 12, 7, 12, 0, tzinfo=timezone.utc)
    assert backup_words(None, 14, now) == ("No backup yet (interview-tui backup PATH).", True)
    assert backup_words(None, 0, now)[1] is False
    assert backup_words("2026-12-01T09:30:00Z", 14, now) == ("Last backup 2026-12-01 09:30.", False)
    words, remind = backup_words("2026-11-20T09:30:00Z", 14, now)
    assert remind and words.startswith("No backup for 17 days (last 2026-11-20)")
    assert backup_words("2026-11-20T09:30:00Z", 0, now) == ("Last backup 2026-11-20 09:30.", False)
    assert backup_words("not a time", 14, now)[1] is True


def test_a_backup_leaves_the_marker_the_home_screen_reads(full, passphrases, tmp_path):
    assert last_backup_at(full.data_dir) is None
    make_backup(full, passphrases, tmp_path / "b.backup")
    made_at = last_backup_at(full.data_dir)
    assert made_at is not None and backup_words(made_at, 14, datetime.now(timezone.utc))[0].startswith("Last backup")


def test_restoring_into_a_folder_that_cannot_be_written_is_one_line(full, passphrases, tmp_path, capsys,
                                                                    monkeypatch):
    backup = tmp_path / "store.backup"
    make_backup(full, passphrases, backup)
    target = elsewhere(tmp_path, "ro")
    target.data_dir.mkdir(parents=True)
    make_read_only(monkeypatch, target.data_dir)
    capsys.readouterr()
    assert restore_into(target, passphrases, backup) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write into" in err and "Read-only" in err and "nothing was restored" in err
    assert list(target.data_dir.iterdir()) == []


SENTINEL = "OKAPI-SENTINEL-8812"


def test_a_plain_backup_merged_into_an_encrypted_store_is_sealed_there(full, passphrases, tmp_path, catalogue,
                                                                      capsys):
    store = SessionStore(full.sessions_dir)
    first = sorted(full.sessions_dir.glob("2*.json"))[0]
    session = store.load(first.stem)
    phase = session.protocol.phases[0]
    session.set_note(phase.id, phase.prompts[0].id, f"said {SENTINEL}")
    store.save(session)
    backup = tmp_path / "plain.backup"
    make_backup(full, passphrases, backup)
    target = elsewhere(tmp_path, "sealed")
    generate(SessionStore(target.sessions_dir), catalogue, 1, 1, seed=9)
    passphrases.extend([STORE_PASS, STORE_PASS])
    assert cli(target, "encrypt") == 0
    passphrases.extend([PASS, STORE_PASS])  # the backup's, then the store's (another one)
    assert main(["--data-dir", str(target.data_dir), "restore", str(backup)]) == 0
    for path in target.sessions_dir.rglob("*"):
        if path.is_file() and path.name != "audit-from-backup.log":
            assert SENTINEL.encode() not in path.read_bytes(), path
    opened = SessionStore(target.sessions_dir)
    opened.keyring.unlock(STORE_PASS)
    summaries, problems = opened.summaries()
    assert len(summaries) == 10 and not problems
    assert SENTINEL in opened.load(first.stem).to_json().decode()
    assert len(list((target.sessions_dir / "clients").glob("r-*.json"))) == 2  # keyed names, no codes shown


def test_an_encrypted_backup_merged_back_into_its_own_store_asks_one_passphrase(full, passphrases, tmp_path, capsys):
    passphrases.extend([STORE_PASS, STORE_PASS])
    assert cli(full, "encrypt") == 0
    backup = tmp_path / "sealed.backup"
    make_backup(full, passphrases, backup, STORE_PASS)
    lost = sorted(full.sessions_dir.glob("2*.json"))[2]
    kept = lost.read_bytes()
    lost.unlink()
    asked = len(passphrases.asked)
    assert restore_into(full, passphrases, backup, STORE_PASS) == 0
    assert len(passphrases.asked) == asked + 1
    opened = SessionStore(full.sessions_dir)
    opened.keyring.unlock(STORE_PASS)
    assert opened.keyring.open(lost.read_bytes(), lost) == opened.keyring.open(kept, lost)  # sealed anew, same notes


def test_chunks_swapped_or_one_dropped_fail_and_so_do_bytes_after_the_last(made_backup):
    import io
    import struct

    from interview_tui.store.backup_file import OpeningReader

    _root, whole = made_backup
    (length,) = struct.unpack(">I", whole[12:16])
    at = 16 + length
    chunks = []
    while at < len(whole):
        (size,) = struct.unpack(">I", whole[at:at + 4])
        chunks.append(whole[at:at + 4 + size])
        at += 4 + size
    head = whole[:16 + length]
    swapped = head + chunks[1] + chunks[0] + b"".join(chunks[2:])
    dropped = head + b"".join(chunks[:3] + chunks[4:])
    no_end = head + b"".join(chunks[:-1])
    for damaged in (swapped, dropped, no_end, whole + b"\x00"):
        with pytest.raises(BackupError):
            OpeningReader(io.BytesIO(damaged), PASS).drain()
    OpeningReader(io.BytesIO(whole), PASS).drain()
