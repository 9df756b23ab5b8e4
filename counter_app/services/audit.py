"""Append-only, hash-chained audit log.

Each row stores the hash of the previous row and a SHA-256 over its own content plus that
previous hash, so editing or deleting any row breaks every hash after it. Rows are appended
inside the caller's write transaction (``BEGIN IMMEDIATE``), which serialises the chain even with
several processes writing the same file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from counter_app.models import AuditEvent, Officer, local_now
from counter_app.models.db import Database

GENESIS_HASH = "0" * 64
# The newest hash of the chain as this session knows it, so a unit of work that appends many rows
# (a sync page) reads the chain's end once. Forgotten on any rollback (a savepoint's rows are gone)
# and at the end of each transaction (another process may append in between).
_LAST_HASH = "audit.last_hash"


@event.listens_for(Session, "after_soft_rollback")
def _forget_after_rollback(session: Session, _previous) -> None:  # noqa: ANN001
    session.info.pop(_LAST_HASH, None)


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session: Session) -> None:
    session.info.pop(_LAST_HASH, None)


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _row_hash(prev_hash: str, at: datetime, officer_id: int | None, actor: str, action: str,
              entity: str, entity_key: str, details: str) -> str:
    content = canonical_json([prev_hash, at.isoformat(), officer_id, actor, action, entity, entity_key, details])
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def append(session: Session, *, action: str, entity: str, entity_key: str = "",
           officer: Officer | None = None, actor: str | None = None,
           details: dict[str, Any] | None = None, at: datetime | None = None) -> AuditEvent:
    prev_hash = session.info.get(_LAST_HASH)
    if prev_hash is None:
        last = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
        prev_hash = last or GENESIS_HASH
    at = at or local_now()
    actor = actor if actor is not None else (officer.full_name if officer else "system")
    details_json = canonical_json(details or {})
    row = AuditEvent(
        at=at, officer_id=officer.id if officer else None, actor=actor, action=action,
        entity=entity, entity_key=entity_key, details=details_json, prev_hash=prev_hash,
        hash=_row_hash(prev_hash, at, officer.id if officer else None, actor, action, entity,
                       entity_key, details_json),
    )
    session.add(row)  # inserted at the next flush; rows keep the order they were added in
    session.info[_LAST_HASH] = row.hash
    return row


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def verify_log(db: Database) -> VerifyResult:
    """:func:`verify` in a read unit of work of its own (``counter-app audit verify``)."""
    with db.read() as session:
        return verify(session)


def verify(session: Session, batch: int = 5000) -> VerifyResult:
    """Walk the chain in id order; report the first row whose content or link does not match."""
    prev_hash = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).scalars().all()
        if not rows:
            return VerifyResult(ok=True, checked=checked)
        for row in rows:
            if row.prev_hash != prev_hash:
                return VerifyResult(False, checked, row.id, "liên kết với dòng trước bị đứt (dòng trước bị sửa hoặc xóa)")
            expected = _row_hash(row.prev_hash, row.at, row.officer_id, row.actor, row.action,
                                 row.entity, row.entity_key, row.details)
            if row.hash != expected:
                return VerifyResult(False, checked, row.id, "nội dung dòng đã bị sửa")
            prev_hash = row.hash
            checked += 1
            last_id = row.id
        session.expunge_all()
