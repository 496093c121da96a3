"""A conflict copy beside its original, read through the store's key and set side by side, prompt by prompt.

Both files are opened as the store opens them (with encryption on, a copy
opens as the file it copies: ``keyring.file_identity``) and never changed
here. A session is compared phase by phase and prompt by prompt (each
answer as a reader sees it), then its goals and plan items; a client
record field by field. Rows where neither file holds anything are left out.
A file that cannot be read gives a ``ConflictError`` of one line naming
the file and why, never its content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_tui.core.errors import os_reason
from interview_tui.core.session_format import NewerSession, UnreadableSession
from interview_tui.store.conflict_copies import APP_TOOL, ConflictCopy, conflict_copies
from interview_tui.store.paths import CLIENTS_FOLDER
from interview_tui.store.store_errors import StoreError

if TYPE_CHECKING:
    from interview_tui.core.session import PhaseCopy, PromptCopy, Session
    from interview_tui.store.sessions import SessionStore

NOTHING_CHANGED = "nothing was changed"


class ConflictError(StoreError):
    """A conflict copy that cannot be compared or resolved; the message names the file (never its content)."""


@dataclass(frozen=True)
class Row:
    section: str
    """Where the row belongs: "Session", a phase's title, "Goals", "Plan items", "Client record"."""
    label: str
    original: str
    copy: str

    @property
    def same(self) -> bool:
        return self.original == self.copy


@dataclass(frozen=True)
class Comparison:
    copy: ConflictCopy
    rows: tuple[Row, ...]
    original_exists: bool
    original_updated: datetime | None
    copy_updated: datetime | None

    @property
    def is_record(self) -> bool:
        """A client record's copy (``clients/``): one file per client, so it cannot be kept as a second one."""
        return is_record_copy(self.copy)

    @property
    def differences(self) -> int:
        return sum(not row.same for row in self.rows)

    @property
    def origin(self) -> str:
        return origin_words(self.copy)

    def name(self) -> str:
        return copy_name(self.copy)


def is_record_copy(copy: ConflictCopy) -> bool:
    return copy.path.parent.name == CLIENTS_FOLDER


def copy_name(copy: ConflictCopy) -> str:
    """How the copy is named to the practitioner and on the command line: its file name, ``clients/`` before a
    client record's."""
    return f"{CLIENTS_FOLDER}/{copy.path.name}" if is_record_copy(copy) else copy.path.name


def find_copy(sessions_dir: Path, name: str) -> ConflictCopy:
    """The conflict copy called ``name`` (as ``copy_name`` gives it, or its bare file name); ConflictError if none."""
    copies = conflict_copies(sessions_dir)
    found = [c for c in copies if name in (copy_name(c), c.path.name)]
    if not found:
        raise ConflictError(f"{name}: no conflict copy of that name in {sessions_dir} ('interview-tui conflicts' "
                            f"lists them); {NOTHING_CHANGED}")
    return found[0]


_SYNCTHING = re.compile(r"\.sync-conflict-(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)(?:-([A-Z0-9]{7}))?")
_APP = re.compile(r" \(conflict copy from (.+) (\d{4}-\d\d-\d\d) (\d\d)(\d\d)(\d\d)(?:-\d+)?\)")


def origin_words(copy: ConflictCopy) -> str:
    """Who or which machine the copy comes from, and when, as far as its name tells."""
    infix = copy.infix
    if copy.tool == APP_TOOL and (app := _APP.fullmatch(infix)):
        machine, day, h, m, s = app.groups()
        return f"kept by this app on {machine}, {day} {h}:{m}:{s}"
    if copy.tool == "Syncthing" and (st := _SYNCTHING.fullmatch(infix)):
        y, mo, d, h, mi, s, device = st.groups()
        return f"Syncthing, {y}-{mo}-{d} {h}:{mi}:{s}" + (f", device {device}" if device else "")
    if copy.tool == "OneDrive":
        return f"OneDrive, machine {infix.lstrip('-')}"
    return f"{copy.tool}: {infix.strip(' ()')}"


# ------------------------------------------------------------ reading


def plain_bytes(store: SessionStore, path: Path) -> bytes:
    """The file's bytes opened with the store's key (a copy opens as its original); ConflictError if it cannot be."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConflictError(f"{path.name}: cannot read ({os_reason(exc)}); {NOTHING_CHANGED}") from None
    try:
        return store.unseal(raw, path)
    except UnreadableSession as exc:
        raise ConflictError(f"{path.name}: cannot be opened ({exc}); {NOTHING_CHANGED}") from None
    except StoreError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise ConflictError(f"{path.name}: cannot be opened ({reason}); {NOTHING_CHANGED}") from None


def read_session(store: SessionStore, path: Path, session_id: str) -> Session:
    """The session in ``path`` (a session file or a copy of the one of ``session_id``), read without changing it."""
    from interview_tui.store.session_file import decode_session

    plain = plain_bytes(store, path)
    try:
        session = decode_session(plain).session
    except NewerSession:
        raise ConflictError(f"{path.name}: written by a newer version of interview-tui; resolve it there; "
                            f"{NOTHING_CHANGED}") from None
    except UnreadableSession as exc:
        raise ConflictError(f"{path.name}: not a readable session ({exc}); {NOTHING_CHANGED}") from None
    if session.id != session_id:
        raise ConflictError(f"{path.name}: holds another session than {session_id}; {NOTHING_CHANGED}")
    return session


def read_record(store: SessionStore, path: Path) -> dict[str, Any]:
    """A client record's data as stored (``clients.ClientRecord``'s fields), read without changing it."""
    plain = plain_bytes(store, path)
    try:
        data = json.loads(plain)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("client_code"), str):
        raise ConflictError(f"{path.name}: not a readable client record; {NOTHING_CHANGED}")
    return data


def session_id_of(copy: ConflictCopy) -> str:
    return copy.original.name.removesuffix(".json")


def sides(store: SessionStore, copy: ConflictCopy) -> tuple[Any, Any]:
    """(the original, the copy), each a Session or a client record's data; the original None if it is gone.
    ConflictError if either cannot be read, or a record's copy is of another client."""
    if is_record_copy(copy):
        theirs = read_record(store, copy.path)
        mine = read_record(store, copy.original) if copy.original.exists() else None
        if mine is not None and mine["client_code"] != theirs["client_code"]:
            raise ConflictError(f"{copy.path.name}: a record of another client than {copy.original.name}; "
                                f"{NOTHING_CHANGED}")
        return mine, theirs
    session_id = session_id_of(copy)
    theirs_session = read_session(store, copy.path, session_id)
    original = read_session(store, copy.original, session_id) if copy.original.exists() else None
    return original, theirs_session


def compare(store: SessionStore, copy: ConflictCopy) -> Comparison:
    original, theirs = sides(store, copy)
    if is_record_copy(copy):
        rows = list(_record_rows(original or {}, theirs))
        updated = (None, None)
    else:
        rows = list(_session_rows(original, theirs))
        updated = (original.updated_at if original is not None else None, theirs.updated_at)
    rows = [row for row in rows if row.original.strip() or row.copy.strip()]
    return Comparison(copy, tuple(rows), copy.original.exists(), *updated)


# ------------------------------------------------------------ rows


def _session_rows(original: Session | None, copy: Session) -> Iterator[Row]:
    from interview_tui.core.answers import answer_text

    def fact(label: str, get: Any) -> Row:
        return Row("Session", label, get(original) if original is not None else "", get(copy))

    yield fact("Client", lambda s: s.client_code)
    yield fact("Protocol", lambda s: s.protocol.title)
    yield fact("Status", lambda s: "finished" if s.status == "completed" else "in progress")
    yield fact("Last change", lambda s: f"{s.updated_at:%Y-%m-%d %H:%M:%S}")
    yield fact("Changes after finishing", lambda s: f"{len(s.amendments)} recorded" if s.amendments else "")
    both = [s for s in (original, copy) if s is not None]
    phases: dict[str, PhaseCopy] = {}
    for session in both:
        for phase in session.protocol.phases:
            phases.setdefault(phase.id, phase)
    for phase_id, phase in phases.items():
        prompts: dict[str, PromptCopy] = {}
        for session in both:
            found = session.protocol.phase(phase_id)
            for prompt in found.prompts if found is not None else []:
                prompts.setdefault(prompt.id, prompt)

        def text(session: Session | None, prompt_id: str, phase_id: str = phase_id) -> str:
            if session is None:
                return ""
            try:
                return answer_text(session, phase_id, prompt_id)
            except ValueError:  # no such phase or prompt in this version's protocol
                return ""

        for prompt_id, prompt in prompts.items():
            yield Row(phase.title, prompt.text, text(original, prompt_id), text(copy, prompt_id))

        def extra(session: Session | None, phase_id: str = phase_id) -> tuple[str, str, str]:
            notes = session.phases.get(phase_id) if session is not None else None
            if notes is None or session is None:
                return "", "", ""
            points = ", ".join(f"{item} {value}" for item, value in sorted(notes.instrument.items()))
            found = session.protocol.phase(phase_id)
            texts = {item.id: item.text for item in found.checklist} if found is not None else {}
            ticked = "; ".join(texts.get(item, item) for item, done in notes.checklist.items() if done)
            return notes.other_notes, points, ticked

        mine, theirs = extra(original), extra(copy)
        yield Row(phase.title, "Other notes", mine[0], theirs[0])
        yield Row(phase.title, "Instrument answers", mine[1], theirs[1])
        yield Row(phase.title, "Checklist ticked", mine[2], theirs[2])
    yield from _items("Goals", "Goal", original, copy, lambda s: s.goals, _goal_text)
    yield from _items("Plan items", "Plan item", original, copy, lambda s: s.plan_items, _plan_text)
    yield from _items("Goal reviews", "Review of goal", original, copy, lambda s: _by_goal(s.goal_reviews), _review_text)


class _Reviewed:
    def __init__(self, review: Any) -> None:
        self.id = review.goal_id
        self.review = review


def _by_goal(reviews: Any) -> list[_Reviewed]:
    return [_Reviewed(review) for review in reviews]


def _review_text(item: _Reviewed) -> str:
    review = item.review
    parts = [f"rated {review.rating}" if review.rating is not None else "", review.note,
             f"{review.status_before} → {review.status_after}" if review.status_before != review.status_after else ""]
    return "; ".join(p for p in parts if p)


def _goal_text(goal: Any) -> str:
    parts = [goal.what, f"measure: {goal.measure}" if goal.measure else "", f"by {goal.by_when}" if goal.by_when
             else "", goal.status]
    return "; ".join(p for p in parts if p)


def _plan_text(item: Any) -> str:
    parts = [item.action, item.who, f"due {item.due}" if item.due else "", item.status]
    return "; ".join(p for p in parts if p)


def _items(section: str, label: str, original: Session | None, copy: Session, get: Any, show: Any) -> Iterator[Row]:
    mine = {item.id: show(item) for item in (get(original) if original is not None else [])}
    theirs = {item.id: show(item) for item in get(copy)}
    for item_id in list(mine) + [i for i in theirs if i not in mine]:
        yield Row(section, f"{label} {item_id}", mine.get(item_id, ""), theirs.get(item_id, ""))


def _record_rows(original: dict[str, Any], copy: dict[str, Any]) -> Iterator[Row]:
    def text(data: dict[str, Any], key: str) -> str:
        value = data.get(key, "")
        return value if isinstance(value, str) else ""

    def events(data: dict[str, Any]) -> str:
        found = data.get("case_events")
        rows = found if isinstance(found, list) else []
        return "; ".join(f"{e.get('kind')} {str(e.get('at', ''))[:10]}: {e.get('reason')}" for e in rows
                         if isinstance(e, dict))

    def clearances(data: dict[str, Any]) -> str:
        found = data.get("flag_clearances")
        rows = found if isinstance(found, list) else []
        return "; ".join(f"{c.get('flag_id')} ({c.get('value')}): {c.get('reason')}" for c in rows
                         if isinstance(c, dict))

    section = "Client record"
    yield Row(section, "Client", text(original, "client_code"), text(copy, "client_code"))
    yield Row(section, "Display name", text(original, "display_name"), text(copy, "display_name"))
    yield Row(section, "Notes", text(original, "notes"), text(copy, "notes"))
    yield Row(section, "Case closed and reopened", events(original), events(copy))
    yield Row(section, "Flags cleared", clearances(original), clearances(copy))
