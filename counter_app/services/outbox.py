"""The sync outbox: an event row per state change, written in the caller's transaction."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.models import OutboxEvent

from . import settings

# The central's last applied sequence of this desk, when the desk fast-forwarded to it (a restored
# or copied file, sync/guard.py): new events are numbered after it even if the file has fewer.
SEQ_FLOOR_KEY = "outbox.seq_floor"


def enqueue(session: Session, *, desk_id: int, kind: str, entity_key: str, payload: dict[str, Any]) -> OutboxEvent:
    # The write transaction holds SQLite's write lock, so max()+1 cannot race another writer.
    last = session.execute(
        select(func.max(OutboxEvent.desk_seq)).where(OutboxEvent.desk_id == desk_id)
    ).scalar()
    floor = int(settings.get(session, SEQ_FLOOR_KEY, 0) or 0)
    event = OutboxEvent(
        uuid=str(uuid.uuid4()), desk_id=desk_id, desk_seq=max(last or 0, floor) + 1, kind=kind,
        entity_key=entity_key, payload=json.dumps(payload, ensure_ascii=False, default=str),
    )
    session.add(event)
    session.flush()
    return event


def pending_count(session: Session) -> int:
    return session.execute(select(func.count()).where(OutboxEvent.acked_at.is_(None))).scalar_one()
