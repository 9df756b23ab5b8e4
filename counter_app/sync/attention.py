"""Events the central refused and kept aside ("cần xử lý"): what the desk shows, and the correction.

The central never stops a desk's queue for one record (issue #11): an event its field rules refuse
(an old record over a limit, a NUL …) is *quarantined* there, its sequence acknowledged, and the
reason listed for the central admin. The desk learns which of its events those are from
``GET /api/v1/quarantine`` after each push (``reconcile``) and keeps the reason on the outbox row
(``refused_reason``). The officer sees them on the "Cần xử lý" page, corrects the dossier (or the
intake that never became one) with ``correct``, which validates with the same shared rules and
sends a ``dossier.corrected`` / ``intake.corrected`` event holding the full corrected record; once
the central accepts it, it resolves the quarantine and the desk marks the rows resolved.
Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter_app.domain import fields
from counter_app.domain.records import dossier_record, intake_record
from counter_app.domain.text import fold
from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import (
    Applicant,
    ApplicantKind,
    Dossier,
    Intake,
    IntakeOutcome,
    Officer,
    OutboxEvent,
    Role,
    SupplementNotice,
    local_now,
)
from counter_app.models.db import Database
from counter_app.services import applicants, audit, outbox
from counter_app.services.applicants import ApplicantInput
from counter_app.services.errors import NotFoundError, PermissionDeniedError, ValidationError
from counter_app.services.org import DeskContext

from . import protocol as p

# Who may correct: the officers who receive (they typed it) and supervisors; not a return-only clerk.
CORRECTING_ROLES = frozenset({Role.RECEPTION, Role.SUPERVISOR})
KIND_LABELS = {  # translated when shown
    "dossier.received": QT_TR_NOOP("Tiếp nhận hồ sơ"),
    p.EVENT_STATUS_CHANGED: QT_TR_NOOP("Chuyển trạng thái"),
    p.EVENT_DEADLINE_CHANGED: QT_TR_NOOP("Cập nhật hạn trả"),
    p.EVENT_DOSSIER_CORRECTED: QT_TR_NOOP("Bản sửa hồ sơ"),
    "intake.refused": QT_TR_NOOP("Từ chối tiếp nhận"),
    "intake.supplement_requested": QT_TR_NOOP("Yêu cầu bổ sung"),
    p.EVENT_INTAKE_CORRECTED: QT_TR_NOOP("Bản sửa lượt tiếp nhận"),
}


@dataclass(frozen=True)
class AttentionItem:
    seq: int
    kind: str
    kind_label: str
    entity_key: str  # Mã hồ sơ, or the intake / supplement notice it belongs to
    reason: str  # Vietnamese, from the central
    created_at: datetime
    applicant_name: str


def _open(stmt):  # noqa: ANN001, ANN202
    return stmt.where(OutboxEvent.refused_reason.is_not(None), OutboxEvent.resolved_at.is_(None))


def count(session: Session) -> int:
    return session.execute(_open(select(func.count()).select_from(OutboxEvent))).scalar_one()


def open_count(db: Database) -> int:
    with db.read() as session:
        return count(session)


def items(db: Database) -> list[AttentionItem]:
    with db.read() as session:
        rows = session.execute(_open(select(OutboxEvent)).order_by(OutboxEvent.desk_seq)).scalars().all()
        out = []
        for row in rows:
            applicant = _applicant_of(session, row.entity_key)
            out.append(AttentionItem(row.desk_seq, row.kind, KIND_LABELS.get(row.kind, row.kind), row.entity_key,
                                     row.refused_reason or "", row.created_at, applicant.name if applicant else ""))
        return out


# ---------------------------------------------------------------- what the central said

def mark_refused(session: Session, central_rows: list[dict[str, Any]], *, complete: bool) -> None:
    """Take the central's list of this desk's open quarantined events. ``complete``: the list is not
    truncated, so refusals the central no longer lists were resolved there (by the admin)."""
    listed = {}
    for row in central_rows:
        if isinstance(row, dict) and isinstance(row.get("uuid"), str) and row.get("resolved_at") is None:
            listed[row["uuid"]] = str(row.get("reason") or "Trung tâm từ chối dữ liệu của sự kiện này.")[:4000]
    if listed:
        for event in session.execute(select(OutboxEvent).where(OutboxEvent.uuid.in_(list(listed)))).scalars():
            if event.refused_reason != listed[event.uuid] or event.resolved_at is not None:
                if event.resolved_at is None:
                    event.refused_reason = listed[event.uuid]
    if complete:
        now = local_now()
        stmt = _open(update(OutboxEvent))
        if listed:
            stmt = stmt.where(OutboxEvent.uuid.not_in(list(listed)))
        session.execute(stmt.values(resolved_at=now))


# ---------------------------------------------------------------- the correction

def _applicant_of(session: Session, entity_key: str) -> Applicant | None:
    dossier, intake = _entity(session, entity_key)
    if dossier is not None:
        return dossier.applicant
    return intake.applicant if intake is not None else None


def _entity(session: Session, entity_key: str) -> tuple[Dossier | None, Intake | None]:
    dossier = session.execute(select(Dossier).where(Dossier.code == entity_key)).scalar_one_or_none()
    if dossier is not None:
        return dossier, None
    intake = session.execute(select(Intake).where(Intake.uuid == entity_key)).scalar_one_or_none()
    if intake is None:
        notice = session.execute(select(SupplementNotice).where(SupplementNotice.code == entity_key)).scalar_one_or_none()
        intake = notice.intake if notice is not None else None
    return None, intake


def current_applicant(db: Database, entity_key: str) -> ApplicantInput:
    """The applicant as stored, to pre-fill the correction form."""
    with db.read() as session:
        a = _applicant_of(session, entity_key)
        if a is None:
            raise NotFoundError(tr("Không tìm thấy hồ sơ hay lượt tiếp nhận «{entity_key}» trên máy này.").format(entity_key=entity_key))
        return applicants.as_input(a)


def _check_record(record: dict[str, Any]) -> None:
    """Every text of the record under the shared rules: a correction the central would refuse again
    is refused here, naming the field."""
    for key, rule in fields.RECORD_TEXT_RULES.items():
        value = record.get(key)
        if isinstance(value, str) and (problem := fields.problem(rule, value)):
            raise ValidationError(tr("{problem} Trường này không sửa được ở đây: hãy báo quản trị "
                                  "(tên thủ tục: nhập lại danh mục; tên cán bộ: quản lý cán bộ).").format(problem=problem))


def correct(db: Database, ctx: DeskContext, entity_key: str, data: ApplicantInput, *,
            now: datetime | None = None) -> str:
    """Correct the applicant of a refused dossier (or intake) and send the correcting event.
    Returns the kind of event sent."""
    if not any(ctx.has_role(r) for r in CORRECTING_ROLES):
        raise PermissionDeniedError(tr("Chỉ cán bộ tiếp nhận hoặc lãnh đạo mới được sửa hồ sơ bị trung tâm từ chối."))
    now = now or local_now()
    with db.write() as session:
        dossier, intake = _entity(session, entity_key)
        if dossier is not None:
            row = dossier.applicant
        elif intake is not None:
            row = intake.applicant
        else:
            raise NotFoundError(tr("Không tìm thấy hồ sơ hay lượt tiếp nhận «{entity_key}» trên máy này.").format(entity_key=entity_key))
        clean = applicants.validate(replace(data, kind=ApplicantKind(row.kind)), today=now.date())
        before = {"name": row.name, "address": row.address, "phone": row.phone, "email": row.email,
                  "id_number": row.id_number}
        row.name, row.name_folded, row.id_number = clean.name, fold(clean.name), clean.id_number
        row.date_of_birth, row.address, row.phone, row.email = (clean.date_of_birth, clean.address, clean.phone,
                                                                 clean.email)
        session.flush()
        if dossier is not None:
            kind = p.EVENT_DOSSIER_CORRECTED
            record = dossier_record(dossier)
            details: dict[str, Any] = {"to": dossier.status, "corrected": sorted(before)}
            key = dossier.code
        else:
            assert intake is not None
            kind = p.EVENT_INTAKE_CORRECTED
            status = 3 if intake.outcome == IntakeOutcome.REFUSED.value else 5
            record = intake_record(intake, status=status)
            notice = session.execute(select(SupplementNotice.code).where(
                SupplementNotice.intake_id == intake.id).order_by(SupplementNotice.id)).scalars().first()
            if notice and entity_key == notice:
                record |= {"MaPhieuBoSung": notice}
            details = {"corrected": sorted(before)}
            key = entity_key
        _check_record(record)
        outbox.enqueue(session, desk_id=ctx.desk_id, kind=kind, entity_key=key,
                       payload={"event": kind, "record": record, "details": details})
        audit.append(session, action="sync.corrected", entity="dossier" if dossier is not None else "intake",
                     entity_key=key, officer=session.get(Officer, ctx.officer_id),
                     details={"before": before, "after": {k: getattr(row, k) for k in before}})
        return kind
