"""Dates the way the practitioner writes them (issue 19): each order read, ISO kept, ambiguity refused."""

from __future__ import annotations

from datetime import date

import pytest

from interview_tui.core.dates import read_date, show_date
from interview_tui.settings.model import Settings

TODAY = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("order", "written", "day"),
    [
        ("day-month-year", "21/03/2026", date(2026, 3, 21)),
        ("day-month-year", "1.4.2026", date(2026, 4, 1)),
        ("month-day-year", "03/21/2026", date(2026, 3, 21)),
        ("month-day-year", "4/1/2026", date(2026, 4, 1)),
        ("iso", "2026-03-21", date(2026, 3, 21)),
    ],
)
def test_each_order_reads_its_own_way_of_writing(order, written, day):
    assert read_date(written, order, TODAY) == day


@pytest.mark.parametrize("order", ["day-month-year", "month-day-year", "iso"])
def test_iso_today_and_days_from_today_work_in_every_order(order):
    assert read_date("2026-03-21", order, TODAY) == date(2026, 3, 21)
    assert read_date("today", order, TODAY) == TODAY
    assert read_date("+7", order, TODAY) == date(2026, 3, 9)
    assert read_date("-2", order, TODAY) == date(2026, 2, 28)
    assert read_date("  ", order, TODAY) is None


def test_the_same_text_is_a_different_day_in_the_other_order():
    assert read_date("03/04/2026", "day-month-year", TODAY) == date(2026, 4, 3)
    assert read_date("03/04/2026", "month-day-year", TODAY) == date(2026, 3, 4)


@pytest.mark.parametrize(
    ("order", "written", "why"),
    [
        ("iso", "03/04/2026", "ambiguous"),
        ("day-month-year", "03/04/26", "ambiguous"),
        ("day-month-year", "31/02/2026", "no such day"),
        ("month-day-year", "21/03/2026", "no such day"),
        ("iso", "2026-02-30", "no such day"),
        ("day-month-year", "next week", "not a date"),
    ],
)
def test_ambiguous_or_invalid_dates_are_refused_with_the_reason(order, written, why):
    with pytest.raises(ValueError, match=why):
        read_date(written, order, TODAY)


def test_the_weekday_is_shown_with_the_date_in_the_practitioners_order():
    day = date(2026, 3, 21)  # a Saturday
    assert show_date(day, "day-month-year") == "Sat 21/03/2026"
    assert show_date(day, "month-day-year") == "Sat 03/21/2026"
    assert show_date(day, "iso") == "Sat 2026-03-21"


def test_the_order_is_a_setting_iso_unless_set():
    assert Settings().date_order == "iso"
    assert Settings(date_order="day-month-year").date_order == "day-month-year"
    with pytest.raises(ValueError):
        Settings(date_order="year-day-month")
