"""While a questionnaire is being answered its total, band and any raised alert stay on screen, and a raised
alert is marked in the session bar until the session is finished (issue 14, item 7)."""

from __future__ import annotations

import pytest
from fixed_app import build_app, fixed_session

from interview_tui.ui.widgets.instrument_grid import InstrumentGrid


def inside(widget, screen) -> bool:
    region = widget.region
    return region.width > 0 and region.height > 0 and screen.region.contains_region(region)


def text_of(widget) -> str:
    return str(widget.render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_total_band_and_alert_stay_on_screen_while_answering(locations, catalogue, store, intake, size):
    session = fixed_session(intake)
    store.save(session)
    app = build_app(locations, catalogue, store=store, session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen.show_phase("phq-9")
        await pilot.pause()
        grid = screen.query_one(InstrumentGrid)
        assert screen.focused is grid
        total = screen.query_one("#phase-phq-9 .instrument-total")
        alerts = screen.query_one("#phase-phq-9 .instrument-alerts")
        bar_alert = screen.query_one("#bar-alert")
        assert not bar_alert.display
        for n, digit in enumerate("101210001", 1):
            await pilot.press(digit, "tab", "shift+tab")  # tab on and back: the summary must not scroll away
            await pilot.pause()
            assert inside(total, screen), f"total hidden after item {n}"
            assert inside(grid.rows[min(n, 8)], screen), f"the item being answered is hidden after item {n}"
        assert "Total: 6 of 27" in text_of(total) and "Mild" in text_of(total)
        assert inside(alerts, screen) and text_of(alerts).startswith("⚠ ALERT: Item 9")
        assert bar_alert.display and inside(bar_alert, screen) and "ALERT" in text_of(bar_alert)
        await screen.show_phase(intake.phases[0].id)
        await pilot.pause()
        assert bar_alert.display and inside(bar_alert, screen), "the bar keeps the alert in other phases"
        session.set_answer("phq-9", "safety-follow-up", "Asked; protocol followed.")  # (item 9 requires both)
        session.set_answer("phq-9", "risk-rerated", "low")
        session.finish()
        screen._show_finished()
        await pilot.pause()
        assert not bar_alert.display, "a finished session no longer shows the alert in the bar"
