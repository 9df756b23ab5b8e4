"""Province-wide counters: the shared definitions (counter_app/domain/counters.py) computed in SQL."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, not_, select
from sqlalchemy.orm import Session

from counter_app.domain.counters import UnitCounters, open_sql, overdue_sql, total
from counter_app.domain.digitisation import DigitisationCounts
from counter_app.domain.due_state import finished_late_sql
from counter_app.domain.indicators import IndicatorCounts
from counter_app.domain.lifecycle import DossierStatus

from . import quarantine
from .models import Attachment, Dossier, OnlineDossier, Payment, Rating, Unit, now_local


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


def indicator_units(session: Session, *, start: date | None, end: date | None,
                    unit_code: str | None) -> dict[str, IndicatorCounts]:
    """The service-index indicators per unit (counter_app/domain/indicators.py: the same definitions as the
    desk's dashboard), from the dossiers, payments and ratings the desks synced. Digitisation stays None
    until the desks send the national record's document flags (issues #13, #15)."""
    d = Dossier
    finish = func.coalesce(d.result_ready_at, d.returned_at)
    resolved = and_(d.status.in_([DossierStatus.RESULT_READY.value, DossierStatus.RETURNED.value]),
                    _period(finish, start, end))
    received = _period(d.received_at, start, end)
    stmt = select(d.unit_code, _count(resolved), _count(and_(resolved, not_(finished_late_sql(d.due_at, finish)))),
                  _count(received), _count(and_(received, d.channel == "online"))).group_by(d.unit_code)
    pay = select(Payment.unit_code, func.count(), _count(Payment.method == "online")).where(
        Payment.voided_at.is_(None), _period(Payment.paid_at, start, end)).group_by(Payment.unit_code)
    rate = select(Rating.unit_code, func.count(), _count(Rating.score.in_([1, 2]))).where(
        _period(Rating.rated_at, start, end)).group_by(Rating.unit_code)
    if unit_code:
        stmt, pay, rate = (stmt.where(d.unit_code == unit_code), pay.where(Payment.unit_code == unit_code),
                           rate.where(Rating.unit_code == unit_code))
    out: dict[str, IndicatorCounts] = {}
    for code, n_resolved, on_time, n_received, online in session.execute(stmt):
        out[code] = IndicatorCounts(resolved=int(n_resolved), resolved_on_time=int(on_time),
                                    received=int(n_received), received_online=int(online))
    for code, n, online in session.execute(pay):
        c = out.setdefault(code, IndicatorCounts())
        c.payments, c.payments_online = int(n), int(online)
    for code, n, ok in session.execute(rate):
        c = out.setdefault(code, IndicatorCounts())
        c.ratings, c.satisfied = int(n), int(ok)
    return out


def counters(session: Session, *, start: date | None = None, end: date | None = None,
             unit_code: str | None = None, now: datetime | None = None) -> dict[str, Any]:
    now = now or now_local()
    per_unit = count_units(session, start=start, end=end, unit_code=unit_code, now=now)
    names = {u.code: u.name for u in session.execute(select(Unit)).scalars()}
    held = quarantine.open_counts(session, unit_code)
    channels = _channels(session, start=start, end=end, unit_code=unit_code)
    waiting = _online_waiting(session, unit_code)
    indicators = indicator_units(session, start=start, end=end, unit_code=unit_code)
    all_units = IndicatorCounts()
    for counts in indicators.values():
        all_units.add(counts)
    digitised = digitisation_units(session, start=start, end=end, unit_code=unit_code)
    return {
        "at": now.isoformat(sep=" "),
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "units": [{**c.to_json(), "unit_name": names.get(code, ""), "quarantined": held.get(code, 0),
                   "received_by_channel": channels.get(code, _no_channels()),
                   "online_waiting": waiting.get(code, 0),
                   "indicators": indicators.get(code, IndicatorCounts()).to_json()}
                  for code, c in per_unit.items()],
        "total": {k: v for k, v in total(per_unit).to_json().items() if k != "unit_code"}
        | {"quarantined": sum(held.values()),
           "received_by_channel": {k: sum(c[k] for c in channels.values()) for k in CHANNELS},
           "online_waiting": sum(waiting.values()), "indicators": all_units.to_json()},
        "digitisation": {"units": {code: c.to_json() for code, c in digitised.items()},
                         "total": DigitisationCounts(*(sum(getattr(c, f) for c in digitised.values()) for f in (
                             "received", "fully_digitised", "provided_documents", "reused_documents"))).to_json()},
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


def digitisation_units(session: Session, *, start: date | None, end: date | None,
                       unit_code: str | None) -> dict[str, DigitisationCounts]:
    """The digitisation and reuse counters (counter_app/domain/digitisation.py) per unit: dossiers
    received in the period whose every provided document (SoGiayToNop of the desk's record) has a
    file, and the documents reused, from the attachments the desks announced."""
    a, d = Attachment, Dossier
    docs = (select(a.dossier_code.label("code"), func.count(func.distinct(a.document_name)).label("digitised"),
                   func.count(func.distinct(case((a.reused.is_(True), a.document_name)))).label("reused"))
            .where(a.role == "received", a.document_name != "").group_by(a.dossier_code).subquery())
    digitised = func.coalesce(docs.c.digitised, 0)
    stmt = (select(d.unit_code, func.count(), _count(and_(d.documents_provided > 0, digitised >= d.documents_provided)),
                   func.coalesce(func.sum(d.documents_provided), 0), func.coalesce(func.sum(func.coalesce(docs.c.reused, 0)), 0))
            .select_from(d).outerjoin(docs, docs.c.code == d.code).where(_period(d.received_at, start, end))
            .group_by(d.unit_code).order_by(d.unit_code))
    if unit_code:
        stmt = stmt.where(d.unit_code == unit_code)
    return {row[0]: DigitisationCounts(*(int(v) for v in row[1:])) for row in session.execute(stmt)}
