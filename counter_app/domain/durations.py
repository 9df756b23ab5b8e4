"""Processing time limits: ``3 working days``, ``4 working hours``, ``15 days`` (English, or the
national catalog's Vietnamese units, diacritics optional).

A working day always counts as ``WORKING_DAY_HOURS`` (8) hours of office time.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from .text import fold as _fold

WORKING_DAY_HOURS = 8

_US_PER_SECOND = 1_000_000
_US_PER_HOUR = 3600 * _US_PER_SECOND
_US_PER_WORKING_DAY = WORKING_DAY_HOURS * _US_PER_HOUR


class DurationUnit(enum.StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    # "Trong ngày": due at the end of the receiving working day, or of the next working day when
    # received after the same-day cut-off (15:00 by default, an office setting).
    SAME_DAY = "same_day"


# Keys are folded (domain.text.fold: lower case, no diacritics, đ -> d).
# English and the national catalog's Vietnamese units.
_UNIT_WORDS: dict[str, DurationUnit] = {
    "working day": DurationUnit.WORKING_DAYS,
    "working days": DurationUnit.WORKING_DAYS,
    "working hour": DurationUnit.WORKING_HOURS,
    "working hours": DurationUnit.WORKING_HOURS,
    "day": DurationUnit.CALENDAR_DAYS,
    "days": DurationUnit.CALENDAR_DAYS,
    "calendar day": DurationUnit.CALENDAR_DAYS,
    "calendar days": DurationUnit.CALENDAR_DAYS,
    "ngay lam viec": DurationUnit.WORKING_DAYS,
    "gio lam viec": DurationUnit.WORKING_HOURS,
    "ngay": DurationUnit.CALENDAR_DAYS,
    "same day": DurationUnit.SAME_DAY,
    "trong ngay": DurationUnit.SAME_DAY,
}
# Same-day durations are written without an amount ("trong ngày", "same day").
_SAME_DAY_WORDS = ("same day", "trong ngay", "ngay trong ngay", "trong ngay lam viec")
_ACCEPTED_UNITS = ("working day(s), working hour(s), day(s), calendar day(s), same day, "
                   "ngày làm việc, giờ làm việc, ngày, trong ngày")
# A comma is accepted as decimal separator: Vietnamese writes "1,5 ngày".
_DURATION_TEXT = re.compile(r"^(\d+(?:[.,]\d+)?) ?([a-z ]+)$")


def _to_amount(value: int | float | Decimal | str) -> int | Decimal:
    """Normalize an amount: integral values become int, others an exact Decimal."""
    if isinstance(value, bool):
        raise ValueError(f"Invalid duration amount {value!r}")
    try:
        if isinstance(value, float):
            number = Decimal(repr(value))  # repr keeps 1.5 as 1.5, not its binary expansion
        elif isinstance(value, str):
            number = Decimal(value.strip().replace(",", "."))
        else:
            number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"Invalid duration amount {value!r}: not a number") from None
    if not number.is_finite():
        raise ValueError(f"Invalid duration amount {value!r}: must be finite")
    if number < 0:
        raise ValueError(f"Invalid duration amount {value!r}: must not be negative")
    if number == number.to_integral_value():
        return int(number)
    return number


@dataclass(frozen=True)
class Duration:
    """A processing time limit: ``amount`` of ``unit``.

    ``amount`` is normalized to ``int`` when integral, else an exact ``Decimal``.
    Calendar-day amounts must be whole numbers.
    """

    amount: int | Decimal
    unit: DurationUnit

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", DurationUnit(self.unit))
        amount = _to_amount(self.amount)
        if self.unit is DurationUnit.CALENDAR_DAYS and not isinstance(amount, int):
            raise ValueError(f"Invalid duration: calendar days must be a whole number, got {amount}")
        if self.unit is DurationUnit.SAME_DAY:
            amount = 0  # no amount: the day of receipt (or the next working day after the cut-off)
        object.__setattr__(self, "amount", amount)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse e.g. "3 working days", "4 working hours", "1.5 working days",
        "15 days", "15 calendar days", "3 ngày làm việc", "4 giờ làm việc", "15 ngày".

        Case-insensitive, diacritics optional. Raises ValueError on anything else.
        """
        if not isinstance(text, str):
            raise ValueError(f"Invalid duration {text!r}: expected text like '3 working days'")
        if _fold(text) in _SAME_DAY_WORDS:
            return cls(0, DurationUnit.SAME_DAY)
        m = _DURATION_TEXT.match(_fold(text))
        unit = _UNIT_WORDS.get(m.group(2)) if m else None
        if m is None or unit is None:
            raise ValueError(
                f"Invalid duration {text!r}: expected '<number> <unit>' with unit one of: {_ACCEPTED_UNITS}"
            )
        return cls(_to_amount(m.group(1)), unit)

    @classmethod
    def from_catalog(cls, amount: int | float | Decimal | str, unit_text: str) -> Duration:
        """Build from the national catalog's (amount, unit) columns:
        units "Ngày làm việc", "Giờ làm việc", "Ngày" (any case, diacritics optional)."""
        unit = _UNIT_WORDS.get(_fold(unit_text)) if isinstance(unit_text, str) else None
        if unit is None:
            raise ValueError(f"Invalid duration unit {unit_text!r}: expected one of: {_ACCEPTED_UNITS}")
        return cls(_to_amount(amount), unit)

    @property
    def is_working_time(self) -> bool:
        return self.unit in (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS)

    @property
    def working_time(self) -> timedelta:
        """Office time this duration consumes (working units only)."""
        return timedelta(microseconds=self._working_us())

    def _working_us(self) -> int:
        if self.unit is DurationUnit.WORKING_DAYS:
            per_unit = _US_PER_WORKING_DAY
        elif self.unit is DurationUnit.WORKING_HOURS:
            per_unit = _US_PER_HOUR
        else:
            raise ValueError("Calendar-day and same-day durations have no fixed amount of working time")
        if isinstance(self.amount, int):
            return self.amount * per_unit
        return int((self.amount * per_unit).to_integral_value())  # round to the microsecond

    def __str__(self) -> str:
        if self.unit is DurationUnit.SAME_DAY:
            return "same day"
        word = {
            DurationUnit.WORKING_DAYS: "working day",
            DurationUnit.WORKING_HOURS: "working hour",
            DurationUnit.CALENDAR_DAYS: "day",
        }[self.unit]
        return f"{self.amount} {word}{'' if self.amount == 1 else 's'}"
