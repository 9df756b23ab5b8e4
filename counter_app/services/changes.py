"""Recording a dossier change: the audit row and the outbox event, in the caller's transaction.

The rule of which moves are allowed is :mod:`counter_app.domain.lifecycle`; this is the use-case
side every service (and the sync's apply step) goes through to change a dossier's status.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.lifecycle import DossierStatus, check_move
from counter_app.domain.records import Paper, dossier_record
from counter_app.models import ROLE_RECEIVED, Attachment, Dossier, Officer, OutboxEvent, local_now

from . import audit, outbox


def record_change(session: Session, dossier: Dossier, *, action: str, officer: Officer | None,
                  details: dict[str, Any] | None = None, actor: str | None = None,
                  outbox_event: bool = True) -> None:
    """Audit row + outbox event for a dossier change, in the caller's transaction.

    ``outbox_event=False`` for changes pulled from the central system: they are audited here but
    must not travel back to the central as if the desk had made them.
    """
    details = dict(details or {})
    audit.append(session, action=action, entity="dossier", entity_key=dossier.code, officer=officer,
                 actor=actor, details=details)
    if not outbox_event:
        return
    outbox.enqueue(session, desk_id=dossier.desk_id, kind=action, entity_key=dossier.code,
                   payload={"event": action, "record": dossier_record(dossier, papers_of(session, dossier)),
                            "details": details})


def papers_of(session: Session, dossier: Dossier) -> list[Paper]:
    """The files attached for the dossier's documents (digitised / reused, issue #13) for its record."""
    if dossier.id is None or dossier.intake_id is None:
        return []
    return [Paper(doc_id, name, sha, bool(reused)) for doc_id, name, sha, reused in session.execute(
        select(Attachment.required_document_id, Attachment.file_name, Attachment.sha256, Attachment.reused)
        .where(Attachment.dossier_id == dossier.id, Attachment.role == ROLE_RECEIVED,
               Attachment.required_document_id.is_not(None)).order_by(Attachment.id)).tuples()
        if doc_id is not None]


def change_status(session: Session, dossier: Dossier, target: DossierStatus, *,
                  officer: Officer | None, reason: str = "", at: datetime | None = None,
                  details: dict[str, Any] | None = None, actor: str | None = None,
                  outbox_event: bool = True) -> None:
    """Move ``dossier`` to ``target``: raises (changing nothing) when the move is not allowed."""
    current = DossierStatus(dossier.status)
    check_move(current, target)
    dossier.status = target.value
    dossier.status_changed_at = at or local_now()
    record_change(session, dossier, action="dossier.status_changed", officer=officer, actor=actor,
                  details={"from": current.value, "to": target.value, "reason": reason, **(details or {})},
                  outbox_event=outbox_event)


def refresh_unsent_record(session: Session, dossier: Dossier) -> None:
    """Files attached in the same unit of work as the reception (issue #13) belong in the record the
    ``dossier.received`` event carries: that event, not sent yet, gets the record as it now is."""
    event = session.execute(select(OutboxEvent).where(
        OutboxEvent.entity_key == dossier.code, OutboxEvent.kind == "dossier.received",
        OutboxEvent.acked_at.is_(None), OutboxEvent.attempts == 0).order_by(OutboxEvent.id.desc()).limit(1)
    ).scalar_one_or_none()
    if event is None:
        return
    payload = json.loads(event.payload)
    payload["record"] = dossier_record(dossier, papers_of(session, dossier))
    event.payload = json.dumps(payload, ensure_ascii=False, default=str)
