"""Audit anchors: the central's copy of each desk's audit-chain head (``models.AuditAnchor``).

Every push may carry ``audit_head`` (``{"seq": id of the newest audit row, "hash": its hash}``);
a new head is stored with the time it arrived. ``GET /api/v1/audit/anchor`` (and
``counter-central audit anchor``) answers "desk N had head H at row S", or the newest head;
``GET /api/v1/audit/anchors`` gives a desk every head it sent (checked by ``audit verify --central``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.sync import protocol as p

from .models import AuditAnchor, now_local


def record(session: Session, unit_code: str, desk_number: int, head: Any) -> None:
    if head is None:
        return
    last = session.execute(
        select(AuditAnchor).where(AuditAnchor.unit_code == unit_code, AuditAnchor.desk_number == desk_number)
        .order_by(AuditAnchor.seq.desc(), AuditAnchor.id.desc()).limit(1)).scalar_one_or_none()
    if last is not None and last.seq == head.seq and last.head == head.hash:
        return
    session.add(AuditAnchor(unit_code=unit_code, desk_number=desk_number, seq=head.seq, head=head.hash,
                            received_at=now_local()))


MAX_HISTORY = 20_000  # a new head per sync pass with work done: six weeks of a pass a minute all day


def history(session: Session, unit_code: str, desk_number: int) -> list[dict[str, Any]]:
    """The heads the desk sent (the newest ``MAX_HISTORY``), in the order received
    (``counter-app audit verify --central``)."""
    rows = session.execute(
        select(AuditAnchor.seq, AuditAnchor.head, AuditAnchor.received_at)
        .where(AuditAnchor.unit_code == unit_code, AuditAnchor.desk_number == desk_number)
        .order_by(AuditAnchor.id.desc()).limit(MAX_HISTORY)).all()
    return [{"seq": seq, "hash": head, "received_at": p.format_moment(at)} for seq, head, at in reversed(rows)]


def find(session: Session, unit_code: str, desk_number: int, seq: int | None = None) -> dict[str, Any] | None:
    stmt = select(AuditAnchor).where(AuditAnchor.unit_code == unit_code, AuditAnchor.desk_number == desk_number)
    if seq is not None:
        stmt = stmt.where(AuditAnchor.seq == seq)
    row = session.execute(stmt.order_by(AuditAnchor.seq.desc(), AuditAnchor.id.desc()).limit(1)).scalar_one_or_none()
    if row is None:
        return None
    return {"unit_code": row.unit_code, "desk_number": row.desk_number, "seq": row.seq, "hash": row.head,
            "received_at": p.format_moment(row.received_at)}

