"""A session and an app that look the same on every run (fixed ids, dates and clock), for Pilot and snapshot tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from interview_tui.core.session import Session
from interview_tui.ui.app import InterviewApp, make_app

FIXED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def fixed_session(protocol, client: str = "C-0142", session_id: str = "20260302-093000-0a1b") -> Session:
    session = Session.start(client, protocol, at=FIXED_AT)
    session.id = session_id
    return session


def frozen_clock() -> float:
    """The session clock never moves: the elapsed time shows 0:00:00 in every snapshot."""
    return 1000.0


def build_app(locations, catalogue, *, session=None, settings=None, store=None) -> InterviewApp:
    return make_app(
        locations=locations, catalogue=catalogue, store=store, session=session, settings=settings, clock=frozen_clock
    )


def footer_keys(screen) -> dict[str, str]:
    """Action -> the key the footer shows for it."""
    from textual.widgets._footer import FooterKey

    return {key.action: key.key_display for key in screen.query(FooterKey)}


async def footer_keys_once_shown(pilot, screen, *actions: str, timeout: float = 10.0) -> dict[str, str]:
    """``footer_keys`` once the footer shows ``actions`` and has fitted itself to its width.

    The footer recomposes a frame or more after focus or bindings change; on a loaded machine a test that read it
    at once found it empty ({}), or its keys not yet fitted."""
    keys: dict[str, str] = {}
    for _ in range(int(timeout / 0.05)):
        keys = footer_keys(screen)
        if keys and all(action in keys for action in actions):
            break
        await pilot.pause(0.05)
    for _ in range(3):
        await pilot.pause()
    return footer_keys(screen)


def steady(*keys: str):
    """A ``run_before`` for ``snap_compare``: press ``keys``, then hide every text cursor on screen.

    A blinking cursor is drawn or not depending on when the picture is taken;
    on a busy machine that made the snapshots flaky.
    """

    async def run_before(pilot) -> None:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        await _settled_screen(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            # No cursor in any picture: stopping the blink keeps the cursor as it was at that instant, and
            # whether a focused field's cursor was drawn still varied from run to run (under load, and between
            # Pilot and the snapshot plugin's own run). The blink stays on, its timer stopped, the cursor hidden.
            widget.cursor_blink = True
            widget._pause_blink(visible=False)
        await pilot.pause()

    return run_before


async def _settled_screen(pilot) -> None:
    """Wait until the screen shown stays the same and its focused field has taken focus.

    Under load the fast first screen (ui/screens/opening.py) was replaced by the session screen after the
    cursors were stilled, and the session screen's cursor was caught mid-blink: the snapshots flipped.
    """
    previous, steady_for = None, 0
    for _ in range(250):
        screen = pilot.app.screen
        focused = screen.focused
        ready = focused is None or focused.has_focus
        steady_for = steady_for + 1 if (screen is previous and ready) else 0
        if steady_for >= 3:
            return
        previous = screen
        await pilot.pause(0.02)


async def wait_for(pilot, condition, what: str, timeout: float = 10.0) -> None:
    """Pause until ``condition()`` holds (work such as a palette search finishes later on a busy machine)."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def palette_choice(app) -> str:
    """The text of the command the palette would run on enter ("" when none is highlighted yet)."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found or found.first().highlighted is None:
        return ""
    commands = found.first()
    return commands.get_option_at_index(commands.highlighted).hit.text or ""


def fixed_follow_up(store, catalogue, client: str = "C-0142"):
    """A finished intake with three goals (one achieved) and plan items, and the follow-up two weeks later that
    carries the open ones (fixed ids and dates); both saved. Returns the follow-up."""
    from interview_tui.casework.carry_forward import carry_forward

    intake = fixed_session(catalogue.protocol("intake"), client=client)
    housing = intake.add_goal(what="Find a safe flat [near school]", client_words="a door I can lock",
                              by_when="2026-06-01")
    intake.add_goal(what="Sleep through the night at least four nights a week")
    done = intake.add_goal(what="Register with a doctor", status="achieved")
    intake.add_plan_item(action="Call the housing office", goal_id=housing.id, due="2026-03-16")
    intake.add_plan_item(action="Bring ID to the clinic", goal_id=done.id, who="practitioner",
                         status="in_progress")
    intake.set_answer("closure", "summary", "Housing is the first worry.")
    intake.finish(at=FIXED_AT + timedelta(hours=1))
    store.save(intake)
    follow = Session.start(client, catalogue.protocol("follow-up"), at=FIXED_AT + timedelta(days=14))
    follow.id = "20260316-093000-0f0f"
    carry_forward(follow, [intake])
    store.save(follow)
    return follow
