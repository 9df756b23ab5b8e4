"""The changes feed: publish under the FeedState row lock, read after a cursor.

Ordering argument: ``publish`` increments FeedState.last_id with an UPDATE, which holds the row
lock until the publishing transaction commits. The next publisher blocks on that lock, so cursor
N+1 is only handed out after N is committed: a reader that sees N+1 also sees N, and a desk that
stored cursor N+1 can never miss N.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from counter_app.sync import protocol as p

from .models import Change, FeedState


def publish(session: Session, kind: str, payload: dict[str, Any], *, unit_code: str | None = None,
            desk_number: int | None = None, entity_key: str = "") -> int:
    cursor = session.execute(
        update(FeedState).where(FeedState.id == 1).values(last_id=FeedState.last_id + 1)
        .returning(FeedState.last_id)
    ).scalar_one()
    session.add(Change(id=cursor, kind=kind, unit_code=unit_code, desk_number=desk_number,
                       entity_key=entity_key[:64], payload=json.dumps(payload, ensure_ascii=False)))
    return cursor


def _scopes(unit_code: str, desk_number: int) -> list[Any]:
    # Three index range scans instead of one OR: global, unit-wide, this desk.
    return [
        Change.unit_code.is_(None),
        and_(Change.unit_code == unit_code, Change.desk_number.is_(None)),
        and_(Change.unit_code == unit_code, Change.desk_number == desk_number),
    ]


@dataclass(frozen=True)
class ChangesPage:
    changes: list[dict[str, Any]]
    cursor: int
    remaining: int


def read(session: Session, unit_code: str, desk_number: int, after: int, limit: int) -> ChangesPage:
    """Call inside one snapshot (CentralDatabase.read(snapshot=True))."""
    limit = max(1, min(limit, p.MAX_CHANGES_LIMIT))
    rows: list[Change] = []
    for scope in _scopes(unit_code, desk_number):
        rows.extend(session.execute(
            select(Change).where(scope, Change.id > after).order_by(Change.id).limit(limit)
        ).scalars())
    rows.sort(key=lambda c: c.id)
    rows = rows[:limit]
    cursor = rows[-1].id if rows else after
    remaining = sum(
        session.execute(select(func.count()).select_from(Change).where(scope, Change.id > cursor)).scalar_one()
        for scope in _scopes(unit_code, desk_number)
    )
    # Mark status entries a newer entry of the same dossier supersedes: the desk replays them as
    # history but never adopts their status (the newer one settles it).
    keys = {c.entity_key for c in rows if c.kind == p.CHANGE_DOSSIER_STATUS}
    latest: dict[str, int] = {}
    if keys:
        latest = dict(session.execute(
            select(Change.entity_key, func.max(Change.id))
            .where(Change.kind == p.CHANGE_DOSSIER_STATUS, Change.entity_key.in_(keys),
                   Change.unit_code == unit_code, Change.desk_number == desk_number)
            .group_by(Change.entity_key)).all())
    changes = [{"id": c.id, "kind": c.kind, "at": p.format_moment(c.created_at), "entity_key": c.entity_key,
                "payload": json.loads(c.payload),
                **({"superseded": c.id < latest[c.entity_key]} if c.entity_key in latest else {})} for c in rows]
    return ChangesPage(changes, cursor, remaining)
