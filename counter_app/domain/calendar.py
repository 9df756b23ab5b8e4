"""Working-time calendar: office hours, days off and deadline arithmetic.

Pure Python (no Qt, no database). All datetimes are naive local wall-clock time;
Vietnam has no daylight saving time, so wall-clock arithmetic is exact.

Time model
----------
Office time is mapped onto a monotone "working position" axis: the position of a
moment is the office time elapsed up to it since a fixed origin. Per-day office
periods are cached together with a prefix sum over days, so ``due()`` costs one
bisect plus a walk over a handful of periods - never a loop over days or minutes.

A working day always counts as ``WORKING_DAY_HOURS`` (8) hours of office time,
whatever the hours of a particular day are: a 4-hour Saturday desk provides half a
working day of office time.

Durations (``3 working days``) are :mod:`counter_app.domain.durations`; deadlines with the
clock stopped (supplement, payment) are :mod:`counter_app.domain.pauses`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from itertools import pairwise

import holidays

from .durations import _US_PER_SECOND, WORKING_DAY_HOURS, Duration, DurationUnit

__all__ = [
    "WORKING_DAY_HOURS",
    "Duration",
    "DurationUnit",
    "OfficeHours",
    "Period",
    "WorkingCalendar",
    "statutory_days",
]
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)

Period = tuple[time, time]
# Years added to the day index per extension step; the first build covers the
# requested year and its neighbours so typical deadlines never trigger a rebuild.
_INDEX_MARGIN_YEARS = 1
# A calendar without any office time for this long is misconfigured; fail loudly
# instead of searching forever.
_MAX_BARREN_YEARS = 10


# --------------------------------------------------------------------------- #
# Office hours
# --------------------------------------------------------------------------- #

_DEFAULT_WEEKDAY_PERIODS: tuple[Period, ...] = (
    (time(7, 0), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
_PERIOD_TEXT = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def _parse_period(value: Period | Sequence[time] | str) -> Period:
    if isinstance(value, str):
        m = _PERIOD_TEXT.match(value)
        if not m:
            raise ValueError(f"Invalid office period {value!r}: expected 'HH:MM-HH:MM'")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        try:
            return (time(h1, m1), time(h2, m2))
        except ValueError as exc:
            raise ValueError(f"Invalid office period {value!r}: {exc}") from None
    start, end = value
    if not isinstance(start, time) or not isinstance(end, time):
        raise ValueError(f"Invalid office period {value!r}: expected two datetime.time values")
    return (start, end)


def _normalize_periods(periods: Sequence[Period | str] | str) -> tuple[Period, ...]:
    """Validate periods: each start < end, sorted, non-overlapping (touching is fine)."""
    if isinstance(periods, str):
        periods = [p for p in periods.split(",") if p.strip()]
    result = tuple(sorted(_parse_period(p) for p in periods))
    for start, end in result:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError("Office periods must be naive local times")
        if not start < end:
            raise ValueError(f"Invalid office period {start:%H:%M}-{end:%H:%M}: start must precede end")
    for (_, prev_end), (next_start, _) in pairwise(result):
        if next_start < prev_end:
            raise ValueError(f"Overlapping office periods around {next_start:%H:%M}")
    return result


@dataclass(frozen=True)
class OfficeHours:
    """Office periods per weekday (index 0 = Monday ... 6 = Sunday).

    ``makeup`` are the hours of make-up / extra working days falling on a day that
    normally has no full weekday hours (a declared working Saturday); ``None``
    means "Monday's hours".
    """

    weekly: tuple[tuple[Period, ...], ...]
    makeup: tuple[Period, ...] | None = None

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise ValueError("OfficeHours.weekly needs exactly 7 entries (Monday..Sunday)")
        object.__setattr__(self, "weekly", tuple(_normalize_periods(p) for p in self.weekly))
        if self.makeup is not None:
            object.__setattr__(self, "makeup", _normalize_periods(self.makeup))

    @classmethod
    def default(cls) -> OfficeHours:
        """Mon-Fri 07:00-11:30 and 13:30-17:00 (8 hours), weekends closed."""
        return cls(weekly=(_DEFAULT_WEEKDAY_PERIODS,) * 5 + ((), ()))

    @classmethod
    def from_mapping(
        cls,
        hours: Mapping[int, Sequence[Period | str] | str],
        makeup: Sequence[Period | str] | str | None = None,
    ) -> OfficeHours:
        """Build from ``{weekday: periods}``; missing weekdays are closed.

        Periods may be ``(time, time)`` pairs or ``"HH:MM-HH:MM"`` strings, and a
        whole day may be given as ``"07:00-11:30, 13:30-17:00"``.
        """
        for weekday in hours:
            if weekday not in range(7):
                raise ValueError(f"Invalid weekday {weekday!r}: expected 0 (Monday) .. 6 (Sunday)")
        weekly = tuple(_normalize_periods(hours.get(i, ())) for i in range(7))
        return cls(weekly=weekly, makeup=None if makeup is None else _normalize_periods(makeup))

    def with_day(self, weekday: int, periods: Sequence[Period | str] | str) -> OfficeHours:
        """Copy with one weekday's periods replaced (e.g. add a Saturday-morning desk)."""
        if weekday not in range(7):
            raise ValueError(f"Invalid weekday {weekday!r}: expected 0 (Monday) .. 6 (Sunday)")
        weekly = list(self.weekly)
        weekly[weekday] = _normalize_periods(periods)
        return OfficeHours(weekly=tuple(weekly), makeup=self.makeup)

    def for_weekday(self, weekday: int) -> tuple[Period, ...]:
        return self.weekly[weekday]

    @property
    def makeup_periods(self) -> tuple[Period, ...]:
        return self.makeup if self.makeup is not None else self.weekly[0]


# --------------------------------------------------------------------------- #
# Days off from the `holidays` package
# --------------------------------------------------------------------------- #


@cache
def statutory_days(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, make-up working days) of a year by law, before any office override."""
    return _vn_days_off(year)


@cache
def _vn_days_off(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays incl. substituted days off, make-up working weekend days) of a year."""
    calendar = holidays.country_holidays("VN", years=year)
    # weekend_workdays accumulates dates of other years; keep this year's only.
    makeup: set[date] = getattr(calendar, "weekend_workdays", set()) or set()
    return (
        frozenset(d for d in calendar if d.year == year),
        frozenset(d for d in makeup if d.year == year),
    )


# --------------------------------------------------------------------------- #
# Working calendar
# --------------------------------------------------------------------------- #

_DayPeriods = tuple[tuple[int, int], ...]  # (start, end) microseconds since midnight


def _us_of_day(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_SECOND + t.microsecond


def _check_naive(dt: datetime) -> None:
    if dt.tzinfo is not None:
        raise ValueError("WorkingCalendar works on naive local datetimes")


class WorkingCalendar:
    """Office hours + Vietnamese days off + local overrides.

    Precedence for a date: ``overrides`` (True = extra working day, False = extra
    day off) > the ``holidays`` package (public holidays off; make-up Saturdays
    working) > the weekly office hours. Extra and make-up working days use the
    day's own hours if it is a weekday with hours, else ``office_hours.makeup_periods``.

    Overrides are copied at construction; build a new calendar when they change.
    The day index grows lazily, so an instance is not safe for concurrent use
    from several threads; give each worker thread its own calendar.
    Periods are half-open ``[start, end)`` for receipts: a dossier received at
    exactly 11:30 starts its clock at 13:30.
    """

    def __init__(
        self,
        office_hours: OfficeHours | None = None,
        overrides: Mapping[date, bool] | None = None,
        same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
    ) -> None:
        self.office_hours = office_hours if office_hours is not None else OfficeHours.default()
        self.same_day_cutoff = same_day_cutoff
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._weekly = tuple(tuple((_us_of_day(s), _us_of_day(e)) for s, e in p) for p in self.office_hours.weekly)
        self._makeup = tuple((_us_of_day(s), _us_of_day(e)) for s, e in self.office_hours.makeup_periods)
        # Day index: day k covers ordinal self._lo + k, starts at working position
        # self._cum[k] and has periods self._days[k]. Positions never shift when
        # the index grows, so they stay comparable within a computation.
        self._lo = 0
        self._days: list[_DayPeriods] = []
        self._cum: list[int] = [0]

    # -- day rules ---------------------------------------------------------- #

    def _day_periods(self, d: date) -> _DayPeriods:
        override = self._overrides.get(d)
        if override is False:
            return ()
        weekday = d.weekday()
        if override is True:
            return self._extra_day_periods(weekday)
        days_off, makeup_days = _vn_days_off(d.year)
        if d in days_off:
            return ()
        if d in makeup_days:
            return self._extra_day_periods(weekday)
        return self._weekly[weekday]

    def _extra_day_periods(self, weekday: int) -> _DayPeriods:
        # A declared working Saturday is a full working day, not the Saturday desk.
        if weekday < 5 and self._weekly[weekday]:
            return self._weekly[weekday]
        return self._makeup

    # -- day index ---------------------------------------------------------- #

    def _build(self, first: int, last: int) -> tuple[list[_DayPeriods], list[int]]:
        days = [self._day_periods(date.fromordinal(o)) for o in range(first, last + 1)]
        totals = [sum(e - s for s, e in p) for p in days]
        return days, totals

    def _ensure_ordinal(self, ordinal: int) -> None:
        if not self._days:
            year = date.fromordinal(ordinal).year
            first = date(max(year - _INDEX_MARGIN_YEARS, 1), 1, 1).toordinal()
            last = date(min(year + _INDEX_MARGIN_YEARS, 9999), 12, 31).toordinal()
            days, totals = self._build(first, last)
            cum = [0]
            for total in totals:
                cum.append(cum[-1] + total)
            self._lo, self._days, self._cum = first, days, cum
            return
        hi = self._lo + len(self._days)  # exclusive
        if ordinal >= hi:
            year = date.fromordinal(ordinal).year
            last = date(min(year + _INDEX_MARGIN_YEARS, 9999), 12, 31).toordinal()
            days, totals = self._build(hi, last)
            cum = self._cum
            for total in totals:
                cum.append(cum[-1] + total)
            self._days.extend(days)
        elif ordinal < self._lo:
            year = date.fromordinal(ordinal).year
            first = date(max(year - _INDEX_MARGIN_YEARS, 1), 1, 1).toordinal()
            days, totals = self._build(first, self._lo - 1)
            prefix = [0] * len(totals)
            position = self._cum[0]
            for k in range(len(totals) - 1, -1, -1):
                position -= totals[k]
                prefix[k] = position
            self._lo, self._days, self._cum = first, days + self._days, prefix + self._cum

    def _ensure_position(self, target: int, *, strict: bool) -> None:
        """Grow the index until office time exists on both sides of ``target``.

        End-side lookups (strict=False) need a day starting before ``target`` and
        one ending at or after it; start-side lookups (strict=True) need a day
        starting at or before it and one ending strictly after it.
        """
        barren_since = None
        while self._cum[0] > target or (not strict and self._cum[0] == target):
            before = self._cum[0]
            self._ensure_ordinal(self._lo - 1)
            barren_since = self._barren_check(barren_since, self._cum[0] == before, self._lo)
        barren_since = None
        while self._cum[-1] < target or (strict and self._cum[-1] == target):
            before = self._cum[-1]
            self._ensure_ordinal(self._lo + len(self._days))
            barren_since = self._barren_check(barren_since, self._cum[-1] == before, self._lo + len(self._days))

    def _barren_check(self, since: int | None, barren: bool, ordinal: int) -> int | None:
        """Track how far the index grew without finding office time; fail past a limit."""
        if not barren:
            return None
        if since is None:
            return ordinal
        if abs(ordinal - since) > 366 * _MAX_BARREN_YEARS:
            raise ValueError("The working calendar has no office time in the searched range")
        return since

    def _position(self, dt: datetime) -> int:
        """Office time (µs) elapsed from the index origin up to ``dt``."""
        ordinal = dt.toordinal()
        k = ordinal - self._lo
        if k < 0 or k >= len(self._days):
            self._ensure_ordinal(ordinal)
            k = ordinal - self._lo
        tod = ((dt.hour * 60 + dt.minute) * 60 + dt.second) * _US_PER_SECOND + dt.microsecond
        position = self._cum[k]
        for start, end in self._days[k]:
            if tod >= end:
                position += end - start
            else:
                if tod > start:
                    position += tod - start
                break
        return position

    def _moment_end(self, target: int) -> datetime:
        """Earliest moment whose position is ``target`` (a period end on boundaries)."""
        self._ensure_position(target, strict=False)
        k = bisect_left(self._cum, target) - 1  # cum[k] < target <= cum[k+1]
        remaining = target - self._cum[k]
        for start, end in self._days[k]:
            length = end - start
            if remaining <= length:
                return datetime.fromordinal(self._lo + k) + timedelta(microseconds=start + remaining)
            remaining -= length
        raise AssertionError("day index inconsistent")  # pragma: no cover

    def _moment_start(self, target: int) -> datetime:
        """Latest-starting moment with position ``target``: inside a period, never at its end."""
        self._ensure_position(target, strict=True)
        k = bisect_right(self._cum, target) - 1  # cum[k] <= target < cum[k+1]
        remaining = target - self._cum[k]
        for start, end in self._days[k]:
            length = end - start
            if remaining < length:
                return datetime.fromordinal(self._lo + k) + timedelta(microseconds=start + remaining)
            remaining -= length
        raise AssertionError("day index inconsistent")  # pragma: no cover

    def _day_index(self, d: date) -> int:
        ordinal = d.toordinal()
        if ordinal < self._lo or ordinal >= self._lo + len(self._days):
            self._ensure_ordinal(ordinal)
        return ordinal - self._lo

    # -- public API ---------------------------------------------------------- #

    def is_working_day(self, d: date) -> bool:
        """True when the date has any office period (a Saturday desk counts)."""
        if isinstance(d, datetime):
            d = d.date()
        k = self._day_index(d)  # may replace self._days: index first
        return bool(self._days[k])

    def periods(self, d: date) -> list[tuple[datetime, datetime]]:
        """Office periods of a date as naive datetimes; empty on days off."""
        if isinstance(d, datetime):
            d = d.date()
        k = self._day_index(d)  # may replace self._days: index first
        midnight = datetime(d.year, d.month, d.day)
        return [(midnight + timedelta(microseconds=s), midnight + timedelta(microseconds=e)) for s, e in self._days[k]]

    def clock_start(self, dt: datetime) -> datetime:
        """``dt`` if it lies inside an office period, else the next period start
        (lunch, after hours, weekend, holiday)."""
        _check_naive(dt)
        return self._moment_start(self._position(dt))

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Office time inside ``[a, b)``; negative when ``b < a``."""
        _check_naive(a)
        _check_naive(b)
        pa = self._position(a)
        pb = self._position(b)  # may grow the index; positions stay stable
        return timedelta(microseconds=pb - pa)

    def add_working_time(self, start: datetime, td: timedelta) -> datetime:
        """The moment ``td`` of office time after ``start``.

        A result landing on a period boundary is the period *end* (17:00, not the
        next day's 07:00). ``td == 0`` gives ``clock_start(start)``. A negative
        ``td`` counts backwards with the same boundary rule.
        """
        _check_naive(start)
        amount = (td.days * 86_400 + td.seconds) * _US_PER_SECOND + td.microseconds
        position = self._position(start)
        if amount == 0:
            return self._moment_start(position)
        return self._moment_end(position + amount)

    def due(self, received_at: datetime, duration: Duration) -> datetime:
        """Deadline for a dossier received at ``received_at``.

        Working units: the moment the duration's office time (a working day = 8
        hours) is used up, counted from ``clock_start(received_at)``; ending on a
        period boundary gives that period's end (e.g. 11:30 or 17:00).

        Calendar days: the day of ``clock_start(received_at)`` counts as day 0 and
        the deadline is the end of the last office period of day N. If day N is not
        a working day, the deadline moves to the end of the next working day (a time
        limit ending on a day off ends on the next working day).

        A zero duration gives ``clock_start(received_at)``.
        """
        _check_naive(received_at)
        if duration.unit is DurationUnit.SAME_DAY:
            return self._same_day_due(received_at)
        if duration.unit is DurationUnit.CALENDAR_DAYS:
            start = self.clock_start(received_at)
            if duration.amount == 0:
                return start
            return self._end_of_working_day_on_or_after(start.date() + timedelta(days=int(duration.amount)))
        position = self._position(received_at)
        amount = duration._working_us()
        return self._moment_end(position + amount) if amount else self._moment_start(position)

    def _same_day_due(self, received_at: datetime) -> datetime:
        """End of the working day the clock starts on; the next working day's end when the
        clock starts after the cut-off (received at 15:00 exactly is still the same day)."""
        start = self.clock_start(received_at)
        if start.time() > self.same_day_cutoff:
            return self._end_of_working_day_on_or_after(start.date() + timedelta(days=1))
        return self._end_of_working_day_on_or_after(start.date())

    def _end_of_working_day_on_or_after(self, d: date) -> datetime:
        """End of the last office period of ``d``, or of the next working day after it."""
        k = self._day_index(d)  # may replace self._cum: index first
        position = self._cum[k]
        self._ensure_position(position, strict=True)
        # Zero-length days share their start position; the working day is the last
        # index at that position (cum[k] == position < cum[k+1]).
        k = bisect_right(self._cum, position) - 1
        return datetime.fromordinal(self._lo + k) + timedelta(microseconds=self._days[k][-1][1])
