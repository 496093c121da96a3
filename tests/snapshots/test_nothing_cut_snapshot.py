"""Nothing cut where it matters (issue 19), at 120x40 and 80x24: the crisis phase's local contacts (the phone
number never broken in the middle) and a checklist whose items wrap instead of being cut."""

from __future__ import annotations

import pytest
from fixed_app import build_app, fixed_session, steady

from interview_tui.settings.model import Contact, Settings

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]

SETTINGS = Settings(
    practitioner_name="Sam Rivera",
    emergency_contacts=[
        Contact(name="Out-of-hours duty team for the north of the county", phone="+44 20 7946 0123 ext 4567",
                notes="Evenings and weekends; have the client code ready."),
    ],  # fmt: skip
)


@pytest.mark.parametrize("size", SIZES)
def test_crisis_contacts(snap_compare, locations, catalogue, store, size):
    crisis = catalogue.protocol("crisis")
    assert crisis is not None
    session = fixed_session(crisis)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    assert snap_compare(app, terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_long_checklist(snap_compare, locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session, settings=SETTINGS)
    # (the checklist is below the phase's first fields: tab to its first item)
    assert snap_compare(app, terminal_size=size, run_before=steady(*_to_checklist(intake)))


def _to_checklist(intake) -> list[str]:
    phase = intake.phases[0]
    return ["tab"] * len(phase.prompts)
