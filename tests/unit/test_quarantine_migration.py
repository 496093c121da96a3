"""Damaged, older and newer session files: quarantine byte for byte, migrate with the original kept, never overwrite."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_tui.store import migrations
from interview_tui.store.encryption import MAGIC
from interview_tui.store.migrations import NewerSchema, SchemaProblem, migrate
from interview_tui.store.quarantine import list_quarantined
from interview_tui.core.session import SCHEMA_VERSION, Session
from interview_tui.store.sessions import MIGRATED_FOLDER, ReadOnlySession, SessionStore, StoreError
from data_paths import FIXTURES

SESSION_FIXTURES = FIXTURES / "sessions"
FIXTURE_ID = "20261120-142501-a3f9"
OTHER_ID = "20261121-090000-bbbb"


def fixture_bytes(version: int) -> bytes:
    return (SESSION_FIXTURES / f"v{version}" / f"{FIXTURE_ID}.json").read_bytes()


def put(store: SessionStore, session_id: str, data: bytes) -> Path:
    store.folder.mkdir(parents=True, exist_ok=True)
    path = store.path_for(session_id)
    path.write_bytes(data)
    return path


def other_session_bytes() -> bytes:
    data = json.loads(fixture_bytes(1))
    data["id"] = OTHER_ID
    return json.dumps(data).encode()


def only_quarantined(store: SessionStore) -> Path:
    moved = list_quarantined(store.folder)
    assert len(moved) == 1, moved
    return moved[0].moved_to


# ------------------------------------------------------------ the migration chain


def test_every_earlier_schema_version_has_a_fixture_that_loads(store):
    """One fixture folder per schema version from the first to the current; each loads and reads the same notes."""
    for version in range(migrations.FIRST_VERSION, SCHEMA_VERSION + 1):
        assert (SESSION_FIXTURES / f"v{version}").is_dir(), f"add tests/support/fixtures/sessions/v{version}/ for schema {version}"
        put(store, FIXTURE_ID, fixture_bytes(version))
        session = store.load(FIXTURE_ID)
        assert session.schema_version == SCHEMA_VERSION
        assert session.client_code == "CL-0042"
        assert session.note("preparation", "record-review").startswith("Came in after [supports] ended")
        assert session.phases["preparation"].seconds_spent == 312.5
    assert migrations.STEPS.keys() == set(range(migrations.FIRST_VERSION, SCHEMA_VERSION))


def test_current_version_file_is_not_rewritten_on_load(store):
    path = put(store, FIXTURE_ID, fixture_bytes(SCHEMA_VERSION))
    before = path.stat().st_mtime_ns
    store.load(FIXTURE_ID)
    assert path.stat().st_mtime_ns == before
    assert not (store.folder / MIGRATED_FOLDER).exists()


def test_chain_runs_each_step_in_order():
    seen = []

    def step(n):
        def run(data):
            seen.append(n)
            data[f"from_{n}"] = True
            return data

        return run

    data, original = migrate({"schema_version": 1}, current=4, steps={1: step(1), 2: step(2), 3: step(3)})
    assert original == 1 and seen == [1, 2, 3]
    assert data == {"schema_version": 4, "from_1": True, "from_2": True, "from_3": True}


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"schema_version": 9}, NewerSchema),
        ({"schema_version": 0}, SchemaProblem),  # no step from 0
        ({"schema_version": "1"}, SchemaProblem),
        ({"schema_version": True}, SchemaProblem),
        ({}, SchemaProblem),
        ([1, 2], SchemaProblem),
    ],
)
def test_chain_refuses_what_it_cannot_bring_up(data, error):
    with pytest.raises(error):
        migrate(data, current=2, steps={1: lambda d: d})


def _v0_to_v1(data: dict) -> dict:
    """A synthetic older schema: v0 called the client code 'client'."""
    data["client_code"] = data.pop("client")
    return data


def _v0_file() -> bytes:
    data = json.loads(fixture_bytes(1))
    data["schema_version"] = 0
    data["client"] = data.pop("client_code")
    return json.dumps(data).encode()


def test_older_file_is_migrated_on_disk_and_the_original_kept_until_then(store, monkeypatch):
    monkeypatch.setitem(migrations.STEPS, 0, _v0_to_v1)
    path = put(store, FIXTURE_ID, _v0_file())
    session = store.load(FIXTURE_ID)
    assert session.client_code == "CL-0042"
    on_disk = json.loads(path.read_bytes())
    assert on_disk["schema_version"] == SCHEMA_VERSION and on_disk["client_code"] == "CL-0042"
    assert list((store.folder / MIGRATED_FOLDER).iterdir()) == []  # written safely: the kept original is gone
    assert [s.id for s in store.summaries()[0]] == [FIXTURE_ID]


def test_a_failed_migrated_write_leaves_the_original_in_place_and_kept(store, monkeypatch):
    import interview_tui.store.sessions as storage

    monkeypatch.setitem(migrations.STEPS, 0, _v0_to_v1)
    original = _v0_file()
    path = put(store, FIXTURE_ID, original)
    real_write = storage.write_private_atomic

    def write(target, data):
        if target == path:
            raise OSError(28, "No space left on device")
        real_write(target, data)

    monkeypatch.setattr(storage, "write_private_atomic", write)
    session = store.load(FIXTURE_ID)  # still usable in memory
    assert session.client_code == "CL-0042"
    assert path.read_bytes() == original
    assert (store.folder / MIGRATED_FOLDER / f"{FIXTURE_ID}.v0.json").read_bytes() == original


def test_older_file_listed_even_when_the_quick_listing_cannot_read_it(store, monkeypatch):
    monkeypatch.setitem(migrations.STEPS, 0, _v0_to_v1)
    put(store, FIXTURE_ID, _v0_file())
    summaries, problems = store.summaries()
    assert [s.client for s in summaries] == ["CL-0042"] and problems == []


# ------------------------------------------------------------ quarantine


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda b: b[: len(b) // 2], "not JSON"),
        (lambda b: b"", "not JSON"),
        (lambda b: b"\xff\xfe garbage", "not UTF-8"),
        (lambda b: b"[1, 2, 3]", "not a JSON object"),
        (lambda b: b.replace(b'"client_code"', b'"client"'), "not a readable session file"),
        (lambda b: b.replace(b'"schema_version": 1', b'"schema_version": "one"'), "schema_version"),
        (lambda b: b.replace(FIXTURE_ID.encode(), OTHER_ID.encode(), 1), "not the file's name"),
    ],
)
def test_unreadable_file_is_moved_aside_byte_for_byte_and_named(store, damage, why):
    bad = damage(fixture_bytes(1))
    path = put(store, FIXTURE_ID, bad)
    put(store, OTHER_ID, other_session_bytes())
    with pytest.raises(StoreError) as info:
        store.load(FIXTURE_ID)
    message = str(info.value)
    assert path.name in message and why in message and "quarantine" in message
    moved = only_quarantined(store)
    assert moved.read_bytes() == bad and not path.exists()
    assert moved.name.startswith(FIXTURE_ID + ".") and moved.suffix == ".json"
    assert moved.stat().st_mode & 0o777 == 0o600
    assert list_quarantined(store.folder)[0].reason in message
    assert list_quarantined(store.folder)[0].original == path
    assert store.load(OTHER_ID).id == OTHER_ID  # every other session stays usable


def test_listing_quarantines_a_damaged_file_and_lists_the_rest(store):
    bad = b'{"schema_version": 1, "id": "' + FIXTURE_ID.encode()
    put(store, FIXTURE_ID, bad)
    put(store, OTHER_ID, other_session_bytes())
    summaries, problems = store.summaries()
    assert [s.id for s in summaries] == [OTHER_ID]
    assert len(problems) == 1 and f"{FIXTURE_ID}.json: not JSON" in problems[0]
    assert only_quarantined(store).read_bytes() == bad
    assert store.quarantined[0].moved_to == only_quarantined(store)
    assert store.summaries() == ([summaries[0]], [])  # told once; the file is out of the way


def test_newer_version_is_listed_read_only_never_quarantined_never_written(store, intake):
    newer = fixture_bytes(SCHEMA_VERSION).replace(b'"schema_version": %d' % SCHEMA_VERSION, b'"schema_version": 99')
    path = put(store, FIXTURE_ID, newer)
    summaries, problems = store.summaries()
    assert [(s.id, s.read_only) for s in summaries] == [(FIXTURE_ID, True)] and problems == []
    with pytest.raises(ReadOnlySession, match="newer version"):
        store.load(FIXTURE_ID)
    session = Session.model_validate_json(fixture_bytes(SCHEMA_VERSION))
    with pytest.raises(ReadOnlySession):
        store.save(session)
    assert path.read_bytes() == newer
    assert list_quarantined(store.folder) == []


def test_newer_version_with_unknown_shape_is_still_left_alone(store):
    newer = b'{"schema_version": 7, "everything": "different"}'
    path = put(store, FIXTURE_ID, newer)
    summaries, problems = store.summaries()
    assert summaries == [] and "newer version" in problems[0]
    assert path.read_bytes() == newer and list_quarantined(store.folder) == []


def test_save_never_overwrites_a_file_it_did_not_load_cleanly(store):
    """A file this store never read is checked first; a damaged one goes to quarantine, not under the new save."""
    bad = fixture_bytes(1)[:100]
    path = put(store, FIXTURE_ID, bad)
    session = Session.model_validate_json(fixture_bytes(SCHEMA_VERSION))
    store.save(session)
    assert only_quarantined(store).read_bytes() == bad
    assert Session.model_validate_json(path.read_bytes()) == session


def test_app_autosaver_reports_a_read_only_session_as_not_saved(store):
    from interview_tui.store.autosave import Autosaver

    current = b'"schema_version": %d' % SCHEMA_VERSION
    newer = fixture_bytes(SCHEMA_VERSION).replace(current, b'"schema_version": %d' % (SCHEMA_VERSION + 1))
    path = put(store, FIXTURE_ID, newer)
    session = Session.model_validate_json(fixture_bytes(SCHEMA_VERSION))
    reports = []
    saver = Autosaver(store, session, listener=lambda ok, problem: reports.append((ok, problem)))
    try:
        assert saver.save_now() is False
    finally:
        saver.close()
    assert reports[-1][0] is False and "newer version" in reports[-1][1]
    assert path.read_bytes() == newer


# ------------------------------------------------------------ damage of every kind (hypothesis)

FILE = fixture_bytes(1)


def _check_damaged(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp) / "sessions")
        path = put(store, FIXTURE_ID, data)
        put(store, OTHER_ID, other_session_bytes())
        summaries, problems = store.summaries()
        try:
            session = store.load(FIXTURE_ID)
        except ReadOnlySession:
            assert path.read_bytes() == data  # a damaged version number can look "newer": left alone
        except StoreError:
            if data.startswith(MAGIC):  # looks encrypted, and this store has no key: reported, left in place
                assert path.read_bytes() == data
            else:
                assert not path.exists()
                assert only_quarantined(store).read_bytes() == data
        else:
            assert session.id == FIXTURE_ID and path.exists()
        assert store.load(OTHER_ID).id == OTHER_ID
        assert OTHER_ID in [s.id for s in store.summaries()[0]]
        assert all(not p.name.startswith(".") or p.name == ".index.sqlite" for p in store.folder.iterdir())  # no temp file


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.integers(min_value=0, max_value=len(FILE) - 1))
def test_truncated_anywhere(offset):
    _check_damaged(FILE[:offset])


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=len(FILE) * 8 - 1), min_size=1, max_size=4))
def test_bit_flips(bits):
    data = bytearray(FILE)
    for bit in bits:
        data[bit // 8] ^= 1 << (bit % 8)
    _check_damaged(bytes(data))


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes(data):
    _check_damaged(data)


@FUZZ
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=6), kids, max_size=4)))
def test_random_json(value):
    _check_damaged(json.dumps(value).encode())


def test_deeply_nested_json_is_quarantined(store):
    path = put(store, FIXTURE_ID, b"[" * 100_000)
    assert store.summaries()[0] == []
    assert not path.exists() and only_quarantined(store).read_bytes() == b"[" * 100_000
