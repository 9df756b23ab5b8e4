"""Processing-stage supplement requests recorded at the desk (communes without a central system).

Where a central system runs, the processing agency records its request there and it reaches the
desk by sync (``sync/apply.py``). A commune without one processes in-house: the desk records the
agency's request itself, under the same rule (each agency asks at most once during its handling,
the message shared with the central: ``lifecycle.supplement_once_message``), prints form 02 and
stops the clock; when the applicant brings the documents the processing time starts again from
the complete dossier (the office's supplement policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain import fields as limits
from counter_app.domain import lifecycle
from counter_app.domain.pauses import Pause, PauseKind, SupplementPolicy, due_with_pauses
from counter_app.i18n import tr
from counter_app.models import (
    ClockPause,
    Dossier,
    DossierStatus,
    Handoff,
    Officer,
    Role,
    SupplementItem,
    SupplementNotice,
    local_now,
)
from counter_app.models.db import Database

from . import changes, dossiers, settings
from .errors import IllegalTransitionError, PermissionDeniedError, ValidationError
from .office_calendar import calendar_for
from .org import DeskContext

S = DossierStatus
DESK_UNIT = "Bộ phận tiếp nhận và trả kết quả"
RECORD_ROLES = frozenset({Role.RECEPTION, Role.RETURN, Role.SUPERVISOR})
SUPPLEMENT_POLICY_KEY = "supplement_policy"
CENTRAL_URL_KEY = "sync.central_url"


@dataclass(frozen=True)
class ProcessingSupplement:
    notice_code: str
    dossier_code: str
    pdf_path: Path | None


def _has_central(session: Session) -> bool:
    return bool((settings.get(session, CENTRAL_URL_KEY) or "").strip())


def _clean(rule: limits.FieldRule, value: str | None, field: str) -> str:
    try:
        return limits.clean(rule, value or "")
    except limits.FieldError as exc:
        raise ValidationError(exc.message, field=field) from None


def recorded_at_desk(db: Database) -> bool:
    """Processing-stage requests are recorded here (no central system; else the central records them)."""
    with db.read() as session:
        return not _has_central(session)


@dataclass(frozen=True)
class OpenRequest:
    """A processing-stage supplement request still waiting for the documents."""

    notice_code: str
    number: str
    agency: str
    issued_at: datetime
    items: tuple[tuple[str, str], ...]  # (document, reason)


def open_requests(db: Database, code: str) -> list[OpenRequest]:
    """The processing-stage requests of a dossier not yet answered, oldest first."""
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        notices = session.execute(select(SupplementNotice).where(
            SupplementNotice.dossier_id == dossier.id, SupplementNotice.stage == "processing",
            SupplementNotice.resolved_at.is_(None)).order_by(SupplementNotice.issued_at, SupplementNotice.id)).scalars()
        return [OpenRequest(n.code, n.number, n.agency, n.issued_at, tuple((i.name, i.reason) for i in n.items))
                for n in notices]


def document_names(db: Database, code: str) -> list[str]:
    """The required documents of the dossier's case, in order: what an agency usually asks for."""
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        return [d.name for d in sorted(dossier.case.documents, key=lambda d: d.position) if d.active]


def request_supplement(db: Database, ctx: DeskContext, code: str, agency: str, items: list[tuple[str, str]], *,
                       now: datetime | None = None, print_notice: bool = True) -> ProcessingSupplement:
    """Status 5 with form 02 (stage "processing"): the agency's one request, recorded at the desk."""
    if not ctx.roles & RECORD_ROLES:
        raise PermissionDeniedError(tr("Tài khoản này không có quyền ghi nhận yêu cầu bổ sung hồ sơ."))
    agency = _clean(limits.AGENCY_NAME, agency, "agency")
    if len(agency) < 3:
        raise ValidationError(tr("Hãy ghi cơ quan, bộ phận giải quyết yêu cầu bổ sung hồ sơ."), field="agency")
    # Rows left empty are skipped; a row's problem names it: "items[2].reason" (the third row's reason).
    cleaned = []
    for i, (name, reason) in enumerate(items):
        if not (name or "").strip() and not (reason or "").strip():
            continue
        name = _clean(limits.SUPPLEMENT_ITEM, name, f"items[{i}].name")
        reason = _clean(limits.REASON, reason, f"items[{i}].reason")
        if not reason:
            raise ValidationError(tr("Hãy ghi lý do cần bổ sung «{name}».").format(name=name), field=f"items[{i}].reason")
        cleaned.append((name, reason))
    if not cleaned:
        raise ValidationError(tr("Hãy liệt kê ít nhất một giấy tờ cần bổ sung, kèm lý do."), field="items")
    now = now or local_now()
    with db.write() as session:
        if _has_central(session):
            raise ValidationError(
                tr("Đơn vị đã kết nối hệ thống trung tâm: cơ quan giải quyết ghi yêu cầu bổ sung trên hệ thống "
                "trung tâm, quầy nhận về khi đồng bộ."), field="agency")
        dossier = dossiers.get_by_code(session, code)
        # The legal rule first (as the central does): its message says more than the status table's.
        earlier = [n for n in session.execute(select(SupplementNotice).where(
            SupplementNotice.dossier_id == dossier.id, SupplementNotice.stage == "processing")).scalars()]
        same = next((n for n in earlier if lifecycle.same_agency(n.agency, agency)), None)
        if same is not None:
            raise ValidationError(lifecycle.supplement_once_message(dossier.code, agency, same.issued_at),
                                  field="agency")
        if not lifecycle.can_move(dossier.status, S.SUPPLEMENT_REQUESTED) or dossier.status == S.SUPPLEMENT_REQUESTED:
            raise IllegalTransitionError(
                tr("Hồ sơ đang ở trạng thái «{status}»: không yêu cầu bổ sung được.").format(status=tr(lifecycle.label(dossier.status))))
        officer = session.get_one(Officer, ctx.officer_id)
        year_count = session.execute(select(func.count()).select_from(SupplementNotice).where(
            SupplementNotice.issued_at >= datetime(now.year, 1, 1))).scalar_one()
        notice = SupplementNotice(code=f"{dossier.code}-YCBS{len(earlier) + 1}", number=f"{year_count + 1}/HDHS",
                                  dossier_id=dossier.id, stage="processing", agency=agency, issued_at=now,
                                  officer_id=officer.id)
        notice.items = [SupplementItem(position=i, name=n, reason=r) for i, (n, r) in enumerate(cleaned, start=1)]
        session.add(notice)
        if not any(p.ended_at is None for p in dossier.pauses):
            dossier.pauses.append(ClockPause(kind=PauseKind.SUPPLEMENT.value, started_at=now))
        position = max((h.position for h in dossier.handoffs), default=0) + 1
        dossier.handoffs.append(Handoff(position=position, from_unit=agency, to_unit=DESK_UNIT, at=now,
                                        given_by="", taken_by=officer.full_name, source="desk",
                                        note="Yêu cầu bổ sung hồ sơ: " + "; ".join(n for n, _ in cleaned)))
        dossier.due_at = None
        session.flush()
        changes.change_status(session, dossier, S.SUPPLEMENT_REQUESTED, officer=officer, at=now,
                                reason=f"{agency} yêu cầu bổ sung hồ sơ",
                                details={"supplement": {"code": notice.code, "agency": agency,
                                                        "items": [{"name": n, "reason": r} for n, r in cleaned]}})
        result = ProcessingSupplement(notice.code, dossier.code, None)
    if not print_notice:
        return result
    from .documents import write_supplement_notice

    return ProcessingSupplement(result.notice_code, result.dossier_code, write_supplement_notice(db, result.notice_code))


def supplement_received(db: Database, ctx: DeskContext, code: str, *, now: datetime | None = None) -> datetime:
    """The applicant brought the documents: back to processing (status 4), the clock runs again
    (restarted from the complete dossier under the default policy). Returns the new due moment."""
    if not ctx.roles & RECORD_ROLES:
        raise PermissionDeniedError(tr("Tài khoản này không có quyền ghi nhận hồ sơ đã bổ sung."))
    now = now or local_now()
    with db.write() as session:
        dossier = dossiers.get_by_code(session, code)
        if dossier.status != S.SUPPLEMENT_REQUESTED:
            raise IllegalTransitionError(tr("Hồ sơ không ở trạng thái chờ bổ sung."))
        officer = session.get(Officer, ctx.officer_id)
        for pause in dossier.pauses:
            if pause.ended_at is None:
                pause.ended_at = max(now, pause.started_at)
        for notice in session.execute(select(SupplementNotice).where(
                SupplementNotice.dossier_id == dossier.id, SupplementNotice.resolved_at.is_(None))).scalars():
            notice.resolved_at = now
        due = recomputed_due(session, dossier)
        assert due is not None  # every pause was ended just above
        dossier.due_at = due
        changes.change_status(session, dossier, S.PROCESSING, officer=officer, at=now,
                                reason="Đã nhận hồ sơ bổ sung", details={"due_at": due.isoformat(sep=" ")})
        return due


def recomputed_due(session: Session, dossier: Dossier) -> datetime | None:
    """The due moment after the clock's pauses, under the office's supplement policy."""
    cal = calendar_for(session)
    pauses = [Pause(p.started_at, p.ended_at, PauseKind(p.kind)) for p in dossier.pauses]
    policy = SupplementPolicy(settings.get(session, SUPPLEMENT_POLICY_KEY,
                                           SupplementPolicy.RESTART_FROM_COMPLETE.value))
    return due_with_pauses(cal, dossier.received_at, dossiers.duration_of(dossier.case), pauses, policy)
