"""Form 07 — Sổ theo dõi hồ sơ, for a date range (A4 landscape)."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import TrackingBookData, TrackingBookRow
from counter_app.printing.layout import Copy, PdfTarget, build_pdf, national_header, title_block
from counter_app.printing.registry import form_info
from counter_app.printing.wide_table import LANDSCAPE, LANDSCAPE_WIDTH, WideColumn, wide_table

FORM_KEY = "tracking_book"
DATES = "Ngày, tháng, năm"
SIGN = "Ký nhận trả kết quả"

COLUMNS = (
    WideColumn("TT", 8 * mm, "CENTER"),
    WideColumn("Mã hồ sơ", 23 * mm),
    WideColumn("Nội dung yêu cầu giải quyết", 0),
    WideColumn("Số bộ", 8 * mm, "CENTER"),
    WideColumn("Tên chủ hồ sơ", 20 * mm),
    WideColumn("Địa chỉ, số điện thoại", 22 * mm),
    WideColumn("Cơ quan chủ trì giải quyết", 19 * mm),
    WideColumn("Nhận hồ sơ", 17 * mm, "CENTER", DATES),
    WideColumn("Hẹn trả kết quả", 17 * mm, "CENTER", DATES),
    WideColumn("Chuyển cơ quan giải quyết / nhận lại kết quả", 17 * mm, "CENTER", DATES),
    WideColumn("Trả kết quả", 17 * mm, "CENTER", DATES),
    WideColumn("Người trả", 14 * mm, "CENTER", SIGN),
    WideColumn("Người nhận", 14 * mm, "CENTER", SIGN),
    WideColumn("Cán bộ tiếp nhận", 14 * mm, "CENTER"),
    WideColumn("Ghi chú", 18 * mm),
)
HEADERS = tuple(c.header for c in COLUMNS)


def moment_text(value: datetime | None) -> str:
    """``25/11/2026`` over ``08:30`` (two lines in the book's narrow date columns)."""
    return f"{value:%d/%m/%Y}\n{value:%H:%M}" if value else ""


def transfer_text(row: TrackingBookRow) -> str:
    """Handed to the lead agency / result back from it: "Chuyển: 25/11/2026" over "Nhận: 27/11/2026"."""
    parts = []
    if row.transferred_at:
        parts.append(f"Chuyển:\n{row.transferred_at:%d/%m/%Y}")
    if row.result_back_at:
        parts.append(f"Nhận lại:\n{row.result_back_at:%d/%m/%Y}")
    return "\n".join(parts)


def row_values(row: TrackingBookRow) -> tuple[object, ...]:
    """The printed cells of a row (also the XLSX row, so both show the same)."""
    place = ", ".join(part for part in (row.address, row.phone) if part)
    # The code breaks after the agency part, never inside it: "000.00.01.H12-" / "260429-1001".
    code = row.dossier_code.replace("-", "-\n", 1)
    return (row.order, code, row.content, row.sets, row.owner_name, place, row.lead_agency,
            moment_text(row.received_at), moment_text(row.due_at), transfer_text(row), moment_text(row.returned_at),
            row.returned_by, row.taken_by, row.receiving_officer, row.note)


def _story(data: TrackingBookData) -> list[Flowable]:
    form = form_info(FORM_KEY)
    if data.start == data.end:
        span = f"Ngày {data.start:%d/%m/%Y}"
    else:
        span = f"Từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y}"
    volume = f"Quyển số: {data.volume}" if data.volume else ""
    return [
        national_header(data.agency, data.place_date, width=LANDSCAPE_WIDTH),
        *title_block(form, span, volume, space_before=4 * mm, space_after=2 * mm),
        wide_table(COLUMNS, [row_values(r) for r in data.rows],
                   empty_text="(Không có hồ sơ tiếp nhận trong thời gian này)"),
        Spacer(1, 2 * mm),
    ]


def render_tracking_book(data: TrackingBookData, out: PdfTarget) -> None:
    """Write the tracking book as an A4-landscape PDF; the header rows repeat on every page."""
    form = form_info(FORM_KEY)
    build_pdf(out, form, [Copy("", _story(data))], title=f"{form.printed_title} — {data.start:%d/%m/%Y}",
              author=data.agency.name, pagesize=LANDSCAPE)
