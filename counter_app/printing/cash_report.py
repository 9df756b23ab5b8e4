"""Bảng kê thu phí, lệ phí trong ngày — the end-of-day cash hand-over (A4 landscape).

Totals per officer and desk by method (voided receipts excluded), then every receipt of the
day; voided receipts are listed with who voided them and why, and count for nothing.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.domain.fees import money_text
from counter_app.printing.fees_data import CashReportData, CashRow, CashTotal
from counter_app.printing.layout import (
    Copy,
    PdfTarget,
    Signer,
    build_pdf,
    national_header,
    para,
    signature_blocks,
    styles,
    title_block,
)
from counter_app.printing.registry import form_info
from counter_app.printing.text import esc
from counter_app.printing.wide_table import LANDSCAPE, LANDSCAPE_WIDTH, WideColumn, wide_table

FORM_KEY = "cash_report"
MONEY = 30 * mm


def _n(amount: int) -> str:
    return money_text(amount).removesuffix(" đồng")


TOTAL_COLUMNS = (
    WideColumn("Cán bộ thu", 0),
    WideColumn("Quầy", 14 * mm, "CENTER"),
    WideColumn("Số biên lai", 20 * mm, "CENTER"),
    WideColumn("Tiền mặt", MONEY, "RIGHT", "Số tiền (đồng)"),
    WideColumn("Chuyển khoản", MONEY, "RIGHT", "Số tiền (đồng)"),
    WideColumn("Trực tuyến", MONEY, "RIGHT", "Số tiền (đồng)"),
    WideColumn("Cộng", MONEY, "RIGHT", "Số tiền (đồng)"),
)
ROW_COLUMNS = (
    WideColumn("Số biên lai", 46 * mm),
    WideColumn("Giờ", 13 * mm, "CENTER"),
    WideColumn("Mã hồ sơ", 50 * mm),
    WideColumn("Người nộp", 0),
    WideColumn("Hình thức", 26 * mm),
    WideColumn("Mã giao dịch", 30 * mm),
    WideColumn("Số tiền (đồng)", 24 * mm, "RIGHT"),
    WideColumn("Cán bộ thu", 32 * mm),
)


def total_values(t: CashTotal) -> tuple[object, ...]:
    return (t.officer_name, str(t.desk_number), str(t.count), _n(t.cash), _n(t.transfer), _n(t.online), _n(t.total))


def row_values(r: CashRow) -> tuple[object, ...]:
    amount = _n(r.amount)
    return (r.number, f"{r.paid_at:%H:%M}", r.dossier_code, r.payer_name, r.method_label, r.reference,
            f"({amount})" if r.voided else amount, r.officer_name)


def _story(data: CashReportData) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    totals = [total_values(t) for t in data.totals]
    sums = [sum(getattr(t, k) for t in data.totals) for k in ("cash", "transfer", "online")]
    totals.append(("Tổng cộng", "", str(sum(t.count for t in data.totals)), *(_n(v) for v in sums),
                   _n(data.grand_total)))
    kept = [r for r in data.rows if not r.voided]
    voided = [r for r in data.rows if r.voided]
    story: list[Flowable] = [
        national_header(data.agency, data.place_date, width=LANDSCAPE_WIDTH),
        *title_block(form, f"Ngày {data.day:%d/%m/%Y}", space_before=4 * mm, space_after=2 * mm),
        para(f"Tổng số tiền bàn giao: <b>{esc(money_text(data.grand_total))}</b>", s.line),
        Spacer(1, 2 * mm),
        para("1. Tổng hợp theo cán bộ thu, quầy và hình thức thanh toán (không tính biên lai đã hủy):"),
        wide_table(TOTAL_COLUMNS, totals, bold_rows=[len(totals) - 1]),
        Spacer(1, 3 * mm),
        para("2. Danh sách biên lai:"),
        wide_table(ROW_COLUMNS, [row_values(r) for r in kept], empty_text="(Không có biên lai trong ngày)"),
    ]
    if voided:
        story += [Spacer(1, 3 * mm), para("3. Biên lai đã hủy (không tính vào tổng):"),
                  wide_table(ROW_COLUMNS, [row_values(r)[:-1] + (f"{r.officer_name}; hủy: {r.voided_by} — "
                                                                  f"{r.void_reason}",) for r in voided])]
    story += signature_blocks(Signer("NGƯỜI NỘP TIỀN", ""), Signer("KẾ TOÁN NHẬN TIỀN", ""),
                              width=LANDSCAPE_WIDTH, sign_space=18 * mm)
    return story


def render_cash_report(data: CashReportData, out: PdfTarget) -> int:
    form = form_info(FORM_KEY)
    return build_pdf(out, form, [Copy("", _story(data))], title=f"{form.printed_title} — {data.day:%d/%m/%Y}",
                     author=data.agency.name, pagesize=LANDSCAPE)
