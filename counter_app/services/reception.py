"""Reception at the desk: the checklist decides between receiving the dossier and one supplement notice.

Legal rules enforced here (DESIGN.md, Decree 118/2025/NĐ-CP):
- every required document gets a decision; the outcome follows from the checklist;
- an incomplete dossier gets ONE written notice (form 02) listing every gap with its reason;
- when the applicant comes back with that notice, only the documents on it may still be missing.
  Asking for anything new is a second-pass request: it needs a supervisor's credentials and a
  reason, is written to the audit log and counted (``SupplementNotice.second_pass``).
Each action is one unit of work: on any error nothing is written and no code is consumed.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain import codes, fields
from counter_app.domain.fees import FeeInput
from counter_app.domain.records import intake_record
from counter_app.domain.text import nfc
from counter_app.i18n import QT_TR_NOOP, tr  # labels translated where shown
from counter_app.models import (
    DeliveryMethod,
    Desk,
    DocumentDecision,
    Intake,
    IntakeItem,
    IntakeOutcome,
    Officer,
    ProcedureCase,
    RequiredDocument,
    Role,
    SupplementItem,
    SupplementNotice,
    local_now,
)
from counter_app.models.db import Database

from . import applicants, attachments, audit, changes, code_allocation, dossiers, online, org, outbox, payments
from .applicants import ApplicantInput, SubmitterInput
from .errors import NotFoundError, PermissionDeniedError, ValidationError
from .field_input import clean_field
from .org import DeskContext

GAP_DECISIONS = frozenset({DocumentDecision.MISSING, DocumentDecision.INVALID})
DECISION_LABELS = {
    DocumentDecision.PROVIDED: QT_TR_NOOP("Đã nộp"),
    DocumentDecision.MISSING: QT_TR_NOOP("Thiếu"),
    DocumentDecision.INVALID: QT_TR_NOOP("Không hợp lệ"),
    DocumentDecision.NOT_APPLICABLE: QT_TR_NOOP("Không áp dụng"),
}
DEFAULT_MISSING_REASON = "Chưa nộp giấy tờ này"
MAX_COPIES = 99


class Outcome(enum.StrEnum):
    RECEIVE = "receive"
    SUPPLEMENT = "supplement"


@dataclass(frozen=True)
class DocumentCheck:
    required_document_id: int
    decision: DocumentDecision
    reason: str = ""
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass(frozen=True)
class IntakeForm:
    case_id: int
    applicant: ApplicantInput
    checks: tuple[DocumentCheck, ...]
    submitter: SubmitterInput = field(default_factory=SubmitterInput)
    sets: int = 1
    delivery_method: DeliveryMethod = DeliveryMethod.COUNTER
    # Digitised at receipt (issue #13): scans already in the store, and papers reused from an earlier
    # dossier of the applicant (required document id, earlier attachment id); stored with the dossier.
    files: tuple[attachments.StagedFile, ...] = ()
    reuse: tuple[tuple[int, int], ...] = ()
    fees: FeeInput | None = None  # quantities of per-copy / per-page fees, a listed exemption (issue #14)


@dataclass(frozen=True)
class Override:
    """A supervisor's approval of a second-pass supplement request."""

    username: str
    password: str
    reason: str


@dataclass(frozen=True)
class Gap:
    required_document_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class ReceptionResult:
    dossier_code: str
    intake_id: int
    received_at: datetime
    due_at: datetime
    fee_due: int = 0  # đồng owed, computed from the case's fees (domain.fees)


@dataclass(frozen=True)
class SupplementResult:
    notice_code: str
    notice_number: str
    intake_id: int
    gaps: tuple[Gap, ...]
    second_pass: bool


@dataclass(frozen=True)
class RefusalResult:
    intake_id: int
    reason: str


@dataclass(frozen=True)
class ReopenedIntake:
    """What the desk needs to continue an intake from its supplement notice."""

    intake_id: int
    notice_code: str
    procedure_id: int
    case_id: int
    form: IntakeForm
    notice_document_ids: frozenset[int]
    issued_at: datetime


class SecondPassRequired(PermissionDeniedError):
    """A document not on the earlier notice is now missing: only a supervisor may allow that."""

    def __init__(self, new_gaps: list[Gap]) -> None:
        names = "; ".join(g.name for g in new_gaps)
        super().__init__(
            tr("Phiếu hướng dẫn trước đã liệt kê đủ các giấy tờ cần bổ sung. Yêu cầu thêm giấy tờ mới "
            "({names}) là yêu cầu bổ sung lần hai: cần lãnh đạo phê duyệt và ghi rõ lý do.").format(names=names))
        self.new_gaps = new_gaps


# ---------------------------------------------------------------- checklist rules

def _case_documents(session: Session, case_id: int) -> tuple[ProcedureCase, list[RequiredDocument]]:
    case = session.execute(
        select(ProcedureCase).where(ProcedureCase.id == case_id).options(
            selectinload(ProcedureCase.documents), selectinload(ProcedureCase.procedure))
    ).scalar_one_or_none()
    if case is None or not case.active:
        raise ValidationError(tr("Hãy chọn thủ tục và trường hợp áp dụng."), field="procedure")
    return case, [d for d in case.documents if d.active]


def check_list(docs: list[RequiredDocument], checks: tuple[DocumentCheck, ...]) -> tuple[Outcome, list[Gap]]:
    """Validate the checklist against the case's documents; return the outcome and every gap."""
    by_doc = {c.required_document_id: c for c in checks}
    unknown = set(by_doc) - {d.id for d in docs}
    if unknown or len(by_doc) != len(checks):
        raise ValidationError(tr("Danh sách kiểm tra không khớp với thành phần hồ sơ của thủ tục."), field="checklist")
    gaps: list[Gap] = []
    for doc in docs:
        check = by_doc.get(doc.id)
        if check is None:
            raise ValidationError(tr("Chưa kiểm tra giấy tờ số {position}: «{name}».").format(position=doc.position, name=doc.name), field=f"doc:{doc.id}")
        decision = DocumentDecision(check.decision)
        clean_field(fields.REASON, check.reason, f"doc:{doc.id}")
        counts = (check.originals, check.certified_copies, check.photocopies)
        if any(not 0 <= n <= MAX_COPIES for n in counts):
            raise ValidationError(tr("Số bản của «{name}» phải từ 0 đến {MAX_COPIES}.").format(name=doc.name, MAX_COPIES=MAX_COPIES), field=f"doc:{doc.id}")
        if decision is DocumentDecision.NOT_APPLICABLE and doc.mandatory:
            raise ValidationError(tr("«{name}» là giấy tờ bắt buộc, không thể chọn «Không áp dụng».").format(name=doc.name),
                                  field=f"doc:{doc.id}")
        if decision is DocumentDecision.PROVIDED and not any(counts):
            raise ValidationError(tr("Hãy ghi số bản đã nộp của «{name}».").format(name=doc.name), field=f"doc:{doc.id}")
        if decision is DocumentDecision.INVALID and not nfc(check.reason):
            raise ValidationError(tr("Hãy ghi lý do «{name}» không hợp lệ.").format(name=doc.name), field=f"doc:{doc.id}")
        if decision in GAP_DECISIONS:
            gaps.append(Gap(doc.id, doc.name, nfc(check.reason) or DEFAULT_MISSING_REASON))
    return (Outcome.SUPPLEMENT if gaps else Outcome.RECEIVE), gaps


def evaluate(db: Database, form: IntakeForm) -> tuple[Outcome, list[Gap]]:
    """The outcome the checklist leads to (what the confirm button will do)."""
    with db.read() as session:
        _, docs = _case_documents(session, form.case_id)
        return check_list(docs, form.checks)


def _validate_form(form: IntakeForm) -> IntakeForm:
    """Every field checked; one ValidationError listing all the problems (``errors``)."""
    errors: list[ValidationError] = []
    applicant = submitter = None
    try:
        applicant = applicants.validate(form.applicant)
    except ValidationError as exc:
        errors += exc.errors
    try:
        submitter = applicants.validate_submitter(form.submitter)
    except ValidationError as exc:
        errors += exc.errors
    if not 1 <= form.sets <= fields.MAX_SETS:
        errors.append(ValidationError(tr("Số bộ hồ sơ phải từ 1 đến {MAX_SETS}.").format(MAX_SETS=fields.MAX_SETS), field="sets"))
    if errors or applicant is None or submitter is None:
        raise ValidationError.combine(errors)
    return replace(form, applicant=applicant, submitter=submitter, delivery_method=DeliveryMethod(form.delivery_method))


# ---------------------------------------------------------------- persistence helpers

def _officer_and_desk(session: Session, ctx: DeskContext) -> tuple[Officer, Desk]:
    if not ctx.has_role(Role.RECEPTION):
        raise PermissionDeniedError(tr("Tài khoản này không có quyền tiếp nhận hồ sơ."))
    return session.get_one(Officer, ctx.officer_id), session.get_one(Desk, ctx.desk_id)


def _store_intake(session: Session, ctx: DeskContext, form: IntakeForm, case: ProcedureCase,
                  intake: Intake | None, outcome: IntakeOutcome, now: datetime) -> Intake:
    applicant = applicants.upsert(session, form.applicant)
    if intake is None:
        intake = Intake(uuid=str(uuid.uuid4()), desk_id=ctx.desk_id, officer_id=ctx.officer_id,
                        procedure_id=case.procedure_id, case_id=case.id, started_at=now)
        session.add(intake)
    intake.applicant_id = applicant.id
    intake.submitter_name, intake.submitter_id_number, intake.submitter_phone = (
        form.submitter.name, form.submitter.id_number, form.submitter.phone)
    intake.sets, intake.delivery_method = form.sets, form.delivery_method.value
    intake.outcome = outcome.value
    intake.closed_at = None if outcome is IntakeOutcome.SUPPLEMENT else now
    existing = {item.required_document_id: item for item in intake.items}
    for check in form.checks:
        item = existing.get(check.required_document_id)
        if item is None:
            item = IntakeItem(required_document_id=check.required_document_id)
            intake.items.append(item)
        item.decision, item.reason = DocumentDecision(check.decision).value, nfc(check.reason)
        item.originals, item.certified_copies, item.photocopies = (
            check.originals, check.certified_copies, check.photocopies)
    session.flush()
    return intake


def _open_notice(session: Session, notice_code: str, case_id: int) -> SupplementNotice:
    notice = session.execute(
        select(SupplementNotice).where(SupplementNotice.code == codes.normalise_scan(notice_code))
        .options(selectinload(SupplementNotice.items), selectinload(SupplementNotice.intake))
    ).scalar_one_or_none()
    if notice is None or notice.intake is None:
        raise NotFoundError(tr("Không tìm thấy phiếu yêu cầu bổ sung «{value}».").format(value=notice_code.strip()))
    if notice.resolved_at is not None:
        raise ValidationError(tr("Phiếu «{code}» đã được xử lý lúc {resolved_at:%H:%M %d/%m/%Y}.").format(code=notice.code, resolved_at=notice.resolved_at),
                              field="notice")
    if notice.intake.case_id != case_id:
        raise ValidationError(tr("Hồ sơ bổ sung phải giữ đúng thủ tục và trường hợp của phiếu hướng dẫn; "
                              "thủ tục khác cần một lượt tiếp nhận mới."), field="procedure")
    return notice


def _check_once_rule(session: Session, notice: SupplementNotice | None, gaps: list[Gap],
                     override: Override | None) -> Officer | None:
    """None when the gaps respect the notice; the approving supervisor when overridden."""
    if notice is None:
        return None
    allowed = {item.required_document_id for item in notice.items}
    new_gaps = [g for g in gaps if g.required_document_id not in allowed]
    if not new_gaps:
        return None
    if override is None:
        raise SecondPassRequired(new_gaps)
    if not clean_field(fields.REASON, override.reason, "override_reason"):
        raise ValidationError(tr("Hãy ghi lý do yêu cầu bổ sung lần hai."), field="override_reason")
    supervisor = org.verify_role(session, override.username, override.password, Role.SUPERVISOR)
    return supervisor


# ---------------------------------------------------------------- the three outcomes

def receive(db: Database, ctx: DeskContext, form: IntakeForm, *, notice_code: str | None = None,
            now: datetime | None = None, online_code: str | None = None) -> ReceptionResult:
    """Receive the dossier (status 2); ``online_code``: an online dossier, which keeps the portal's code."""
    form = _validate_form(form)
    now = now or local_now()
    with db.write() as session:
        officer, desk = _officer_and_desk(session, ctx)
        case, docs = _case_documents(session, form.case_id)
        outcome, gaps = check_list(docs, form.checks)
        if outcome is not Outcome.RECEIVE:
            raise ValidationError(tr("Hồ sơ còn thiếu giấy tờ: chỉ có thể lập phiếu yêu cầu bổ sung."), field="checklist")
        notice = _open_notice(session, notice_code, case.id) if notice_code else None
        fee_quote = payments.quote(payments.schedule_of(case), form.fees)
        intake = _store_intake(session, ctx, form, case, notice.intake if notice else None,
                               IntakeOutcome.RECEIVED, now)
        if notice is not None:
            notice.resolved_at = now
        submission = online.decide(session, online_code, online.RECEIVED, now=now) if online_code else None
        dossier = dossiers.create_dossier(
            session, desk=desk, officer=officer, case=case, applicant=intake.applicant, received_at=now,
            sets=form.sets, delivery_method=form.delivery_method.value, intake_id=intake.id,
            code=submission.code if submission else None, channel="online" if submission else "direct",
            origin="online" if submission else "", submitted_at=submission.submitted_at if submission else None)
        dossier.book_volume = f"{now:%Y}"
        dossier.book_number = _next_book_number(session, ctx.unit_id, now)
        dossier.fee_due, dossier.fee_detail = fee_quote.total, fee_quote.to_json()
        if form.files or form.reuse:
            provided = {c.required_document_id for c in form.checks if c.decision == DocumentDecision.PROVIDED}
            if any(doc_id not in provided for doc_id, _ in form.reuse):
                raise ValidationError(tr("Chỉ dùng lại bản số hóa cho giấy tờ đánh dấu «Đã nộp»."), field="checklist")
            attachments.add_at_receipt(session, ctx, dossier, form.files, dict(form.reuse), now)
            session.flush()
            changes.refresh_unsent_record(session, dossier)  # TaiLieuNop with its digitised / reused flags
        assert dossier.due_at is not None  # a new dossier's clock runs: create_dossier computed its due moment
        return ReceptionResult(dossier.code, intake.id, dossier.received_at, dossier.due_at, fee_quote.total)


def _next_book_number(session: Session, unit_id: int, now: datetime) -> int:
    """Order number in the unit's tracking book (form 07), one volume per year."""
    from counter_app.models import Dossier

    last = session.execute(
        select(func.max(Dossier.book_number)).where(Dossier.unit_id == unit_id, Dossier.book_volume == f"{now:%Y}")
    ).scalar()
    return (last or 0) + 1


def issue_supplement(db: Database, ctx: DeskContext, form: IntakeForm, *, notice_code: str | None = None,
                     override: Override | None = None, now: datetime | None = None,
                     online_code: str | None = None) -> SupplementResult:
    form = _validate_form(form)
    now = now or local_now()
    with db.write() as session:
        officer, desk = _officer_and_desk(session, ctx)
        case, docs = _case_documents(session, form.case_id)
        outcome, gaps = check_list(docs, form.checks)
        if outcome is not Outcome.SUPPLEMENT:
            raise ValidationError(tr("Hồ sơ đã đủ giấy tờ: hãy tiếp nhận, không lập phiếu bổ sung."), field="checklist")
        previous = _open_notice(session, notice_code, case.id) if notice_code else None
        approver = _check_once_rule(session, previous, gaps, override)
        intake = _store_intake(session, ctx, form, case, previous.intake if previous else None,
                               IntakeOutcome.SUPPLEMENT, now)
        if previous is not None:
            previous.resolved_at = now
        code = code_allocation.allocate(session, desk=desk, agency_code=desk.unit.agency_code, day=now.date(),
                                        kind=codes.NOTICE)
        year_count = session.execute(
            select(func.count()).select_from(SupplementNotice).where(
                SupplementNotice.issued_at >= datetime(now.year, 1, 1))
        ).scalar_one()
        notice = SupplementNotice(
            code=code, number=f"{year_count + 1}/HDHS", intake_id=intake.id, stage="intake", issued_at=now,
            officer_id=officer.id, second_pass=approver is not None,
            approved_by_id=approver.id if approver else None,
            override_reason=nfc(override.reason) if approver and override else "",
            items=[SupplementItem(position=i, required_document_id=g.required_document_id, name=g.name, reason=g.reason)
                   for i, g in enumerate(gaps, start=1)],
        )
        session.add(notice)
        session.flush()
        details = {"intake": intake.uuid, "items": [g.name for g in gaps], "second_pass": notice.second_pass}
        if approver is not None:
            details |= {"approved_by": approver.username, "reason": notice.override_reason,
                        "previous_notice": previous.code if previous else ""}
            audit.append(session, action="supplement.second_pass_approved", entity="supplement_notice",
                         entity_key=code, officer=approver, details=details)
        audit.append(session, action="supplement.issued", entity="supplement_notice", entity_key=code,
                     officer=officer, details=details)
        record = intake_record(intake, status=5) | {"MaPhieuBoSung": code}
        if online_code:  # sent to the portal through the central: form 02 delivered electronically too
            online.decide(session, online_code, online.SUPPLEMENT, now=now, notice_code=code)
            record |= online.intake_extra(online_code, "; ".join(
                f"{g.name}: {g.reason}" if g.reason else g.name for g in gaps)[:2000])
        outbox.enqueue(session, desk_id=desk.id, kind="intake.supplement_requested", entity_key=code,
                       payload={"event": "intake.supplement_requested", "record": record, "details": details})
        return SupplementResult(code, notice.number, intake.id, tuple(gaps), notice.second_pass)


def refuse(db: Database, ctx: DeskContext, form: IntakeForm, reason: str, *, notice_code: str | None = None,
           now: datetime | None = None, online_code: str | None = None) -> RefusalResult:
    """Form 03: the dossier is not received (national status 3); no dossier code is used."""
    reason = clean_field(fields.REFUSAL_REASON, reason, "refusal_reason")
    if len(reason) < 5:
        raise ValidationError(tr("Hãy ghi rõ lý do từ chối tiếp nhận."), field="refusal_reason")
    form = _validate_form(form)
    now = now or local_now()
    with db.write() as session:
        officer, desk = _officer_and_desk(session, ctx)
        case, _ = _case_documents(session, form.case_id)
        notice = _open_notice(session, notice_code, case.id) if notice_code else None
        intake = _store_intake(session, ctx, form, case, notice.intake if notice else None, IntakeOutcome.REFUSED, now)
        intake.refusal_reason = reason
        if notice is not None:
            notice.resolved_at = now
        audit.append(session, action="intake.refused", entity="intake", entity_key=intake.uuid, officer=officer,
                     details={"reason": reason})
        record = intake_record(intake, status=3)
        if online_code:
            online.decide(session, online_code, online.REFUSED, now=now)
            record |= online.intake_extra(online_code, reason)
        outbox.enqueue(session, desk_id=desk.id, kind="intake.refused", entity_key=intake.uuid,
                       payload={"event": "intake.refused", "record": record, "details": {"reason": reason}})
        return RefusalResult(intake.id, reason)


def reopen(db: Database, notice_code: str) -> ReopenedIntake:
    """The applicant is back with the notice: the intake with its earlier decisions."""
    with db.read() as session:
        notice = session.execute(
            select(SupplementNotice).where(SupplementNotice.code == codes.normalise_scan(notice_code))
            .options(selectinload(SupplementNotice.items),
                     selectinload(SupplementNotice.intake).selectinload(Intake.items),
                     selectinload(SupplementNotice.intake).selectinload(Intake.applicant))
        ).scalar_one_or_none()
        if notice is None or notice.intake is None:
            raise NotFoundError(tr("Không tìm thấy phiếu yêu cầu bổ sung «{value}».").format(value=notice_code.strip()))
        if notice.resolved_at is not None:
            raise ValidationError(
                tr("Phiếu «{code}» đã được xử lý lúc {resolved_at:%H:%M %d/%m/%Y}.").format(code=notice.code, resolved_at=notice.resolved_at), field="notice")
        intake = notice.intake
        a = intake.applicant
        form = IntakeForm(
            case_id=intake.case_id,
            applicant=applicants.as_input(a),
            checks=tuple(DocumentCheck(i.required_document_id, DocumentDecision(i.decision), i.reason, i.originals,
                                       i.certified_copies, i.photocopies) for i in intake.items),
            submitter=SubmitterInput(intake.submitter_name, intake.submitter_id_number, intake.submitter_phone),
            sets=intake.sets, delivery_method=DeliveryMethod(intake.delivery_method),
        )
        return ReopenedIntake(intake.id, notice.code, intake.procedure_id, intake.case_id, form,
                              frozenset(i.required_document_id for i in notice.items if i.required_document_id),
                              notice.issued_at)


def open_notice_for_applicant(db: Database, id_number: str) -> str | None:
    """The newest unresolved notice of an applicant, when they come back without the paper."""
    from counter_app.models import Applicant

    with db.read() as session:
        return session.execute(
            select(SupplementNotice.code).join(Intake, SupplementNotice.intake_id == Intake.id)
            .join(Applicant, Intake.applicant_id == Applicant.id)
            .where(Applicant.id_number == id_number.strip().upper(), SupplementNotice.resolved_at.is_(None),
                   SupplementNotice.stage == "intake")
            .order_by(SupplementNotice.issued_at.desc()).limit(1)
        ).scalar()
