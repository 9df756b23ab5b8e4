"""Dossier status lifecycle: the national status codes and the one table of allowed moves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from counter_app.domain.records import dossier_record
from counter_app.models import Dossier, DossierStatus, Officer, utcnow_naive
from counter_app.services import audit, outbox
from counter_app.services.errors import IllegalTransitionError

S = DossierStatus

STATUS_LABELS: dict[DossierStatus, str] = {
    S.NEW: "Mới đăng ký",
    S.RECEIVED: "Đã tiếp nhận",
    S.REFUSED: "Không tiếp nhận",
    S.PROCESSING: "Đang giải quyết",
    S.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    S.AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    S.WITHDRAWN: "Công dân rút hồ sơ",
    S.STOPPED: "Dừng xử lý",
    S.RESULT_READY: "Đã có kết quả",
    S.RETURNED: "Đã trả kết quả",
}

# Every allowed move, in one place. Refused, withdrawn, stopped and returned are final.
TRANSITIONS: dict[DossierStatus, frozenset[DossierStatus]] = {
    S.NEW: frozenset({S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN}),
    S.RECEIVED: frozenset({S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN,
                           S.STOPPED, S.RESULT_READY}),
    S.PROCESSING: frozenset({S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT, S.WITHDRAWN, S.STOPPED,
                             S.RESULT_READY}),
    S.SUPPLEMENT_REQUESTED: frozenset({S.PROCESSING, S.WITHDRAWN, S.STOPPED}),
    S.AWAITING_PAYMENT: frozenset({S.PROCESSING, S.WITHDRAWN, S.STOPPED, S.RESULT_READY}),
    S.RESULT_READY: frozenset({S.RETURNED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}

FINAL_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# Statuses whose processing clock is running: what "unfinished" means for the counters.
OPEN_STATUSES = frozenset({S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT})


def label(status: int | DossierStatus) -> str:
    # Plain ints hash like the members, so the lookup needs no conversion; an unknown code still
    # raises ValueError from DossierStatus(). (Called on every scan and every list row.)
    label_ = STATUS_LABELS.get(status)
    return label_ if label_ is not None else STATUS_LABELS[DossierStatus(status)]


def can_move(current: int | DossierStatus, target: int | DossierStatus) -> bool:
    return DossierStatus(target) in TRANSITIONS[DossierStatus(current)]


def check_move(current: int | DossierStatus, target: int | DossierStatus) -> None:
    if not can_move(current, target):
        raise IllegalTransitionError(
            f"Không thể chuyển hồ sơ từ trạng thái «{label(current)}» sang «{label(target)}»."
        )


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
    dossier.status_changed_at = at or utcnow_naive()
    record_change(session, dossier, action="dossier.status_changed", officer=officer, actor=actor,
                  details={"from": current.value, "to": target.value, "reason": reason, **(details or {})},
                  outbox_event=outbox_event)
