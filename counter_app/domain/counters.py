"""Dossier counters per unit: the one definition shared by the central endpoint and the desk.

The central's province-wide ``/api/v1/counters`` feeds its rows through ``count_dossiers``; the
definitions are those of the desk dashboard (counter_app/services/stats.py, computed there in SQL),
and tests/integration check that both give the same numbers for the same dossiers:

- received: received (NgayTiepNhan) inside the period;
- returned: result handed over (NgayTraKetQua) inside the period;
- unfinished_on_time / unfinished_overdue: every dossier still open now (lifecycle.OPEN_STATUSES),
  split by :mod:`counter_app.domain.due_state` (a paused clock counts as within the deadline).

The period is the days ``start``..``end``, both inclusive like the dashboard; ``None`` leaves that
side open. Unfinished counts are always a snapshot at ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import and_

from .calendar import WorkingCalendar
from .due_state import DueState, is_overdue, open_filter
from .lifecycle import OPEN_STATUSES


class CounterRow(NamedTuple):
    unit_code: str
    status: int
    received_at: datetime
    due_at: datetime | None
    returned_at: datetime | None


@dataclass
class UnitCounters:
    unit_code: str
    received: int = 0
    returned: int = 0
    unfinished_on_time: int = 0
    unfinished_overdue: int = 0

    @property
    def unfinished(self) -> int:
        return self.unfinished_on_time + self.unfinished_overdue

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "unfinished": self.unfinished}


def _in_period(moment: datetime | None, start: date | None, end: date | None) -> bool:
    if moment is None:
        return False
    day = moment.date()
    return (start is None or day >= start) and (end is None or day <= end)


def count_dossiers(rows: Iterable[CounterRow], cal: WorkingCalendar, now: datetime, *,
                   start: date | None = None, end: date | None = None) -> dict[str, UnitCounters]:
    """Counters per unit code, in the order units first appear in ``rows``."""
    result: dict[str, UnitCounters] = {}
    for row in rows:
        counters = result.get(row.unit_code)
        if counters is None:
            counters = result[row.unit_code] = UnitCounters(row.unit_code)
        if _in_period(row.received_at, start, end):
            counters.received += 1
        if _in_period(row.returned_at, start, end):
            counters.returned += 1
        if row.status in OPEN_STATUSES:
            if is_overdue(row.due_at, now):
                counters.unfinished_overdue += 1
            else:
                counters.unfinished_on_time += 1
    return result


def overdue_sql(status: Any, due_at: Any, now: datetime) -> Any:
    """The same split as ``count_dossiers`` as SQL over columns, through the due-state module's SQL
    form (``due_state.open_filter``): an open dossier is overdue when its due moment has passed; a
    stopped clock has no due moment and counts as within. Needs no calendar — the calendar only
    separates "due soon", which the counters do not show — so a due date in 9999 costs nothing."""
    return and_(open_sql(status), due_at.is_not(None), *open_filter(DueState.OVERDUE, due_at, now))


def open_sql(status: Any) -> Any:
    return status.in_([s.value for s in OPEN_STATUSES])


def total(counters: dict[str, UnitCounters]) -> UnitCounters:
    out = UnitCounters("")
    for c in counters.values():
        out.received += c.received
        out.returned += c.returned
        out.unfinished_on_time += c.unfinished_on_time
        out.unfinished_overdue += c.unfinished_overdue
    return out

