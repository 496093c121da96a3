"""A conflict copy beside its original, in two columns, and the three ways to resolve it.

Each prompt's answer in the original (left) and in the copy (right), the
rows that differ marked; ``n`` goes to the next one. ``o`` keeps the
original, ``k`` keeps the copy, ``b`` keeps both as separate sessions (a
client has one record: a record's copy is merged into it); each asks first,
since a file moves to the trash. The screen closes once resolved, and the list of copies
and the home screen show what is left.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from interview_tui.core.visible_text import visible
from interview_tui.store.conflict_comparison import Comparison
from interview_tui.ui.of_app import OfInterviewApp
from interview_tui.ui.styles import style_sheet
from interview_tui.ui.widgets.fitting_footer import FittingFooter

MARK = "≠"


class ConflictCompareScreen(OfInterviewApp, Screen[None]):
    CSS_PATH = style_sheet("conflict_compare")
    BINDINGS = [  # the three outcomes first: at 80 columns the footer gives way from the right
        Binding("o", "keep('original')", "Keep original", id="keep_original",
                tooltip="Keep the original; the copy goes to the trash (asks first)."),
        Binding("k", "keep('copy')", "Keep copy", id="keep_copy",
                tooltip="Put the copy in place of the original, which goes to the trash (asks first)."),
        Binding("b", "keep('both')", "Keep both", id="keep_both",
                tooltip="Keep the original, and the copy as a session of its own with a new id; a client record's copy "
                        "is merged into the record (asks first)."),
        Binding("n", "next_difference", "Next diff", id="next_difference",
                tooltip="Scroll to the next row where the two differ (marked ≠)."),
        Binding("escape", "close", "Back", id="close_compare", tooltip="Back to the conflict copies, nothing changed."),
        Binding("f1", "help", "Help", id="help", tooltip="Keys and how the app works."),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        self._next = 0

    def compose(self) -> ComposeResult:
        found = self.comparison
        copy = found.copy
        yield Static(Content(visible(f"Conflict copy · {found.name()}")), id="compare-title")
        count = found.differences
        gone = "" if found.original_exists else " (its original is gone)"
        yield Static(Content(visible(
            f"From {found.origin}{gone}. "
            + (f"{count} difference(s), marked {MARK}; n goes to the next." if count else "The two hold the same answers.")
        )), id="compare-hint")
        with Horizontal(id="compare-heads"):
            yield Static(Content(visible(f"Original · {copy.original.name}")), classes="compare-head")
            yield Static(Content("Copy"), classes="compare-head")
        with VerticalScroll(id="compare-rows"):
            section = None
            for n, row in enumerate(found.rows):
                if row.section != section:
                    section = row.section
                    yield Static(Content(visible(section)), classes="compare-section")
                mark = "  " if row.same else f"{MARK} "
                label = Static(Content(visible(mark + row.label)), classes="compare-label", id=f"compare-row-{n}")
                label.set_class(not row.same, "-differs")
                yield label
                with Horizontal(classes="compare-pair"):
                    for text in (row.original, row.copy):
                        cell = Static(Content(visible(text) or "—"), classes="compare-cell")
                        cell.set_class(not row.same, "-differs")
                        yield cell
        with Horizontal(id="compare-buttons"):
            yield Button(Content("Keep original (o)"), id="compare-keep-original", disabled=not found.original_exists)
            yield Button(Content("Keep copy (k)"), id="compare-keep-copy")
            yield Button(Content("Merge both (b)" if found.is_record else "Keep both (b)"), id="compare-keep-both")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#compare-rows", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep" and parameters == ("original",) and not self.comparison.original_exists:
            return False
        return True

    def action_next_difference(self) -> None:
        rows = [n for n, row in enumerate(self.comparison.rows) if not row.same]
        if not rows:
            return
        target = next((n for n in rows if n >= self._next), rows[0])
        self._next = target + 1
        label = self.query_one(f"#compare-row-{target}")
        rows_view = self.query_one("#compare-rows", VerticalScroll)
        rows_view.scroll_to(y=max(0, label.virtual_region.y - 1), animate=False)  # its section title just above

    @on(Button.Pressed, "#compare-keep-original")
    def _keep_original(self) -> None:
        self.action_keep("original")

    @on(Button.Pressed, "#compare-keep-copy")
    def _keep_copy(self) -> None:
        self.action_keep("copy")

    @on(Button.Pressed, "#compare-keep-both")
    def _keep_both(self) -> None:
        self.action_keep("both")

    @work(exclusive=True, group="resolve")
    async def action_keep(self, keep: str) -> None:
        if self.check_action("keep", (keep,)) is not True:
            return
        copy, name = self.comparison.copy, self.comparison.name()
        question = {
            "original": f"Keep {copy.original.name} and move the copy {name} to the trash?",
            "copy": f"Put the copy {name} in place of {copy.original.name}? The original goes to the trash.",
            "both": f"Keep {copy.original.name} as it is, and make the copy {name} a session of its own?",
        }[keep]
        if keep == "both" and self.comparison.is_record:  # a client has one record: the two are merged into it
            question = f"Merge the copy {name} into the record {copy.original.name}? The copy goes to the trash."
        from interview_tui.ui.screens.confirm import ConfirmDialog

        yes = {"original": "Keep original", "copy": "Keep copy", "both": "Keep both"}[keep]
        if keep == "both" and self.comparison.is_record:
            yes = "Merge both"
        if not await self.app.push_screen_wait(ConfirmDialog(visible(question + "\nWhat goes to the trash can be "
                                                                     "moved back until the trash is emptied."), yes)):
            return
        from interview_tui.casework.record_conflict import resolve_copy
        from interview_tui.store.conflict_comparison import ConflictError
        from interview_tui.store.lock import CannotLock, SessionBusy
        from interview_tui.store.sessions import StoreError

        try:
            resolved = resolve_copy(self.app.store, copy, keep)  # type: ignore[arg-type]
        except (ConflictError, SessionBusy, CannotLock, StoreError, OSError) as exc:
            self.notify(visible(str(exc)), severity="error", timeout=10)
            return
        self.notify(visible(resolved.message()), timeout=8)
        self.dismiss()

    def action_help(self) -> None:
        from interview_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(None, None))

    def action_close(self) -> None:
        self.dismiss()
