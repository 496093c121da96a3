"""The session screen: the phases in a sidebar, the current phase, notes saved as you type."""

from __future__ import annotations


from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, ContentSwitcher, OptionList, Static, TextArea

from interview_tui.store.autosave import Autosaver, PhaseClock
from interview_tui.core.answers import Visibility, raised_alerts
from interview_tui.core.protocol import ChecklistItem, Phase, Prompt, Protocol
from interview_tui.core.session import Session
from interview_tui.ui.commands import PhaseCommands
from interview_tui.ui.screens.go_to import GoTo
from interview_tui.ui.focus_order import move_focus, settle
from interview_tui.ui.typing_guard import TypingGuard
from interview_tui.ui.screens.session_answers import AnswerHandling
from interview_tui.ui.screens.session_saving import SaveStatus
from interview_tui.ui.widgets.item_editor import highlight_item
from interview_tui.ui.widgets.phase_list import PhaseList
from interview_tui.ui.widgets.phase_view import ChecklistBox, NoteField, PhaseView, focus_target
from interview_tui.ui.widgets.prompt_block import PromptBlock
from interview_tui.ui.widgets.fitting_footer import FittingFooter
from interview_tui.ui.widgets.session_bar import SessionBar

TICK_SECONDS = 0.4
NARROW_WIDTH = 100
"""Below this many columns the phase list and the cue cards are hidden (ctrl+t shows the phases)."""
SHORT_HEIGHT = 30
"""On a narrow screen with fewer lines than this, a phase's guidance is folded into one line (f3 unfolds it), so
the first note field is on the screen whole."""


class SessionScreen(TypingGuard, SaveStatus, AnswerHandling, Screen[None]):
    COMMANDS = {PhaseCommands}
    BINDINGS = [
        # Priority: focus moves while the key is handled, so in a fast burst the keys after a tab
        # already go to the next field (a non-priority tab is handled only after the field's queue).
        Binding("tab", "next_field", "Next field", id="next_field", show=False, priority=True,
                tooltip="Go to the next field."),
        Binding("shift+tab", "previous_field", "Previous field", id="previous_field", show=False, priority=True,
                tooltip="Go to the previous field."),
        Binding("ctrl+n", "next_phase", "Next", id="next_phase", tooltip="Go to the next phase.", priority=True),
        Binding(
            "ctrl+b", "previous_phase", "Prev", id="previous_phase", tooltip="Go to the previous phase.",
            priority=True,
        ),
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save now (notes also save as you type).", priority=True),
        Binding(
            "ctrl+r", "review", "Review", id="review", tooltip="See the session as it will be exported, fill gaps, "
            "finish and export.", priority=True,
        ),
        Binding("f1", "help", "Help", id="help", tooltip="Keys, how phases work, technique cue cards."),
        Binding(
            "f2", "crisis", "Crisis", id="crisis",
            tooltip="Crisis protocol: open it beside the session (from the crisis session: save and return).",
            priority=True,
        ),
        Binding(
            "ctrl+o", "close_session", "List", id="close_session",
            tooltip="Save and go back to the list of sessions.", priority=True,
        ),
        Binding(
            "ctrl+t", "toggle_phases", "Phases", id="toggle_phases",
            tooltip="Show or hide the list of phases (hidden on narrow screens).", priority=True,
        ),
        Binding(
            "f3", "toggle_guidance", "Guidance", id="toggle_guidance", show=False, priority=True,
            tooltip="On a small screen: show or fold the phase's guidance (folded to one line there).",
        ),
    ]

    def __init__(self, session: Session, read_only: bool = False, go_to: GoTo | None = None) -> None:
        super().__init__()
        self.session = session
        self.read_only = read_only
        self._open_at = go_to
        """Where to open (a search hit's note); None: the phase the session was left in."""
        """A session from a newer app version: shown, never saved."""
        self.saver: Autosaver | None = None
        self._last_save_ok = True
        self._phases_shown: bool | None = None
        """The practitioner's choice to show (True) or hide (False) the phase list; None: by screen width."""

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield SessionBar(id="session-bar")
        yield Static(id="session-kept-apart")  # shown while another machine's edit keeps this one in a copy
        with Horizontal(id="session-body"):
            yield PhaseList(self.session)
            yield ContentSwitcher(id="phases")
        yield FittingFooter()

    @property
    def protocol(self) -> Protocol | None:
        """The protocol definition as loaded now (for guidance and cues), if it is still available."""
        return self.app.catalogue.protocol(self.session.protocol.id)

    def phase_definition(self, phase_id: str) -> Phase:
        """The phase's full definition; a session whose phase file changed falls back to its own copy."""
        protocol = self.protocol
        phase = protocol.phase_by_id(phase_id) if protocol else None
        copy = next(p for p in self.session.protocol.phases if p.id == phase_id)
        if phase is not None and [p.id for p in phase.prompts] == [p.id for p in copy.prompts]:
            return phase
        return Phase(
            id=copy.id,
            title=copy.title,
            purpose=phase.purpose if phase else "(This phase's definition has changed since the session was saved.)",
            guidance=list(phase.guidance) if phase else [],
            techniques=list(phase.techniques) if phase else [],
            prompt=[Prompt(id=p.id, text=p.text) for p in copy.prompts],
            checklist=[ChecklistItem(id=c.id, text=c.text) for c in copy.checklist],
        )

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW_WIDTH

    def on_resize(self) -> None:
        self._update_layout()

    def _update_layout(self) -> None:
        self.set_class(self.narrow, "narrow")
        self.set_class(self.size.height < SHORT_HEIGHT, "short")
        shown = self._phases_shown if self._phases_shown is not None else not self.narrow
        self.query_one(PhaseList).display = shown
        footer = self.query_one(FittingFooter)
        footer.compact = self.narrow
        footer.show_command_palette = not self.narrow  # ctrl+p still works; the help lists it

    def action_toggle_guidance(self) -> None:
        self.toggle_class("guidance-open")

    def action_toggle_phases(self) -> None:
        phase_list = self.query_one(PhaseList)
        was_in_list = phase_list.has_focus
        self._phases_shown = not phase_list.display
        self._update_layout()
        if self._phases_shown and self.narrow:  # on a small screen the list is shown to pick a phase from it
            phase_list.focus()
        elif was_in_list or self.focused is None:
            self._focus_current_field()
        # Otherwise focus stays in the field: typing goes on where it was (on a wide screen, shift+tab
        # from the first field reaches the list).

    async def action_next_field(self) -> None:
        await settle(self)
        move_focus(self, 1)

    async def action_previous_field(self) -> None:
        await settle(self)
        move_focus(self, -1)

    async def settle_focused(self) -> None:
        await settle(self)

    def _focus_current_field(self) -> None:
        switcher = self.query_one("#phases", ContentSwitcher)
        if switcher.current is None:
            return
        view = switcher.get_child_by_id(switcher.current, expect_type=PhaseView)
        field = view.first_field()
        if field is not None:
            self.set_focus(focus_target(field))

    async def on_mount(self) -> None:
        self.remember_ui_thread()
        self._update_layout()
        if not self.read_only:
            self.saver = Autosaver(
                self.app.store, self.session, listener=self._saved_from_thread, phase_clock=PhaseClock(self.app.clock)
            )
            self.app.active_saver = self.saver
        bar = self.query_one(SessionBar)
        bar.query_one("#bar-client", Static).update(Content(self.session.client_code))
        self._show_finished()
        self._show_saved_state()
        if self.read_only:  # (the bar keeps saying it while the screen is open)
            why = self.app.store.read_only_reason(self.session.id)
            self.notify(f"Shown read-only: {why}. Nothing typed here is saved.", severity="warning", timeout=10)
            self.TYPING_GOES = f"This session is shown read-only ({why}): nothing can be written in it."
        self._update_elapsed()
        self.set_interval(TICK_SECONDS, self._tick)
        if self._open_at is not None and self._open_at.phase_id in self.session.phase_ids:
            await self.go_to(self._open_at)
        else:
            await self.show_phase(self.session.current_phase)
        self.app.screen_ready(self)

    def on_unmount(self) -> None:
        if self.saver is not None:
            if self.app.active_saver is self.saver:
                self.app.active_saver = None
            self.saver.close()
        self.app.release_lock(self.session.id)

    # ------------------------------------------------------------ phases

    async def show_phase(self, phase_id: str, focus: bool = True) -> None:
        if phase_id != self.session.current_phase:
            if self.saver is not None:
                self.saver.phase_clock.book(self.session)
            self.session.current_phase = phase_id
            if self.saver is not None and self.session.status != "completed":  # browsing a record changes nothing
                self.saver.changed()
                self.saver.save_in_background()
        switcher = self.query_one("#phases", ContentSwitcher)
        view_id = f"phase-{phase_id}"
        if not self._has_view(view_id):
            ids = self.session.phase_ids
            phase = self.phase_definition(phase_id)
            techniques = self.app.catalogue.techniques_for(self.protocol, phase.techniques) if self.protocol else []
            await switcher.add_content(PhaseView(phase, ids.index(phase_id) + 1, len(ids), self.session, techniques))
            if self.read_only:
                view = switcher.get_child_by_id(view_id)
                for note in view.query(NoteField):
                    note.read_only = True
                for widget in view.query(".answer-field, .instrument, ItemEditor"):
                    if not isinstance(widget, NoteField):
                        widget.disabled = True
                for box in view.query(ChecklistBox):
                    box.disabled = True
        switcher.current = view_id
        self.query_one(PhaseList).refresh_marks()
        ids = self.session.phase_ids
        title = next(p.title for p in self.session.protocol.phases if p.id == phase_id)
        self.query_one("#bar-phase", Static).update(Content(f"{ids.index(phase_id) + 1}/{len(ids)} {title}"))
        # The bar's own layout too: seen in tmux, a quick move left it at the width of the phase before
        # ("8/10 Developing a" after "7/10 Goal setting"); and the protocol gives way to a long phase name.
        self.query_one(SessionBar).fit()
        self.query_one(SessionBar).refresh(layout=True)
        if focus:
            view = switcher.get_child_by_id(view_id, expect_type=PhaseView)
            field = view.first_field()
            main = view.query_one(".phase-main")
            if field is not None:
                target = focus_target(field)
                # Synchronous (not field.focus(), which waits a turn): keys typed right after
                # ctrl+n already land in this phase's first field.
                self.set_focus(target, scroll_visible=False)
                if isinstance(target, NoteField):
                    target.move_cursor(target.document.end)
            # Show the phase from its title; the first prompt sits just below it.
            self.call_after_refresh(main.scroll_home, animate=False)

    def _has_view(self, view_id: str) -> bool:
        switcher = self.query_one("#phases", ContentSwitcher)
        return any(child.id == view_id for child in switcher.children)

    def _phase_after(self, step: int) -> str:
        """The next (or previous) phase shown now: phases hidden by show_if are skipped."""
        shown = Visibility(self.session)
        ids = self.session.phase_ids
        index = ids.index(self.session.current_phase)
        while 0 <= index + step < len(ids):
            index += step
            if shown.phase_shown(ids[index]):
                return ids[index]
        return self.session.current_phase

    async def action_next_phase(self) -> None:
        await self.show_phase(self._phase_after(1))

    async def action_previous_phase(self) -> None:
        await self.show_phase(self._phase_after(-1))

    async def go_to_phase(self, phase_id: str) -> None:
        await self.show_phase(phase_id)

    @on(OptionList.OptionSelected, "#phase-list")
    async def _phase_picked(self, event: OptionList.OptionSelected) -> None:
        if self.narrow and self._phases_shown:  # on a small screen the list gives its room back
            self._phases_shown = None
            self._update_layout()
        if event.option.id:
            await self.show_phase(event.option.id)

    # ------------------------------------------------------------ typing

    @on(TextArea.Changed, ".note")
    def _note_changed(self, event: TextArea.Changed) -> None:
        field = event.text_area
        if isinstance(field, NoteField):
            self._take_in_note(field)

    def take_in_notes(self) -> None:
        """Every note field's text into the session as it is now (before a last save: a change message may
        still be on its way, see ``last_keys.py``)."""
        if self.saver is None or not self.is_attached:
            return
        for field in self.query(NoteField):
            self._take_in_note(field)

    def _take_in_note(self, field: NoteField) -> None:
        if self.saver is None:
            return
        record = self.session.phase_notes(field.phase_id)
        had_notes = record.has_notes()
        was_empty = not (self.session.answer(field.phase_id, field.prompt_id) if field.prompt_id else None)
        # After the session is finished, edit_note records the change as an amendment.
        if not self.session.edit_note(field.phase_id, field.prompt_id, field.note_text):
            return
        self.saver.changed()
        if field.prompt_id is not None:
            if self.session.status == "completed":
                field.query_ancestor(PromptBlock).show_amended(self.session.last_amended(field.phase_id, field.prompt_id))
            if was_empty != (not self.session.answer(field.phase_id, field.prompt_id)):
                self.answers_changed()  # a show_if may look at whether this note is empty
                return
        if record.has_notes() != had_notes:
            self.query_one(PhaseList).refresh_marks()

    @on(Checkbox.Changed)
    def _checked(self, event: Checkbox.Changed) -> None:
        box = event.checkbox
        if isinstance(box, ChecklistBox) and self.saver is not None:
            self.session.set_checked(box.phase_id, box.item_id, event.value)
            self.saver.changed()

    # ------------------------------------------------------------ saving

    def action_save(self) -> None:
        if self.saver is not None:
            ok = self.saver.save_now()
            self.notify("Saved." if ok else "NOT SAVED: " + (self.saver.last_problem or ""), timeout=2,
                        severity="information" if ok else "error")

    async def action_close_session(self) -> None:
        if self.saver is not None and not self.saver.save_now():
            self.notify("NOT SAVED: " + (self.saver.last_problem or "") + ". Staying here.", severity="error")
            return
        self.app.pop_screen()

    # ------------------------------------------------------------ review

    def action_review(self) -> None:
        from interview_tui.ui.screens.review import ReviewScreen

        if self.saver is not None:
            self.saver.phase_clock.book(self.session)
        settings = self.app.settings
        review = ReviewScreen(
            self.session,
            self.saver,
            practitioner=settings.practitioner_line,
            agency=settings.agency.strip() or None,
            export_folder=settings.export_folder,
            export_format=settings.export_format,
            export_style=settings.export_style,
        )
        self.app.push_screen(review, self._back_from_review)

    @on(Button.Pressed, "#review-session")
    def _review_pressed(self) -> None:
        self.action_review()

    async def _back_from_review(self, target: GoTo | None) -> None:
        self._show_finished()
        if target is not None:
            await self.go_to(target)

    async def go_to(self, target: GoTo) -> None:
        """Show ``target``'s phase with the cursor in its field (the phase's first field if it has none there)."""
        await self.show_phase(target.phase_id, focus=target.widget_id is None)
        if target.widget_id:
            view = self.query_one(f"#phase-{target.phase_id}", PhaseView)
            found = view.query(f"#{target.widget_id}")
            if found:
                found.first().focus()
                found.first().scroll_visible(animate=False)
                if target.item_id is not None:
                    highlight_item(found.first(), target.item_id)
            else:
                await self.show_phase(target.phase_id)

    def _show_finished(self) -> None:
        self.show_alert_mark()
        self.query_one(SessionBar).show_protocol(self.session.protocol.title, self.session.status == "completed")

    def show_alert_mark(self) -> None:
        """An alert raised by a questionnaire answer stays marked in the bar, in every phase, until the end."""
        mark = self.query_one("#bar-alert", Static)
        raised = [] if self.session.status == "completed" else raised_alerts(self.session)
        mark.display = bool(raised)
        if raised:
            titles = list(dict.fromkeys(alert.instrument_title for alert in raised))
            mark.update(Content("⚠ ALERT " + ", ".join(titles)))
        self.query_one(SessionBar).fit()

    def action_crisis(self) -> None:
        from interview_tui.ui.screens.crisis import open_crisis_beside

        open_crisis_beside(self, self.session, self.saver)

    def action_help(self) -> None:
        from interview_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.protocol, self.phase_definition(self.session.current_phase)))
