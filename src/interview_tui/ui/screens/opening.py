"""The session screen as ``interview-tui new CLIENT`` first draws it, before the session exists.

It looks like the session screen at its first phase (the same bar, phase
list, purpose, guidance, prompts and note fields, laid out by the same
styles) and is drawn from the outline the last check of the phase files
remembered (``phases/outline.py``): no pydantic, no session model. The cursor
is in the first note field, so the practitioner can type at once. The first
frame holds only what fits on the screen; the rest of the phase and the
footer are added just after it.

Just after the first frame the app reads the phase files on a thread; then
``start_session`` makes the session (validated protocol, start time, what
was typed, ticked items), saves it, and hands over to the real session
screen, which opens on the field the cursor was in with the same text,
cursor and selection. Keys pressed while the session screen is being built
are held by the app and replayed to it (``InterviewApp.hold_keys``); the
session screen's own keys (next phase, help...) pressed here are done there,
in the order they were pressed. Quitting, a signal or the privacy curtain
start the session at once, so nothing typed here is ever lost. A closed case
is reopened first (``opening_case.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_tui.core.errors import os_reason
from interview_tui.phases.outline import OutlinePhase, PendingStart
from interview_tui.ui.screens.opening_case import CaseCheck
from interview_tui.ui.widgets.carried_waiting import CarriedWaiting
from interview_tui.ui.widgets.checklist_box import ChecklistBox
from interview_tui.ui.widgets.guidance_fold import folded_guidance
from interview_tui.ui.widgets.note_field import NoteField
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.widgets.fitting_footer import FittingFooter

if TYPE_CHECKING:
    from textual.geometry import Offset
    from textual.widgets.text_area import Selection

    from interview_tui.core.session import Session

NARROW_WIDTH = 100
"""As ``session.NARROW_WIDTH`` (a test keeps them the same)."""
SHORT_HEIGHT = 30
"""As ``session.SHORT_HEIGHT``."""

HERE = "▶"


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` takes wrapped at ``width``, or a little more (words do not fill lines)."""
    return sum(-(-len(line) // max(1, width - 8)) or 1 for line in text.split("\n"))


def _between(parts: list[tuple[str, str]], gap: str) -> list[tuple[str, str]]:
    spaced: list[tuple[str, str]] = []
    for part in parts:
        if spaced:
            spaced.append((gap, ""))
        spaced.append(part)
    return spaced


def _binding(
    key: str, action: str, description: str, binding_id: str, tooltip: str, priority: bool = True, show: bool = True
) -> Binding:
    return Binding(key, f"later('{action}')", description, id=binding_id, tooltip=tooltip, priority=priority, show=show)


class OpeningScreen(CaseCheck, Screen[None]):
    """The first phase of a session about to start; see the module's docstring."""

    # The session screen's keys, with the same ids (so the keymap applies): each is done on the session screen
    # once it is there. (A test checks they match SessionScreen.BINDINGS.)
    BINDINGS = [
        _binding("tab", "next_field", "Next field", "next_field", "Go to the next field.", show=False),
        _binding("shift+tab", "previous_field", "Previous field", "previous_field", "Go to the previous field.",
                 show=False),
        _binding("ctrl+n", "next_phase", "Next", "next_phase", "Go to the next phase."),
        _binding("ctrl+b", "previous_phase", "Prev", "previous_phase", "Go to the previous phase."),
        _binding("ctrl+s", "save", "Save", "save", "Save now (notes also save as you type)."),
        _binding(
            "ctrl+r", "review", "Review", "review",
            "See the session as it will be exported, fill gaps, finish and export.",
        ),
        _binding("f1", "help", "Help", "help", "Keys, how phases work, technique cue cards.", priority=False),
        _binding(
            "f2", "crisis", "Crisis", "crisis",
            "Crisis protocol: open it beside the session (from the crisis session: save and return).",
        ),
        _binding("ctrl+o", "close_session", "List", "close_session", "Save and go back to the list of sessions."),
        _binding(
            "ctrl+t", "toggle_phases", "Phases", "toggle_phases",
            "Show or hide the list of phases (hidden on narrow screens).",
        ),
        _binding(
            "f3", "toggle_guidance", "Guidance", "toggle_guidance",
            "On a small screen: show or fold the phase's guidance (folded to one line there).", show=False,
        ),
    ]

    BINDINGS_ARE_THOSE_OF = "SessionScreen"
    """Not listed on their own in the help, the keymap's documentation or its checks (ui/keys.py)."""

    def __init__(self, pending: PendingStart) -> None:
        super().__init__()
        self.pending = pending
        self.phase: OutlinePhase = pending.outline.phases[0]
        self.session: Session | None = None
        """The session, once made (``start_session``)."""
        self.actions_after: list[str] = []
        """Session-screen actions asked for here, to do there."""
        self.problem: str | None = None
        self._first_prompts = 0
        """Prompts drawn in the first frame (the rest are added just after it)."""
        self._field_later = False
        """The last of them is drawn without its note field (below the screen's edge): added just after too."""

    # ------------------------------------------------------------ layout (looks like SessionScreen and PhaseView)

    # The first frame is what costs: each widget adds a millisecond or two, a container more. So the first frame
    # has as few widgets as give the same picture (the bar as one text, a prompt's text and hint as one), only
    # the prompts that fit on the screen, and what a narrow screen hides is not made at all. The rest of the
    # phase (more prompts, other notes, checklist) is added just after the first frame.
    CSS_PATH = style_sheet("opening")

    def compose(self) -> ComposeResult:
        outline = self.pending.outline
        phase = self.phase
        count = len(outline.phases)
        narrow = self.app.size.width < NARROW_WIDTH
        short = self.app.size.height < SHORT_HEIGHT
        bar = [(self.pending.client_code, "bold")]
        if not narrow:
            bar.append((outline.title, "$text-muted"))
        bar += [(f"1/{count} {phase.title}", "$text"), ("⏱ 0:00:00", "")]
        with Horizontal(id="session-bar"):
            yield Static(Content.assemble(*_between(bar, "   ")), id="bar-opening")
            yield Static(Content("starting…"), id="bar-saved")
        with Horizontal(id="session-body"):
            if not narrow:
                phases = OptionList(
                    *[
                        Option(Content(f"{HERE if n == 1 else ' '}  {n}. {p.title}"), id=p.id)
                        for n, p in enumerate(outline.phases, 1)
                    ],
                    id="phase-list",
                )
                phases.border_title = "Phases"
                yield phases
            with Vertical(id="phases"):
                with Vertical(id=f"phase-{phase.id}", classes="phase-view"):
                    with VerticalScroll(classes="phase-main"):
                        yield Static(Content(f"1/{count}  {phase.title}"), classes="phase-title")
                        yield Static(Content(phase.purpose), classes="phase-purpose")
                        if phase.guidance and narrow and short:  # folded, as the session screen folds it
                            yield Static(folded_guidance(len(phase.guidance), "f3"), classes="guidance-line")
                        elif phase.guidance and narrow:
                            yield Static(self._guidance(), classes="guidance")
                        if phase.carried:  # (filled by the session screen, once the earlier sessions are read)
                            yield CarriedWaiting(id=f"carried-{phase.id}")
                        yield from self._prompts_on_screen(narrow)
                    if phase.guidance and not narrow:
                        with VerticalScroll(classes="cues", can_focus=False):
                            yield Static(Content("Guidance"), classes="section-title")
                            yield Static(self._guidance(), classes="guidance")
        # (The footer comes just after the first frame: see _after_first_frame.)

    def _prompts_on_screen(self, narrow: bool) -> ComposeResult:
        """The prompts (and note fields) that start on the screen, by an estimate of their wrapped height that
        errs on the tall side; the first prompt always. The others are added after the first frame."""
        size = self.app.size
        width = max(20, size.width - (0 if narrow else 34 + 36) - 4)
        bottom = size.height - 1  # (the footer's line)
        row = 3 + _lines(self.phase.purpose, width) + 1  # bar, title (with its margin), purpose, margin
        if narrow and self.phase.guidance and size.height < SHORT_HEIGHT:
            row += 2  # folded into one line
        elif narrow and self.phase.guidance:
            row += sum(_lines(f"• {g}", width) for g in self.phase.guidance) + 1
        if self.phase.carried:
            row += CarriedWaiting.HEIGHT
        for n, prompt in enumerate(self.phase.prompts, 1):
            if n > 1 and row >= bottom:
                break
            self._first_prompts = n
            yield self._prompt_text(n)
            row += _lines(f"{n}. {prompt.text}", width) + (_lines(prompt.hint, width) if prompt.hint else 0)
            if n > 1 and row >= bottom:
                self._field_later = True  # (its note field is below the screen's edge)
                break
            yield self._note(n)
            row += 4 + 1  # the note field (its least height) and the margin below it

    def _prompt_text(self, n: int) -> Static:
        prompt = self.phase.prompts[n - 1]
        text = [(f"{n}. {prompt.text}", "bold")]
        if prompt.hint:
            text += [("\n", ""), (prompt.hint, "italic $text-muted")]
        return Static(Content.assemble(*text), classes=f"opening-prompt opening-prompt-{n}")

    def _note(self, n: int) -> NoteField:
        return NoteField("", self.phase.id, self.phase.prompts[n - 1].id, f"note {n}")

    def _rest_of_phase(self) -> list:
        phase = self.phase
        rest = []
        for n in range(self._first_prompts + 1, len(phase.prompts) + 1):
            rest += [self._prompt_text(n), self._note(n)]
        rest += [
            Static(Content("Other notes for this phase"), classes="prompt-text"),
            NoteField("", phase.id, None, "other notes"),
        ]
        if phase.checklist:
            rest.append(Static(Content("Checklist"), classes="section-title"))
            rest += [ChecklistBox(item.text, False, phase.id, item.id) for item in phase.checklist]
        return rest

    def _guidance(self) -> Content:
        return Content("\n".join(f"• {line}" for line in self.phase.guidance))

    AUTO_FOCUS = "NoteField"
    """The cursor starts in the first note field (focused as the screen is composed)."""

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW_WIDTH, "narrow")
        self.app.screen_ready(self)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """The rest of the phase, and the footer. Textual's Footer shows its keys only once the focused widget's
        bindings are known, a frame after it is mounted: in any app its first frame has an empty footer line. Here
        it is mounted just after the first frame, so that frame comes sooner; it looks the same."""
        if not self.is_attached or self.app.quitting:
            return
        narrow = self.app.size.width < NARROW_WIDTH
        self.mount(FittingFooter(compact=narrow, show_command_palette=not narrow))
        if self.session is None:
            main = self.query_one(".phase-main", VerticalScroll)
            if self._field_later:
                main.mount(self._note(self._first_prompts), after=f".opening-prompt-{self._first_prompts}")
            main.mount_all(self._rest_of_phase())

    # ------------------------------------------------------------ handing over to the session screen

    def action_later(self, action: str) -> None:
        """A session-screen key pressed here: start the session now and do it there."""
        self.actions_after.append(action)
        self.start_session()

    def phase_files_checked(self) -> None:
        """The app has read the phase files (called by the app): the session can be made."""
        self.start_session()

    def start_session(self, hand_over: bool = True) -> bool:
        """Make the session from the validated protocol and what was typed here, save it, then (``hand_over``)
        open it in this screen's place.

        True once the session exists and is saved (at once if it already was). Waits for the phase files if they
        are still being read. False if it cannot be made: the reason is shown and the text stays here. Without
        ``hand_over`` (the app is about to quit, or hide behind the curtain) nothing more can be typed here, and
        the session screen comes when this screen is shown again."""
        if self.session is not None:
            if hand_over:
                self._hand_over()
            return True
        if hand_over and not self._case_is_open():
            return False  # (asked: the session is made once the case is reopened)
        catalogue = self.app.catalogue
        protocol = catalogue.protocol(self.pending.protocol_id)
        if protocol is None:
            problems = [str(e) for e in catalogue.errors] or ["(no message)"]
            return self._cannot_start(
                f"Protocol '{self.pending.protocol_id}' could not be read after all (its file changed?): "
                + "; ".join(problems)
            )
        from interview_tui.casework.starting import save_started, start_session
        from interview_tui.store.sessions import StoreError

        session = start_session(
            self.app.store, self.pending.client_code, protocol, catalogue.protocol, at=self.pending.at,
            summaries=self._client_sessions,
        )  # fmt: skip
        self._put_notes_in(session)
        try:
            warning = save_started(self.app.store, session, self._client_sessions or ())
        except (OSError, StoreError) as exc:
            return self._cannot_start(f"Cannot save the new session: {os_reason(exc)}")
        self.session = session
        if warning:  # (never stops the session)
            self.notify(warning.capitalize(), severity="warning", timeout=10)
        for field in self.query(NoteField):
            field.read_only = True  # (from now on, keys wait for the session screen)
        for box in self.query(ChecklistBox):
            box.disabled = True
        if hand_over:
            self._hand_over()
        return True

    def _put_notes_in(self, session: Session) -> None:
        """Everything typed and ticked here, into the session. A prompt the validated protocol does not have
        (its file changed meanwhile) gives its text to the phase's other notes: nothing typed is dropped."""
        phase_ids = session.phase_ids
        phase_id = self.phase.id if self.phase.id in phase_ids else session.current_phase
        copy = next(p for p in session.protocol.phases if p.id == phase_id)
        prompt_ids = {p.id for p in copy.prompts}
        leftovers: list[str] = []
        for field in self.query(NoteField):
            text = field.note_text
            if not text:
                continue
            if field.prompt_id is None or field.prompt_id in prompt_ids:
                session.edit_note(phase_id, field.prompt_id, text)
            else:
                leftovers.append(text)
        if leftovers:
            other = session.phase_notes(phase_id).other_notes
            session.edit_note(phase_id, None, "\n\n".join([t for t in [other, *leftovers] if t]))
        items = {c.id for c in copy.checklist}
        for box in self.query(ChecklistBox):
            if box.value and box.item_id in items:
                session.set_checked(phase_id, box.item_id, True)

    def _cannot_start(self, message: str) -> bool:
        self.problem = message
        label = self.query_one("#bar-saved", Static)
        label.update(Content("⚠ NOT SAVED: the session could not be started"))
        label.set_class(True, "not-saved")
        for waiting in self.query(CarriedWaiting):
            waiting.not_read()
        self.notify(message + ". What you typed is still here; nothing was saved.", severity="error", timeout=30)
        return False

    def _hand_over(self) -> None:
        """Replace this screen with the session screen, on the same field, with keys held meanwhile."""
        if self.session is None or self.app.quitting:
            return
        if not self.is_current or self.app.screen is not self:
            return  # (a screen is on top, e.g. the curtain: done when this one is shown again)
        focused = self.focused
        where: tuple[str, Selection | None, Offset | None] | None = None
        if isinstance(focused, NoteField) and focused.id:
            where = (focused.id, focused.selection, focused.scroll_offset)
        elif focused is not None and focused.id:
            where = (focused.id, None, None)
        # What the earlier sessions left (open risk flags first) fills the panel above the prompts: shown from the
        # phase's top as the session screen opens, unless the practitioner is already typing in a note below it.
        typed = any(field.note_text for field in self.query(NoteField))
        reveal = typed or not self.phase.carried
        self.app.open_new_session(self, self.session, where, self.actions_after, reveal=reveal)

    def on_screen_resume(self) -> None:
        if self.session is not None:
            self.call_after_refresh(self._hand_over)
