"""Regenerate docs/screenshot.svg: the session screen with a few synthetic notes.

    .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from interview_tui.store.paths import Locations, builtin_phases_dir
from interview_tui.phases.files import load_catalogue
from interview_tui.core.session import Session
from interview_tui.store.sessions import SessionStore
from interview_tui.ui.app import make_app


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        locations = Locations(data_dir=root / "data", config_dir=root / "config", user_phases_dir=root / "phases")
        catalogue = load_catalogue([builtin_phases_dir()])
        store = SessionStore(locations.sessions_dir)
        intake = catalogue.protocol("intake")
        session = Session.start("C-0142", intake, at=datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc))
        session.set_note("preparation", intake.phases[0].prompts[0].id, "Self-referral.")
        session.set_note(intake.phases[2].id, intake.phases[2].prompts[0].id,
                         "Behind on rent since her hours were cut in [March].")
        session.current_phase = "assessment"
        session.set_note("assessment", "feelings", "Worn out; tearful when talking about the children.")
        session.set_note("assessment", "client-view", "Thinks it all started with the job loss.")
        session.set_answer("assessment", "distress", 7)
        session.set_answer("assessment", "strengths", ["Cooks for the whole street", "Got through a divorce"])
        session.add_time("preparation", 310)
        session.add_time(intake.phases[1].id, 420)
        store.save(session)
        app = make_app(locations=locations, catalogue=catalogue, store=store, session=session, clock=lambda: 0.0)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(0.5)
            app.save_screenshot(filename="screenshot.svg", path=str(Path(__file__).parent))


if __name__ == "__main__":
    asyncio.run(main())
