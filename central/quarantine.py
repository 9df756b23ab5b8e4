"""Quarantined desk events: what the central refused, listed for the central admin (CLI and API)
and counted on the counters until zero. See push.py for how events get here and leave."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.sync import protocol as p

from .errors import NotFound
from .models import QuarantinedEvent, now_local

MAX_LIST = 1000


def _row(q: QuarantinedEvent) -> dict[str, Any]:
    return {"uuid": q.uuid, "unit_code": q.unit_code, "desk_number": q.desk_number, "seq": q.seq, "kind": q.kind,
            "entity_key": q.entity_key, "reason": q.reason, "received_at": p.format_moment(q.received_at),
            "resolved_at": p.format_moment(q.resolved_at), "resolved_by": q.resolved_by}


def list_events(session: Session, *, unit_code: str | None = None, desk_number: int | None = None,
                include_resolved: bool = False, limit: int = MAX_LIST) -> list[dict[str, Any]]:
    stmt = select(QuarantinedEvent)
    if not include_resolved:
        stmt = stmt.where(QuarantinedEvent.resolved_at.is_(None))
    if unit_code is not None:
        stmt = stmt.where(QuarantinedEvent.unit_code == unit_code)
    if desk_number is not None:
        stmt = stmt.where(QuarantinedEvent.desk_number == desk_number)
    stmt = stmt.order_by(QuarantinedEvent.unit_code, QuarantinedEvent.desk_number, QuarantinedEvent.seq)
    return [_row(q) for q in session.execute(stmt.limit(max(1, min(limit, MAX_LIST)))).scalars()]


def open_counts(session: Session, unit_code: str | None = None) -> dict[str, int]:
    """Open (unresolved) quarantined events per unit code."""
    stmt = (select(QuarantinedEvent.unit_code, func.count()).where(QuarantinedEvent.resolved_at.is_(None))
            .group_by(QuarantinedEvent.unit_code))
    if unit_code is not None:
        stmt = stmt.where(QuarantinedEvent.unit_code == unit_code)
    return {code: count for code, count in session.execute(stmt)}


def resolve(session: Session, uuid: str, note: str) -> dict[str, Any]:
    """The central admin settles an event by hand (e.g. data corrected at the central by other means)."""
    row = session.get(QuarantinedEvent, uuid.strip())
    if row is None:
        raise NotFound(f"Không có sự kiện bị giữ lại nào mang mã {uuid.strip()[:40]}.")
    if row.resolved_at is None:
        row.resolved_at = now_local()
        row.resolved_by = f"quản trị: {note}"[:255]
    return _row(row)
