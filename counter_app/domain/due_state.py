"""The due state of a dossier (early / on time / due soon / overdue / paused): the one rule.

Derived, never stored: from the dossier's status, its due moment, its finish moment (result
ready, else returned) and the office calendar. Every place that shows or counts a due state
takes it from here — the desk's lists and detail (:func:`due_state`), the dashboard and the
reports (:func:`unfinished_case`, :func:`finished_case`, :func:`open_filter`), the search filter
(:func:`open_filter`), the central's province counters (:func:`is_overdue` through
``domain.counters``), the control slip's early / on time / late (:func:`timeliness`), the
lookup page and the tracking book (:func:`is_paused`). ``tests/unit/test_due_state.py`` checks
that the SQL forms agree with the Python rule dossier by dossier, and that no second copy of the
rule appears elsewhere in the code.

The rule
--------
- refused / withdrawn / stopped: no deadline applies (``NONE``);
- no due moment: the clock is stopped (supplement requested, awaiting payment): ``PAUSED``;
- finished (result ready or returned): ``OVERDUE`` when finished after the due moment, else
  ``ON_TIME`` on the due day and ``EARLY`` before it;
- open: ``OVERDUE`` past the due moment, ``DUE_SOON`` when at most one working day of office
  time is left *and* the dossier was received before today, else ``ON_TIME``. The second half of
  the condition keeps a short procedure (one working day) from being "due soon" the moment it is
  received: the officer has just given that appointment; it turns due soon the next day.

"Due within one working day" is ``working_time_between(now, due_at) <= 8 h``. In SQL it is
``due_at <= due_soon_limit(now)`` with ``due_soon_limit = clock_start(add_working_time(now, 8 h))``:
``add_working_time`` gives the earliest moment at that working position (e.g. Friday 17:00) and
``clock_start`` the latest one (the next period start, Monday 07:00), so a due moment in between
(a weekend, a holiday) gets the same answer in both forms.
"""

from __future__ import annotations

import enum
from datetime import datetime, time, timedelta

from sqlalchemy import DateTime, SQLColumnExpression, and_, case, func, literal, or_
from sqlalchemy.sql.elements import ColumnElement

from counter_app.i18n import QT_TR_NOOP  # marked for lupdate; the screens translate them when shown

from .calendar import WORKING_DAY_HOURS, WorkingCalendar
from .lifecycle import OPEN_STATUSES, DossierStatus

__all__ = [
    "FILTERS",
    "FILTER_LABELS",
    "LABELS",
    "ONE_WORKING_DAY",
    "TIMELINESS_LABELS",
    "URGENCY",
    "DueState",
    "due_soon_limit",
    "due_state",
    "start_of_day",
    "finished_case",
    "finished_late_sql",
    "finished_state",
    "is_overdue",
    "is_paused",
    "open_filter",
    "timeliness",
    "unfinished_case",
]


class DueState(enum.StrEnum):
    EARLY = "early"  # finished before the due day
    ON_TIME = "on_time"  # finished on the due day / open and not close to due
    DUE_SOON = "due_soon"  # open, due within one working day
    OVERDUE = "overdue"  # open past due, or finished late
    PAUSED = "paused"  # open, clock stopped (supplement, payment)
    NONE = "none"  # refused / withdrawn / stopped: no deadline applies


LABELS: dict[DueState, str] = {
    DueState.EARLY: QT_TR_NOOP("Trước hạn"),
    DueState.ON_TIME: QT_TR_NOOP("Đúng hạn"),
    DueState.DUE_SOON: QT_TR_NOOP("Sắp đến hạn"),
    DueState.OVERDUE: QT_TR_NOOP("Quá hạn"),
    DueState.PAUSED: QT_TR_NOOP("Tạm dừng tính thời gian"),
    DueState.NONE: "—",
}

# The states a search can filter on (they concern open dossiers), with the filter's wording.
FILTERS = (DueState.OVERDUE, DueState.DUE_SOON, DueState.ON_TIME, DueState.PAUSED)
FILTER_LABELS: dict[DueState, str] = {
    DueState.OVERDUE: QT_TR_NOOP("Quá hạn (chưa có kết quả)"),
    DueState.DUE_SOON: QT_TR_NOOP("Sắp đến hạn (trong 1 ngày làm việc)"),
    DueState.ON_TIME: QT_TR_NOOP("Đúng hạn (còn hạn)"),
    DueState.PAUSED: QT_TR_NOOP("Tạm dừng tính thời gian"),
}

# Most urgent first: how lists sort by due state.
URGENCY: dict[DueState, int] = {DueState.OVERDUE: 0, DueState.DUE_SOON: 1, DueState.PAUSED: 2,
                                DueState.ON_TIME: 3, DueState.EARLY: 4, DueState.NONE: 5}

# The control slip's (form 06) and the central's "result" column: early / on time / late.
_TIMELINESS = {DueState.EARLY: "early", DueState.ON_TIME: "on_time", DueState.OVERDUE: "late"}
TIMELINESS_LABELS: dict[str, str] = {word: LABELS[state] for state, word in _TIMELINESS.items()}

ONE_WORKING_DAY = timedelta(hours=WORKING_DAY_HOURS)
_NO_DEADLINE = frozenset({DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED})
_FINISHED = frozenset({DossierStatus.RESULT_READY, DossierStatus.RETURNED})


# --------------------------------------------------------------------------- the rule in Python


def finished_state(due_at: datetime | None, finished_at: datetime) -> DueState:
    """A finished dossier: early / on time / overdue against its due moment (paused without one)."""
    if due_at is None:
        return DueState.PAUSED
    if finished_at > due_at:
        return DueState.OVERDUE
    return DueState.ON_TIME if finished_at.date() == due_at.date() else DueState.EARLY


def due_state(cal: WorkingCalendar, status: int, due_at: datetime | None, finished_at: datetime | None,
              now: datetime, received_at: datetime) -> DueState:
    """Derived, never stored: from the due moment, the finish moment, the receipt and the office calendar."""
    status = DossierStatus(status)
    if status in _NO_DEADLINE:
        return DueState.NONE
    if due_at is None:
        return DueState.PAUSED
    if status in _FINISHED and finished_at is not None:
        return finished_state(due_at, finished_at)
    if is_overdue(due_at, now):
        return DueState.OVERDUE
    if received_at < start_of_day(now) and cal.working_time_between(now, due_at) <= ONE_WORKING_DAY:
        return DueState.DUE_SOON
    return DueState.ON_TIME


def start_of_day(now: datetime) -> datetime:
    """Midnight of ``now``'s day: a dossier received since then is not "due soon" yet."""
    return datetime.combine(now.date(), time.min)


def is_overdue(due_at: datetime | None, now: datetime) -> bool:
    """An open dossier past its due moment (a paused clock is never overdue)."""
    return due_at is not None and now > due_at


def is_paused(status: int, due_at: datetime | None) -> bool:
    """An open dossier whose clock is stopped: no due moment while a supplement or a fee is awaited."""
    return due_at is None and status in OPEN_STATUSES


def timeliness(due_at: datetime | None, finished_at: datetime) -> str:
    """Form 06's result column for a step finished at ``finished_at``: early / on_time / late, or ""."""
    return _TIMELINESS.get(finished_state(due_at, finished_at), "")


def due_soon_limit(cal: WorkingCalendar, now: datetime) -> datetime:
    """The latest due moment that still counts as "due soon" (within one working day of ``now``)."""
    return cal.clock_start(cal.add_working_time(now, ONE_WORKING_DAY))


# --------------------------------------------------------------------------- the rule in SQL
# Columns are passed in, so the same forms serve any table with a due moment. Moments are bound
# as DateTime literals: SQLAlchemy stores them as ISO text in SQLite and compares them as such.

_DT = DateTime()


def _moment(value: datetime) -> ColumnElement:
    return literal(value, _DT)


def _due_soon(due_at: SQLColumnExpression, received_at: SQLColumnExpression, now: datetime,
              limit: datetime) -> ColumnElement:
    return and_(due_at <= _moment(limit), received_at < _moment(start_of_day(now)))


def unfinished_case(due_at: SQLColumnExpression, received_at: SQLColumnExpression, moment: datetime,
                    limit: datetime) -> ColumnElement:
    """SQL: the DueState value of a dossier unfinished at ``moment``; ``limit`` = due_soon_limit(moment)."""
    return case(
        (due_at.is_(None), literal(DueState.PAUSED.value)),
        (due_at < _moment(moment), literal(DueState.OVERDUE.value)),
        (_due_soon(due_at, received_at, moment, limit), literal(DueState.DUE_SOON.value)),
        else_=literal(DueState.ON_TIME.value),
    )


def finished_case(due_at: SQLColumnExpression, finished_at: SQLColumnExpression) -> ColumnElement:
    """SQL: the DueState value of a finished dossier (early / on time / overdue; paused without a due moment)."""
    return case(
        (due_at.is_(None), literal(DueState.PAUSED.value)),
        (finished_at > due_at, literal(DueState.OVERDUE.value)),
        (func.substr(finished_at, 1, 10) == func.substr(due_at, 1, 10), literal(DueState.ON_TIME.value)),
        else_=literal(DueState.EARLY.value),
    )


def finished_late_sql(due_at: SQLColumnExpression, finished_at: SQLColumnExpression) -> ColumnElement:
    """SQL: a finished dossier was late (``finished_case`` would say OVERDUE); portable to any
    database (no text functions), for counters that only split late from not late."""
    return and_(due_at.is_not(None), finished_at > due_at)


def open_filter(state: DueState, due_at: SQLColumnExpression, now: datetime,
                limit: datetime | None = None, received_at: SQLColumnExpression | None = None) -> list[ColumnElement]:
    """SQL conditions on ``due_at`` selecting open dossiers in ``state`` (the caller adds the open statuses).

    ``limit`` is :func:`due_soon_limit` at ``now`` and ``received_at`` the receipt column, both needed
    for DUE_SOON and ON_TIME.
    """
    state = DueState(state)
    if state is DueState.PAUSED:
        return [due_at.is_(None)]
    if state is DueState.OVERDUE:
        return [due_at < _moment(now)]
    if limit is None or received_at is None:
        raise ValueError(f"open_filter({state}) needs the due-soon limit and the receipt column")
    if state is DueState.DUE_SOON:
        return [due_at >= _moment(now), _due_soon(due_at, received_at, now, limit)]
    if state is DueState.ON_TIME:
        return [due_at >= _moment(now), or_(due_at > _moment(limit), received_at >= _moment(start_of_day(now)))]
    raise ValueError(f"{state} is not a state of an open dossier")
