"""The period report (carried over, received, resolved early / on time / late, closed, unfinished),
per field and procedure, from the same grouped queries as the dashboard (:mod:`counter_app.services.stats`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.due_state import DueState
from counter_app.models import Unit, local_now
from counter_app.models.db import Database

from .office_calendar import calendar_for
from .stats import (  # shared queries
    Grain,
    _closed,
    _finished,
    _grain_keys,
    _Names,
    _names,
    _received,
    _unfinished,
    window,
)
from .stats_records import PeriodReport, PeriodRow


class _PeriodRollup:
    def __init__(self, names: _Names) -> None:
        self._names = names
        self.fields: dict[str, dict[str, Any]] = {}
        self.procedures: dict[str, dict[str, Any]] = {}
        self.totals: dict[str, Any] = {"key": "total", "code": "", "name": "Tổng cộng"}

    def add(self, grain: Grain, column: str, n: int) -> None:
        keys = _grain_keys(self._names, grain)
        proc = self._names.procedures.get(grain[2]) if grain[2] is not None else None
        field_key, field_name = keys["field"]
        frow = self.fields.setdefault(field_key, {"key": field_key, "code": field_key, "name": field_name})
        pkey = proc[0] if proc else "—"
        prow = self.procedures.setdefault(pkey, {"key": pkey, "code": pkey, "name": proc[1] if proc else "—",
                                                 "parent": field_key})
        for row in (frow, prow, self.totals):
            row[column] = row.get(column, 0) + n


def compute_period_report(session: Session, start: date, end: date | None = None, *,
                          now: datetime | None = None) -> PeriodReport:
    """Carried over, newly received, resolved early/on time/late, closed, unfinished at the end."""
    now = now or local_now()
    start, end, lo, hi = window(start, end)
    as_of = min(now, hi)
    cal = calendar_for(session)
    carried = _unfinished(session, cal, min(lo, now), now) if lo < now else []
    received = _received(session, lo, hi)
    resolved = _finished(session, lo, hi, returned=False)
    closed = _closed(session, lo, hi)
    unfinished = _unfinished(session, cal, as_of, now)
    grains = {g for g, *_ in carried} | {g for g, *_ in received} | {g for g, *_ in resolved} | \
        {g for g, *_ in closed} | {g for g, *_ in unfinished}
    rollup = _PeriodRollup(_names(session, grains))
    for grain, _state, n in carried:
        rollup.add(grain, "carried_over", n)
    for grain, _channel, n in received:
        rollup.add(grain, "received", n)
    resolved_column = {DueState.EARLY: "resolved_early", DueState.ON_TIME: "resolved_on_time",
                       DueState.OVERDUE: "resolved_late", DueState.PAUSED: "resolved_on_time"}
    for grain, state, n in resolved:
        # Finished while the clock was stopped: no deadline was missed, so it counts as on time.
        rollup.add(grain, resolved_column[DueState(state)], n)
    for grain, _status, n in closed:
        rollup.add(grain, "closed", n)
    for grain, state, n in unfinished:
        rollup.add(grain, "unfinished_overdue" if state == DueState.OVERDUE else "unfinished_within", n)
    unit_name = session.execute(select(Unit.name).order_by(Unit.id).limit(1)).scalar() or ""
    by_field = tuple(sorted((PeriodRow(**r) for r in rollup.fields.values()), key=lambda r: r.name))
    by_procedure = tuple(sorted((PeriodRow(**r) for r in rollup.procedures.values()),
                                key=lambda r: (r.parent, r.code)))
    return PeriodReport(start, end, as_of, unit_name, PeriodRow(**rollup.totals), by_field, by_procedure)


def period_report(db: Database, start: date, end: date | None = None, *, now: datetime | None = None) -> PeriodReport:
    with db.read() as session:
        return compute_period_report(session, start, end, now=now)
