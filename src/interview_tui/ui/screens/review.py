"""The review screen: the session as it will be exported, the gaps left, finish and export.

Reached from any phase (ctrl+r) and offered on the last phase. The preview is
the plain-text export itself, so what the practitioner reads here is what the
record will say. Picking a phase or a gap in the list goes back to it, with
the empty note or unticked item focused, so it can be filled while the
client is still in the room.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Select, Static
from textual.widgets.option_list import Option

from interview_tui.casework.closing import finishing_concerns
from interview_tui.store.autosave import Autosaver
from interview_tui.core.answers import missing_required, raised_alerts
from interview_tui.export import ExportError, export_filename, render, render_file, write_export
from interview_tui.export.summary import STYLE_TITLES, STYLES, format_duration, format_moment
from interview_tui.core.gaps import PhaseReview, review
from interview_tui.core.session import Session
from interview_tui.ui.screens.go_to import GoTo
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.widgets.fitting_footer import FittingFooter

EMPTY_PROMPT = "○"
UNTICKED = "☐"
MISSING = "✗ required:"
ALERT = "⚠ ALERT: "


def _option_id(phase_id: str, widget_id: str | None = None, tag: str = "") -> str:
    """phase, widget to focus, and a tag keeping ids unique (an item can be both an alert and a gap)."""
    return f"{phase_id}\n{widget_id or ''}" + (f"\n{tag}" if tag else "")


def _phase_line(phase: PhaseReview) -> str:
    empty = sum(1 for g in phase.gaps if g.kind == "prompt")
    unticked = sum(1 for g in phase.gaps if g.kind == "checklist")
    marks = [f"{phase.notes_written} written"]
    if empty:
        marks.append(f"{empty} empty")
    if unticked:
        marks.append(f"{unticked} unticked")
    return f"{phase.number}. {phase.title}  ({format_duration(phase.seconds)}; {', '.join(marks)})"


class ReviewScreen(OfInterviewApp, Screen[GoTo | None]):
    CSS_PATH = style_sheet("review")
    BINDINGS = [
        Binding("escape", "back", "Back", id="review_back", tooltip="Back to the session."),
        Binding("f", "finish", "Finish session", id="finish_session", tooltip="Mark the session finished."),
        Binding("e", "export", "Export…", id="export_session", tooltip="Write the session to a file."),
        Binding("f1", "help", "Help", id="help", tooltip="Keys, how phases work, technique cue cards."),
        Binding(
            "f2", "crisis", "Crisis", id="crisis",
            tooltip="Crisis protocol: open it beside the session (from the crisis session: save and return).",
            priority=True,
        ),
    ]

    def action_crisis(self) -> None:
        from interview_tui.ui.screens.crisis import open_crisis_beside

        open_crisis_beside(self, self.session, self.saver)

    def __init__(
        self,
        session: Session,
        saver: Autosaver | None,
        practitioner: str | None = None,
        agency: str | None = None,
        export_folder: Path | None = None,
        export_format: str = "markdown",
        export_style: str = "narrative",
    ) -> None:
        """``practitioner``, ``agency`` and the export defaults come from the practitioner's settings."""
        super().__init__()
        self.session = session
        self.saver = saver
        self.practitioner = practitioner
        self.agency = agency
        self.export_folder = export_folder
        self.export_format = export_format
        self.style = export_style if export_style in STYLES else "narrative"
        self.last_export: Path | None = None
        """The file the last export from this screen was written to."""

    def compose(self) -> ComposeResult:
        yield Static(id="review-bar")
        yield Static(id="review-alerts")
        with Horizontal(id="review-body"):
            yield OptionList(id="review-gaps")
            with Vertical(id="review-right"):
                yield Select(
                    [(Content(f"Preview: {STYLE_TITLES[s]}"), s) for s in STYLES],
                    value=self.style,
                    allow_blank=False,
                    id="review-style",
                )
                with VerticalScroll(id="review-preview"):
                    yield Static(id="review-text")
        yield Static(id="review-exported")
        with Horizontal(id="review-actions"):
            yield Button(Content("Finish session"), variant="primary", id="review-finish")
            yield Button(Content("Export…"), id="review-export")
            yield Button(Content("Back to the session"), id="review-back")
        yield FittingFooter()

    def on_mount(self) -> None:
        gaps = self.query_one("#review-gaps", OptionList)
        gaps.border_title = "Phases and gaps"
        gaps.border_subtitle = "enter: go there"
        self.query_one("#review-preview").border_title = "As it will be exported"
        self.query_one("#review-exported", Static).display = False
        self.refresh_review()
        gaps.focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "narrow")

    # ------------------------------------------------------------ showing

    def refresh_review(self) -> None:
        self._show_bar()
        self._show_alerts()
        self._show_gaps()
        self._show_preview()
        finish = self.query_one("#review-finish", Button)
        if self.session.status == "completed" and self.session.ended_at is not None:
            finish.label = Content(f"Finished {self.session.ended_at:%H:%M}")
            finish.disabled = True

    def _seconds(self) -> float:
        seconds = self.session.total_seconds()
        if self.saver is not None and self.session.status != "completed":
            seconds += self.saver.phase_clock.unbooked()
        return seconds

    def _show_bar(self) -> None:
        s = self.session
        status = "finished" if s.status == "completed" else "in progress"
        if s.amendments:
            status += f", amended {len(s.amendments)}×"
        text = f"Review · {s.client_code} · {s.protocol.title} · time spent {format_duration(self._seconds())} · {status}"
        self.query_one("#review-bar", Static).update(Content(text))

    def _show_alerts(self) -> None:
        """Instrument alerts first, in words ("⚠ ALERT:"), whichever phase raised them."""
        alerts = raised_alerts(self.session)
        label = self.query_one("#review-alerts", Static)
        lines = [f"{ALERT}{a.instrument_title} ({a.phase_title}): {a.message}" for a in alerts]
        label.update(Content("\n".join(lines)))
        label.display = bool(alerts)

    def _show_gaps(self) -> None:
        """What is still open, most pressing first: raised alerts, required items (with what each is for), then
        the phases with their empty prompts, then the checklist items not ticked. A row is always highlighted, so
        ``enter`` goes to what is shown as chosen."""
        gaps = self.query_one("#review-gaps", OptionList)
        highlighted = gaps.highlighted
        gaps.clear_options()
        for n, alert in enumerate(raised_alerts(self.session)):
            gaps.add_option(Option(Content(f"{ALERT}{alert.message}"),
                                   id=_option_id(alert.phase_id, f"instrument-{alert.phase_id}", f"alert-{n}")))
        from interview_tui.core.alert_rules import open_safety_items

        for n, safety in enumerate(open_safety_items(self.session)):
            gaps.add_option(Option(Content(f"   ✗ Required by the alert: {safety.text}"),
                                   id=_option_id(safety.phase_id, f"note-{safety.phase_id}-{safety.prompt_id}",
                                                 f"safety-{n}")))
        missing = missing_required(self.session)
        if missing:
            gaps.add_option(Option(Content(f"{MISSING} {len(missing)} still missing"), disabled=True))
        for item in missing:
            widget = f"note-{item.phase_id}-{item.prompt_id}" if item.prompt_id else f"instrument-{item.phase_id}"
            gaps.add_option(Option(Content(f"   ✗ {item.text} — {item.message}"),
                                   id=_option_id(item.phase_id, widget, "required")))
        required = {(item.phase_id, item.prompt_id) for item in missing}
        phases = review(self.session)
        for phase in phases:
            gaps.add_option(Option(Content(_phase_line(phase)), id=_option_id(phase.phase_id)))
            for gap in phase.gaps:
                if gap.kind == "prompt" and (phase.phase_id, gap.item_id) not in required:
                    gaps.add_option(Option(Content(f"   {EMPTY_PROMPT} empty: {gap.text}"),
                                           id=_option_id(phase.phase_id, f"note-{phase.phase_id}-{gap.item_id}")))
        unticked = [(phase, gap) for phase in phases for gap in phase.gaps if gap.kind == "checklist"]
        if unticked:
            gaps.add_option(Option(Content(f"{UNTICKED} {len(unticked)} checklist item(s) not ticked"), disabled=True))
        for phase, gap in unticked:
            gaps.add_option(Option(Content(f"   {UNTICKED} {phase.title}: {gap.text}"),
                                   id=_option_id(phase.phase_id, f"check-{phase.phase_id}-{gap.item_id}")))
        if highlighted is not None and highlighted < gaps.option_count:
            gaps.highlighted = highlighted
        else:
            gaps.highlighted = next(
                (i for i in range(gaps.option_count) if not gaps.get_option_at_index(i).disabled), None
            )

    def _show_preview(self) -> None:
        """The text export as it will be written, open client flags included."""
        from interview_tui.casework.notices import session_notices

        notices = session_notices(self.app.store, self.session)
        text = render(self.session, "text", self.style, self.practitioner, self.agency, notices=notices)
        self.query_one("#review-text", Static).update(Content(text))

    @on(Select.Changed, "#review-style")
    def _style_changed(self, event: Select.Changed) -> None:
        self.style = str(event.value)
        self._show_preview()

    # ------------------------------------------------------------ going back

    @on(OptionList.OptionSelected, "#review-gaps")
    def _go_to_gap(self, event: OptionList.OptionSelected) -> None:
        phase_id, widget_id, _ = ((event.option.id or "") + "\n\n").split("\n", 2)
        if phase_id:
            self.dismiss(GoTo(phase_id, widget_id or None))

    @on(Button.Pressed, "#review-back")
    def action_back(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------ finishing

    async def _safety_items_settled(self) -> bool:
        """Finishing waits for the safety items a raised alert requires: answered, or a reason recorded why not."""
        from interview_tui.core.alert_rules import open_safety_items, record_reason
        from interview_tui.ui.screens.reason import ReasonDialog

        still_open = open_safety_items(self.session)
        if not still_open:
            return True
        listed = "\n".join(f"• {item.text}" for item in still_open)
        question = (
            f"{ALERT}An alert requires these safety items before the session can be finished:\n{listed}\n\n"
            "Cancel to go back and answer them, or record why they were not answered "
            "(kept with the session and shown in every export)."
        )
        reason = await self.app.push_screen_wait(ReasonDialog(question, "Record reason"))
        if reason is None:
            return False
        for key in dict.fromkeys(item.alert_key for item in still_open):
            record_reason(self.session, key, reason)
        if self.saver is not None:
            self.saver.changed()
        self.refresh_review()
        return True

    @on(Button.Pressed, "#review-finish")
    def _finish_pressed(self) -> None:
        self.action_finish()

    @work(exclusive=True, group="review-action")
    async def action_finish(self) -> None:
        if self.session.status == "completed":
            self.notify("This session is already finished. Changes to its notes are recorded as amendments.")
            return
        from interview_tui.ui.screens.confirm import ConfirmDialog

        if not await self._safety_items_settled():
            return
        empty = sum(1 for p in review(self.session) for g in p.gaps if g.kind == "prompt")
        unticked = sum(1 for p in review(self.session) for g in p.gaps if g.kind == "checklist")
        question = "Finish this session? Its end time is recorded now; later changes are kept as amendments."
        if empty or unticked:
            question = (
                f"{empty} prompt(s) have no note and {unticked} checklist item(s) are not ticked.\n\n" + question
            )
        missing = missing_required(self.session)
        if missing:
            listed = "\n".join(f"• {m.phase_title}: {m.text}: {m.message}" for m in missing[:8])
            if len(missing) > 8:
                listed += f"\n… and {len(missing) - 8} more (listed on the left)"
            question = f"{len(missing)} REQUIRED item(s) still missing:\n{listed}\n\n" + question
        concerns = finishing_concerns(self.app.store, self.session)
        if concerns:
            listed = "\n".join(f"• {c}" for c in concerns)
            question = f"Finishing this session CLOSES THE CASE, and:\n{listed}\n\n" + question
        if not await self.app.push_screen_wait(
            ConfirmDialog(question, "Finish session", focus_yes=not concerns)  # (with concerns: no by default)
        ):
            return
        if self.saver is not None:
            self.saver.phase_clock.book(self.session)
        self.session.finish()
        saved = True
        if self.saver is not None:
            self.saver.changed()
            saved = self.saver.save_now()
        self.refresh_review()
        assert self.session.ended_at is not None  # (finish() set it)
        if saved:
            self.notify(f"Session finished at {format_moment(self.session.ended_at)} and saved.")
        else:
            problem = self.saver.last_problem if self.saver else ""
            self.notify(f"Finished, but NOT SAVED yet: {problem}. Retrying.", severity="error", timeout=10)

    # ------------------------------------------------------------ exporting

    @on(Button.Pressed, "#review-export")
    def _export_pressed(self) -> None:
        self.action_export()

    @work(exclusive=True, group="review-action")
    async def action_export(self) -> None:
        from interview_tui.ui.screens.confirm import ConfirmDialog
        from interview_tui.ui.screens.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.export_folder or self.app.locations.exports_dir,
            style=self.style,
            fmt=self.export_format,
            finished=self.session.status == "completed",
            store_encrypted=self.app.store.keyring.enabled,
        )
        choice = await self.app.push_screen_wait(dialog)
        if choice is None:
            return
        path = choice.folder / export_filename(self.session, choice.fmt, choice.style)
        if path.exists():
            replace = await self.app.push_screen_wait(ConfirmDialog(f"{path} already exists. Replace it?", "Replace"))
            if not replace:
                self.notify("Not exported: the existing file was kept.")
                return
        try:
            from interview_tui.casework.notices import session_notices

            notices = session_notices(self.app.store, self.session)
            data = render_file(self.session, choice.fmt, choice.style, self.practitioner, self.agency, notices=notices)
            write_export(path, data, force=True)
        except ExportError as exc:
            self.notify(f"Not exported: {exc}", severity="error", timeout=15)
            return
        self.last_export = path
        self.app.log_event("session_exported", self.session.id)  # the audit log: event and session id only
        label = self.query_one("#review-exported", Static)
        label.update(Content(f"Exported to {path}"))
        label.display = True
        self.notify(f"Exported to {path}", timeout=8)

    def action_help(self) -> None:
        """Help over the review: this screen's keys, and the cue cards of the session's protocol."""
        from interview_tui.ui.screens.help import HelpScreen

        session_screen = next(
            (s for s in reversed(self.app.screen_stack) if s is not self and hasattr(s, "phase_definition")), None
        )
        if session_screen is None:
            self.app.push_screen(HelpScreen(None, None))
            return
        protocol = session_screen.protocol
        self.app.push_screen(HelpScreen(protocol, session_screen.phase_definition(self.session.current_phase)))
