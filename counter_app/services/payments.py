"""Fees at the desk: the amount a case charges, payments with their receipts, voids, status 6.

- The rule of how much is owed is :mod:`counter_app.domain.fees`; the case's schedule is catalog
  data (``ProcedureCase.fee_schedule``), the dossier keeps the quote computed at receipt
  (``Dossier.fee_due`` / ``fee_detail``).
- A payment is a receipt row in integer đồng (cash, bank transfer, or online with the payment
  platform's transaction reference), audited and written to the outbox in the same transaction:
  the central applies it exactly once, like every event (its UUID is the idempotency key).
- A void (receipt recorded by mistake, or money refunded) needs a supervisor's credentials and a
  reason; the row stays, marked voided, audited and synced. It counts for nothing in the cash report.
- Status 6 ("awaiting financial obligation") stops the processing clock through the dossier's
  clock pauses (kind ``payment``, :mod:`counter_app.domain.pauses`); paying what is owed ends the
  pause, the due moment is recomputed by the one rule (``processing.recomputed_due``) and the
  dossier goes on to processing (status 4).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from counter_app.domain import fees, fields, lifecycle
from counter_app.domain.fees import (
    EVENT_PAYMENT_RECORDED,
    EVENT_PAYMENT_VOIDED,
    METHOD_LABELS,
    FeeInput,
    FeeItem,
    FeeQuote,
    FeeSchedule,
    PaymentMethod,
)
from counter_app.domain.money_words import amount_in_words
from counter_app.domain.pauses import PauseKind
from counter_app.i18n import tr
from counter_app.models import ClockPause, Desk, Dossier, DossierStatus, Officer, ProcedureCase, Role, local_now
from counter_app.models.db import Database
from counter_app.models.payments import Payment
from counter_app.printing.fees_data import CashReportData, CashRow, CashTotal, PaymentReceiptData

from . import changes, dossiers, org
from .errors import IllegalTransitionError, PermissionDeniedError, ValidationError
from .field_input import clean_field
from .org import DeskContext

S = DossierStatus
PAY_ROLES = frozenset({Role.RECEPTION, Role.RETURN, Role.SUPERVISOR})


# --------------------------------------------------------------------------- what is owed


def schedule_of(case: ProcedureCase) -> FeeSchedule:
    """The case's fee schedule; a catalog imported before schedules existed gives one fixed item."""
    if case.fee_schedule:
        return FeeSchedule.from_json(case.fee_schedule)
    if case.fee_amount:
        return FeeSchedule((FeeItem("", "Phí, lệ phí", case.fee_amount),))
    return FeeSchedule()


def case_schedule(db: Database, case_id: int) -> FeeSchedule:
    with db.read() as session:
        return schedule_of(session.get_one(ProcedureCase, case_id))


def quote(schedule: FeeSchedule, fee_input: FeeInput | None) -> FeeQuote:
    """The amount owed (the domain rule); a bad quantity or exemption is a ValidationError at its field."""
    try:
        return fees.compute(schedule, fee_input)
    except fees.FeeError as exc:
        raise ValidationError(exc.message, field=exc.field) from None


def quote_of(dossier: Dossier) -> FeeQuote:
    return FeeQuote.from_json(dossier.fee_detail)


def paid_total(session: Session, dossier_id: int) -> int:
    return int(session.execute(select(func.coalesce(func.sum(Payment.amount), 0)).where(
        Payment.dossier_id == dossier_id, Payment.voided_at.is_(None))).scalar_one())


def outstanding(session: Session, dossier: Dossier) -> int:
    return max(0, dossier.fee_due - paid_total(session, dossier.id))


# --------------------------------------------------------------------------- payments


@dataclass(frozen=True)
class PaymentResult:
    number: str
    dossier_code: str
    amount: int
    outstanding: int  # still owed after this payment
    resumed_due: datetime | None  # the new due moment when the payment ended a status-6 pause


@dataclass(frozen=True)
class PaymentView:
    number: str
    amount: int
    method: str
    method_label: str
    reference: str
    payer_name: str
    paid_at: datetime
    officer_name: str
    voided_at: datetime | None
    void_reason: str


@dataclass(frozen=True)
class DossierFees:
    """What the dossier detail and the payment dialog show."""

    code: str
    status: int
    fee_due: int
    paid: int
    outstanding: int
    quote_text: str
    payer_name: str
    payments: tuple[PaymentView, ...]

    @property
    def awaiting(self) -> bool:
        return self.status == S.AWAITING_PAYMENT


def _check_roles(ctx: DeskContext) -> None:
    if not ctx.roles & PAY_ROLES:
        raise PermissionDeniedError(tr("Tài khoản này không có quyền thu phí, lệ phí."))


def _next_number(session: Session, desk: Desk, now: datetime) -> str:
    """BL-<agency>-<yymmdd>-<desk×1000+seq>: unique at the desk (allocated in the payment's transaction)
    and across the province (agency and desk in it)."""
    prefix = f"BL-{desk.unit.agency_code}-{now:%y%m%d}-"
    count = session.execute(select(func.count()).select_from(Payment).where(
        Payment.desk_id == desk.id, Payment.number.like(prefix + "%"))).scalar_one()
    return f"{prefix}{desk.number * 1000 + count + 1}"


def _payment_details(p: Payment) -> dict[str, Any]:
    return {"uuid": p.uuid, "number": p.number, "amount": p.amount, "method": p.method, "reference": p.reference,
            "payer_name": p.payer_name, "paid_at": p.paid_at.isoformat(sep=" ", timespec="seconds"),
            "officer": p.officer.full_name if p.officer else ""}


def record_payment(db: Database, ctx: DeskContext, code: str, *, method: PaymentMethod | str,
                   amount: int | None = None, reference: str = "", payer_name: str = "",
                   now: datetime | None = None) -> PaymentResult:
    """One payment of a dossier's fees (``amount`` None: everything still owed)."""
    _check_roles(ctx)
    try:
        method = PaymentMethod(method)
    except ValueError:
        raise ValidationError(tr("Hãy chọn hình thức thanh toán: tiền mặt, chuyển khoản hoặc trực tuyến."),
                              field="method") from None
    reference = clean_field(fields.PAYMENT_REFERENCE, reference or "", "reference")
    if method is not PaymentMethod.CASH and not reference:
        raise ValidationError(tr("Hãy nhập mã giao dịch của ngân hàng hoặc nền tảng thanh toán."), field="reference")
    payer_name = clean_field(fields.PAYER_NAME, payer_name or "", "payer_name")
    now = now or local_now()
    with db.write() as session:
        dossier = dossiers.get_by_code(session, code)
        owed = outstanding(session, dossier)
        awaiting = dossier.status == S.AWAITING_PAYMENT
        if amount is None:
            amount = owed
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0 or amount > fees.MONEY_MAX:
            raise ValidationError(tr("Số tiền nộp phải là số đồng lớn hơn 0."), field="amount")
        if owed == 0 and not awaiting:
            raise ValidationError(tr("Hồ sơ {code} không còn khoản phí, lệ phí nào phải nộp.").format(code=dossier.code), field="amount")
        if owed and amount > owed:
            raise ValidationError(tr("Số tiền nộp lớn hơn số còn phải nộp ({owed}).").format(owed=fees.money_text(owed)), field="amount")
        officer = session.get_one(Officer, ctx.officer_id)
        desk = session.get_one(Desk, ctx.desk_id)
        payment = Payment(uuid=str(uuid.uuid4()), number=_next_number(session, desk, now), dossier_id=dossier.id,
                          desk_id=desk.id, officer_id=officer.id, amount=amount, method=method.value,
                          reference=reference, payer_name=payer_name or dossier.applicant.name, paid_at=now,
                          void_reason="")
        session.add(payment)
        session.flush()
        left = max(0, owed - amount)
        changes.record_change(session, dossier, action=EVENT_PAYMENT_RECORDED, officer=officer,
                              details={"payment": _payment_details(payment), "outstanding": left})
        resumed = None
        if awaiting and left == 0:
            resumed = _resume_clock(session, dossier, officer, now, payment.number)
        return PaymentResult(payment.number, dossier.code, amount, left, resumed)


def _resume_clock(session: Session, dossier: Dossier, officer: Officer, now: datetime, number: str) -> datetime:
    from .processing import recomputed_due  # the one place the due moment is recomputed after pauses

    for pause in dossier.pauses:
        if pause.ended_at is None and pause.kind == PauseKind.PAYMENT.value:
            pause.ended_at = max(now, pause.started_at)
    session.flush()
    due = recomputed_due(session, dossier)
    if due is None:  # another pause is still open (never with the lifecycle table): stay paused
        raise IllegalTransitionError(tr("Hồ sơ còn một lần tạm dừng khác chưa kết thúc."))
    dossier.due_at = due
    changes.change_status(session, dossier, S.PROCESSING, officer=officer, at=now,
                          reason=f"Đã nộp phí, lệ phí (biên lai {number})",
                          details={"due_at": due.isoformat(sep=" ")})
    return due


def await_payment(db: Database, ctx: DeskContext, code: str, *, now: datetime | None = None) -> None:
    """Status 6: the dossier waits for its fees or financial obligation; the clock stops until paid."""
    _check_roles(ctx)
    now = now or local_now()
    with db.write() as session:
        dossier = dossiers.get_by_code(session, code)
        if dossier.status == S.AWAITING_PAYMENT:
            raise IllegalTransitionError(tr("Hồ sơ {code} đã ở trạng thái chờ thực hiện nghĩa vụ tài chính.").format(code=dossier.code))
        if not lifecycle.can_move(dossier.status, S.AWAITING_PAYMENT):
            raise IllegalTransitionError(
                tr("Hồ sơ đang ở trạng thái «{status}»: không chuyển sang chờ nộp phí được.").format(status=tr(lifecycle.label(dossier.status))))
        officer = session.get_one(Officer, ctx.officer_id)
        if any(p.ended_at is None for p in dossier.pauses):
            raise IllegalTransitionError(tr("Thời gian giải quyết của hồ sơ đang tạm dừng."))
        dossier.pauses.append(ClockPause(kind=PauseKind.PAYMENT.value, started_at=now))
        dossier.due_at = None
        session.flush()
        changes.change_status(session, dossier, S.AWAITING_PAYMENT, officer=officer, at=now,
                              reason="Chờ công dân nộp phí, lệ phí",
                              details={"outstanding": outstanding(session, dossier)})


def void_payment(db: Database, ctx: DeskContext, number: str, *, username: str, password: str, reason: str,
                 now: datetime | None = None) -> None:
    """Void (or refund) a receipt: a supervisor's credentials and a reason; audited and synced."""
    _check_roles(ctx)
    reason = clean_field(fields.REASON, reason or "", "void_reason")
    if not reason:
        raise ValidationError(tr("Hãy ghi lý do hủy biên lai hoặc hoàn tiền."), field="void_reason")
    now = now or local_now()
    with db.write() as session:
        payment = session.execute(select(Payment).where(Payment.number == (number or "").strip().upper())
                                  .options(joinedload(Payment.officer))).scalar_one_or_none()
        if payment is None:
            raise ValidationError(tr("Không tìm thấy biên lai số «{value}».").format(value=(number or '').strip()), field="number")
        if payment.voided_at is not None:
            raise ValidationError(tr("Biên lai {number} đã bị hủy lúc {voided_at:%H:%M %d/%m/%Y}.").format(number=payment.number, voided_at=payment.voided_at),
                                  field="number")
        supervisor = org.verify_role(session, username, password, Role.SUPERVISOR)
        officer = session.get_one(Officer, ctx.officer_id)
        payment.voided_at, payment.voided_by_id, payment.void_reason = now, supervisor.id, reason
        dossier = dossiers.get_by_code(session, session.get_one(Dossier, payment.dossier_id).code)
        changes.record_change(session, dossier, action=EVENT_PAYMENT_VOIDED, officer=officer,
                              details={"payment": _payment_details(payment), "reason": reason,
                                       "approved_by": supervisor.full_name,
                                       "voided_at": now.isoformat(sep=" ", timespec="seconds")})


def dossier_fees(db: Database, code: str) -> DossierFees:
    with db.read() as session:
        dossier = dossiers.get_by_code(session, code)
        rows = session.execute(select(Payment).where(Payment.dossier_id == dossier.id)
                               .options(joinedload(Payment.officer)).order_by(Payment.id)).scalars().all()
        paid = paid_total(session, dossier.id)
        return DossierFees(
            dossier.code, dossier.status, dossier.fee_due, paid, max(0, dossier.fee_due - paid),
            quote_of(dossier).text(), dossier.applicant.name,
            tuple(PaymentView(p.number, p.amount, p.method, METHOD_LABELS[PaymentMethod(p.method)], p.reference,
                              p.payer_name, p.paid_at, p.officer.full_name, p.voided_at, p.void_reason)
                  for p in rows))


# --------------------------------------------------------------------------- documents


def receipt_data(session: Session, payment: Payment) -> PaymentReceiptData:
    from counter_app.printing.text import place_date_text

    from .documents import agency_info

    dossier = dossiers.get_by_code(session, session.get_one(Dossier, payment.dossier_id).code)
    q = quote_of(dossier)
    lines = tuple((ln.name, ln.amount) for ln in q.lines)
    return PaymentReceiptData(
        agency=agency_info(dossier.unit), number=payment.number,
        place_date=place_date_text(dossier.unit.place, payment.paid_at.date()), dossier_code=dossier.code,
        procedure_name=dossier.procedure.name, procedure_code=dossier.procedure.code,
        payer_name=payment.payer_name, payer_id_number=dossier.applicant.id_number, fee_lines=lines,
        amount=payment.amount, amount_words=amount_in_words(payment.amount),
        method_label=METHOD_LABELS[PaymentMethod(payment.method)], reference=payment.reference,
        paid_at=payment.paid_at, officer_name=session.get_one(Officer, payment.officer_id).full_name,
        exemption_text=q.exemption.text() if q.exemption else "")


def write_receipt(db: Database, number: str, out: Path | None = None) -> Path:
    """The payment receipt PDF: into ``out``, else into the dossier's archive folder."""
    from counter_app.printing.payment_receipt import render_payment_receipt

    from .archive import archive_path

    with db.read() as session:
        payment = session.execute(select(Payment).where(Payment.number == number.strip().upper())).scalar_one_or_none()
        if payment is None:
            raise ValidationError(tr("Không tìm thấy biên lai số «{value}».").format(value=number.strip()), field="number")
        data = receipt_data(session, payment)
    target = out or archive_path(db, data.dossier_code, f"bien-lai-{data.number.rsplit('-', 1)[-1]}", data.paid_at)
    render_payment_receipt(data, target)
    return target


# --------------------------------------------------------------------------- end-of-day cash report


def cash_report_data(session: Session, day: date) -> CashReportData:
    from counter_app.models import Unit
    from counter_app.printing.text import place_date_text

    from .documents import agency_info

    start = datetime.combine(day, time.min)
    rows = session.execute(
        select(Payment).where(Payment.paid_at >= start, Payment.paid_at < start + timedelta(days=1))
        .options(joinedload(Payment.officer), joinedload(Payment.voided_by), joinedload(Payment.desk),
                 joinedload(Payment.dossier).joinedload(Dossier.procedure))
        .order_by(Payment.paid_at, Payment.id)).scalars().all()
    cash_rows = tuple(CashRow(
        p.number, p.paid_at, p.dossier.code, p.payer_name, p.dossier.procedure.name,
        METHOD_LABELS[PaymentMethod(p.method)], p.reference, p.amount, p.officer.full_name, p.desk.number,
        voided=p.voided_at is not None, void_reason=p.void_reason,
        voided_by=p.voided_by.full_name if p.voided_by else "") for p in rows)
    sums: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: {"cash": 0, "transfer": 0, "online": 0,
                                                                        "count": 0})
    for p in rows:
        if p.voided_at is not None:
            continue
        bucket = sums[(p.officer.full_name, p.desk.number)]
        bucket[p.method] += p.amount
        bucket["count"] += 1
    totals = tuple(CashTotal(officer, desk, v["cash"], v["transfer"], v["online"], v["count"])
                   for (officer, desk), v in sorted(sums.items(), key=lambda kv: (kv[0][1], kv[0][0])))
    unit = session.execute(select(Unit).order_by(Unit.id)).scalars().first()
    assert unit is not None  # a desk database always has its unit (first-run set-up)
    return CashReportData(agency_info(unit), place_date_text(unit.place, day), day, cash_rows, totals)


def cash_report_json(data: CashReportData) -> dict[str, Any]:
    return {
        "date": data.day.isoformat(),
        "total": data.grand_total,
        "by_officer": [{"officer": t.officer_name, "desk": t.desk_number, "receipts": t.count, "cash": t.cash,
                        "transfer": t.transfer, "online": t.online, "total": t.total} for t in data.totals],
        "by_method": {k: sum(getattr(t, k) for t in data.totals) for k in ("cash", "transfer", "online")},
        "receipts": [{"number": r.number, "paid_at": r.paid_at.isoformat(sep=" ", timespec="seconds"),
                      "dossier": r.dossier_code, "payer": r.payer_name, "method": r.method_label,
                      "reference": r.reference, "amount": r.amount, "officer": r.officer_name, "desk": r.desk_number,
                      "voided": r.voided, "void_reason": r.void_reason, "voided_by": r.voided_by}
                     for r in data.rows],
    }


def export_cash(db: Database, day: date, fmt: str, out: Path | None = None) -> Path | str:
    """``report cash``: JSON text (returned, or written to ``out``), or a PDF / XLSX file."""
    import json

    from .reports import ReportFormat, _fmt, default_name

    fmt_ = _fmt(fmt, (ReportFormat.JSON, ReportFormat.PDF, ReportFormat.XLSX))
    with db.read() as session:
        data = cash_report_data(session, day)
    if fmt_ is ReportFormat.JSON:
        text = json.dumps(cash_report_json(data), ensure_ascii=False, indent=2)
        if out is None:
            return text
        Path(out).write_text(text + "\n", encoding="utf-8")
        return Path(out)
    target = Path(out or default_name("bang-ke-thu-phi", day, day, fmt_))
    if fmt_ is ReportFormat.PDF:
        from counter_app.printing.cash_report import render_cash_report

        render_cash_report(data, target)
    else:
        from counter_app.printing.workbooks import write_cash_report_xlsx

        write_cash_report_xlsx(data, target)
    return target
