"""Fast-forwarding a restored or copied desk file to the central's high-water marks (issue #11).

``counter_app.services.restore_guard`` flags a desk file that may be behind (a restore, a file
last used by another installation); every sync pass (``SyncService``) then first asks the central
for the desk's marks (``POST /api/v1/sync/marks``: last sequence applied, last code per day and
kind, which unsent event UUIDs it already has). A flagged desk, or one found behind the marks (a
file restored by hand), is fast-forwarded before anything is pushed or minted: code counters
raised to the marks, unsent events the central already has marked delivered, the others
renumbered after the central's last sequence (and new events numbered after it), flag cleared.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from counter_app.models import CodeSequence, OutboxEvent, local_now
from counter_app.services import outbox, restore_guard, settings
from counter_app.services.restore_guard import check_installation, installation_id, mark_restored, needs_fast_forward

log = logging.getLogger(__name__)

MARK_DAYS = 40  # code marks asked for: the days a desk may still mint codes for
MAX_UUIDS = 1000

__all__ = ["check_installation", "fast_forward", "installation_id", "is_behind", "mark_restored", "marks_request",
           "needs_fast_forward"]


def marks_request(session: Session, desk_id: int, today: date) -> dict[str, Any]:
    """What the desk asks the central: code marks since ``MARK_DAYS`` ago, and which of its unsent
    events the central may already have (those a restored file still thinks are unsent)."""
    uuids = list(session.execute(
        select(OutboxEvent.uuid).where(OutboxEvent.desk_id == desk_id, OutboxEvent.acked_at.is_(None))
        .order_by(OutboxEvent.desk_seq).limit(MAX_UUIDS)).scalars())
    return {"since": (today - timedelta(days=MARK_DAYS)).isoformat(), "uuids": uuids}


def is_behind(session: Session, desk_id: int, marks: dict[str, Any]) -> bool:
    last = max(session.execute(select(func.max(OutboxEvent.desk_seq)).where(OutboxEvent.desk_id == desk_id)).scalar()
               or 0, int(settings.get(session, outbox.SEQ_FLOOR_KEY, 0) or 0))
    if int(marks.get("last_seq") or 0) > last:
        return True
    for mark in marks.get("codes") or []:
        row = session.get(CodeSequence, (desk_id, date.fromisoformat(mark["day"]), mark["kind"]))
        if row is None or row.last_value < int(mark["last"]):
            return True
    return False


def fast_forward(session: Session, desk_id: int, marks: dict[str, Any], installation: str) -> dict[str, int]:
    """Raise the desk's counters to the central's marks (in the caller's write transaction)."""
    raised = 0
    for mark in marks.get("codes") or []:
        day, kind, last = date.fromisoformat(mark["day"]), str(mark["kind"]), int(mark["last"])
        row = session.get(CodeSequence, (desk_id, day, kind))
        if row is None:
            session.add(CodeSequence(desk_id=desk_id, day=day, kind=kind, last_value=last))
            raised += 1
        elif row.last_value < last:
            row.last_value = last
            raised += 1
    last_seq = int(marks.get("last_seq") or 0)
    known = set(marks.get("known") or [])
    now = local_now()
    delivered = cast(CursorResult[Any], session.execute(update(OutboxEvent).where(
        OutboxEvent.desk_id == desk_id, OutboxEvent.acked_at.is_(None), OutboxEvent.uuid.in_(known))
        .values(acked_at=now))).rowcount if known else 0
    # Unsent events the central does not have whose numbers it already used: after its last one.
    clashing = session.execute(select(OutboxEvent).where(
        OutboxEvent.desk_id == desk_id, OutboxEvent.acked_at.is_(None), OutboxEvent.desk_seq <= last_seq)
        .order_by(OutboxEvent.desk_seq)).scalars().all()
    renumbered = 0
    if clashing:
        later = session.execute(select(OutboxEvent).where(
            OutboxEvent.desk_id == desk_id, OutboxEvent.acked_at.is_(None), OutboxEvent.desk_seq > last_seq)
            .order_by(OutboxEvent.desk_seq)).scalars().all()
        for n, event in enumerate([*clashing, *later], start=last_seq + 1):
            event.desk_seq = n
        renumbered = len(clashing)
    session.flush()
    settings.put(session, outbox.SEQ_FLOOR_KEY, max(last_seq, int(settings.get(session, outbox.SEQ_FLOOR_KEY, 0) or 0)))
    settings.put(session, restore_guard.FAST_FORWARD_KEY, "")
    settings.put(session, restore_guard.INSTALLATION_KEY, installation)
    if raised or delivered or renumbered:
        log.warning("sync: desk fast-forwarded to the central's marks: %s code counters, %s events already "
                    "delivered, %s renumbered after %s", raised, delivered, renumbered, last_seq)
    return {"codes": raised, "delivered": delivered, "renumbered": renumbered}
