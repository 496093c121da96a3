"""Reviewing carried goals and plan items, keyboard first: one row per goal, one per plan item.

On a goal row: a digit rates today's progress 0-10 (1 then 0 makes 10; the
last and first ratings show only once today's is in, so they never anchor
the answer), ``s``
/ ``S`` steps the status forward / back (open, partly, achieved, not
achieved, dropped), ``n`` goes to the note (enter comes back), ``x`` takes
the review back. On a plan-item row ``s`` / ``S`` step its status. Tab and
shift+tab go from row to row, never into a note: a digit typed on a row
always rates. Entering the phase focuses the first row.

A row is stacked (the goal in full, then the ratings and status, then the
note), so it stays readable in a narrow column (the phase list and the cues
beside it) and at 80 columns. Every change goes through the session's
methods (checked, amendments after finishing) and is saved by the screen's
autosaver.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Input, Static

from interview_tui.core.goals import GOAL_STATUS_LABELS, PLAN_STATUS_LABELS, WHO_LABELS
from interview_tui.core.goal_history import sparkline
from interview_tui.core.session import Session


GOAL_STATUS_ORDER = ["open", "partly", "achieved", "not_achieved", "dropped"]
"""The order ``s`` steps through a goal's statuses: from still open to the outcomes of an ending."""


def _changed(widget) -> None:
    """Tell the screen's autosaver (if the screen has one: a read-only session has none)."""
    saver = getattr(widget.screen, "saver", None)
    if saver is not None:
        saver.changed()


def _step(options: list[str], current: str, step: int) -> str:
    return options[(options.index(current) + step) % len(options)]


def rating_line(session: Session, goal_id: str, today: int | None) -> str:
    """Today's rating, and the earlier ones only once today's is in, so they never anchor the client's answer:
    ``today –/10 (earlier scores once today's is in)``, then ``today 6/10 · last 4 · start 2  ▂▄▆``."""
    if today is None:
        return "today –/10 (earlier scores once today's is in)"
    context = session.carried
    last = context.last_ratings.get(goal_id) if context else None
    first = context.first_ratings.get(goal_id) if context else None
    parts = [f"today {today}/10"]
    if last is not None:
        parts.append(f"last {last}")
    if first is not None and first != last:
        parts.append(f"start {first}")
    earlier = [r for r in (first if first != last else None, last) if r is not None]
    return " · ".join(parts) + "  " + sparkline([*earlier, today])


class NoteLine(Input):
    tab_skips = True
    """Reached with n from its row; tab and shift+tab pass it, so digits meant as a rating never land here."""


class GoalReviewRow(Vertical, can_focus=True):
    """One carried goal: the goal, then today's rating (the earlier ones once it is in) and status, then the note."""

    typing_hint = "On a goal: a digit rates 0-10, s status, n writes a note, x takes the review back."

    BINDINGS = [
        Binding("s", "status(1)", "Status", id="review_status", tooltip="Next status of this goal or plan item."),
        Binding("S", "status(-1)", "Status back", id="review_status_back", show=False,
                tooltip="Previous status of this goal or plan item."),
        Binding("n", "note", "Note", id="review_note", tooltip="Write a note on this goal's progress."),
        Binding("x", "clear", "Clear review", id="review_clear", show=False,
                tooltip="Take back this session's review of the goal (its status goes back too)."),
    ]

    def __init__(self, session: Session, goal_id: str) -> None:
        super().__init__(id=f"review-{goal_id}", classes="review-row")
        self.session = session
        self.goal_id = goal_id
        self._last_digit: str | None = None

    def compose(self) -> ComposeResult:
        goal = self.session.goal(self.goal_id)
        yield Static(Content(goal.what), classes="review-what")
        with Horizontal(classes="review-facts"):
            yield Static(classes="review-rating")
            yield Static(classes="review-status")
        review = self.session.goal_review(self.goal_id)
        yield NoteLine(review.note if review else "", placeholder="note (n)", compact=True, classes="review-note",
                       id=f"review-note-{self.goal_id}")

    def on_mount(self) -> None:
        self.show_state()

    def show_state(self) -> None:
        goal = self.session.goal(self.goal_id)
        review = self.session.goal_review(self.goal_id)
        today = review.rating if review and review.rating is not None else None
        text = rating_line(self.session, self.goal_id, today)
        self.query_one(".review-rating", Static).update(Content(text))
        self.query_one(".review-status", Static).update(Content(GOAL_STATUS_LABELS[goal.status]))

    def _review(self, **changes) -> None:
        try:
            self.session.review_goal(self.goal_id, **changes)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        self.session.touch()
        _changed(self)
        self.show_state()

    def on_key(self, event: Key) -> None:
        if event.character is None or not event.character.isdigit():
            self._last_digit = None
            return
        event.stop()
        digit = event.character
        rating = 10 if (self._last_digit == "1" and digit == "0") else int(digit)
        self._last_digit = None if rating == 10 else digit
        self._review(rating=rating)

    def action_status(self, step: int) -> None:
        self._review(status=_step(GOAL_STATUS_ORDER, self.session.goal(self.goal_id).status, step))

    def action_note(self) -> None:
        self.query_one(Input).focus()

    def action_clear(self) -> None:
        if self.session.goal_review(self.goal_id) is None:
            return
        self.session.remove_goal_review(self.goal_id)
        self.session.touch()
        _changed(self)
        self.query_one(Input).value = ""
        self.show_state()

    @on(Input.Changed, ".review-note")
    def _note_changed(self, event: Input.Changed) -> None:
        event.stop()
        review = self.session.goal_review(self.goal_id)
        if (review.note if review else "") != event.value:
            self._review(note=event.value)

    @on(Input.Submitted, ".review-note")
    def _note_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus()


class PlanReviewRow(Horizontal, can_focus=True):
    """One carried plan item: who, due date, and its status (``s`` / ``S`` to change it)."""

    typing_hint = "On a plan item: s steps its status."

    BINDINGS = [
        Binding("s", "status(1)", "Status", id="review_status", tooltip="Next status of this goal or plan item."),
        Binding("S", "status(-1)", "Status back", id="review_status_back", show=False,
                tooltip="Previous status of this goal or plan item."),
    ]

    def __init__(self, session: Session, item_id: str) -> None:
        super().__init__(id=f"review-{item_id}", classes="review-row")
        self.session = session
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        item = self.session.plan_item(self.item_id)
        due = f"due {item.due.isoformat()}" if item.due else "no due date"
        yield Static(Content(f"{item.action} ({WHO_LABELS[item.who]}; {due})"), classes="review-what")
        yield Static(classes="review-status")

    def on_mount(self) -> None:
        self.show_state()

    def show_state(self) -> None:
        status = self.session.plan_item(self.item_id).status
        self.query_one(".review-status", Static).update(Content(PLAN_STATUS_LABELS[status]))

    def action_status(self, step: int) -> None:
        item = self.session.plan_item(self.item_id)
        self.session.update_plan_item(self.item_id, status=_step(list(PLAN_STATUS_LABELS), item.status, step))
        self.session.touch()
        _changed(self)
        self.show_state()


class GoalReviewPanel(Vertical):
    """Today's review of every carried goal and plan item."""

    DEFAULT_CSS = """
    GoalReviewPanel { height: auto; border: round $accent; padding: 0 1; margin-bottom: 1; }
    GoalReviewPanel .review-help { color: $text-muted; }
    GoalReviewPanel .panel-heading { text-style: bold; margin-top: 1; }
    GoalReviewRow, PlanReviewRow { height: auto; margin-top: 1; }
    GoalReviewRow:focus, PlanReviewRow:focus { background: $boost; text-style: bold; }
    GoalReviewRow:focus .review-what, PlanReviewRow:focus .review-what { text-style: bold reverse; }
    GoalReviewRow .review-what { width: 1fr; height: auto; }
    GoalReviewRow .review-facts { height: auto; padding-left: 2; }
    GoalReviewRow .review-rating { width: auto; min-width: 24; padding-right: 2; }
    GoalReviewRow .review-status { width: auto; min-width: 12; }
    GoalReviewRow .review-note { width: 1fr; margin-left: 2; }
    PlanReviewRow .review-what { width: 1fr; height: auto; }
    PlanReviewRow .review-status { width: auto; min-width: 12; padding-left: 2; }
    """

    def __init__(self, session: Session, phase_id: str, id: str | None = None) -> None:
        super().__init__(id=id, classes="session-panel")
        self.session = session
        self.phase_id = phase_id
        self.border_title = "Review goals and plan items"

    def compose(self) -> ComposeResult:
        yield Static(
            Content("On a goal: 0-10 today's rating (1 then 0 = 10), s status, n note (enter returns), x take "
                    "back. On a plan item: s status. Tab moves between rows."),
            classes="review-help",
        )
        for goal in self.session.goals:
            if goal.carried_from:
                yield GoalReviewRow(self.session, goal.id)
        items = [p for p in self.session.plan_items if p.carried_from]
        if items:
            yield Static(Content("Plan items"), classes="panel-heading")
        for item in items:
            yield PlanReviewRow(self.session, item.id)
