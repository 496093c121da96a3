"""The summary of a session: what an export says, before it is given a format.

A summary is built from the session alone (its notes, answers, instrument
answers, goals and plan items, and its own copy of the protocol, including
the note-section mapping of the phase files), so an old session exports the
same way even after its phase file has changed.

Order: the header, then the notices every reader must see first (instrument
alerts: ``build_notices``), then the sections. Narrative: one section per
phase in protocol order, then (in a follow-up or an ending) "Scores over
time", then "Goals" and "Plan". Note styles: each prompt's note or answer and
each phase's instrument in the section the phase files map it to; the
instrument trends in the assessment (SOAP, DAP) or response (BIRP, GIRP)
section; goals and plan items in the plan section (goals in GIRP's goal); the
practitioner's own preparation (prompts mapped to ``preparation``) in a part of
its own after the note's sections, so a reader never takes it for the client's
account.

Only what the practitioner wrote or answered is in it: empty notes and
answers, prompts hidden by ``show_if`` and optional phases nobody touched are
left out (the JSON export, the session itself, keeps everything); the
prompts' hints, the phases' guidance, the technique cues and an instrument's
instructions never appear. Notes are kept exactly as typed; the renderers
escape them for their format.
"""

from __future__ import annotations

from datetime import datetime

from interview_tui.core.errors import InterviewError
from interview_tui.core.alert_rules import alert_key, open_safety_items
from interview_tui.core.answers import PhaseAlert, Visibility, raised_alerts
from interview_tui.export.answers import (
    GOAL_CONTEXT,
    PLAN_ITEM_CONTEXT,
    SCORES_TITLE,
    answer_entry,
    goal_entry,
    instrument_entry,
    plan_item_entry,
    trends_entry,
)
from interview_tui.export.model import (
    NOTHING_RECORDED,
    NOTICE_MARK,
    NOTICES_TITLE,
    Entry,
    Field,
    Notice,
    Section,
    Summary,
    format_moment,
)
from interview_tui.core.protocol import NOTE_STYLES, PREPARATION_SECTION
from interview_tui.core.session import PhaseCopy, Session

__all__ = [
    "NARRATIVE",
    "NOTHING_RECORDED",
    "NOTICE_MARK",
    "NOTICES_TITLE",
    "NO_NOTES",
    "STYLES",
    "Entry",
    "Field",
    "Notice",
    "Section",
    "Summary",
    "UnknownStyle",
    "build_notices",
    "build_summary",
    "format_duration",
    "format_moment",
]

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

PREPARATION_TITLE = "Preparation (the practitioner's, before the meeting)"
"""Note styles: the practitioner's own preparation, shown apart after the note's sections."""

NO_NOTES = "No notes were written in this session."
OTHER_NOTES = "Other notes"
GOALS_TITLE = "Goals"
PLAN_TITLE = "Plan"
"""Narrative sections after the phases: the session's goals, then its plan items."""

PLAN_SECTION = "plan"
"""Where goals and plan items go in the note styles (every style has a plan section)..."""
GOAL_SECTIONS = {"girp": "goal"}
"""...except goals in a style with a section of their own."""
SCORES_SECTIONS = {"soap": "assessment", "dap": "assessment", "birp": "response", "girp": "response"}
"""Where a follow-up's or an ending's instrument trends go: how the client has changed is an assessment (in
BIRP and GIRP, the client's response to the work)."""


class UnknownStyle(InterviewError, ValueError):
    """A note style that does not exist; the message names the known ones."""


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


def _safety_notices(session: Session, raised: PhaseAlert) -> list[Notice]:
    """Under an alert: why its required safety items were not answered, or that they are still open."""
    key = alert_key(raised)
    reason = session.alert_reasons.get(key, "").strip()
    unanswered = [item.text for item in open_safety_items(session) if item.alert_key == key]
    if reason:
        return [Notice("Safety items not answered", f"Reason recorded: {reason}")]
    if unanswered:
        return [Notice("Safety items open", "Required by the alert and not yet answered: " + "; ".join(unanswered))]
    return []


def build_notices(session: Session) -> tuple[Notice, ...]:
    """What every export shows right after its header, before any section, in every format and style.

    This is the one place top-of-export notices are made: instrument alerts
    now (raised whether or not their phase is shown); anything else a reader
    must see first (e.g. a crisis flag) belongs in this list too.
    """
    notices: list[Notice] = []
    for raised in raised_alerts(session):
        phase = session.protocol.phase(raised.phase_id)
        instrument = phase.instrument if phase else None
        alert = raised.alert
        number = ""
        answer = str(alert.points)
        if instrument is not None:
            number = next((f" {n}" for n, item in enumerate(instrument.items, 1) if item.id == alert.item_id), "")
            answer = instrument.option_label(alert.points)
        detail = f"{raised.instrument_title}, item{number} “{alert.item_text}”: answered “{answer}” ({raised.phase_title})."
        notices.append(Notice("Alert", alert.message, detail))
        notices.extend(_safety_notices(session, raised))
    if session.crisis_began_at is not None:
        began = session.crisis_began_at.astimezone(session.started_at.tzinfo)
        notices.append(
            Notice(
                "Crisis",
                f"A crisis step began at {began:%Y-%m-%d %H:%M} during this session.",
                f"Its notes are in the crisis session {session.crisis_session_id}.",
            )
        )
    if session.opened_from is not None:
        notices.append(Notice("Crisis", f"Crisis session opened during session {session.opened_from}."))
    notices.extend(_case_flag_notices(session))
    return tuple(notices)


def _case_flag_notices(session: Session) -> list[Notice]:
    """The flags open on the case when the session began (kept by a contact note, a follow-up, an ending)."""
    flags = session.carried.open_flags if session.carried is not None else []
    return [
        Notice("Case flag", f"{flag.name.upper()} {flag.label}: open on the case when this session began.",
               f"Raised {flag.raised_on.isoformat()} in {flag.sessions_text}.")
        for flag in flags
    ]  # fmt: skip


def _exported_phases(session: Session, shown: Visibility) -> list[PhaseCopy]:
    """Phases in protocol order that are shown, without the optional ones nobody touched."""
    out = []
    for phase in shown.phases():
        record = session.phases.get(phase.id)
        if record is None or (phase.optional and not record.touched()):
            continue
        out.append(phase)
    return out


def _phase_entries(
    session: Session, phase: PhaseCopy, shown: Visibility, context: str = ""
) -> list[tuple[Entry, dict[str, str]]]:
    """The phase's instrument, non-empty notes and answers of shown prompts, then its other notes,
    each with the note-section mapping that applies to it."""
    record = session.phases.get(phase.id)
    if record is None:
        return []
    found: list[tuple[Entry, dict[str, str]]] = []
    instrument = instrument_entry(session, phase, context)
    if instrument is not None:
        found.append((instrument, dict(phase.sections)))
    for prompt in shown.prompts(phase.id):
        mapping = {**phase.sections, **prompt.sections}
        if prompt.type != "text":
            answer = answer_entry(session, phase, prompt, context)
            if answer is not None:
                found.append((answer, mapping))
            continue
        text = record.notes.get(prompt.id, "")
        if text.strip():
            found.append((Entry(prompt.text, text, context, session.last_amended(phase.id, prompt.id)), mapping))
    if record.other_notes.strip():
        entry = Entry(OTHER_NOTES, record.other_notes, context, session.last_amended(phase.id, None))
        found.append((entry, dict(phase.sections)))
    return found


def _goal_entries(session: Session, context: str = "") -> tuple[Entry, ...]:
    return tuple(goal_entry(session, goal, context) for goal in session.goals)


def _plan_entries(session: Session, context: str = "") -> tuple[Entry, ...]:
    return tuple(plan_item_entry(session, item, context) for item in session.plan_items)


def _narrative(session: Session, shown: Visibility) -> list[Section]:
    """A section per phase in protocol order, then the goals, then the plan."""
    sections = []
    for phase in _exported_phases(session, shown):
        entries = [entry for entry, _ in _phase_entries(session, phase, shown)]
        if entries:
            sections.append(Section(phase.title, tuple(entries)))
    trends = trends_entry(session)
    if trends is not None:
        sections.append(Section(SCORES_TITLE, (trends,)))
    if session.goals:
        sections.append(Section(GOALS_TITLE, _goal_entries(session)))
    if session.plan_items:
        sections.append(Section(PLAN_TITLE, _plan_entries(session)))
    return sections


def _styled(session: Session, style: str, shown: Visibility) -> list[Section]:
    names = NOTE_STYLES[style]
    by_section: dict[str, list[Entry]] = {name: [] for name in names}
    preparation: list[Entry] = []
    unmapped: list[Entry] = []
    for phase in _exported_phases(session, shown):
        for entry, mapping in _phase_entries(session, phase, shown, context=phase.title):
            section = mapping.get(style, "")
            target = preparation if section == PREPARATION_SECTION else by_section.get(section, unmapped)
            target.append(entry)
    trends = trends_entry(session)
    if trends is not None:
        by_section[SCORES_SECTIONS.get(style, PLAN_SECTION)].append(trends)
    by_section[GOAL_SECTIONS.get(style, PLAN_SECTION)] += _goal_entries(session, GOAL_CONTEXT)
    by_section[PLAN_SECTION] += _plan_entries(session, PLAN_ITEM_CONTEXT)
    sections = [Section(SECTION_TITLES.get(name, name.title()), tuple(by_section[name])) for name in names]
    if preparation:
        sections.append(Section(PREPARATION_TITLE, tuple(preparation)))
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
    shown = Visibility(session)
    sections = _narrative(session, shown) if style == NARRATIVE else _styled(session, style, shown)
    return Summary(
        title=STYLE_TITLES[style],
        style=style,
        header=build_header(session, practitioner, agency),
        sections=tuple(sections),
        amendment_count=len(session.amendments),
        notices=build_notices(session),
    )
