"""XLSX exports (openpyxl) of the tracking book, the period report and the daily counters.

Like the PDF renderers, this module takes plain data only (no database, no Qt). Every sheet
has a title block, one bold header row that stays frozen while scrolling, real numbers and
real date-times (formatted dd/mm/yyyy hh:mm) so the figures can be summed and filtered, and
column widths fitted to the content.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from counter_app.printing.data import PeriodReportData, TrackingBookData
from counter_app.printing.fees_data import CashReportData
from counter_app.printing.period_report import period_text
from counter_app.printing.registry import form_info

DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
TOTAL_FILL = PatternFill("solid", fgColor="EEEEEE")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MAX_WIDTH = 60
FONT = "Times New Roman"  # what the offices' templates use; Liberation Serif is its metric twin


@dataclass(frozen=True)
class SheetSpec:
    """One worksheet: a title block, a header row (frozen, bold) and the rows under it."""

    name: str  # sheet tab, at most 31 characters
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    title: Sequence[str] = ()  # lines above the table (the first one bold)
    widths: Sequence[float] | None = None  # characters; None: fitted to the content
    bold_rows: Sequence[int] = field(default_factory=tuple)  # indexes into ``rows``
    wrap: Sequence[int] = field(default_factory=tuple)  # column indexes whose text wraps

    @property
    def header_row(self) -> int:
        """1-based row number of the header (the title lines and a blank row come first)."""
        return len(self.title) + 2 if self.title else 1


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _fit(spec: SheetSpec) -> list[float]:
    if spec.widths is not None:
        return list(spec.widths)
    widths: list[float] = []
    for i, header in enumerate(spec.headers):
        longest = max(len(w) for w in str(header).split()) + 2 if str(header).strip() else 4
        for row in spec.rows:
            value = row[i] if i < len(row) else None
            if isinstance(value, datetime):
                n = 16
            elif isinstance(value, date):
                n = 10
            else:
                n = max((len(line) for line in str("" if value is None else value).split("\n")), default=0)
            longest = max(longest, n + 2)
        widths.append(min(MAX_WIDTH, max(6, longest)))
    return widths


def _write_sheet(ws, spec: SheetSpec) -> None:  # noqa: ANN001 - Worksheet
    ncols = len(spec.headers)
    for i, line in enumerate(spec.title, start=1):
        cell = ws.cell(row=i, column=1, value=_nfc(line))
        cell.font = Font(name=FONT, bold=i == 1, size=13 if i == 1 else 11, italic=i > 1)
        if ncols > 1:
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=ncols)
        cell.alignment = Alignment(horizontal="center")
    top = spec.header_row
    for c, header in enumerate(spec.headers, start=1):
        cell = ws.cell(row=top, column=c, value=_nfc(header))
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = set(spec.bold_rows)
    wrap = set(spec.wrap)
    for r, row in enumerate(spec.rows, start=top + 1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=_nfc(value))
            cell.border = BORDER
            cell.font = Font(name=FONT, bold=(r - top - 1) in bold)
            if (r - top - 1) in bold:
                cell.fill = TOTAL_FILL
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            if (c - 1) in wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(value, str):
                cell.alignment = Alignment(vertical="top")
    for c, width in enumerate(_fit(spec), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    if spec.rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(ncols)}{top + len(spec.rows)}"
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{top}"


def write_workbook(sheets: Sequence[SheetSpec], out: Path | str | BinaryIO) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        _write_sheet(wb.create_sheet(spec.name[:31]), spec)
    wb.properties.creator = "Một Cửa Counter"
    wb.save(out)


# --------------------------------------------------------------------------- the documents

TRACKING_BOOK_HEADERS = (
    "TT", "Mã hồ sơ", "Nội dung yêu cầu giải quyết", "Số bộ", "Tên chủ hồ sơ", "Địa chỉ", "Số điện thoại",
    "Cơ quan chủ trì giải quyết", "Ngày nhận hồ sơ", "Ngày hẹn trả kết quả", "Ngày chuyển cơ quan giải quyết",
    "Ngày nhận kết quả từ cơ quan giải quyết", "Ngày trả kết quả", "Người trả kết quả", "Người nhận kết quả",
    "Cán bộ tiếp nhận", "Ghi chú",
)
TRACKING_BOOK_WIDTHS = (6, 28, 48, 7, 24, 40, 14, 28, 17, 17, 17, 17, 17, 22, 22, 22, 30)
# After the form's columns: what another desk needs to import the book (services/backlog.py reads
# this layout; the status column is "<code> — <label>").
TRACKING_BOOK_EXTRA_HEADERS = ("Mã thủ tục", "Số giấy tờ chủ hồ sơ", "Trạng thái", "Kết quả giải quyết",
                               "Số, ký hiệu kết quả")
TRACKING_BOOK_EXTRA_WIDTHS = (12, 16, 26, 28, 16)


def status_text(status: int) -> str:
    """The tracking book's status cell: the national code first, so an importer reads it back."""
    from counter_app.domain.lifecycle import STATUS_LABELS

    return f"{status} — {STATUS_LABELS[status]}" if status in STATUS_LABELS else ""


def tracking_book_sheet(data: TrackingBookData) -> SheetSpec:
    form = form_info("tracking_book")
    span = (f"Ngày {data.start:%d/%m/%Y}" if data.start == data.end
            else f"Từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y}")
    rows = [(r.order, r.dossier_code, r.content, r.sets, r.owner_name, r.address, r.phone, r.lead_agency,
             r.received_at, r.due_at, r.transferred_at, r.result_back_at, r.returned_at, r.returned_by, r.taken_by,
             r.receiving_officer, r.note, r.procedure_code, r.owner_id_number, status_text(r.status), r.result_type,
             r.result_number) for r in data.rows]
    return SheetSpec("Sổ theo dõi hồ sơ", TRACKING_BOOK_HEADERS + TRACKING_BOOK_EXTRA_HEADERS, rows,
                     title=(f"{form.printed_title} (Mẫu số {form.number})", data.agency.name, span),
                     widths=TRACKING_BOOK_WIDTHS + TRACKING_BOOK_EXTRA_WIDTHS, wrap=(2, 5, 7, 16))


PERIOD_HEADERS = (
    "STT", "Mã", "Lĩnh vực, thủ tục hành chính", "Tồn kỳ trước", "Mới tiếp nhận", "Tổng số hồ sơ",
    "Giải quyết trước hạn", "Giải quyết đúng hạn", "Giải quyết quá hạn", "Đã giải quyết",
    "Rút, dừng giải quyết", "Đang giải quyết trong hạn", "Đang giải quyết quá hạn", "Đang giải quyết",
)
PERIOD_WIDTHS = (6, 12, 60, 11, 11, 11, 12, 12, 12, 12, 12, 13, 13, 12)


def period_report_sheet(data: PeriodReportData, name: str = "Báo cáo kỳ") -> SheetSpec:
    form = form_info("period_report")
    rows = [(line.order, line.code, line.name, line.carried_over, line.received, line.total, line.resolved_early,
             line.resolved_on_time, line.resolved_late, line.resolved, line.closed, line.unfinished_within,
             line.unfinished_overdue, line.unfinished) for line in data.lines]
    return SheetSpec(name, PERIOD_HEADERS, rows, title=(form.printed_title, data.agency.name, period_text(data)),
                     widths=PERIOD_WIDTHS, bold_rows=[i for i, line in enumerate(data.lines) if line.level < 2],
                     wrap=(2,))


def write_tracking_book_xlsx(data: TrackingBookData, out: Path | str | BinaryIO) -> None:
    write_workbook([tracking_book_sheet(data)], out)


def indicators_sheet(data: PeriodReportData) -> SheetSpec:
    """The service-index indicators (Decision 766/QĐ-TTg) by desk, officer, procedure and field."""
    from counter_app.domain.indicators import INDICATORS

    headers = ("Nhóm", "Tên", *(label for *_, label in INDICATORS))
    rows = [(group, name, *rates) for group, name, rates in data.indicators]
    return SheetSpec("Chỉ số phục vụ", headers, rows,
                     title=("CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)", data.agency.name,
                            period_text(data)),
                     bold_rows=[0] if rows else [], wrap=(1,))


def write_period_report_xlsx(data: PeriodReportData, out: Path | str | BinaryIO) -> None:
    write_workbook([period_report_sheet(data), *([indicators_sheet(data)] if data.indicators else [])], out)


CASH_TOTAL_HEADERS = ("Cán bộ thu", "Quầy", "Số biên lai", "Tiền mặt (đồng)", "Chuyển khoản (đồng)",
                      "Trực tuyến (đồng)", "Cộng (đồng)")
CASH_ROW_HEADERS = ("Số biên lai", "Thời gian nộp", "Mã hồ sơ", "Người nộp", "Thủ tục", "Hình thức", "Mã giao dịch",
                    "Số tiền (đồng)", "Cán bộ thu", "Quầy", "Đã hủy", "Người duyệt hủy", "Lý do hủy")


def cash_report_sheets(data: CashReportData) -> list[SheetSpec]:
    """The cash hand-over: totals per officer and desk (voids excluded), then every receipt. Amounts are
    integer cells (đồng), so the accountant's sums match the printed ones."""
    form = form_info("cash_report")
    title = (form.printed_title, data.agency.name, f"Ngày {data.day:%d/%m/%Y}")
    totals: list[tuple[object, ...]] = [(t.officer_name, t.desk_number, t.count, t.cash, t.transfer, t.online, t.total)
                                        for t in data.totals]
    totals.append(("Tổng cộng", None, sum(t.count for t in data.totals), sum(t.cash for t in data.totals),
                   sum(t.transfer for t in data.totals), sum(t.online for t in data.totals), data.grand_total))
    rows = [(r.number, r.paid_at, r.dossier_code, r.payer_name, r.procedure_name, r.method_label, r.reference,
             r.amount, r.officer_name, r.desk_number, "x" if r.voided else "", r.voided_by, r.void_reason)
            for r in data.rows]
    return [SheetSpec("Tổng hợp", CASH_TOTAL_HEADERS, totals, title=title, bold_rows=[len(totals) - 1]),
            SheetSpec("Biên lai", CASH_ROW_HEADERS, rows, title=title, wrap=(4,))]


def write_cash_report_xlsx(data: CashReportData, out: Path | str | BinaryIO) -> None:
    write_workbook(cash_report_sheets(data), out)
