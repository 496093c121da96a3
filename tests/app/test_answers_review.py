"""The review screen: raised alerts at the top, missing required items listed, finishing asks about them."""

from __future__ import annotations

from capture_keys import every_field_app, saved

from interview_tui.ui.screens.confirm import ConfirmDialog
from interview_tui.ui.screens.review import ReviewScreen
from interview_tui.ui.screens.session import SessionScreen


def options(screen) -> list[str]:
    gaps = screen.query_one("#review-gaps")
    return [str(gaps.get_option_at_index(i).prompt) for i in range(gaps.option_count)]


async def test_alerts_first_missing_required_listed_and_finishing_asks_about_them(locations, store):
    app, session = every_field_app(locations, store)
    session.set_instrument_answer("screen", "q3", 1)
    session.set_answer("fields", "name", "Sam")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        alerts = review.query_one("#review-alerts")
        assert alerts.display
        assert str(alerts.render()) == "⚠ ALERT: Mini screen (Screen): Thoughts of harm: follow your agency's safety protocol now."
        lines = options(review)
        assert lines[0] == "⚠ ALERT: Thoughts of harm: follow your agency's safety protocol now."
        assert lines[1] == "✗ required: 2 still missing"
        assert lines[2] == "   ✗ Consent to share — Ask about consent to share."
        assert lines[3].startswith("   ✗ Mini screen — ") and "not answered yet" in lines[3]
        assert review.query_one("#review-gaps").highlighted == 0  # enter goes to the row shown as chosen
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one("#confirm-question").render())
        assert question.startswith("2 REQUIRED item(s) still missing:\n• Fields: Consent to share: Ask about consent to share.")
        await pilot.press("escape")
        await pilot.pause()
        assert session.status != "completed"
        # going to the missing item from the list puts the cursor in its field
        review.query_one("#review-gaps").highlighted = 2
        review.query_one("#review-gaps").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.focused.id == "note-fields-consent"
        await pilot.press("y", "ctrl+r")
        await pilot.pause()
        assert not any("Consent to share" in line for line in options(app.screen))
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # the dialog focuses "Finish session"
        await pilot.pause()
    assert saved(store, session.id)["status"] == "completed"


async def test_gaps_come_required_first_then_empty_prompts_then_checklist_items(locations, store):
    app, session = every_field_app(locations, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        lines = options(app.screen)
        kinds = []
        for line in lines:
            kind = "required" if line.startswith("   ✗") else "empty" if "○ empty" in line else "checklist" if line.startswith("   ☐") else None
            if kind and (not kinds or kinds[-1] != kind):
                kinds.append(kind)
        assert kinds == sorted(kinds, key=["required", "empty", "checklist"].index)
        assert sum(1 for line in lines if "Consent to share" in line) == 1  # a required prompt is listed once
