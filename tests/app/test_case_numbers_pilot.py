"""A Pilot case run (issue 16): intake with PHQ-9 17, follow-up 11, ending 6, each started from the home screen
and answered with the keys; the client view shows the goals and the scores over time side by side, and the
ending's export shows the trend."""

from __future__ import annotations

from pathlib import Path

from fixed_app import build_app, wait_for
from test_casework_app import finish_and_leave, go_to, start_from_home, text_of
from textual.widgets import Input, Select

from interview_tui.export import export_filename
from interview_tui.phases.files import load_catalogue
from interview_tui.store.paths import builtin_phases_dir
from interview_tui.ui.screens.client_view import ClientViewScreen
from interview_tui.ui.screens.clients import ClientsScreen
from interview_tui.ui.screens.export_dialog import ExportDialog
from interview_tui.ui.screens.home import HomeScreen
from interview_tui.ui.screens.review import ReviewScreen
from interview_tui.ui.widgets.goal_history import GoalHistory
from interview_tui.ui.widgets.instrument_grid import InstrumentGrid
from interview_tui.ui.widgets.score_history import ScoreHistory

PHQ9 = {"intake": "322222211", "follow-up": "221112110", "termination": "111101100"}
"""The digits typed into the PHQ-9 grid (one item each): totals 17 (item 9 "Several days"), 11 and 6."""


def ending_with_screens(folder: Path) -> None:
    """The ending with the optional PHQ-9 section for a before-and-after comparison (issue 16, item 5). Until
    the built-in ending has it, a user phase file adds it: the built-in ending with the follow-up's PHQ-9."""
    builtin = builtin_phases_dir()
    ending = (builtin / "termination.toml").read_text(encoding="utf-8")
    if 'id = "phq-9"' in ending:
        return
    follow = (builtin / "follow-up.toml").read_text(encoding="utf-8")
    start = follow.index('[[phase]]\nid = "phq-9"')
    end = follow.index("[[phase]]", follow.index('id = "gad-7"') - 20)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "termination.toml").write_text(ending + "\n" + follow[start:end], encoding="utf-8")


async def answer_phq9(pilot, protocol_id: str) -> None:
    await go_to(pilot, "phq-9")
    pilot.app.screen.query_one(InstrumentGrid).focus()
    await pilot.pause()
    await pilot.press(*PHQ9[protocol_id])
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


def answer_safety_items(app, session) -> None:
    """Item 9 answered above 'Not at all' requires the safety follow-up and a re-rating before finishing."""
    from interview_tui.core.alert_rules import open_safety_items

    for item in open_safety_items(session):
        prompt = next(p for p in session.protocol.phase(item.phase_id).prompts if p.id == item.prompt_id)
        if getattr(prompt, "type", "text") == "choice":
            session.set_answer(item.phase_id, item.prompt_id, "low")
        else:
            session.set_note(item.phase_id, item.prompt_id, "Asked directly about suicide; no plan; protocol followed")
    app.screen.saver.changed()


async def test_a_case_run_shows_its_numbers(locations, store, tmp_path):
    ending_with_screens(locations.user_phases_dir)
    catalogue = load_catalogue([builtin_phases_dir(), locations.user_phases_dir])
    assert not catalogue.errors, [str(e) for e in catalogue.errors]
    app = build_app(locations, catalogue, store=store)
    async with app.run_test(size=(140, 50)) as pilot:
        intake = await start_from_home(pilot, "C-16", "intake")
        goal = intake.add_goal(what="Sleep through [most] nights", baseline=2)
        app.screen.saver.changed()
        await answer_phq9(pilot, "intake")
        answer_safety_items(app, intake)
        await finish_and_leave(pilot)
        assert store.load(intake.id).phases["phq-9"].instrument_score.total == 17

        follow = await start_from_home(pilot, "C-16", "follow-up")
        await answer_phq9(pilot, "follow-up")
        await go_to(pilot, "review-progress")
        app.screen.query_one(f"#review-{goal.id}").focus()
        await pilot.press("5")
        answer_safety_items(app, follow)
        await finish_and_leave(pilot)
        assert store.load(follow.id).phases["phq-9"].instrument_score.total == 11

        ending = await start_from_home(pilot, "C-16", "termination")
        await answer_phq9(pilot, "termination")
        await go_to(pilot, "review-goals")
        app.screen.query_one(f"#review-{goal.id}").focus()
        await pilot.press("8", "s", "s")
        answer_safety_items(app, ending)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
        review = app.screen
        assert "17 → 11 → 6, moderately severe → mild" in " ".join(str(review.query_one("#review-text").render()).split())
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), "the export dialog")
        dialog = app.screen
        folder = tmp_path / "exports"
        dialog.query_one("#export-folder", Input).value = str(folder)
        dialog.query_one("#export-format", Select).value = "markdown"
        dialog.query_one("#export-style", Select).value = "soap"
        await pilot.click("#export-go")
        await wait_for(pilot, lambda: app.screen is review, "the review screen again")
        exported = (folder / export_filename(ending, "markdown", "soap")).read_text(encoding="utf-8")
        assert "**PHQ-9:** 17 → 11 → 6, moderately severe → mild" in exported
        assert "⚠ item 9 on" in exported
        assert "8/10 today (last time 5/10)" in exported and "**Baseline:** 2/10" in exported
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")

        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ClientsScreen), "the clients")
        await pilot.press(*"C-16", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ClientViewScreen), "the client view")
        view = app.screen
        goals, scores = view.query_one(GoalHistory), view.query_one(ScoreHistory)
        assert "2 → 8/10" in text_of(goals)
        shown = text_of(scores)
        assert "PHQ-9 (0-27)" in shown and "17 → 11 → 6 · Moderately severe → Mild" in shown and "⚠ item 9" in shown
        assert goals.region.y == scores.region.y and goals.region.right <= scores.region.x, "side by side"
        await pilot.press("ctrl+q")
