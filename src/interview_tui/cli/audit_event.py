"""One line in the audit log from a command: the event and a session id, never client text.

Kept apart from ``trash_and_audit`` (which needs the session lock, and the
lock library costs a read-only command like ``search`` a tenth of a second
to import) so that every command can log what it did cheaply.
"""

from __future__ import annotations

import sys

from interview_tui import APP_NAME
from interview_tui.core.errors import os_reason
from interview_tui.store.audit import AuditError, AuditLog
from interview_tui.store.paths import Locations


def log_event(locations: Locations, event: str, session_id: str | None = None) -> None:
    """Add to the audit log; a failure to record is reported but does not stop the work."""
    try:
        AuditLog(locations.data_dir).log(event, session_id)
    except (OSError, AuditError) as exc:
        print(f"{APP_NAME}: could not write the audit log: {os_reason(exc)}", file=sys.stderr)
