"""The app's side of rescue copies (``store/rescue.py``): keep one when the last save fails on the way out, and
offer to bring it back at the next start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interview_tui.core.errors import os_reason
from interview_tui.store.rescue import bring_back, forget, goes_apart, keep_rescue_copy, rescue_copies

if TYPE_CHECKING:
    from interview_tui.ui.app import InterviewApp


def keep_what_was_not_saved(app: "InterviewApp") -> list[Path]:
    """After a failed last save: a rescue copy of every open session with changes not on disk. Returns where."""
    kept = []
    for screen in app._session_screens():
        saver = screen.saver
        if saver is None or not (saver.unsaved or saver.last_problem):
            continue
        path = keep_rescue_copy(app.store, app.locations, saver.session.id, saver.session.to_json(),
                                based_on=saver.based_on())  # fmt: skip
        if path is not None:
            kept.append(path)
    return kept


APART = ("The session's file was changed since they were typed (on another machine?): it is left as it is, and "
         "they will be kept beside it in a conflict copy.\n")


async def offer_rescue_copies(app: "InterviewApp") -> None:
    """At start: for each rescue copy of this store, ask whether to put it back into its session (a copy older
    than its session's file is offered for removal instead). Sessions open in this window are left for later."""
    from interview_tui.store.lock import SessionBusy
    from interview_tui.store.opening import lock_for_this_window
    from interview_tui.store.sessions import StoreError
    from interview_tui.ui.screens.confirm import ConfirmDialog

    if app.store.keyring.locked:
        return
    open_here = {screen.session.id for screen in app._session_screens()}
    for copy in rescue_copies(app.store, app.locations):
        if copy.session_id in open_here:
            app.notify(f"A rescue copy of this session is kept in {copy.path}; start from the home screen to "
                       "bring it back.", severity="warning", timeout=15)  # fmt: skip
            continue
        when = f"{copy.saved_at:%Y-%m-%d %H:%M}"
        if not copy.newer_than_file:
            if await app.push_screen_wait(ConfirmDialog(
                f"A rescue copy of the session of {copy.client} from {when} is older than the session's file, "
                f"which was saved since. Remove the copy ({copy.path})?", "Remove the copy", no="Keep it",
            )):  # fmt: skip
                forget(copy)
            continue
        apart = goes_apart(app.store, copy)
        question = (
            f"When the app last stopped, the notes of {copy.client} (session of {copy.session_id[:8]}, last typed "
            f"{when}) could not be saved; a copy was kept in {copy.path}.\n"
            + (APART if apart else "") + "Put them back into the session now?"
        )
        if not await app.push_screen_wait(ConfirmDialog(question, "Put them back", focus_yes=True, no="Not now")):
            continue
        try:
            lock = lock_for_this_window(app.store, copy.session_id)
        except SessionBusy as exc:
            app.notify(f"Not put back: {exc}. The copy stays in {copy.path}.", severity="error", timeout=15)
            continue
        try:
            written = bring_back(app.store, copy)
        except (OSError, StoreError) as exc:
            app.notify(f"Not put back ({os_reason(exc)}); the copy stays in {copy.path}.", severity="error",
                       timeout=15)  # fmt: skip
        else:
            if written == app.store.path_for(copy.session_id):
                app.notify(f"The notes of {copy.client} are back in their session.")
            else:
                app.notify(f"The session's file changed since the notes of {copy.client} were typed, so it is left "
                           f"as it is and they are kept beside it in {written.name}: compare the two and keep what "
                           "you need. Nothing is lost.", severity="warning", timeout=20)  # fmt: skip
            home = app.home_screen()
            if home is not None:
                home.refresh_sessions()
        finally:
            if lock is not None:
                lock.release()
