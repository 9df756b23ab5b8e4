"""Reports: the tracking book (form 07), the period statistics report and the daily report,
as PDF, XLSX or JSON. The numbers come from :mod:`counter_app.services.stats` — the same
functions the dashboard calls — so a report never disagrees with the screen.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from counter_app.domain.due_state import DueState, finished_state, is_paused
from counter_app.domain.text import fold
from counter_app.i18n import tr
from counter_app.models import (
    Applicant,
    Dossier,
    DossierStatus,
    Handoff,
    Officer,
    Procedure,
    ResultReturn,
    Unit,
    local_now,
)
from counter_app.models.db import Database
from counter_app.printing.data import (
    PeriodReportData,
    PeriodReportLine,
    TrackingBookData,
    TrackingBookRow,
)
from counter_app.printing.text import place_date_text

from . import stats
from .documents import agency_info
from .errors import ValidationError
from .period_report import compute_period_report
from .returns import CITIZEN_UNIT, DESK_UNIT
from .stats_records import CHANNEL_LABELS, BreakdownRow, DashboardStats, PeriodReport, PeriodRow

if TYPE_CHECKING:
    from counter_app.printing.workbooks import SheetSpec

_DESK_FOLDED = fold(DESK_UNIT)

S = DossierStatus
MAX_BOOK_ROWS = 200_000
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
         "XVII", "XVIII", "XIX", "XX")


class ReportFormat(enum.StrEnum):
    JSON = "json"
    PDF = "pdf"
    XLSX = "xlsx"


# --------------------------------------------------------------------------- the counters, labelled


@dataclass(frozen=True)
class Metric:
    key: str  # the JSON path of the number, e.g. "returned.late"
    label: str
    value: int
    level: int = 0  # 0 headline, 1 "of which", 2 "of which, of which"


def summary_metrics(s: DashboardStats) -> list[Metric]:
    """Every headline counter with its Vietnamese label, in reading order (XLSX, PDF, tests)."""
    out = [Metric("received.total", "Hồ sơ tiếp nhận", s.received)]
    for channel, label in CHANNEL_LABELS.items():
        out.append(Metric(f"received.by_channel.{channel}", label, s.received_by_channel.get(channel, 0), 1))
    for channel, n in s.received_by_channel.items():
        if channel not in CHANNEL_LABELS:
            out.append(Metric(f"received.by_channel.{channel}", channel, n, 1))
    out += [
        Metric("supplement_notices.total", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", s.supplement_notices),
        Metric("supplement_notices.second_pass", "Trong đó: yêu cầu bổ sung lần hai (có phê duyệt)",
               s.second_pass_notices, 1),
        Metric("refusals", "Từ chối tiếp nhận", s.refusals),
        Metric("returned.total", "Đã trả kết quả", s.returned.total),
        Metric("returned.early", "Trước hạn", s.returned.early, 1),
        Metric("returned.on_time", "Đúng hạn", s.returned.on_time, 1),
        Metric("returned.late", "Quá hạn", s.returned.late, 1),
        Metric("resolved.total", "Đã giải quyết xong (có kết quả)", s.resolved.total),
        Metric("resolved.early", "Trước hạn", s.resolved.early, 1),
        Metric("resolved.on_time", "Đúng hạn", s.resolved.on_time, 1),
        Metric("resolved.late", "Quá hạn", s.resolved.late, 1),
        Metric("withdrawn", "Rút hồ sơ theo đề nghị của người nộp", s.withdrawn),
        Metric("stopped", "Dừng giải quyết", s.stopped),
        Metric("apologies.total", "Văn bản xin lỗi, gia hạn", s.apologies),
        Metric("apologies.late", "Trong đó: ban hành sau thời điểm hẹn trả", s.apologies_late, 1),
        Metric("unfinished.total", "Chưa giải quyết xong", s.unfinished.total),
        Metric("unfinished.within_deadline", "Còn trong hạn", s.unfinished.within_deadline, 1),
        Metric("unfinished.due_soon", "Trong đó: sắp đến hạn (trong 1 ngày làm việc)", s.unfinished.due_soon, 2),
        Metric("unfinished.paused", "Trong đó: tạm dừng tính thời gian", s.unfinished.paused, 2),
        Metric("unfinished.overdue", "Quá hạn", s.unfinished.overdue, 1),
        Metric("digitisation.fully_digitised", "Hồ sơ tiếp nhận có mọi giấy tờ đã nộp được số hóa",
               s.digitisation.fully_digitised),
        Metric("digitisation.provided_documents", "Giấy tờ đã nộp", s.digitisation.provided_documents),
        Metric("digitisation.reused_documents", "Trong đó: tái sử dụng bản đã số hóa", s.digitisation.reused_documents,
               1),
    ]
    return out


def summary_lines(s: DashboardStats) -> tuple[tuple[str, str], ...]:
    """The few lines printed above the period table."""
    channels = ", ".join(f"{CHANNEL_LABELS.get(k, k).lower()} {v}" for k, v in s.received_by_channel.items() if v)
    r, u = s.returned, s.unfinished
    return (
        ("Hồ sơ tiếp nhận", f"{s.received}" + (f" ({channels})" if channels else "")),
        ("Phiếu yêu cầu bổ sung, hoàn thiện", f"{s.supplement_notices} (yêu cầu bổ sung lần hai: "
                                              f"{s.second_pass_notices}); từ chối tiếp nhận: {s.refusals}"),
        ("Đã trả kết quả", f"{r.total} (trước hạn {r.early}, đúng hạn {r.on_time}, quá hạn {r.late})"),
        ("Văn bản xin lỗi, gia hạn", f"{s.apologies} (ban hành sau hạn: {s.apologies_late}); rút hồ sơ: "
                                     f"{s.withdrawn}; dừng giải quyết: {s.stopped}"),
        (f"Chưa giải quyết xong đến {s.as_of:%H:%M ngày %d/%m/%Y}",
         f"{u.total} (trong hạn {u.within_deadline}, trong đó sắp đến hạn {u.due_soon}, tạm dừng {u.paused}; "
         f"quá hạn {u.overdue})"),
        ("Số hóa hồ sơ, tái sử dụng", s.digitisation.text()),
    )


# --------------------------------------------------------------------------- tracking book


def _note(status: int, due_at: datetime | None, original: datetime | None, finished: datetime | None) -> str:
    notes = []
    status = DossierStatus(status)
    if status is S.WITHDRAWN:
        notes.append("Rút hồ sơ")
    elif status is S.STOPPED:
        notes.append("Dừng giải quyết")
    elif is_paused(status, due_at):
        notes.append("Tạm dừng tính thời gian")
    if due_at is not None and original is not None and due_at != original:
        notes.append(f"Gia hạn đến {due_at:%H:%M %d/%m/%Y}")
    if finished is not None and finished_state(due_at, finished) is DueState.OVERDUE:
        notes.append("Quá hạn")
    return "; ".join(notes)


def tracking_book_data(session: Session, start: date, end: date | None = None) -> TrackingBookData:
    """Form 07: every dossier received in the days ``start``..``end``, in order of receipt."""
    start, end, lo, hi = stats.window(start, end)
    returner = aliased(Officer)
    rows = session.execute(
        select(Dossier.code, Procedure.name, Dossier.sets, Applicant.name, Applicant.address, Applicant.phone,
               Dossier.received_at, Dossier.due_at, Dossier.original_due_at, Dossier.returned_at,
               Dossier.result_ready_at, Dossier.status, Officer.full_name, returner.full_name,
               ResultReturn.receiver_name, Dossier.id, Procedure.agencies, Procedure.code, Applicant.id_number,
               Dossier.result_type, Dossier.result_number)
        .join(Applicant, Dossier.applicant_id == Applicant.id)
        .join(Procedure, Dossier.procedure_id == Procedure.id)
        .join(Officer, Dossier.officer_id == Officer.id)
        .outerjoin(ResultReturn, ResultReturn.dossier_id == Dossier.id)
        .outerjoin(returner, ResultReturn.officer_id == returner.id)
        .where(stats.in_window(Dossier.received_at, lo, hi))
        .order_by(Dossier.received_at, Dossier.id).limit(MAX_BOOK_ROWS + 1)
    ).all()
    if len(rows) > MAX_BOOK_ROWS:
        raise ValidationError(tr("Quá {MAX_BOOK_ROWS:,} hồ sơ trong khoảng này: hãy in sổ theo từng tháng.").format(MAX_BOOK_ROWS=MAX_BOOK_ROWS).replace(",", "."),
                              field="end")
    # The first hand-off from the desk names the lead agency and the transfer moment (form 07).
    transfers: dict[int, tuple[str, datetime]] = {}
    for dossier_id, from_unit, to_unit, at in session.execute(
            select(Handoff.dossier_id, Handoff.from_unit, Handoff.to_unit, Handoff.at)
            .join(Dossier, Handoff.dossier_id == Dossier.id)
            .where(stats.in_window(Dossier.received_at, lo, hi))
            .order_by(Handoff.dossier_id, Handoff.position)):
        if dossier_id not in transfers and fold(from_unit).startswith(_DESK_FOLDED) and to_unit != CITIZEN_UNIT:
            transfers[dossier_id] = (to_unit, at)
    book = []
    for n, (code, procedure, sets, owner, address, phone, received, due, original, returned, ready, status,
            officer, returned_by, taken_by, dossier_id, agencies, procedure_code, id_number, result_type,
            result_number) in enumerate(rows, start=1):
        finished = ready or returned
        lead, transferred = transfers.get(dossier_id, ("", None))
        book.append(TrackingBookRow(
            order=n, dossier_code=code, content=procedure, sets=sets, owner_name=owner, address=address, phone=phone,
            received_at=received, due_at=original or due, returned_at=returned, returned_by=returned_by or "",
            taken_by=taken_by or "", receiving_officer=officer,
            note=_note(status, due, original, finished if status in (S.RESULT_READY, S.RETURNED) else None),
            lead_agency=lead or (agencies or "").split("\n", 1)[0].strip(), transferred_at=transferred,
            result_back_at=ready, procedure_code=procedure_code, owner_id_number=id_number, status=status,
            result_type=result_type, result_number=result_number,
        ))
    unit = session.execute(select(Unit).order_by(Unit.id).limit(1)).scalar_one()
    volume = f"{start:%Y}" if start.year == end.year else f"{start:%Y}–{end:%Y}"
    return TrackingBookData(agency=agency_info(unit), place_date=place_date_text(unit.place, local_now().date()),
                            start=start, end=end, rows=tuple(book), volume=volume)


# --------------------------------------------------------------------------- period report


def _line(row: PeriodRow, order: str, level: int, name: str | None = None) -> PeriodReportLine:
    return PeriodReportLine(order, row.code if level else "", name or row.name, row.carried_over, row.received,
                            row.resolved_early, row.resolved_on_time, row.resolved_late, row.closed,
                            row.unfinished_within, row.unfinished_overdue, level)


def report_lines(report: PeriodReport) -> tuple[PeriodReportLine, ...]:
    """Total first, then each field (I, II, …) followed by its procedures (1, 2, …)."""
    lines = [_line(report.totals, "", 0, "Tổng cộng")]
    for i, fld in enumerate(report.by_field):
        lines.append(_line(fld, ROMAN[i] if i < len(ROMAN) else str(i + 1), 1, f"Lĩnh vực {fld.name}"))
        procedures = [p for p in report.by_procedure if p.parent == fld.key]
        lines += [_line(p, str(n), 2) for n, p in enumerate(procedures, start=1)]
    return tuple(lines)


def period_report_data(session: Session, start: date, end: date | None = None, *,
                       now: datetime | None = None, signer_name: str = "") -> PeriodReportData:
    now = now or local_now()
    report = compute_period_report(session, start, end, now=now)
    summary = stats.compute_dashboard(session, start, end, now=now)
    unit = session.execute(select(Unit).order_by(Unit.id).limit(1)).scalar_one()
    return PeriodReportData(agency=agency_info(unit), place_date=place_date_text(unit.place, now.date()),
                            start=report.start, end=report.end, as_of=report.as_of, lines=report_lines(report),
                            summary=summary_lines(summary), signer_name=signer_name,
                            indicators=indicator_lines(summary.indicators))


INDICATOR_GROUPS = {"total": "Toàn đơn vị", "desk": "Quầy", "officer": "Cán bộ", "procedure": "Thủ tục",
                    "field": "Lĩnh vực"}


def indicator_lines(rows: tuple[Any, ...]) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The indicator rows as printed: group, name, and each rate as "92,3% (12/13)" or "—"."""
    from counter_app.domain.indicators import INDICATORS, rate_text

    return tuple((INDICATOR_GROUPS[r.table], r.name,
                  tuple(rate_text(getattr(r.counts, num), getattr(r.counts, den)) for _, num, den, _ in INDICATORS))
                 for r in rows)


# --------------------------------------------------------------------------- daily workbook


BREAKDOWN_HEADERS = ("Tiếp nhận", "Yêu cầu bổ sung", "Từ chối", "Đã trả kết quả", "Trả quá hạn",
                     "Đang giải quyết", "Sắp đến hạn", "Quá hạn")


def breakdown_values(row: BreakdownRow) -> tuple[int, ...]:
    return (row.received, row.supplements, row.refusals, row.returned, row.returned_late, row.unfinished,
            row.due_soon, row.overdue)


def _breakdown_sheet(name: str, first: str, rows: tuple[BreakdownRow, ...], title: tuple[str, ...]) -> SheetSpec:
    from counter_app.printing.workbooks import SheetSpec  # openpyxl loads on the first export

    return SheetSpec(name, (first, *BREAKDOWN_HEADERS), [(r.name, *breakdown_values(r)) for r in rows],
                     title=title, widths=(48, *([14] * len(BREAKDOWN_HEADERS))), wrap=(0,))


def daily_sheets(s: DashboardStats, period: PeriodReportData, book: TrackingBookData) -> list[SheetSpec]:
    from counter_app.printing.workbooks import SheetSpec, period_report_sheet, tracking_book_sheet

    span = f"Ngày {s.start:%d/%m/%Y}" if s.is_single_day else f"Từ ngày {s.start:%d/%m/%Y} đến ngày {s.end:%d/%m/%Y}"
    title = (f"Số liệu tiếp nhận và giải quyết hồ sơ — {span}", period.agency.name,
             f"Số liệu đến {s.as_of:%H:%M ngày %d/%m/%Y}")
    metrics = [(m.label if m.level == 0 else ("    " * m.level) + m.label, m.value, m.key) for m in summary_metrics(s)]
    return [
        SheetSpec("Chỉ số", ("Chỉ số", "Số hồ sơ", "Mã chỉ số"), metrics, title=title, widths=(58, 12, 32),
                  bold_rows=[i for i, m in enumerate(summary_metrics(s)) if m.level == 0]),
        _breakdown_sheet("Theo quầy", "Quầy", s.by_desk, title),
        _breakdown_sheet("Theo cán bộ", "Cán bộ tiếp nhận", s.by_officer, title),
        _breakdown_sheet("Theo thủ tục", "Thủ tục hành chính", s.by_procedure, title),
        _breakdown_sheet("Theo lĩnh vực", "Lĩnh vực", s.by_field, title),
        period_report_sheet(period, "Báo cáo"),
        tracking_book_sheet(book),
    ]


# --------------------------------------------------------------------------- exports


def _fmt(fmt: ReportFormat | str, allowed: tuple[ReportFormat, ...]) -> ReportFormat:
    try:
        value = ReportFormat(str(fmt).lower())
    except ValueError:
        value = None
    if value not in allowed:
        raise ValidationError(tr("Định dạng «{fmt}» không hỗ trợ: dùng {items}.").format(fmt=fmt, items=', '.join(a.value for a in allowed)),
                              field="format")
    return value


def default_name(kind: str, start: date, end: date, fmt: ReportFormat) -> str:
    span = f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d}_{end:%Y-%m-%d}"
    return f"{kind}-{span}.{fmt.value}"


def export_daily(db: Database, day: date, fmt: ReportFormat | str, out: Path | None = None, *,
                 now: datetime | None = None) -> Path | str:
    """``report daily``: JSON text (returned, or written to ``out``), or a PDF / XLSX file."""
    from counter_app.printing.period_report import render_period_report  # ReportLab, openpyxl: on first use
    from counter_app.printing.workbooks import write_workbook

    fmt = _fmt(fmt, (ReportFormat.JSON, ReportFormat.PDF, ReportFormat.XLSX))
    now = now or local_now()
    with db.read() as session:
        s = stats.compute_dashboard(session, day, day, now=now)
        if fmt is ReportFormat.JSON:
            text = json.dumps(s.to_json(), ensure_ascii=False, indent=2)
            if out is None:
                return text
            Path(out).write_text(text + "\n", encoding="utf-8")
            return Path(out)
        period = period_report_data(session, day, day, now=now)
        book = tracking_book_data(session, day, day) if fmt is ReportFormat.XLSX else None
    target = Path(out or default_name("bao-cao-ngay", day, day, fmt))
    if fmt is ReportFormat.PDF:
        render_period_report(period, target)
    else:
        assert book is not None  # read above for XLSX
        write_workbook(daily_sheets(s, period, book), target)
    return target


def export_period_report(db: Database, start: date, end: date, fmt: ReportFormat | str, out: Path | None = None, *,
                         now: datetime | None = None) -> Path | str:
    from counter_app.printing.period_report import render_period_report
    from counter_app.printing.workbooks import write_period_report_xlsx

    fmt = _fmt(fmt, (ReportFormat.JSON, ReportFormat.PDF, ReportFormat.XLSX))
    now = now or local_now()
    with db.read() as session:
        if fmt is ReportFormat.JSON:
            text = json.dumps(compute_period_report(session, start, end, now=now).to_json(),
                              ensure_ascii=False, indent=2)
            if out is None:
                return text
            Path(out).write_text(text + "\n", encoding="utf-8")
            return Path(out)
        data = period_report_data(session, start, end, now=now)
    target = Path(out or default_name("bao-cao-ky", start, end, fmt))
    (render_period_report if fmt is ReportFormat.PDF else write_period_report_xlsx)(data, target)
    return target


def export_tracking_book(db: Database, start: date, end: date, fmt: ReportFormat | str, out: Path | None = None) -> Path:
    from counter_app.printing.tracking_book import render_tracking_book
    from counter_app.printing.workbooks import write_tracking_book_xlsx

    fmt = _fmt(fmt, (ReportFormat.PDF, ReportFormat.XLSX))
    with db.read() as session:
        data = tracking_book_data(session, start, end)
    target = Path(out or default_name("so-theo-doi", start, end, fmt))
    (render_tracking_book if fmt is ReportFormat.PDF else write_tracking_book_xlsx)(data, target)
    return target
