"""Read-only panels a phase shows above its prompts: what was carried from the last session, the case's open
flags, local contacts.

Which panel a phase shows comes from its phase file (``shows = ["carried"]``,
kept in the session's own copy of the protocol); a phase that collects goals
in a session with carried goals also gets the goal review panel
(``goal_review.py``). Everything shown is user text, through ``Content``.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from interview_tui.core.dates import show_date
from interview_tui.core.goals import STATUS_LABELS, WHO_LABELS
from interview_tui.core.session import Session
from interview_tui.core.session_carried import CarriedContext, CarriedCrisis, CarriedFlag
from interview_tui.ui.of_app import OfInterviewApp


def casework_panels(session: Session, phase_id: str) -> Iterator[Widget]:
    """The panels of this phase, as its copy in the session names them."""
    from interview_tui.ui.widgets.goal_review import GoalReviewPanel

    phase = session.protocol.phase(phase_id)
    if phase is None:
        return
    if "carried" in phase.shows:
        yield CarriedPanel(session, id=f"carried-{phase_id}")
    if "flags" in phase.shows:
        yield FlagsPanel(session, id=f"flags-{phase_id}")
    if "contacts" in phase.shows:
        yield ContactsPanel(id=f"contacts-{phase_id}")
    if phase.collects == "goals" and any(g.carried_from for g in session.goals):
        yield GoalReviewPanel(session, phase_id, id=f"goal-review-{phase_id}")


def _line(text: str, classes: str = "panel-line") -> Static:
    return Static(Content(text), classes=classes)


class CarriedPanel(Vertical):
    """The case's open flags, the latest summary and next steps (with their session's date and protocol), the last
    risk level rated and the last PHQ-9 / GAD-7 results, the latest crisis session's risk and safety plan (shown as
    such), and the open goals and plan items."""

    DEFAULT_CSS = """
    CarriedPanel { height: auto; border: round $secondary; padding: 0 1; margin-bottom: 1; }
    CarriedPanel .panel-heading { text-style: bold; margin-top: 1; }
    CarriedPanel .panel-text { padding-left: 2; }
    CarriedPanel .crisis-heading { color: $error; }
    """

    def __init__(self, session: Session, id: str | None = None) -> None:
        super().__init__(id=id, classes="session-panel")
        self.session = session
        self.border_title = "Carried forward"

    def compose(self) -> ComposeResult:
        context = self.session.carried
        if context is not None and context.open_flags:
            yield from _flag_lines(context.open_flags)
        if context is None or (context.last_session_id is None and context.crisis is None and not self.session.goals
                               and context.last_risk is None and not context.scores):
            yield _line("No earlier session with a summary for this client: nothing carried forward.")
            return
        if context.last_session_id is not None:
            when = context.last_date.isoformat() if context.last_date else "?"
            yield _line(f"Last summary: {when}, {context.last_protocol_title or context.last_protocol_id}")
            yield _line("Summary", "panel-heading")
            yield _line(context.summary or "(no summary was written)", "panel-text")
            yield _line("Next steps agreed", "panel-heading")
            yield _line(context.next_steps or "(no next steps were written)", "panel-text")
        else:
            yield _line("No earlier session has a summary or next steps.")
        yield from _risk_and_score_lines(context)
        if context.crisis is not None:
            yield from _crisis_lines(context.crisis)
        goals = [g for g in self.session.goals if g.carried_from]
        yield _line(f"Open goals ({len(goals)})", "panel-heading")
        for goal in goals:
            rating = context.last_ratings.get(goal.id)
            last = f"last rated {rating}/10" if rating is not None else "not rated yet"
            yield _line(f"• {goal.what}  [{STATUS_LABELS[goal.status]}; {last}]", "panel-text")
        if not goals:
            yield _line("(none open)", "panel-text")
        items = [p for p in self.session.plan_items if p.carried_from]
        yield _line(f"Plan items not done ({len(items)})", "panel-text panel-heading")
        for item in items:
            due = f"due {item.due.isoformat()}" if item.due else "no due date"
            if item.review_on:
                due += f"; review {show_date(item.review_on, 'iso')}"
            yield _line(f"• {item.action}  [{WHO_LABELS[item.who]}; {STATUS_LABELS[item.status]}; {due}]", "panel-text")
        if not items:
            yield _line("(none)", "panel-text")


def _flag_lines(flags: list[CarriedFlag]) -> Iterator[Static]:
    """The case's open flags when the session began, a word each (never only a colour)."""
    yield _line(f"Open flags on the case ({len(flags)})", "panel-heading flag-heading")
    for flag in flags:
        yield _line(f"{flag.text}  [raised {flag.raised_on.isoformat()}, {flag.sessions_text}]", "panel-text")


class FlagsPanel(Vertical):
    """The case's open flags as they stood when the session began (a contact note shows them above its fields)."""

    DEFAULT_CSS = """
    FlagsPanel { height: auto; border: round $warning; padding: 0 1; margin-bottom: 1; }
    FlagsPanel .panel-heading { text-style: bold; }
    FlagsPanel .panel-text { padding-left: 2; }
    """

    def __init__(self, session: Session, id: str | None = None) -> None:
        super().__init__(id=id, classes="session-panel")
        self.session = session
        self.border_title = "Case flags"

    def compose(self) -> ComposeResult:
        context = self.session.carried
        flags = context.open_flags if context is not None else []
        if flags:
            yield from _flag_lines(flags)
        else:
            yield _line("No flags were open on this case when this session began.")


def _risk_and_score_lines(context: CarriedContext) -> Iterator[Static]:
    """The last risk level rated and the last result of each instrument (PHQ-9, GAD-7...), each with its date."""
    from interview_tui.core.score_history import latest_line, score_tracks

    yield _line("Last risk level and scores", "panel-heading")
    risk = context.last_risk
    if risk is not None:
        where = f"{risk.date.isoformat()}, {risk.protocol_title}" if risk.protocol_title else risk.date.isoformat()
        yield _line(f"Risk level: {risk.label} ({where})", "panel-text")
    else:
        yield _line("Risk level: not rated in an earlier session", "panel-text")
    tracks = score_tracks(context.scores)
    for track in tracks:
        yield _line(latest_line(track), "panel-text")
    if not tracks:
        yield _line("No complete instrument score (PHQ-9, GAD-7...) in an earlier session", "panel-text")


def _crisis_lines(crisis: CarriedCrisis) -> Iterator[Static]:
    """The latest crisis session's risk and safety plan, headed as what they are and when they were made."""
    state = "finished" if crisis.finished else "not finished"
    yield _line(f"Crisis {crisis.date.isoformat()} ({crisis.protocol_title}, {state}): risk and safety plan",
                "panel-heading crisis-heading")
    for title, notes, none in (("Risk as judged then", crisis.risk, "(no risk was recorded)"),
                               ("Safety plan", crisis.safety_plan, "(no safety plan was written)")):
        yield _line(title, "panel-heading")
        for note in notes:
            yield _line(f"{note.prompt}\n  {note.text}", "panel-text")
        if not notes:
            yield _line(none, "panel-text")


class ContactsPanel(OfInterviewApp, Vertical):
    """Local emergency and referral contacts from the settings file (the app ships none)."""

    DEFAULT_CSS = """
    ContactsPanel { height: auto; border: round $error; padding: 0 1; margin-bottom: 1; }
    ContactsPanel .panel-heading { text-style: bold; }
    ContactsPanel .panel-text { padding-left: 2; }
    ContactsPanel .panel-phone { padding-left: 2; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, classes="session-panel")
        self.border_title = "Local contacts"

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        contacts = [("Emergency", c) for c in settings.emergency_contacts]
        contacts += [("Referral", c) for c in settings.referral_contacts]
        for kind, contact in contacts:
            yield _line(f"{kind}: {contact.name}", "panel-heading")
            if contact.phone:  # on a line of its own, never wrapped: a number is not broken in the middle
                yield _line(f"☎ {contact.phone}", "panel-phone")
            if contact.notes:
                yield _line(contact.notes, "panel-text")
        if not contacts:
            yield _line(
                "No local contacts set. Add your service's emergency and referral contacts to the settings file "
                f"({self.app.settings_file}) as [[emergency_contacts]] and [[referral_contacts]] tables: "
                "`interview-tui config --init` writes an example."
            )
