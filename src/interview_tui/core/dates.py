"""Dates the way the practitioner writes them, stored ISO (yyyy-mm-dd).

The order is a setting (``date_order``): ``day-month-year`` (21/03/2026),
``month-day-year`` (03/21/2026) or ``iso`` (2026-03-21). Whatever the order,
``yyyy-mm-dd``, ``today`` and ``+N`` / ``-N`` (days from today) are taken. A
date that could be read two ways (a two-digit year, or day and month with no
order set) or that is not a real day is refused with a message saying why.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

DateOrder = Literal["day-month-year", "month-day-year", "iso"]
DATE_ORDERS: tuple[str, ...] = ("day-month-year", "month-day-year", "iso")

_PATTERN = {"day-month-year": "dd/mm/yyyy", "month-day-year": "mm/dd/yyyy", "iso": "yyyy-mm-dd"}
_DAYS = re.compile(r"^([+-])\s*(\d{1,4})\s*d?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PARTS = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")


def date_pattern(order: str) -> str:
    """How a date is written in this order, e.g. ``dd/mm/yyyy``."""
    return _PATTERN.get(order, _PATTERN["iso"])


def date_hint(order: str) -> str:
    """The placeholder of a date field."""
    return f"{date_pattern(order)}, or today, +7"


def _real(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"there is no such day ({year:04d}-{month:02d}-{day:02d} does not exist)") from None


def read_date(text: str, order: str, today: date) -> date | None:
    """The day ``text`` names, in the practitioner's order; None when empty; ValueError (why) otherwise."""
    entry = text.strip().casefold()
    if not entry:
        return None
    if entry in ("today", "t"):
        return today
    found = _DAYS.match(entry)
    if found:
        days = int(found.group(2)) * (1 if found.group(1) == "+" else -1)
        return today + timedelta(days=days)
    iso = _ISO.match(entry)
    if iso:
        return _real(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    parts = _PARTS.match(entry)
    if not parts:
        raise ValueError(f"not a date: write {date_pattern(order)}, today or +7")
    first, second, third = parts.group(1), parts.group(2), parts.group(3)
    if len(first) == 4:
        raise ValueError("a date starting with the year is written yyyy-mm-dd")
    if len(third) != 4:
        raise ValueError(f"ambiguous: write the year in full ({date_pattern(order)})")
    a, b, year = int(first), int(second), int(third)
    if order == "day-month-year":
        return _real(year, b, a)
    if order == "month-day-year":
        return _real(year, a, b)
    raise ValueError(
        f"ambiguous: {first}/{second} could be day/month or month/day; write yyyy-mm-dd "
        "(or set date_order in the settings)"
    )


def show_date(day: date, order: str) -> str:
    """The day in the practitioner's order with its weekday: ``Sat 21/03/2026``."""
    if order == "day-month-year":
        written = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    elif order == "month-day-year":
        written = f"{day.month:02d}/{day.day:02d}/{day.year:04d}"
    else:
        written = day.isoformat()
    return f"{day.strftime('%a')} {written}"
