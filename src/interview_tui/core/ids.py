"""The rules for what names a client and a session, and the clock: one spelling, free of pydantic.

Light enough for the home screen and the command line to import before
anything heavy; the session model builds its pydantic types from these.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

CLIENT_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
CLIENT_CODE_RULE = "1-40 letters, digits, '.', '_' or '-', starting with a letter or digit (a code, not a name)"
SESSION_ID_PATTERN = r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$"


def is_valid_client_code(code: str) -> bool:
    return re.fullmatch(CLIENT_CODE_PATTERN, code) is not None


def is_session_id(text: str) -> bool:
    """True if ``text`` has the shape of a session id (so it is safe to use in a file name)."""
    return re.fullmatch(SESSION_ID_PATTERN, text) is not None


def now() -> datetime:
    """The current time, timezone-aware, to the second."""
    return datetime.now(timezone.utc).astimezone().replace(microsecond=0)


def new_session_id(at: datetime) -> str:
    """Sortable by start time, unique, and free of client details (it names the file)."""
    import secrets  # (here: a command that only reads ids does not import it)

    return f"{at:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
