"""The session screen's handling of typed answers, instrument answers, goals and plan items.

Mixed into ``SessionScreen``. Every change goes through the session's own
methods (the core checks the value and, once the session is finished,
records an amendment); a refused value shows the core's message under its
field and nothing is saved; an accepted one is saved by the autosaver (off
the UI thread) and may show or hide prompts and phases that depend on it.
"""

from __future__ import annotations

from interview_tui.core.answers import Visibility, score_of
from interview_tui.ui.screens.session_host import SessionScreenMixin
from interview_tui.ui.widgets.answer_message import AnswerChanged
from interview_tui.ui.widgets.instrument_grid import InstrumentAnswered, InstrumentGrid
from interview_tui.ui.widgets.phase_list import PhaseList
from interview_tui.ui.widgets.prompt_block import PromptBlock
from interview_tui.ui.widgets.item_editor import ItemEditor, ItemsChanged



class AnswerHandling(SessionScreenMixin):
    """Methods of SessionScreen (see ``SessionHost`` for what they use of it)."""

    # Named handlers (not @on): Textual collects @on handlers only from its own classes, not from a mixin.
    def on_answer_changed(self, event: AnswerChanged) -> None:
        event.stop()
        self.take_answer(event)

    def take_answer(self, event: AnswerChanged) -> None:
        """Called by the answer widgets directly, while they handle the key (see AnswerField.send_answer)."""
        block = event.field.query_ancestor(PromptBlock)
        if self.saver is None:  # read-only
            return
        try:
            changed = self.session.set_answer(event.phase_id, event.prompt_id, event.value)
        except ValueError as exc:
            if not event.quiet:
                block.show_problem(str(exc))
            return
        block.show_problem(None)
        if changed:
            self.saver.changed()
            block.show_amended(self.session.last_amended(event.phase_id, event.prompt_id))
            self.answers_changed()

    def on_instrument_answered(self, event: InstrumentAnswered) -> None:
        event.stop()
        if self.saver is None:
            return
        if self.session.set_instrument_answer(event.phase_id, event.item_id, event.points):
            self.saver.changed()
            self.answers_changed()
        grid = self.query_one(f"#instrument-{event.phase_id}", InstrumentGrid)
        grid.show_score(score_of(self.session, event.phase_id))
        self.show_alert_mark()

    def on_items_changed(self, event: ItemsChanged) -> None:
        event.stop()
        if self.saver is not None:
            self.saver.changed()
        for editor in self.query(ItemEditor):  # the plan shows goal ids; keep every editor current
            editor.show()
        self.query_one(PhaseList).refresh_marks(Visibility(self.session))

    def answers_changed(self) -> None:
        """Show or hide what depends on answers, at once, without moving focus or touching typed text."""
        from interview_tui.ui.widgets.phase_view import PhaseView

        shown = Visibility(self.session)
        for view in self.query(PhaseView):
            view.apply_visibility(shown)
        self.query_one(PhaseList).refresh_marks(shown)
