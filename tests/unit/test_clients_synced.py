"""Client records in a synced folder (issue 18): two machines edit the same record before they sync.

- The other machine's record arrives before this one saves (the file replaced underneath): the save merges, keeping
  both machines' case events and cleared flags and the other machine's edits; a field both changed is asked about
  (RecordConflict), never overwritten silently.
- Both saved before they synced: the second arrival is Syncthing's conflict copy beside the record; it is listed as a
  conflict copy, never read as the record, never listed as a client.
- A damaged or partial record arriving underneath is never written over.
"""

from __future__ import annotations

import pytest
from two_machines import Machines, arrives, arrives_as_conflict_copy, arrives_damaged

from interview_tui.casework.client_list import client_lines
from interview_tui.casework.clients import ClientBook, ClientRecordError, RecordConflict
from interview_tui.store.conflict_copies import conflict_copies

CODE = "A1"
"""Short on purpose: ``A1.sync-conflict-20261208-101010-LAPTOP7`` is itself shaped like a client code."""
FLAG = "20260101-100000-aaaa/risk/level"


@pytest.fixture(params=["plain", "encrypted"])
def machines(request, tmp_path) -> Machines:
    if request.param == "plain":
        return Machines.start(tmp_path, encrypted=False)
    request.getfixturevalue("fast_kdf")
    return Machines.start(tmp_path, encrypted=True, passphrases=request.getfixturevalue("passphrases"))


def with_a_record(machines: Machines) -> tuple[ClientBook, ClientBook]:
    """The record made on the desktop and synced to the laptop; each machine's book of it."""
    desktop = ClientBook(machines.desktop.store())
    desktop.ensure(CODE)
    arrives(desktop.path_for(CODE), machines.desktop, machines.laptop)
    return desktop, ClientBook(machines.laptop.store())


def test_the_other_machines_record_arriving_before_this_save_is_merged_and_a_field_both_changed_is_asked(machines):
    desktop, laptop = with_a_record(machines)
    on_desktop = desktop.get(CODE)  # open in the client view on the desktop
    on_desktop.notes = "written on the desktop"
    on_desktop.clear_flag(FLAG, "high", "seen by the GP")
    on_laptop = laptop.get(CODE)
    on_laptop.notes = "written on the laptop"
    on_laptop.display_name = "Sam"
    on_laptop.close_case("moved away")
    laptop.save(on_laptop)
    arrives(laptop.path_for(CODE), machines.laptop, machines.desktop)

    with pytest.raises(RecordConflict) as conflict:
        desktop.save(on_desktop)

    assert conflict.value.fields == ["notes"] and conflict.value.mine == {"notes": "written on the desktop"}
    assert "another machine" in str(conflict.value)
    saved = ClientBook(machines.desktop.store()).load(CODE)
    assert saved is not None
    assert saved.is_closed and saved.closed_reason == "moved away"  # the laptop's event
    assert saved.clearance(FLAG, "high") is not None  # the desktop's clearance
    assert saved.display_name == "Sam" and saved.notes == "written on the laptop"  # the laptop's, until asked
    on_desktop.notes = conflict.value.mine["notes"]
    desktop.save(on_desktop, keep_mine={"notes"})  # the practitioner keeps the desktop's notes
    saved = ClientBook(machines.desktop.store()).load(CODE)
    assert saved is not None and saved.notes == "written on the desktop" and saved.is_closed and saved.display_name == "Sam"

    arrives(desktop.path_for(CODE), machines.desktop, machines.laptop)  # and back to the laptop
    laptop_now = ClientBook(machines.laptop.store()).load(CODE)
    assert laptop_now is not None and laptop_now.model_dump() == saved.model_dump()
    assert conflict_copies(machines.desktop.locations.sessions_dir) == []


def test_edits_of_different_fields_on_the_two_machines_are_both_kept_without_asking(machines):
    desktop, laptop = with_a_record(machines)
    on_desktop = desktop.get(CODE)
    on_desktop.notes = "written on the desktop"
    on_laptop = laptop.get(CODE)
    on_laptop.display_name = "Sam"
    on_laptop.clear_flag(FLAG, "high", "seen by the GP")
    laptop.save(on_laptop)
    arrives(laptop.path_for(CODE), machines.laptop, machines.desktop)
    desktop.save(on_desktop)
    saved = ClientBook(machines.desktop.store()).load(CODE)
    assert saved is not None
    assert (saved.notes, saved.display_name) == ("written on the desktop", "Sam")
    assert saved.clearance(FLAG, "high") is not None


def test_both_saved_before_they_synced_the_arriving_one_is_a_conflict_copy_listed_and_never_read(machines):
    desktop, laptop = with_a_record(machines)
    on_desktop = desktop.get(CODE)
    on_desktop.notes = "written on the desktop"
    desktop.save(on_desktop)
    on_laptop = laptop.get(CODE)
    on_laptop.notes = "written on the laptop"
    on_laptop.close_case("moved away")
    laptop.save(on_laptop)
    record = desktop.path_for(CODE)
    mine = record.read_bytes()

    copy = arrives_as_conflict_copy(laptop.path_for(CODE), machines.laptop, machines.desktop)

    store = machines.desktop.store()
    [listed] = conflict_copies(store.folder)
    assert listed.path == copy and listed.original == record and listed.tool == "Syncthing"
    book = ClientBook(store)
    loaded = book.load(CODE)
    assert loaded is not None and loaded.notes == "written on the desktop" and not loaded.is_closed
    assert book.codes() == [CODE]
    lines, problems = client_lines(store)
    assert [line.code for line in lines] == [CODE] and problems == []
    assert all(line.problem is None for line in lines)
    loaded.display_name = "Sam"
    book.save(loaded)  # saving goes to the record, never to the copy
    assert copy.read_bytes() == (laptop.path_for(CODE)).read_bytes()
    assert record.read_bytes() != mine and ClientBook(store).load(CODE).display_name == "Sam"


def test_a_damaged_record_arriving_underneath_is_never_written_over(machines):
    desktop, laptop = with_a_record(machines)
    on_desktop = desktop.get(CODE)
    on_desktop.notes = "written on the desktop"
    on_laptop = laptop.get(CODE)
    on_laptop.notes = "written on the laptop"
    laptop.save(on_laptop)
    whole = laptop.path_for(CODE).read_bytes()
    partial = arrives_damaged(laptop.path_for(CODE), machines.laptop, machines.desktop, keep=len(whole) // 2)
    cut = partial.read_bytes()

    with pytest.raises(ClientRecordError) as refused:
        desktop.save(on_desktop)

    assert not isinstance(refused.value, RecordConflict)
    assert "not written over" in str(refused.value) or "left as it is" in str(refused.value)
    assert "written on" not in str(refused.value)  # the message never holds client text
    assert partial.read_bytes() == cut
    with pytest.raises(ClientRecordError):
        desktop.save(on_desktop)  # nor on a second try
    assert partial.read_bytes() == cut
    arrives(laptop.path_for(CODE), machines.laptop, machines.desktop)  # the whole file arrives after all
    desktop = ClientBook(machines.desktop.store())
    assert desktop.load(CODE).notes == "written on the laptop"
