"""Issue 16 item 20: a brief contact note between interviews, linked to the client's case like any session.

One phase, one screen: the kind of contact, with whom, what was discussed, a
risk check (a concern raises a risk flag and asks what was done), what was
agreed. It starts with the case's open flags, shows them, exports in every
format and style like any session, and is never the protocol a new session
starts with.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta, timezone

import docx
import pytest

from interview_tui.casework.cases import client_case
from interview_tui.casework.protocol_choice import fitting_protocol
from interview_tui.casework.carry_forward import carries_forward, start_session
from interview_tui.casework.carried_flags import keeps_flags
from interview_tui.casework.clients import ClientBook
from interview_tui.casework.starting import save_started
from interview_tui.core.case_facts import facts_of
from interview_tui.core.session import Session
from interview_tui.core.answers import Visibility
from interview_tui.export import FORMATS, render_file
from interview_tui.export.summary import STYLES
from data_paths import README

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)
PHASE = "contact"


@pytest.fixture
def note(catalogue):
    protocol = catalogue.protocol("contact-note")
    assert protocol is not None, [str(e) for e in catalogue.errors]
    return protocol


def flagged_intake(store, intake, code="C-3") -> Session:
    """An intake that rated the risk Medium (a risk flag on the case), saved."""
    session = Session.start(code, intake, at=T0)
    prompt = next((ph.id, pr.id) for ph in intake.phases for pr in ph.prompts if pr.flags.get("medium") == "risk")
    session.set_answer(*prompt, "medium")
    save_started(store, session)
    return session


def written(session: Session) -> Session:
    session.set_answer(PHASE, "contact-kind", "phone")
    session.set_answer(PHASE, "with-whom", "Client's sister")
    session.set_answer(PHASE, "discussed", "Sister rang: CONTACT-DISCUSSED the rent arrears letter.")
    session.set_answer(PHASE, "risk-check", "concern")
    session.set_answer(PHASE, "concern-follow-up", "CONTACT-CONCERN: told the duty manager at 10:05.")
    session.set_answer(PHASE, "actions-agreed", "CONTACT-ACTIONS: I call the housing office by Friday.")
    return session


def test_the_contact_note_is_one_short_phase_in_the_order_it_is_written(note):
    assert note.title == "Contact note"
    assert [p.id for p in note.phases] == [PHASE]
    phase = note.phases[0]
    assert [p.id for p in phase.prompts] == [
        "contact-kind", "with-whom", "discussed", "risk-check", "concern-follow-up", "actions-agreed",
    ]  # fmt: skip
    kinds = [c.label for c in note.options(phase.prompts[0])]
    assert kinds[0] == "Phone call" and kinds[-1] == "Other" and len(kinds) == 6
    # Typing a letter picks an option: every label of each list starts with its own letter.
    for prompt in phase.prompts:
        firsts = [c.label[0].casefold() for c in note.options(prompt)]
        assert len(firsts) == len(set(firsts)), (prompt.id, firsts)
    assert phase.collects is None and not phase.checklist  # nothing between the fields and the end
    assert phase.shows == ["flags"]


def test_the_concern_note_shows_only_when_a_concern_is_noted(note):
    session = Session.start("C-1", note, at=T0)

    def shown() -> bool:
        return Visibility(session).prompt_shown(PHASE, "concern-follow-up")

    assert not shown()
    session.set_answer(PHASE, "risk-check", "none")
    assert not shown()
    session.set_answer(PHASE, "risk-check", "concern")
    assert shown()


def test_a_concern_raises_a_risk_flag_on_the_case(note):
    session = Session.start("C-1", note, at=T0)
    session.set_answer(PHASE, "risk-check", "none")
    assert facts_of(session).flags == ()
    session.set_answer(PHASE, "risk-check", "concern")
    [flag] = facts_of(session).flags
    assert (flag.name, flag.value, flag.label) == ("risk", "concern", "Concern noted")


def test_a_contact_note_is_never_the_protocol_a_new_session_starts_with(catalogue, note):
    assert note.protocol.default_for is None
    assert fitting_protocol(catalogue.protocols, True, None) == "follow-up"
    assert fitting_protocol(catalogue.protocols, False, None) == "intake"
    assert fitting_protocol(catalogue.protocols, False, "contact-note") == "contact-note"  # (only if asked for)


def test_it_links_to_the_case_and_keeps_its_open_flags(store, intake, note):
    first = flagged_intake(store, intake)
    assert keeps_flags(note) and not carries_forward(note)
    contact = start_session(store, "C-3", note, at=T0 + timedelta(days=3))
    save_started(store, contact, store.client_summaries("C-3"))
    assert contact.client_code == "C-3" and contact.goals == [] and contact.plan_items == []
    assert contact.carried is not None
    [flag] = contact.carried.open_flags
    assert (flag.session_id, flag.name, flag.label, flag.raised_on) == (first.id, "risk", "Medium", T0.date())
    assert flag.text == "⚑ RISK Medium"
    case = client_case(ClientBook(store), "C-3", store.client_summaries("C-3"), save=False)
    assert [s.id for s in case.sessions] == [contact.id, first.id]
    assert [s.protocol for s in case.sessions] == ["contact-note", "intake"]
    saved = json.loads(store.path_for(contact.id).read_bytes())
    assert saved["client_code"] == "C-3"
    assert saved["carried"]["open_flags"][0]["flag_id"] == flag.flag_id


def test_a_cleared_flag_is_not_carried_and_a_case_without_flags_carries_none(store, intake, note):
    first = flagged_intake(store, intake)
    book = ClientBook(store)
    record = book.load("C-3")
    [raised] = facts_of(first).flags
    record.clear_flag(f"{first.id}/{raised.phase_id}/{raised.prompt_id}", raised.value, "Safety plan in place")
    book.save(record)
    contact = start_session(store, "C-3", note, at=T0 + timedelta(days=3))
    assert contact.carried is not None and contact.carried.open_flags == []
    assert "open_flags" not in json.loads(contact.to_json())["carried"]


def test_a_follow_up_keeps_the_open_flags_too(store, intake, catalogue):
    first = flagged_intake(store, intake)
    follow = start_session(store, "C-3", catalogue.protocol("follow-up"), at=T0 + timedelta(days=7))
    assert follow.carried is not None
    assert [f.session_id for f in follow.carried.open_flags] == [first.id]


def _text_of(data: str | bytes) -> str:
    if isinstance(data, bytes):
        document = docx.Document(io.BytesIO(data))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(cells + [p.text for p in document.paragraphs])
    return data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style", STYLES)
def test_it_exports_in_every_format_and_style(store, intake, note, fmt, style):
    flagged_intake(store, intake)
    contact = written(start_session(store, "C-3", note, at=T0 + timedelta(days=3)))
    text = _text_of(render_file(contact, fmt, style))
    for marker in ("CONTACT-DISCUSSED", "CONTACT-CONCERN", "CONTACT-ACTIONS", "Client's sister"):
        assert marker in text.replace("\\'", "'").replace("&#x27;", "'"), (marker, fmt, style)
    assert "C-3" in text
    if fmt == "json":
        data = json.loads(text)
        assert data["protocol"]["id"] == "contact-note"
        assert data["phases"][PHASE]["answers"]["contact-kind"] == "phone"
        assert data["carried"]["open_flags"][0]["label"] == "Medium"
    else:
        assert "Phone call" in text and "Concern noted" in text
        assert re.search(r"RISK Medium: open on the case when this session began", text), (fmt, style)


def test_the_readme_and_the_listings_name_it():
    readme = README.read_text(encoding="utf-8")
    built_in = re.search(r"Built-in\s+protocols:(.*?)\.\n", readme, re.S)
    assert built_in and "`contact-note`" in built_in.group(1)
    assert "| `client_contact_note` | `ctrl+r` |" in readme


def test_the_list_of_built_in_protocols_is_the_shipped_files_and_the_readme_and_help_name_each(capsys):
    from interview_tui.cli.main import main as cli
    from interview_tui.phases.built_in import BUILT_IN_PROTOCOLS
    from interview_tui.phases.files import load_catalogue
    from interview_tui.store.paths import builtin_phases_dir

    assert set(BUILT_IN_PROTOCOLS) == set(load_catalogue([builtin_phases_dir()]).protocols)
    built_in = re.search(r"Built-in\s+protocols:(.*?)\.\n", README.read_text(encoding="utf-8"), re.S)
    assert built_in is not None
    assert [p for p in BUILT_IN_PROTOCOLS if f"`{p}`" not in built_in.group(1)] == []
    with pytest.raises(SystemExit):
        cli(["new", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert all(p in shown for p in BUILT_IN_PROTOCOLS), shown
