"""The summary of a session: what an export says, before it is given a format.

A summary is built from the session alone (its notes and its own copy of the
protocol, including the note-section mapping of the phase files), so an old
session exports the same way even after its phase file has changed.

Only what the practitioner wrote is in it: empty notes are left out, and the
prompts' hints, the phases' guidance and the technique cues never appear.
Notes are kept exactly as typed; the renderers escape them for their format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interview_tui.protocol import NOTE_STYLES
from interview_tui.session import PhaseCopy, Session

NARRATIVE = "narrative"
STYLES: tuple[str, ...] = (NARRATIVE, *NOTE_STYLES)
"""Note styles an export can take, the default first."""

STYLE_TITLES = {
    NARRATIVE: "Session notes",
    "soap": "SOAP note",
    "dap": "DAP note",
    "birp": "BIRP note",
    "girp": "GIRP note",
}

SECTION_TITLES = {
    "subjective": "Subjective",
    "objective": "Objective",
    "assessment": "Assessment",
    "plan": "Plan",
    "data": "Data",
    "behavior": "Behavior",
    "intervention": "Intervention",
    "response": "Response",
    "goal": "Goal",
}

NOTHING_RECORDED = "Nothing recorded for this section."
NO_NOTES = "No notes were written in this session."
OTHER_NOTES = "Other notes"


class UnknownStyle(ValueError):
    """A note style that does not exist; the message names the known ones."""


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Entry:
    """One note as written, with what it answers."""

    label: str
    """The prompt it answers, or "Other notes"."""
    text: str
    """The note exactly as typed."""
    context: str = ""
    """The phase it was written in, when the section is not the phase itself (note styles)."""
    amended_at: datetime | None = None
    """When it was last changed after the session was finished, if it was."""


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]
    empty_message: str = NOTHING_RECORDED


@dataclass(frozen=True)
class Summary:
    title: str
    style: str
    header: tuple[Field, ...]
    sections: tuple[Section, ...]
    amendment_count: int = 0
    notices: tuple[str, ...] = ()
    """Shown first, before the header (e.g. a client flag still open: casework.session_notices)."""


def format_duration(seconds: float) -> str:
    """Whole minutes, the way a record states them: "1 h 05 min", "45 min", "under 1 min"."""
    minutes = int(seconds + 30) // 60
    if seconds < 30:
        return "under 1 min"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _clock(moment: datetime, day: datetime) -> str:
    """A time of day, with its date when it falls on another day than ``day``."""
    if moment.date() != day.date():
        return f"{moment:%Y-%m-%d %H:%M}"
    return f"{moment:%H:%M}"


def format_moment(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def build_header(session: Session, practitioner: str | None = None, agency: str | None = None) -> tuple[Field, ...]:
    start = session.started_at
    fields = [
        Field("Client", session.client_code),
        Field("Protocol", session.protocol.title),
        Field("Date", f"{start:%Y-%m-%d}"),
        Field("Start", _clock(start, start)),
        Field("End", _clock(session.ended_at, start) if session.ended_at else "not finished"),
        Field("Duration", format_duration(session.total_seconds())),
    ]
    if practitioner and practitioner.strip():
        fields.append(Field("Practitioner", practitioner.strip()))
    if agency and agency.strip():
        fields.append(Field("Agency", agency.strip()))
    status = "finished" if session.status == "completed" else "in progress (not finished)"
    if session.amendments:
        last = max(a.at for a in session.amendments)
        status += f"; amended after finishing, last on {format_moment(last)}"
    fields.append(Field("Status", status))
    return tuple(fields)


def _phase_entries(session: Session, phase: PhaseCopy, context: str = "") -> list[tuple[Entry, dict[str, str]]]:
    """The phase's non-empty notes in order, each with the note-section mapping that applies to it."""
    record = session.phases.get(phase.id)
    if record is None:
        return []
    found: list[tuple[Entry, dict[str, str]]] = []
    for prompt in phase.prompts:
        text = record.notes.get(prompt.id, "")
        if text.strip():
            entry = Entry(prompt.text, text, context, session.last_amended(phase.id, prompt.id))
            found.append((entry, {**phase.sections, **prompt.sections}))
    if record.other_notes.strip():
        entry = Entry(OTHER_NOTES, record.other_notes, context, session.last_amended(phase.id, None))
        found.append((entry, dict(phase.sections)))
    return found


def _narrative(session: Session) -> list[Section]:
    sections = []
    for phase in session.protocol.phases:
        entries = [entry for entry, _ in _phase_entries(session, phase)]
        if entries:
            sections.append(Section(phase.title, tuple(entries)))
    return sections


def _styled(session: Session, style: str) -> list[Section]:
    names = NOTE_STYLES[style]
    by_section: dict[str, list[Entry]] = {name: [] for name in names}
    unmapped: list[Entry] = []
    for phase in session.protocol.phases:
        for entry, mapping in _phase_entries(session, phase, context=phase.title):
            by_section.get(mapping.get(style, ""), unmapped).append(entry)
    sections = [Section(SECTION_TITLES.get(name, name.title()), tuple(by_section[name])) for name in names]
    if unmapped:
        sections.append(Section(f"Not assigned to a {style.upper()} section", tuple(unmapped)))
    return sections


def build_summary(
    session: Session, style: str = NARRATIVE, practitioner: str | None = None, agency: str | None = None
) -> Summary:
    """Everything an export of ``session`` in ``style`` says, in order.

    ``practitioner`` and ``agency`` come from the practitioner's settings; a blank one is left out.
    """
    style = style.lower()
    if style not in STYLES:
        raise UnknownStyle(f"unknown note style '{style}' (known: {', '.join(STYLES)})")
    sections = _narrative(session) if style == NARRATIVE else _styled(session, style)
    return Summary(
        title=STYLE_TITLES[style],
        style=style,
        header=build_header(session, practitioner, agency),
        sections=tuple(sections),
        amendment_count=len(session.amendments),
    )
