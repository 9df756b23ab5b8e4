"""Province-wide counters: the central's dossiers through the shared counting function."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.counters import CounterRow, count_dossiers, total

from . import quarantine
from .models import CalendarOverride, Dossier, Unit, now_local


def calendar(session: Session) -> WorkingCalendar:
    """Default office hours plus the province's overrides (the same ones the desks pull)."""
    overrides = {row.day: row.is_working for row in session.execute(select(CalendarOverride)).scalars()}
    return WorkingCalendar(overrides=overrides)


def _rows(session: Session, unit_code: str | None) -> Iterable[CounterRow]:
    stmt = select(Dossier.unit_code, Dossier.status, Dossier.received_at, Dossier.due_at, Dossier.returned_at)
    if unit_code:
        stmt = stmt.where(Dossier.unit_code == unit_code)
    for row in session.execute(stmt.order_by(Dossier.unit_code)).yield_per(5000):
        yield CounterRow(*row)


def counters(session: Session, *, start: date | None = None, end: date | None = None,
             unit_code: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    now = now or now_local()
    per_unit = count_dossiers(_rows(session, unit_code), calendar(session), now, start=start, end=end)
    names = {u.code: u.name for u in session.execute(select(Unit)).scalars()}
    held = quarantine.open_counts(session, unit_code)
    return {
        "at": now.isoformat(sep=" "),
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "units": [{**c.to_json(), "unit_name": names.get(code, ""), "quarantined": held.get(code, 0)}
                  for code, c in per_unit.items()],
        "total": {k: v for k, v in total(per_unit).to_json().items() if k != "unit_code"}
        | {"quarantined": sum(held.values())},
    }
