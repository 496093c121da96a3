"""The calendar file: next appointments and plan items due, for the calendar the practitioner already uses.

One all-day event per open case's next appointment and per plan item due in its current plan (the due list
of the home screen, ``cases.due_list``). An event names the client by code only, never by name, and holds
no plan item's wording: a calendar is often synced to a service outside the agency.

Each event's UID is stable (``appointment-<code>@interview-tui``, ``plan-<code>-<item id>@interview-tui``),
so importing a newer file moves the event instead of adding a second one. The file is RFC 5545, folded and
escaped by the ``icalendar`` library (imported only when a file is written, to keep the command line light).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from interview_tui.casework.due import DueEntry
from interview_tui.core.visible_text import visible

UID_DOMAIN = "interview-tui"
PRODUCT = "-//interview-tui//calendar of appointments and plan items//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str


def calendar_events(entries: Iterable[DueEntry]) -> list[CalendarEvent]:
    """The events of the due list's entries, in its order (by date, then client)."""
    events = []
    for entry in entries:
        client = visible(entry.client)
        if entry.kind == "appointment":
            uid = f"appointment-{client}@{UID_DOMAIN}"
            summary = f"{client}: next appointment"
            description = f"Client {client}: next appointment, as given in session {entry.session_id}."
        else:
            item = visible(entry.item_id or "")
            uid = f"plan-{client}-{item}@{UID_DOMAIN}"
            summary = f"{client}: plan item due"
            description = f"Client {client}: plan item {item} is due (session {entry.session_id})."
        events.append(CalendarEvent(uid, entry.day, summary, description))
    return events


def ics_bytes(events: Iterable[CalendarEvent], stamp: datetime) -> bytes:
    """The events as an iCalendar file; ``stamp`` (when the file is written) is every event's DTSTAMP."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for found in events:
        event = icalendar.Event()
        event.add("uid", found.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", found.day)
        event.add("dtend", found.day + timedelta(days=1))
        event.add("summary", found.summary)
        event.add("description", found.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
