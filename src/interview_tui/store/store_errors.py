"""What goes wrong with a session on disk: the store's errors (rooted, as every error of the app, in InterviewError).

``StoreError``: a session could not be found, read or written, the message
saying which and why. ``ReadOnlySession``: a session that is only looked at
(written by a newer version of the app, or in a folder that cannot be written)
and is never written over. Both stay importable from sessions.py.
"""

from __future__ import annotations

from interview_tui.core.errors import InterviewError


class StoreError(InterviewError):
    """A session could not be found, read or written; the message says which and why."""


class ReadOnlySession(StoreError):
    """The file was written by a newer version of the app (or is otherwise not ours to write): never overwritten."""
