"""Báo cáo tình hình tiếp nhận và giải quyết hồ sơ trong kỳ (A4 landscape).

Columns follow the usual one-stop statistics table: total to handle (carried over + newly
received), resolved (early / on time / late), withdrawn or stopped, unfinished (within
deadline / overdue) — for the total, each field, and each procedure under its field.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import PeriodReportData, PeriodReportLine
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

FORM_KEY = "period_report"
TOTAL = "Tổng số hồ sơ"
RESOLVED = "Đã giải quyết"
UNFINISHED = "Đang giải quyết"
NUM = 15 * mm

COLUMNS = (
    WideColumn("STT", 11 * mm, "CENTER"),
    WideColumn("Lĩnh vực, thủ tục hành chính", 0),
    WideColumn("Tồn kỳ trước", NUM, "CENTER", TOTAL),
    WideColumn("Mới tiếp nhận", NUM, "CENTER", TOTAL),
    WideColumn("Cộng", NUM, "CENTER", TOTAL),
    WideColumn("Trước hạn", NUM, "CENTER", RESOLVED),
    WideColumn("Đúng hạn", NUM, "CENTER", RESOLVED),
    WideColumn("Quá hạn", NUM, "CENTER", RESOLVED),
    WideColumn("Cộng", NUM, "CENTER", RESOLVED),
    WideColumn("Rút, dừng giải quyết", NUM + 2 * mm, "CENTER"),
    WideColumn("Trong hạn", NUM, "CENTER", UNFINISHED),
    WideColumn("Quá hạn", NUM, "CENTER", UNFINISHED),
    WideColumn("Cộng", NUM, "CENTER", UNFINISHED),
)
HEADERS = tuple(c.header for c in COLUMNS)
GROUPS = tuple(c.group for c in COLUMNS)


def line_values(line: PeriodReportLine) -> tuple[object, ...]:
    """The printed cells of a line (also the XLSX row)."""
    name = f"{line.code} — {line.name}" if line.level == 2 and line.code else line.name
    return (line.order, name, line.carried_over, line.received, line.total, line.resolved_early,
            line.resolved_on_time, line.resolved_late, line.resolved, line.closed, line.unfinished_within,
            line.unfinished_overdue, line.unfinished)


def period_text(data: PeriodReportData) -> str:
    if data.start == data.end:
        return f"Ngày {data.start:%d/%m/%Y} (số liệu đến {data.as_of:%H:%M ngày %d/%m/%Y})"
    return (f"Kỳ báo cáo: từ ngày {data.start:%d/%m/%Y} đến ngày {data.end:%d/%m/%Y} "
            f"(số liệu đến {data.as_of:%H:%M ngày %d/%m/%Y})")


def _story(data: PeriodReportData) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    story: list[Flowable] = [
        national_header(data.agency, data.place_date, width=LANDSCAPE_WIDTH),
        *title_block(form, period_text(data), space_before=4 * mm, space_after=2 * mm),
    ]
    for label, value in data.summary:
        story.append(para(f"{esc(label)}: <b>{esc(value)}</b>", s.line))
    if data.summary:
        story.append(Spacer(1, 2 * mm))
    story.append(wide_table(COLUMNS, [line_values(line) for line in data.lines],
                            bold_rows=[i for i, line in enumerate(data.lines) if line.level < 2]))
    if data.indicators:
        from counter_app.domain.indicators import INDICATORS

        story.append(Spacer(1, 3 * mm))
        story.append(para("<b>CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP</b> (Quyết định 766/QĐ-TTg; "
                          "cách tính: docs/supervision.md)", s.line))
        columns = (WideColumn("Nhóm", 22 * mm), WideColumn("Tên", 0),
                   *(WideColumn(label, 30 * mm, "CENTER", "Tỷ lệ (số hồ sơ / tổng)") for *_, label in INDICATORS))
        story.append(wide_table(columns, [(group, name, *rates) for group, name, rates in data.indicators],
                                bold_rows=[0]))
    story.extend(signature_blocks(Signer("NGƯỜI LẬP BÁO CÁO", ""), Signer("LÃNH ĐẠO CƠ QUAN", data.signer_name),
                                  width=LANDSCAPE_WIDTH, sign_space=18 * mm))
    return story


def render_period_report(data: PeriodReportData, out: PdfTarget) -> None:
    """Write the period statistics report as an A4-landscape PDF."""
    form = form_info(FORM_KEY)
    build_pdf(out, form, [Copy("", _story(data))], title=form.printed_title, author=data.agency.name,
              pagesize=LANDSCAPE)
