"""What a session file is, without the models: its schema version and the two ways reading it can fail.

Kept free of pydantic so that listing sessions (which reads only a few
fields of each file) does not pay for loading the models.
"""

from __future__ import annotations

from typing import Final

from interview_tui.core.errors import InterviewError

SCHEMA_VERSION: Final = 2
"""The version of the session file this app writes (see migrations.py for older ones)."""


class UnreadableSession(InterviewError, ValueError):
    """The bytes are not a session this app can read (truncated, not JSON, wrong shape, unknown version)."""


class NewerSession(InterviewError):
    """The file comes from a newer version of the app; it opens read-only."""

    def __init__(self, version: int) -> None:
        super().__init__(f"written by a newer version of interview-tui (schema {version}); kept read-only")
        self.version = version
