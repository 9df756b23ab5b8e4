"""Recording a dossier change: the audit row and the outbox event, in the caller's transaction.

The rule of which moves are allowed is :mod:`counter_app.domain.lifecycle`; this is the use-case
side every service (and the sync's apply step) goes through to change a dossier's status.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from counter_app.domain.lifecycle import DossierStatus, check_move
from counter_app.domain.records import dossier_record
from counter_app.models import Dossier, Officer, local_now

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
                   payload={"event": action, "record": dossier_record(dossier), "details": details})


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
