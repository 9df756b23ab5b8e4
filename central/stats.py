"""Province-wide counters: the shared definitions (counter_app/domain/counters.py) computed in SQL."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, not_, select
from sqlalchemy.orm import Session

from counter_app.domain.counters import UnitCounters, open_sql, overdue_sql, total

from . import quarantine
from .models import Dossier, OnlineDossier, Unit, now_local


def _period(column: Any, start: date | None, end: date | None) -> Any:
    """``column`` inside the days start..end, both inclusive (an open side is unbounded)."""
    conditions = [column.is_not(None)]
    if start is not None:
        conditions.append(column >= datetime.combine(start, time.min))
    if end is not None:
        conditions.append(column < datetime.combine(end + timedelta(days=1), time.min))
    return and_(*conditions)


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def count_units(session: Session, *, start: date | None, end: date | None, unit_code: str | None,
                now: datetime) -> dict[str, UnitCounters]:
    """``counter_app.domain.counters.count_dossiers`` computed by the database: one grouped scan, no
    dossier loaded into Python, no calendar built (tests check both give the same numbers)."""
    d = Dossier
    stmt = select(d.unit_code, _count(_period(d.received_at, start, end)), _count(_period(d.returned_at, start, end)),
                  _count(and_(open_sql(d.status), not_(overdue_sql(d.status, d.due_at, now)))),
                  _count(overdue_sql(d.status, d.due_at, now))).group_by(d.unit_code).order_by(d.unit_code)
    if unit_code:
        stmt = stmt.where(d.unit_code == unit_code)
    return {row[0]: UnitCounters(row[0], *(int(v) for v in row[1:])) for row in session.execute(stmt)}


def counters(session: Session, *, start: date | None = None, end: date | None = None,
             unit_code: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    now = now or now_local()
    per_unit = count_units(session, start=start, end=end, unit_code=unit_code, now=now)
    names = {u.code: u.name for u in session.execute(select(Unit)).scalars()}
    held = quarantine.open_counts(session, unit_code)
    channels = _channels(session, start=start, end=end, unit_code=unit_code)
    waiting = _online_waiting(session, unit_code)
    return {
        "at": now.isoformat(sep=" "),
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "units": [{**c.to_json(), "unit_name": names.get(code, ""), "quarantined": held.get(code, 0),
                   "received_by_channel": channels.get(code, _no_channels()),
                   "online_waiting": waiting.get(code, 0)}
                  for code, c in per_unit.items()],
        "total": {k: v for k, v in total(per_unit).to_json().items() if k != "unit_code"}
        | {"quarantined": sum(held.values()),
           "received_by_channel": {k: sum(c[k] for c in channels.values()) for k in CHANNELS},
           "online_waiting": sum(waiting.values())},
    }


CHANNELS = ("direct", "post", "online")  # KenhThucHien 1, 2, 3 (domain/records.py)


def _no_channels() -> dict[str, int]:
    return dict.fromkeys(CHANNELS, 0)


def _channels(session: Session, *, start: date | None, end: date | None,
              unit_code: str | None) -> dict[str, dict[str, int]]:
    """Dossiers received in the period per unit and channel (issue #15: counters split by channel)."""
    d = Dossier
    stmt = (select(d.unit_code, d.channel, func.count()).where(_period(d.received_at, start, end))
            .group_by(d.unit_code, d.channel))
    if unit_code:
        stmt = stmt.where(d.unit_code == unit_code)
    out: dict[str, dict[str, int]] = {}
    for code, channel, n in session.execute(stmt).tuples():
        key = channel if channel in CHANNELS else "direct"
        out.setdefault(code, _no_channels())[key] += n
    return out


def _online_waiting(session: Session, unit_code: str | None) -> dict[str, int]:
    """Online dossiers still waiting for a desk of each unit."""
    stmt = (select(OnlineDossier.unit_code, func.count()).where(OnlineDossier.state == "waiting")
            .group_by(OnlineDossier.unit_code))
    if unit_code:
        stmt = stmt.where(OnlineDossier.unit_code == unit_code)
    return dict(session.execute(stmt).tuples().all())
