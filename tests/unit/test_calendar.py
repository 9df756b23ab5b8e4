"""Tests for counter_app.domain.calendar.

Every expected value below is worked out by hand in the comment next to it.
Default office hours: 07:00-11:30 (4.5 h) and 13:30-17:00 (3.5 h), Mon-Fri; one
working day (WD) = 8 working hours (WH).
Holidays used (from the `holidays` package, VN):
  2026: Jan 1 (Thu); Tết Mon 02-16 .. Fri 02-20; Giỗ Tổ Sun 04-26 observed Mon 04-27;
        Thu 04-30, Fri 05-01; Mon 08-31 (substituted, make-up Sat 08-22); Tue 09-01, Wed 09-02.
  2027: Tết Thu 02-04 .. Wed 02-10; Giỗ Tổ Fri 04-16; Fri 04-30, Sat 05-01 observed Mon 05-03.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import OfficeHours, WorkingCalendar
from counter_app.domain.durations import WORKING_DAY_HOURS, Duration, DurationUnit
from counter_app.domain.pauses import Pause, PauseKind, SupplementPolicy, due_with_pauses

WD = DurationUnit.WORKING_DAYS
WH = DurationUnit.WORKING_HOURS
CD = DurationUnit.CALENDAR_DAYS


def dt(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def saturday_desk(overrides: dict[date, bool] | None = None) -> WorkingCalendar:
    # Default weekdays plus a Saturday-morning desk 07:30-11:30 (4 h).
    return WorkingCalendar(OfficeHours.default().with_day(5, "07:30-11:30"), overrides)


# --------------------------------------------------------------------------- #
# Days and periods
# --------------------------------------------------------------------------- #

FULL_DAY = [(time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 3, 10), True),  # ordinary Tuesday
        (date(2026, 3, 14), False),  # Saturday
        (date(2026, 3, 15), False),  # Sunday
        (date(2026, 1, 1), False),  # New Year's Day (Thu)
        (date(2026, 2, 16), False),  # Tết 2026, first day off (Mon)
        (date(2026, 2, 20), False),  # Tết 2026, last day off (Fri)
        (date(2026, 2, 23), True),  # first working day after Tết 2026
        (date(2026, 4, 27), False),  # Giỗ Tổ 2026 observed (Sunday 04-26 moved to Monday)
        (date(2026, 4, 30), False),  # 30/4 (Thu)
        (date(2026, 5, 1), False),  # 1/5 (Fri)
        (date(2026, 8, 22), True),  # make-up Saturday for the 08-31 day off
        (date(2026, 8, 31), False),  # substituted day off (Mon)
        (date(2026, 9, 1), False),  # National Day (Tue)
        (date(2026, 9, 2), False),  # National Day (Wed)
        (date(2026, 9, 3), True),  # Thursday after National Day
        (date(2027, 2, 4), False),  # Tết 2027 first day off (Thu)
        (date(2027, 2, 10), False),  # Tết 2027 last day off (Wed)
        (date(2027, 2, 11), True),  # first working day after Tết 2027
        (date(2027, 4, 16), False),  # Giỗ Tổ 2027 (Fri)
        (date(2027, 5, 3), False),  # 1/5/2027 is a Saturday, observed Monday 05-03
    ],
)
def test_is_working_day(cal: WorkingCalendar, day: date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_periods_of_working_day_and_day_off(cal: WorkingCalendar) -> None:
    assert cal.periods(date(2026, 3, 10)) == [
        (dt(2026, 3, 10, 7), dt(2026, 3, 10, 11, 30)),
        (dt(2026, 3, 10, 13, 30), dt(2026, 3, 10, 17)),
    ]
    assert cal.periods(date(2026, 2, 17)) == []  # Tết


def test_makeup_saturday_uses_weekday_hours(cal: WorkingCalendar) -> None:
    # 2026-08-22 is a make-up working Saturday: Monday's hours, not closed.
    assert cal.periods(date(2026, 8, 22)) == [
        (dt(2026, 8, 22, 7), dt(2026, 8, 22, 11, 30)),
        (dt(2026, 8, 22, 13, 30), dt(2026, 8, 22, 17)),
    ]


def test_makeup_hours_configurable() -> None:
    hours = OfficeHours.from_mapping({i: FULL_DAY for i in range(5)}, makeup="07:30-11:30, 13:00-16:30")
    c = WorkingCalendar(hours)
    assert c.periods(date(2026, 8, 22)) == [
        (dt(2026, 8, 22, 7, 30), dt(2026, 8, 22, 11, 30)),
        (dt(2026, 8, 22, 13), dt(2026, 8, 22, 16, 30)),
    ]


def test_saturday_desk_days() -> None:
    c = saturday_desk()
    assert c.periods(date(2026, 3, 14)) == [(dt(2026, 3, 14, 7, 30), dt(2026, 3, 14, 11, 30))]
    assert not c.is_working_day(date(2026, 3, 15))  # Sunday stays closed
    assert not c.is_working_day(date(2027, 5, 1))  # Labour Day on a Saturday: desk closed
    assert c.is_working_day(date(2027, 5, 8))  # ordinary Saturday
    # Make-up Saturday is a full working day, not the 4-hour desk.
    assert len(c.periods(date(2026, 8, 22))) == 2


def test_overrides_win() -> None:
    c = WorkingCalendar(
        overrides={
            date(2026, 3, 11): False,  # extra day off on a Wednesday
            date(2026, 3, 14): True,  # declared working Saturday
            date(2026, 2, 16): True,  # working day inside Tết
            date(2026, 8, 22): False,  # package make-up Saturday cancelled
        }
    )
    assert not c.is_working_day(date(2026, 3, 11))
    assert c.periods(date(2026, 3, 14)) == [
        (dt(2026, 3, 14, 7), dt(2026, 3, 14, 11, 30)),
        (dt(2026, 3, 14, 13, 30), dt(2026, 3, 14, 17)),
    ]
    assert c.is_working_day(date(2026, 2, 16))
    assert not c.is_working_day(date(2026, 8, 22))


def test_office_hours_validation() -> None:
    with pytest.raises(ValueError):
        OfficeHours.default().with_day(5, "11:30-07:30")  # end before start
    with pytest.raises(ValueError):
        OfficeHours.default().with_day(5, "07:00-11:30, 11:00-12:00")  # overlap
    with pytest.raises(ValueError):
        OfficeHours.default().with_day(7, "07:00-11:30")  # no weekday 7
    with pytest.raises(ValueError):
        OfficeHours.from_mapping({0: "7h-11h"})


def test_working_day_constant() -> None:
    assert WORKING_DAY_HOURS == 8
    # Default office day: 4.5 h + 3.5 h = 8 h.
    assert sum(((e - s) for s, e in WorkingCalendar().periods(date(2026, 3, 10))), timedelta()) == timedelta(hours=8)


# --------------------------------------------------------------------------- #
# clock_start
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (dt(2026, 3, 10, 9, 15), dt(2026, 3, 10, 9, 15)),  # inside the morning period
        (dt(2026, 3, 10, 7), dt(2026, 3, 10, 7)),  # exactly at opening
        (dt(2026, 3, 10, 6), dt(2026, 3, 10, 7)),  # before opening -> 07:00
        (dt(2026, 3, 10, 11, 30), dt(2026, 3, 10, 13, 30)),  # periods are half-open: 11:30 is lunch
        (dt(2026, 3, 10, 12), dt(2026, 3, 10, 13, 30)),  # lunch -> 13:30
        (dt(2026, 3, 10, 17), dt(2026, 3, 11, 7)),  # closing time -> next day 07:00
        (dt(2026, 3, 10, 18), dt(2026, 3, 11, 7)),  # after hours -> next day 07:00
        (dt(2026, 3, 13, 18), dt(2026, 3, 16, 7)),  # Friday evening -> Monday
        (dt(2026, 3, 14, 10), dt(2026, 3, 16, 7)),  # Saturday -> Monday
        (dt(2026, 2, 13, 17, 30), dt(2026, 2, 23, 7)),  # Fri before Tết -> Mon after Tết
        (dt(2026, 8, 21, 18), dt(2026, 8, 22, 7)),  # Fri evening -> make-up Saturday
    ],
)
def test_clock_start(cal: WorkingCalendar, received: datetime, expected: datetime) -> None:
    assert cal.clock_start(received) == expected


def test_clock_start_saturday_desk() -> None:
    c = saturday_desk()
    assert c.clock_start(dt(2026, 3, 13, 18)) == dt(2026, 3, 14, 7, 30)  # Fri evening -> Sat desk opens 07:30
    assert c.clock_start(dt(2026, 3, 14, 12)) == dt(2026, 3, 16, 7)  # Sat after the desk closes -> Monday


# --------------------------------------------------------------------------- #
# due(): working days / hours
# --------------------------------------------------------------------------- #

DUE_CASES = [
    # Fri 16:30: 0.5 h; Sat-Sun + Tết Mon 16..Fri 20 + Sat-Sun off; Mon 23: 8 (8.5),
    # Tue 24: 8 (16.5); Wed 25 needs 7.5: morning 4.5 + 13:30+3 h = 16:30.
    (dt(2026, 2, 13, 16, 30), Duration(3, WD), dt(2026, 2, 25, 16, 30)),
    # Wed 09:00: 2.5 + 3.5 = 6 h; Tết 2027 Thu 04 .. Wed 10 off; Thu 11: 2 h -> 09:00.
    (dt(2027, 2, 3, 9), Duration(1, WD), dt(2027, 2, 11, 9)),
    # Received during Tết 2027: clock starts Thu 02-11 07:00; 8 h ends exactly 17:00.
    (dt(2027, 2, 8, 10), Duration(1, WD), dt(2027, 2, 11, 17)),
    # Fri 14:00: 3 h; weekend + Giỗ Tổ observed Mon 27; Tue 28: 8 (11); Wed 29: 4.5 (15.5) + 13:30+0.5 = 14:00.
    (dt(2026, 4, 24, 14), Duration(2, WD), dt(2026, 4, 29, 14)),
    # 12 h from Wed 07:00: Wed 8; Thu 30/4, Fri 1/5, Sat, Sun off; Mon 05-04 07:00+4 = 11:00.
    (dt(2026, 4, 29, 7), Duration(Decimal("1.5"), WD), dt(2026, 5, 4, 11)),
    # Thu 13:30: 3.5 h; Giỗ Tổ Fri 16 + weekend off; Mon 19: morning 4.5 -> 8 h exactly at 11:30.
    (dt(2027, 4, 15, 13, 30), Duration(1, WD), dt(2027, 4, 19, 11, 30)),
    # Thu 16:00: 1 h; Fri 30/4, Sat 1/5, Sun, Mon 05-03 (observed) off; Tue 04: 4.5 (5.5) + 13:30+2.5 = 16:00.
    (dt(2027, 4, 29, 16), Duration(1, WD), dt(2027, 5, 4, 16)),
    # Fri 13:30: 3.5 h; make-up Sat 08-22 07:00 + 4.5 h = 11:30 (8 h exactly).
    (dt(2026, 8, 21, 13, 30), Duration(1, WD), dt(2026, 8, 22, 11, 30)),
    # Fri 09:00: 6 h; Sat, Sun, Mon 31, Tue 1, Wed 2 off; Thu 09-03: 8 (14); Fri 09-04 07:00+2 = 09:00.
    (dt(2026, 8, 28, 9), Duration(2, WD), dt(2026, 9, 4, 9)),
    # Make-up Sat 16:00: 1 h; Sun off; Mon 08-24 (ordinary) 07:00+3 = 10:00.
    (dt(2026, 8, 22, 16), Duration(4, WH), dt(2026, 8, 24, 10)),
    # Fri 08-28 16:00: 1 h; Sat, Sun, Mon 31, Tue 1, Wed 2 off; Thu 09-03 07:00+3 = 10:00.
    (dt(2026, 8, 28, 16), Duration(4, WH), dt(2026, 9, 3, 10)),
    # Wed 2025-12-31 15:00: 2 h; Thu Jan 1 off; Fri 01-02: 4.5 (6.5) + 13:30+1.5 = 15:00.
    (dt(2025, 12, 31, 15), Duration(1, WD), dt(2026, 1, 2, 15)),
    # Lunch receipt: clock 13:30; Tue 3.5 h; Wed 07:00+0.5 = 07:30.
    (dt(2026, 3, 10, 12), Duration(4, WH), dt(2026, 3, 11, 7, 30)),
    # After hours: clock Wed 07:00; 8 h ends Wed 17:00.
    (dt(2026, 3, 10, 18), Duration(1, WD), dt(2026, 3, 11, 17)),
    # Saturday receipt: clock Mon 03-16 07:00; 3 full days Mon, Tue, Wed -> Wed 17:00.
    (dt(2026, 3, 14, 10), Duration(3, WD), dt(2026, 3, 18, 17)),
    # Ends exactly at 17:00 (not the next 07:00).
    (dt(2026, 3, 10, 7), Duration(1, WD), dt(2026, 3, 10, 17)),
    # Ends exactly at 11:30 (not 13:30): 07:00 + 4.5 h.
    (dt(2026, 3, 10, 7), Duration(Decimal("4.5"), WH), dt(2026, 3, 10, 11, 30)),
    # Working hours across lunch: 10:00-11:30 1.5 h, 13:30 + 2.5 = 16:00.
    (dt(2026, 3, 10, 10), Duration(4, WH), dt(2026, 3, 10, 16)),
    # 1.5 WD = 12 h from Tue 07:00: Tue 8, Wed 07:00+4 = 11:00.
    (dt(2026, 3, 10, 7), Duration(Decimal("1.5"), WD), dt(2026, 3, 11, 11)),
    # 1 WD from 10:00 = same clock time next working day (1.5 + 3.5 + 3 = 8).
    (dt(2026, 3, 10, 10), Duration(1, WD), dt(2026, 3, 11, 10)),
    # Zero duration -> clock_start.
    (dt(2026, 3, 10, 7), Duration(0, WD), dt(2026, 3, 10, 7)),
    (dt(2026, 3, 10, 12), Duration(0, WH), dt(2026, 3, 10, 13, 30)),
]


@pytest.mark.parametrize(("received", "duration", "expected"), DUE_CASES)
def test_due_working_time(cal: WorkingCalendar, received: datetime, duration: Duration, expected: datetime) -> None:
    assert cal.due(received, duration) == expected


def test_due_with_fresh_calendar_far_from_index() -> None:
    # A fresh calendar first indexing 2027, then asked about 2026 and 2030 (grows both ways).
    c = WorkingCalendar()
    assert c.due(dt(2027, 2, 3, 9), Duration(1, WD)) == dt(2027, 2, 11, 9)  # as in DUE_CASES
    assert c.due(dt(2026, 2, 13, 16, 30), Duration(3, WD)) == dt(2026, 2, 25, 16, 30)  # as in DUE_CASES
    # 2030-03-12 is a Tuesday; 1 WD from 07:00 ends 17:00 the same day.
    assert c.due(dt(2030, 3, 12, 7), Duration(1, WD)) == dt(2030, 3, 12, 17)
    # Fresh calendars whose first question is a calendar-day or day query.
    assert WorkingCalendar().due(dt(2026, 3, 10, 10), Duration(5, CD)) == dt(2026, 3, 16, 17)  # Sun 03-15 -> Mon
    assert WorkingCalendar().is_working_day(date(2026, 3, 10))
    c2 = WorkingCalendar()
    c2.due(dt(2030, 3, 12, 7), Duration(1, WD))
    # Then far back (index grows downwards): Tue 2026-03-10 + 5 = Sun 03-15 -> Mon 03-16 17:00.
    assert c2.due(dt(2026, 3, 10, 10), Duration(5, CD)) == dt(2026, 3, 16, 17)


def test_calendar_without_office_time_fails_loudly() -> None:
    with pytest.raises(ValueError, match="no office time"):
        WorkingCalendar(OfficeHours.from_mapping({})).due(dt(2026, 3, 10, 10), Duration(1, WD))


# --------------------------------------------------------------------------- #
# due(): overrides and Saturday desk
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("overrides", "received", "duration", "expected"),
    [
        # Extra day off Wed 03-11: Tue 13:30 3.5 h; Thu 03-12 07:00+4.5 = 11:30.
        ({date(2026, 3, 11): False}, dt(2026, 3, 10, 13, 30), Duration(1, WD), dt(2026, 3, 12, 11, 30)),
        # Declared working Sat 03-14 (weekday hours): Fri 3.5 h; Sat 07:00+4.5 = 11:30.
        ({date(2026, 3, 14): True}, dt(2026, 3, 13, 13, 30), Duration(1, WD), dt(2026, 3, 14, 11, 30)),
        # Working day inside Tết (Mon 02-16): Fri 16:30 0.5 h; Mon 07:00+3.5 = 10:30.
        ({date(2026, 2, 16): True}, dt(2026, 2, 13, 16, 30), Duration(4, WH), dt(2026, 2, 16, 10, 30)),
        # Make-up Sat 08-22 cancelled: Fri 3.5 h; Sat, Sun off; Mon 08-24 07:00+4.5 = 11:30.
        ({date(2026, 8, 22): False}, dt(2026, 8, 21, 13, 30), Duration(1, WD), dt(2026, 8, 24, 11, 30)),
    ],
)
def test_due_with_overrides(
    overrides: dict[date, bool], received: datetime, duration: Duration, expected: datetime
) -> None:
    assert WorkingCalendar(overrides=overrides).due(received, duration) == expected


def test_due_saturday_desk() -> None:
    c = saturday_desk()
    # Fri 13:30: 3.5 h; Sat desk 07:30-11:30: 4 h (7.5); Mon 07:00+0.5 = 07:30.
    assert c.due(dt(2026, 3, 13, 13, 30), Duration(1, WD)) == dt(2026, 3, 16, 7, 30)
    # Sat 09:00: 2.5 h until 11:30; Sun off; Mon 07:00+1.5 = 08:30.
    assert c.due(dt(2026, 3, 14, 9), Duration(4, WH)) == dt(2026, 3, 16, 8, 30)
    # Declared working Saturday overrides the desk with full weekday hours:
    # Fri 3.5 h; Sat 07:00+4.5 = 11:30.
    c2 = saturday_desk({date(2026, 3, 14): True})
    assert c2.due(dt(2026, 3, 13, 13, 30), Duration(1, WD)) == dt(2026, 3, 14, 11, 30)


# --------------------------------------------------------------------------- #
# due(): calendar days
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        (dt(2026, 3, 10, 10), 15, dt(2026, 3, 25, 17)),  # Tue 03-10 + 15 = Wed 03-25, end of day
        (dt(2026, 3, 10, 10), 5, dt(2026, 3, 16, 17)),  # + 5 = Sun 03-15 -> Mon 03-16
        (dt(2026, 2, 13, 10), 3, dt(2026, 2, 23, 17)),  # + 3 = Mon 02-16 (Tết) -> Mon 02-23
        (dt(2026, 3, 14, 10), 15, dt(2026, 3, 31, 17)),  # Sat: clock Mon 03-16; + 15 = Tue 03-31
        (dt(2026, 3, 10, 18), 1, dt(2026, 3, 12, 17)),  # after hours: clock Wed 03-11; + 1 = Thu 03-12
        (dt(2026, 8, 21, 10), 1, dt(2026, 8, 22, 17)),  # Fri + 1 = make-up Sat 08-22 (working)
        (dt(2026, 3, 10, 10), 0, dt(2026, 3, 10, 10)),  # zero -> clock_start
    ],
)
def test_due_calendar_days(cal: WorkingCalendar, received: datetime, days: int, expected: datetime) -> None:
    assert cal.due(received, Duration(days, CD)) == expected


def test_due_calendar_days_saturday_desk() -> None:
    # Mon 03-09 + 5 = Sat 03-14, a desk day: deadline is the desk's closing 11:30.
    assert saturday_desk().due(dt(2026, 3, 9, 10), Duration(5, CD)) == dt(2026, 3, 14, 11, 30)


# --------------------------------------------------------------------------- #
# working_time_between / add_working_time
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (dt(2026, 3, 10, 7), dt(2026, 3, 10, 17), timedelta(hours=8)),  # one full day
        (dt(2026, 3, 10, 10), dt(2026, 3, 10, 14), timedelta(hours=2)),  # 1.5 h + 0.5 h around lunch
        (dt(2026, 3, 10, 12), dt(2026, 3, 10, 13), timedelta(0)),  # inside lunch
        (dt(2026, 3, 10, 10), dt(2026, 3, 11, 10), timedelta(hours=8)),  # 1.5 + 3.5 + 3
        (dt(2026, 3, 14, 8), dt(2026, 3, 15, 16), timedelta(0)),  # weekend
        (dt(2026, 2, 13, 16, 30), dt(2026, 2, 25, 16, 30), timedelta(hours=24)),  # the Tết example
        (dt(2026, 2, 25, 16, 30), dt(2026, 2, 13, 16, 30), -timedelta(hours=24)),  # reversed: negative
        (dt(2026, 3, 10, 9), dt(2026, 3, 10, 9), timedelta(0)),
    ],
)
def test_working_time_between(cal: WorkingCalendar, a: datetime, b: datetime, expected: timedelta) -> None:
    assert cal.working_time_between(a, b) == expected


@pytest.mark.parametrize(
    ("start", "td", "expected"),
    [
        (dt(2026, 3, 10, 7), timedelta(hours=8), dt(2026, 3, 10, 17)),  # whole day, ends at 17:00
        (dt(2026, 3, 10, 12), timedelta(0), dt(2026, 3, 10, 13, 30)),  # zero -> clock_start
        (dt(2026, 3, 10, 11), timedelta(minutes=45), dt(2026, 3, 10, 13, 45)),  # 30 min before lunch + 15 after
        (dt(2026, 3, 11, 7, 30), -timedelta(hours=1), dt(2026, 3, 10, 16, 30)),  # back 0.5 h Wed + 0.5 h Tue
        (dt(2026, 3, 11, 7, 30), -timedelta(minutes=30), dt(2026, 3, 10, 17)),  # back onto a boundary -> period end
    ],
)
def test_add_working_time(cal: WorkingCalendar, start: datetime, td: timedelta, expected: datetime) -> None:
    assert cal.add_working_time(start, td) == expected


def test_aware_datetimes_rejected(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        cal.due(datetime(2026, 3, 10, 7, tzinfo=UTC), Duration(1, WD))


# --------------------------------------------------------------------------- #
# Duration parsing
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("3 working days", 3, WD),
        ("1 working day", 1, WD),
        ("4 working hours", 4, WH),
        ("1.5 working days", Decimal("1.5"), WD),
        ("15 days", 15, CD),
        ("15 calendar days", 15, CD),
        ("3 ngày làm việc", 3, WD),
        ("4 giờ làm việc", 4, WH),
        ("15 ngày", 15, CD),
        ("03 Ngày làm việc", 3, WD),  # catalog zero-padding and capital letter
        ("3 NGÀY LÀM VIỆC", 3, WD),
        ("3 ngay lam viec", 3, WD),  # without diacritics
        ("4 gio lam viec", 4, WH),
        ("15 ngay", 15, CD),
        ("  3   Working   Days  ", 3, WD),
        ("1,5 ngày làm việc", Decimal("1.5"), WD),  # Vietnamese decimal comma
        (unicodedata.normalize("NFD", "3 ngày làm việc"), 3, WD),  # decomposed Unicode input
        ("0 working days", 0, WD),
    ],
)
def test_duration_parse(text: str, amount: int | Decimal, unit: DurationUnit) -> None:
    parsed = Duration.parse(text)
    assert parsed.unit is unit
    assert parsed.amount == amount


@pytest.mark.parametrize(
    "text",
    [
        "",
        "three days",
        "3",
        "3 weeks",
        "-3 working days",
        "3 hours",
        "working days 3",
        "1.2.3 days",
        "1.5 days",
        "3 ngày làm việc kể từ ngày nhận",
    ],
)
def test_duration_parse_invalid(text: str) -> None:
    with pytest.raises(ValueError, match=r"^Invalid duration"):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("amount", "unit_text", "expected"),
    [
        (3, "Ngày làm việc", Duration(3, WD)),
        (4, "Giờ làm việc", Duration(4, WH)),
        (15, "Ngày", Duration(15, CD)),
        ("1,5", "ngay lam viec", Duration(Decimal("1.5"), WD)),
        (1.5, "Ngày làm việc", Duration(Decimal("1.5"), WD)),  # float kept exact via repr
    ],
)
def test_duration_from_catalog(amount: object, unit_text: str, expected: Duration) -> None:
    assert Duration.from_catalog(amount, unit_text) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("amount", "unit_text"), [(3, "Tuần"), (-1, "Ngày"), ("abc", "Ngày"), (1.5, "Ngày")])
def test_duration_from_catalog_invalid(amount: object, unit_text: str) -> None:
    with pytest.raises(ValueError):
        Duration.from_catalog(amount, unit_text)  # type: ignore[arg-type]


def test_duration_working_time_and_str() -> None:
    assert Duration(3, WD).working_time == timedelta(hours=24)  # 3 x 8 h
    assert Duration(Decimal("0.5"), WH).working_time == timedelta(minutes=30)
    assert str(Duration(1, WD)) == "1 working day"
    assert str(Duration(Decimal("1.5"), WD)) == "1.5 working days"
    with pytest.raises(ValueError):
        _ = Duration(15, CD).working_time


# --------------------------------------------------------------------------- #
# Pauses
# --------------------------------------------------------------------------- #

RESTART = SupplementPolicy.RESTART_FROM_COMPLETE
EXTEND = SupplementPolicy.EXTEND_BY_PAUSE
SUP = PauseKind.SUPPLEMENT
PAY = PauseKind.PAYMENT


@pytest.mark.parametrize(
    ("received", "duration", "pauses", "policy", "expected"),
    [
        # Restart: full 5 WD again from Mon 03-16 10:00; 10:00->10:00 is 1 WD, skipping
        # the weekend: Tue 17, Wed 18, Thu 19, Fri 20, Mon 23 -> Mon 03-23 10:00.
        (
            dt(2026, 3, 10, 7),
            Duration(5, WD),
            [Pause(dt(2026, 3, 11, 9), dt(2026, 3, 16, 10), SUP)],
            RESTART,
            dt(2026, 3, 23, 10),
        ),
        # Extend: used Tue 8 + Wed 07-09 2 = 10 h, 30 h left from Mon 10:00:
        # -> Tue 10:00 (22), Wed 10:00 (14), Thu 10:00 (6); Thu 1.5 + 3.5 = 5, Fri 07:00 + 1 = 08:00.
        (
            dt(2026, 3, 10, 7),
            Duration(5, WD),
            [Pause(dt(2026, 3, 11, 9), dt(2026, 3, 16, 10), SUP)],
            EXTEND,
            dt(2026, 3, 20, 8),
        ),
        # Payment pause Tue 13:30 -> Wed 13:30 stops the clock under both policies:
        # Tue morning 4.5 h, 11.5 left; Wed 13:30-17:00 3.5 (8 left); Thu full day -> 17:00.
        (
            dt(2026, 3, 10, 7),
            Duration(2, WD),
            [Pause(dt(2026, 3, 10, 13, 30), dt(2026, 3, 11, 13, 30), PAY)],
            RESTART,
            dt(2026, 3, 12, 17),
        ),
        (
            dt(2026, 3, 10, 7),
            Duration(2, WD),
            [Pause(dt(2026, 3, 10, 13, 30), dt(2026, 3, 11, 13, 30), PAY)],
            EXTEND,
            dt(2026, 3, 12, 17),
        ),
        # Restart from Thu 07:00 with 8 h, then payment 09:00-13:30: Thu 2 h (6 left),
        # 13:30-17:00 3.5 (2.5 left), Fri 07:00 + 2.5 = 09:30.
        (
            dt(2026, 3, 10, 7),
            Duration(1, WD),
            [
                Pause(dt(2026, 3, 10, 9), dt(2026, 3, 12, 7), SUP),
                Pause(dt(2026, 3, 12, 9), dt(2026, 3, 12, 13, 30), PAY),
            ],
            RESTART,
            dt(2026, 3, 13, 9, 30),
        ),
        # Same pauses, extend: Tue 07-09 2 h (6 left); Thu 07-09 2 h (4 left); 13:30-17:00 3.5 (0.5 left); Fri 07:30.
        (
            dt(2026, 3, 10, 7),
            Duration(1, WD),
            [
                Pause(dt(2026, 3, 10, 9), dt(2026, 3, 12, 7), SUP),
                Pause(dt(2026, 3, 12, 9), dt(2026, 3, 12, 13, 30), PAY),
            ],
            EXTEND,
            dt(2026, 3, 13, 7, 30),
        ),
        # Two supplements: the last one (ending Fri 07:00) restarts 8 h -> Fri 17:00.
        (
            dt(2026, 3, 10, 7),
            Duration(1, WD),
            [Pause(dt(2026, 3, 10, 8), dt(2026, 3, 11, 7), SUP), Pause(dt(2026, 3, 11, 10), dt(2026, 3, 13, 7), SUP)],
            RESTART,
            dt(2026, 3, 13, 17),
        ),
        # Pause after the deadline (due Tue 17:00) does not move it.
        (
            dt(2026, 3, 10, 7),
            Duration(1, WD),
            [Pause(dt(2026, 3, 11, 8), dt(2026, 3, 12, 8), PAY)],
            EXTEND,
            dt(2026, 3, 10, 17),
        ),
        (
            dt(2026, 3, 10, 7),
            Duration(1, WD),
            [Pause(dt(2026, 3, 11, 8), dt(2026, 3, 12, 8), PAY)],
            RESTART,
            dt(2026, 3, 10, 17),
        ),
        # Overlapping pauses Tue 09-14 and 13-Wed 07:00 merge: Tue 2 h used; clock resumes
        # Wed 07:00 with 6 h -> 07:00 + 4.5 = 11:30 (1.5 left), 13:30 + 1.5 = 15:00.
        (
            dt(2026, 3, 10, 7),
            Duration(1, WD),
            [Pause(dt(2026, 3, 10, 9), dt(2026, 3, 10, 14)), Pause(dt(2026, 3, 10, 13), dt(2026, 3, 11, 7))],
            EXTEND,
            dt(2026, 3, 11, 15),
        ),
        # No pauses: plain due (Tue 07:00 + 1 WD = Tue 17:00).
        (dt(2026, 3, 10, 7), Duration(1, WD), [], RESTART, dt(2026, 3, 10, 17)),
        # Calendar days: Tue 03-10 + 15 = 03-25; payment Thu 03-12 -> Mon 03-16 spans 4 days
        # -> 03-29 (Sun) -> Mon 03-30 17:00.
        (
            dt(2026, 3, 10, 10),
            Duration(15, CD),
            [Pause(dt(2026, 3, 12, 10), dt(2026, 3, 16, 10), PAY)],
            RESTART,
            dt(2026, 3, 30, 17),
        ),
        # Calendar days, supplement restart: Mon 03-16 10:00 + 15 = Tue 03-31 17:00.
        (
            dt(2026, 3, 10, 10),
            Duration(15, CD),
            [Pause(dt(2026, 3, 12, 10), dt(2026, 3, 16, 10), SUP)],
            RESTART,
            dt(2026, 3, 31, 17),
        ),
    ],
)
def test_due_with_pauses(
    cal: WorkingCalendar,
    received: datetime,
    duration: Duration,
    pauses: list[Pause],
    policy: SupplementPolicy,
    expected: datetime,
) -> None:
    assert due_with_pauses(cal, received, duration, pauses, policy) == expected


def test_open_pause_has_no_due(cal: WorkingCalendar) -> None:
    pauses = [Pause(dt(2026, 3, 11, 9), None, SUP)]
    assert due_with_pauses(cal, dt(2026, 3, 10, 7), Duration(5, WD), pauses) is None
    assert due_with_pauses(cal, dt(2026, 3, 10, 7), Duration(5, WD), pauses, EXTEND) is None


def test_pause_end_before_start_rejected() -> None:
    with pytest.raises(ValueError):
        Pause(dt(2026, 3, 11, 9), dt(2026, 3, 10, 9))


def test_default_policy_is_restart(cal: WorkingCalendar) -> None:
    # Same as the first RESTART case above: Mon 03-23 10:00.
    pauses = [Pause(dt(2026, 3, 11, 9), dt(2026, 3, 16, 10), SUP)]
    assert due_with_pauses(cal, dt(2026, 3, 10, 7), Duration(5, WD), pauses) == dt(2026, 3, 23, 10)


# --------------------------------------------------------------------------- #
# Properties
# --------------------------------------------------------------------------- #

_PROP_CALENDARS = {
    "default": WorkingCalendar(),
    "saturday_desk": saturday_desk(),
    "overrides": WorkingCalendar(
        overrides={date(2026, 3, 11): False, date(2026, 3, 14): True, date(2026, 2, 16): True}
    ),
}

moments = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
calendars = st.sampled_from(sorted(_PROP_CALENDARS)).map(_PROP_CALENDARS.__getitem__)
working_durations = st.one_of(
    st.integers(0, 40).map(lambda n: Duration(n, WD)),
    st.integers(0, 120).map(lambda n: Duration(n, WH)),
    st.integers(0, 80).map(lambda n: Duration(Decimal(n) / 4, WD)),  # quarter days
)
durations = st.one_of(working_durations, st.integers(0, 60).map(lambda n: Duration(n, CD)))


def _in_office_hours(c: WorkingCalendar, moment: datetime) -> bool:
    return any(start <= moment <= end for start, end in c.periods(moment.date()))


@settings(max_examples=300, deadline=None)
@given(calendars, moments, durations)
def test_due_lands_in_office_hours(c: WorkingCalendar, received: datetime, duration: Duration) -> None:
    result = c.due(received, duration)
    assert c.is_working_day(result.date())
    assert _in_office_hours(c, result)
    assert result >= received


@settings(max_examples=300, deadline=None)
@given(calendars, moments, working_durations)
def test_due_consumes_exactly_the_duration(c: WorkingCalendar, received: datetime, duration: Duration) -> None:
    assert c.working_time_between(received, c.due(received, duration)) == duration.working_time


@settings(max_examples=300, deadline=None)
@given(calendars, moments, st.integers(0, 200), st.integers(0, 200), st.sampled_from([WD, WH, CD]))
def test_due_monotone_in_duration(c: WorkingCalendar, received: datetime, a: int, b: int, unit: DurationUnit) -> None:
    lo, hi = sorted((a, b))
    assert c.due(received, Duration(lo, unit)) <= c.due(received, Duration(hi, unit))


@settings(max_examples=300, deadline=None)
@given(calendars, moments, moments, durations)
def test_due_monotone_in_receipt(c: WorkingCalendar, r1: datetime, r2: datetime, duration: Duration) -> None:
    early, late = sorted((r1, r2))
    assert c.due(early, duration) <= c.due(late, duration)


@settings(max_examples=200, deadline=None)
@given(calendars, moments)
def test_clock_start_is_inside_a_period(c: WorkingCalendar, received: datetime) -> None:
    start = c.clock_start(received)
    assert start >= received
    assert any(s <= start < e for s, e in c.periods(start.date()))  # half-open: never at a period end
    assert c.working_time_between(received, start) == timedelta(0)


@settings(max_examples=200, deadline=None)
@given(calendars, moments, moments)
def test_working_time_between_is_antisymmetric_and_additive(c: WorkingCalendar, a: datetime, b: datetime) -> None:
    assert c.working_time_between(a, b) == -c.working_time_between(b, a)
    mid = a + (b - a) / 2
    assert c.working_time_between(a, b) == c.working_time_between(a, mid) + c.working_time_between(mid, b)


@settings(max_examples=200, deadline=None)
@given(calendars, moments, working_durations, moments, st.integers(0, 72 * 60))
def test_pause_never_shortens(
    c: WorkingCalendar, received: datetime, duration: Duration, p_start: datetime, minutes: int
) -> None:
    pause = Pause(p_start, p_start + timedelta(minutes=minutes), PAY)
    plain = c.due(received, duration)
    for policy in (RESTART, EXTEND):
        assert due_with_pauses(c, received, duration, [pause], policy) >= plain  # type: ignore[operator]
