"""Supervisor actions on one dossier: the apology/extension letter (form 04), the stop-processing
notice (form 05) and the withdrawal at the applicant's request (status 7, printed on form 05).

Rules (issue 5, Decree 118/2025/NĐ-CP):
- Only a supervisor approves an apology letter and stops processing; a withdrawal at the
  applicant's request may also be recorded by the desk officers (reception / return), since
  the applicant hands the request in at the counter.
- The new appointment must be a *working moment* (inside the office periods of a working day,
  its period start and end included) strictly after the current due moment. Before/equal or on a
  day off is rejected with a Vietnamese message naming the field (``new_due_at``).
- Form 04 is issued before the due moment. A letter after it needs the supervisor's explicit
  approval (``ApologyForm.late_approved``, else refused naming that field), is flagged
  ``issued_late`` and counted (dashboard tile, period report).
- At most ``max_extensions`` letters per dossier (a unit setting, default 1); the letter comes
  from the late agency, on its letterhead, signed by its head.
- The dossier keeps both dates: ``original_due_at`` (the appointment on the receipt) never moves,
  ``due_at`` becomes the new appointment. The audit row and the outbox event
  (``dossier.apology_issued``) name the approving supervisor.
- Stop / withdrawal go through ``changes.change_status`` (audit + outbox in the same unit of
  work) with the reason in the details.
Each action is one unit of work; the PDF is written to the archive after the commit, so a
printer or disk problem never undoes a decision (``write_*`` reprints it any time).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain import lifecycle
from counter_app.domain.calendar import WorkingCalendar
from counter_app.domain.due_state import is_overdue
from counter_app.domain.lifecycle import OPEN_STATUSES
from counter_app.domain.text import nfc
from counter_app.i18n import tr
from counter_app.models import (
    Apology,
    AuditEvent,
    CalendarOverride,
    Dossier,
    DossierStatus,
    Officer,
    Role,
    local_now,
)
from counter_app.models.db import Database
from counter_app.printing.data import ApologyData, StopNoticeData
from counter_app.printing.text import place_date_text

from . import changes, documents, dossiers
from .archive import archive_path
from .documents import agency_info, applicant_info
from .errors import NotFoundError, PermissionDeniedError, ValidationError
from .office_calendar import calendar_for
from .org import DeskContext

S = DossierStatus
WITHDRAW_ROLES = frozenset({Role.RECEPTION, Role.RETURN, Role.SUPERVISOR})
MIN_REASON = 5
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
SUPERVISOR_TITLE = "LÃNH ĐẠO CƠ QUAN"
DESK_OFFICER_TITLE = "CÁN BỘ TIẾP NHẬN VÀ TRẢ KẾT QUẢ"


@dataclass(frozen=True)
class ApologyForm:
    late_agency: str  # the agency that is late (cơ quan chậm giải quyết)
    reason: str
    new_due_at: datetime
    # Form 04 is issued before the due moment; past it, the supervisor approves the late letter
    # explicitly (this flag), and the letter is counted apart (``issued_late``).
    late_approved: bool = False


@dataclass(frozen=True)
class ApologyResult:
    apology_id: int
    dossier_code: str
    original_due_at: datetime  # on the receipt (never moves)
    old_due_at: datetime  # the appointment that was extended
    new_due_at: datetime
    issued_late: bool
    pdf_path: Path | None


@dataclass(frozen=True)
class ClosureResult:
    dossier_code: str
    status: int
    pdf_path: Path | None


def _moment(dt: datetime) -> str:
    return tr("{dt:%H:%M} ngày {dt:%d/%m/%Y}").format(dt=dt)


def _supervisor(session: Session, ctx: DeskContext, what: str) -> Officer:
    if not ctx.has_role(Role.SUPERVISOR):
        raise PermissionDeniedError(tr("Chỉ lãnh đạo mới được {what}.").format(what=what))
    officer = session.get(Officer, ctx.officer_id)
    if officer is None or not officer.active or Role.SUPERVISOR not in officer.role_set:
        raise PermissionDeniedError(tr("Tài khoản hiện tại không còn quyền lãnh đạo để {what}.").format(what=what))
    return officer


def _reason(text: str, field: str, message: str) -> str:
    text = nfc(text)
    if len(text) < MIN_REASON:
        raise ValidationError(message, field=field)
    return text


def day_off_name(session: Session, day: date) -> str:
    """Why ``day`` is not a working day, in Vietnamese (override note, holiday name or weekday)."""
    override = session.get(CalendarOverride, day)
    if override is not None and not override.is_working:
        return override.note or tr("ngày nghỉ theo lịch của cơ quan")
    name = holidays.country_holidays("VN", years=day.year, language="vi").get(day)
    if name:
        return name
    return WEEKDAY_NAMES[day.weekday()]


def check_working_moment(session: Session, cal: WorkingCalendar, moment: datetime, *,
                         field: str = "new_due_at") -> None:
    """Raise unless ``moment`` lies inside an office period of a working day (ends included)."""
    day = moment.date()
    periods = cal.periods(day)
    if not periods:
        raise ValidationError(
            tr("Ngày {day:%d/%m/%Y} là ngày nghỉ ({day_off_name}): "
            "hãy hẹn vào một ngày làm việc.").format(day=day, day_off_name=day_off_name(session, day)), field=field)
    if not any(start <= moment <= end for start, end in periods):
        hours = ", ".join(f"{s:%H:%M}–{e:%H:%M}" for s, e in periods)
        raise ValidationError(
            tr("{moment:%H:%M} ngoài giờ làm việc của ngày {day:%d/%m/%Y} ({hours}): "
            "hãy hẹn trong giờ làm việc.").format(moment=moment, day=day, hours=hours), field=field)


MAX_EXTENSIONS_KEY = documents.MAX_EXTENSIONS_KEY
DEFAULT_MAX_EXTENSIONS = documents.DEFAULT_MAX_EXTENSIONS
SIGNER_OF_LATE_AGENCY = "THỦ TRƯỞNG CƠ QUAN"
max_extensions = documents.max_extensions  # the setting, read in one place


def validate_apology(session: Session, cal: WorkingCalendar, dossier: Dossier, form: ApologyForm) -> ApologyForm:
    """The checks of form 04, first failing field first; returns the cleaned form."""
    if DossierStatus(dossier.status) not in OPEN_STATUSES:
        raise ValidationError(
            tr("Hồ sơ đang ở trạng thái «{status}»: không còn gia hạn được.").format(status=tr(lifecycle.label(dossier.status))), field="dossier")
    if dossier.due_at is None:
        raise ValidationError(tr("Hồ sơ đang tạm dừng tính thời gian giải quyết (chờ bổ sung hoặc nộp phí): "
                              "chưa có hạn để gia hạn."), field="dossier")
    allowed = max_extensions(session)
    earlier = session.execute(select(func.count()).select_from(Apology).where(
        Apology.dossier_id == dossier.id)).scalar_one()
    if earlier >= allowed:
        raise ValidationError(
            tr("Hồ sơ đã được gia hạn {earlier} lần; chỉ được gia hạn tối đa {allowed} lần "
            "(văn bản xin lỗi và đề nghị gia hạn, Mẫu số 04).").format(earlier=earlier, allowed=allowed), field="dossier")
    late_agency = _reason(form.late_agency, "late_agency", tr("Hãy ghi cơ quan, đơn vị chậm giải quyết hồ sơ."))
    reason = _reason(form.reason, "reason", tr("Hãy ghi rõ lý do chậm giải quyết (ít nhất 5 ký tự)."))
    new_due = form.new_due_at.replace(second=0, microsecond=0)
    if new_due <= dossier.due_at:
        raise ValidationError(
            tr("Thời điểm hẹn trả mới phải sau thời điểm hẹn trả hiện tại ({moment}).").format(moment=_moment(dossier.due_at)),
            field="new_due_at")
    check_working_moment(session, cal, new_due)
    return ApologyForm(late_agency, reason, new_due, form.late_approved)


def issue_apology(db: Database, ctx: DeskContext, code: str, form: ApologyForm, *,
                  now: datetime | None = None, print_letter: bool = True) -> ApologyResult:
    """Record form 04 and move the appointment; prints into the archive unless told not to."""
    now = now or local_now()
    with db.write() as session:
        supervisor = _supervisor(session, ctx, tr("phê duyệt văn bản xin lỗi và gia hạn"))
        dossier = dossiers.get_by_code(session, code)
        cal = calendar_for(session)
        form = validate_apology(session, cal, dossier, form)
        old_due = dossier.due_at
        assert old_due is not None  # validate_apology refuses a dossier whose clock is paused
        late = is_overdue(old_due, now)
        if late and not form.late_approved:
            raise ValidationError(
                tr("Văn bản xin lỗi phải ban hành trước thời điểm hẹn trả ({moment}); hồ sơ đã quá hạn. "
                "Ban hành sau hạn cần lãnh đạo xác nhận phê duyệt và được thống kê riêng.").format(moment=_moment(old_due)), field="late_approved")
        apology = Apology(dossier_id=dossier.id, late_agency=form.late_agency, reason=form.reason,
                          old_due_at=old_due, new_due_at=form.new_due_at, issued_at=now,
                          approved_by_id=supervisor.id, issued_late=late)
        session.add(apology)
        original_due = dossier.original_due_at or old_due
        dossier.original_due_at = original_due
        dossier.due_at = form.new_due_at
        session.flush()
        changes.record_change(session, dossier, action="dossier.apology_issued", officer=supervisor, details={
            "apology_id": apology.id, "late_agency": form.late_agency, "reason": form.reason,
            "old_due_at": old_due.isoformat(sep=" "), "new_due_at": form.new_due_at.isoformat(sep=" "),
            "original_due_at": original_due.isoformat(sep=" "), "issued_late": late, "late_approved": late,
            "approved_by": supervisor.username, "approved_by_name": supervisor.full_name,
        })
        result = ApologyResult(apology.id, dossier.code, original_due, old_due, form.new_due_at, late,
                               None)
    if not print_letter:
        return result
    return ApologyResult(**{**result.__dict__, "pdf_path": write_apology(db, result.apology_id)})


_applicant = applicant_info


def _apology_number(session: Session, apology: Apology) -> str:
    n = session.execute(select(func.count()).select_from(Apology).where(
        Apology.issued_at >= datetime(apology.issued_at.year, 1, 1), Apology.id <= apology.id)).scalar_one()
    return f"{n}/XLGH"


def apology_data(session: Session, apology_id: int) -> ApologyData:
    apology = session.get(Apology, apology_id)
    if apology is None:
        raise NotFoundError(tr("Không tìm thấy văn bản xin lỗi, gia hạn."))
    dossier = session.get_one(Dossier, apology.dossier_id)  # a foreign key: the row exists
    unit = dossier.unit
    own = agency_info(unit)
    # The apology comes from the agency that is late, on its letterhead (under the same governing
    # body), signed by its head with its seal: the name is written by hand at signing.
    issuer = replace(own, name=nfc(apology.late_agency).upper()) if apology.late_agency else own
    rank = session.execute(select(func.count()).select_from(Apology).where(
        Apology.dossier_id == dossier.id, Apology.id <= apology.id)).scalar_one()
    return ApologyData(
        agency=issuer, place_date=place_date_text(unit.place, apology.issued_at.date()),
        applicant=applicant_info(dossier.applicant), dossier_code=dossier.code, procedure_name=dossier.procedure.name,
        procedure_code=dossier.procedure.code, received_at=dossier.received_at, due_at=apology.old_due_at,
        late_agency=apology.late_agency, reason=apology.reason, new_due_at=apology.new_due_at,
        signer_name="", number=_apology_number(session, apology),
        issued_late=apology.issued_late, signer_title=SIGNER_OF_LATE_AGENCY, extension_number=rank,
    )


def write_apology(db: Database, apology_id: int, out: Path | None = None) -> Path:
    """Form 04 into ``out``, else into the archive (a reprint overwrites the archived copy)."""
    with db.read() as session:
        data = apology_data(session, apology_id)
        issued = session.get_one(Apology, apology_id).issued_at
    target = out or archive_path(db, data.dossier_code, f"xin-loi-{apology_id}", issued)
    from counter_app.printing.apology import render_apology  # ReportLab on first print
    from counter_app.printing.layout import paper

    from .documents import paper_of

    with paper(paper_of(db)):
        render_apology(data, target)
    return target


# ---------------------------------------------------------------- stop / withdraw


def _close(db: Database, ctx: DeskContext, code: str, reason: str, target: DossierStatus, *,
           now: datetime | None, print_notice: bool) -> ClosureResult:
    now = now or local_now()
    withdrawn = target is S.WITHDRAWN
    if withdrawn:
        if not ctx.roles & WITHDRAW_ROLES:
            raise PermissionDeniedError(tr("Tài khoản này không có quyền ghi nhận rút hồ sơ."))
        reason = _reason(reason, "reason", tr("Hãy ghi lý do người nộp rút hồ sơ (ít nhất 5 ký tự)."))
    else:
        reason = _reason(reason, "reason", tr("Hãy ghi rõ lý do dừng giải quyết hồ sơ (ít nhất 5 ký tự)."))
    with db.write() as session:
        if withdrawn:
            officer = session.get_one(Officer, ctx.officer_id)
        else:
            officer = _supervisor(session, ctx, tr("dừng giải quyết hồ sơ"))
        dossier = dossiers.get_by_code(session, code)
        changes.change_status(session, dossier, target, officer=officer, reason=reason, at=now,
                              details={"by": officer.username, "form": "05"})
        result = ClosureResult(dossier.code, target.value, None)
    if not print_notice:
        return result
    return ClosureResult(result.dossier_code, result.status, write_stop_notice(db, code))


def stop_processing(db: Database, ctx: DeskContext, code: str, reason: str, *, now: datetime | None = None,
                    print_notice: bool = True) -> ClosureResult:
    """Form 05: the dossier's processing stops (status 8), supervisors only."""
    return _close(db, ctx, code, reason, S.STOPPED, now=now, print_notice=print_notice)


def withdraw(db: Database, ctx: DeskContext, code: str, reason: str, *, now: datetime | None = None,
             print_notice: bool = True) -> ClosureResult:
    """The applicant withdraws the dossier (status 7); form 05 confirms it to them."""
    return _close(db, ctx, code, reason, S.WITHDRAWN, now=now, print_notice=print_notice)


def stop_notice_data(session: Session, code: str) -> StopNoticeData:
    dossier = dossiers.get_by_code(session, code)
    status = DossierStatus(dossier.status)
    if status not in (S.STOPPED, S.WITHDRAWN):
        raise NotFoundError(tr("Hồ sơ «{code}» không bị dừng giải quyết hay rút.").format(code=dossier.code))
    event = session.execute(
        select(AuditEvent).where(AuditEvent.entity == "dossier", AuditEvent.entity_key == dossier.code,
                                 AuditEvent.action == "dossier.status_changed")
        .order_by(AuditEvent.id.desc()).limit(1)
    ).scalar_one_or_none()
    details = json.loads(event.details) if event else {}
    signer = session.get(Officer, event.officer_id) if event and event.officer_id else None
    unit = dossier.unit
    title = SUPERVISOR_TITLE if signer is not None and signer.has_role(Role.SUPERVISOR) else DESK_OFFICER_TITLE
    return StopNoticeData(
        agency=agency_info(unit), place_date=place_date_text(unit.place, dossier.status_changed_at.date()),
        applicant=_applicant(dossier.applicant), dossier_code=dossier.code, procedure_name=dossier.procedure.name,
        procedure_code=dossier.procedure.code, received_at=dossier.received_at, reason=details.get("reason", ""),
        signer_name=signer.full_name if signer else (event.actor if event else ""),
        withdrawn=status is S.WITHDRAWN, signer_title=title,
    )


def write_stop_notice(db: Database, code: str, out: Path | None = None) -> Path:
    with db.read() as session:
        data = stop_notice_data(session, code)
        when = dossiers.get_by_code(session, code).status_changed_at
    kind = "rut-ho-so" if data.withdrawn else "dung-giai-quyet"
    target = out or archive_path(db, data.dossier_code, kind, when)
    from counter_app.printing.layout import paper
    from counter_app.printing.stop_notice import render_stop_notice

    from .documents import paper_of

    with paper(paper_of(db)):
        render_stop_notice(data, target)
    return target


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class ApologyRow:
    issued_at: datetime
    old_due_at: datetime
    new_due_at: datetime
    late_agency: str
    reason: str
    approved_by: str
    issued_late: bool


def apologies_of(db: Database, code: str) -> list[ApologyRow]:
    """The letters of a dossier, oldest first, with who approved each."""
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        rows = session.execute(
            select(Apology, Officer.full_name).join(Officer, Apology.approved_by_id == Officer.id)
            .where(Apology.dossier_id == dossier.id).order_by(Apology.id)
        ).all()
        return [ApologyRow(a.issued_at, a.old_due_at, a.new_due_at, a.late_agency, a.reason, name, a.issued_late)
                for a, name in rows]


def suggest_new_due(db: Database, code: str, *, working_days: int = 3, now: datetime | None = None) -> datetime:
    """A default for the apology dialog: ``working_days`` after the later of the due moment and now."""
    now = (now or local_now()).replace(second=0, microsecond=0)
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        cal = calendar_for(session)
        base = max(dossier.due_at or now, now)
        return cal.add_working_time(base, timedelta(hours=8 * working_days))
