"""What lists know of a session without its notes (``SessionSummary``), and reading it from a file's JSON.

A summary holds the fields lists, the index and the case views show (client
code, protocol, status, times, the case facts as ``CaseFacts.to_text()``).
``_summary_of`` reads them from a session file's plain JSON without the
session model, checking each is of the type the app writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path

from interview_tui.core.case_facts import CaseFacts, facts_of_data
from interview_tui.core.session_format import SCHEMA_VERSION


@dataclass(frozen=True)
class SessionSummary:
    """What lists need to know of a session, without its notes."""

    id: str
    client: str
    protocol: str
    protocol_title: str
    status: str
    started_at: datetime
    updated_at: datetime
    path: Path
    read_only: bool = False
    """Written by a newer version of the app: listed, never written over."""
    case_text: str = ""
    """What the session says about the case (flags, next appointment, ...) as ``CaseFacts.to_text()``."""

    @cached_property
    def facts(self) -> CaseFacts:
        """The session's ``case_facts.CaseFacts`` (read from the text once)."""

        return CaseFacts.from_text(self.case_text)

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "client": self.client,
            "protocol": self.protocol,
            "status": self.status,
            "started_at": self.started_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "path": str(self.path),
        }




def _summary_of(path: Path, plain: bytes) -> SessionSummary:
    """The listed fields of a session file, each of the type the app writes (ValueError naming the field if not)."""
    data = json.loads(plain)
    version = data["schema_version"]
    if type(version) is not int or path.stem != data["id"]:
        raise ValueError("not a session of this store")
    protocol = data["protocol"]
    texts = {
        "client_code": data["client_code"], "protocol.id": protocol["id"], "protocol.title": protocol["title"],
        "status": data["status"], "started_at": data["started_at"], "updated_at": data["updated_at"],
    }  # fmt: skip
    for where, value in texts.items():
        if type(value) is not str:
            raise ValueError(f"{where}: not a text")
    return SessionSummary(
        id=data["id"],
        client=texts["client_code"],
        protocol=texts["protocol.id"],
        protocol_title=texts["protocol.title"],
        status=texts["status"],
        started_at=datetime.fromisoformat(texts["started_at"]),
        updated_at=datetime.fromisoformat(texts["updated_at"]),
        path=path,
        read_only=version > SCHEMA_VERSION,
        case_text=facts_of_data(data).to_text(),
    )
