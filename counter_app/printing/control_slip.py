"""Form 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ (one row per hand-off of the dossier).

The table follows the annex form: agency column "Giao: … / Nhận: …", the hand-off moment with
who gave and who took the dossier, the result at that step (trước hạn / đúng hạn / quá hạn)
and a note. Cells hold several lines, so the table is built here with the shared styles
rather than with :func:`layout.grid_table` (which takes one plain line of text per cell).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from counter_app.printing.data import ControlSlipData, ControlSlipRow
from counter_app.printing.layout import (
    FRAME_WIDTH,
    Column,
    Copy,
    PdfTarget,
    build_pdf,
    code_block,
    label_value,
    national_header,
    para,
    procedure_line,
    styles,
    title_block,
)
from counter_app.printing.registry import form_info
from counter_app.printing.text import PLACEHOLDER, esc, esc_or_blank, vn_datetime, vn_time

FORM_KEY = "control_slip"
COPY_LABEL = "Liên: Lưu tại Bộ phận tiếp nhận và trả kết quả"

COLUMNS = (
    Column("TT", 10 * mm, "CENTER"),
    Column("Tên cơ quan", 44 * mm),
    Column("Thời gian giao, nhận hồ sơ", 0),
    Column("Kết quả giải quyết hồ sơ (trước hạn/ đúng hạn/ quá hạn)", 25 * mm, "CENTER"),
    Column("Ghi chú", 28 * mm),
)


SIGN_BOX_HEIGHT = 13 * mm


def _signature_boxes(given_by: str, taken_by: str) -> Table:
    """"Người giao (ký)" | "Người nhận (ký)": blank boxes signed at the hand-off; a name already
    known is printed small under the signing space, never instead of it."""
    s = styles()

    def box(title: str, name: str) -> list[Flowable]:
        out: list[Flowable] = [para(esc(title), s.sign_note), Spacer(1, SIGN_BOX_HEIGHT)]
        if name.strip():
            out.append(para(f"<i>{esc(name)}</i>", s.table_num))
        return out

    t = Table([[box("Người giao (ký)", given_by), box("Người nhận (ký)", taken_by)]])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                           ("LINEBEFORE", (1, 0), (1, 0), 0.3, colors.grey)]))
    return t


def _row(row: ControlSlipRow) -> list[Flowable]:
    s = styles()
    return [
        para(esc(row.order), s.table_num),
        para(f"Giao: <b>{esc_or_blank(row.from_unit)}</b><br/>Nhận: <b>{esc_or_blank(row.to_unit)}</b>",
             s.table_cell),
        [para(f"{esc(vn_time(row.at))}, ngày {row.at:%d/%m/%Y}", s.table_cell),
         _signature_boxes(row.given_by, row.taken_by)],
        para(esc(row.result), s.table_num),
        para(esc(row.note), s.table_cell),
    ]


def _blank_row(order: int) -> list[Flowable]:
    s = styles()
    return [
        para(esc(order), s.table_num),
        para(f"Giao: {PLACEHOLDER}<br/>Nhận: {PLACEHOLDER}", s.table_cell),
        [para("…… giờ …… phút, ngày ……/……/……", s.table_cell), _signature_boxes("", "")],
        para("", s.table_num),
        para("", s.table_cell),
    ]


def handoff_table(rows: tuple[ControlSlipRow, ...], width: float = FRAME_WIDTH, blank_rows: int = 0) -> Table:
    s = styles()
    fixed = sum(c.width for c in COLUMNS)
    widths = [c.width or width - fixed for c in COLUMNS]
    data: list[list[object]] = [[para(esc(c.header), s.table_head) for c in COLUMNS]]
    data += [_row(r) for r in rows]
    data += [_blank_row(len(rows) + i) for i in range(1, blank_rows + 1)]
    empty = not rows and not blank_rows
    if empty:
        data.append([para("(Chưa có lượt giao, nhận hồ sơ)", s.table_cell)] + [""] * (len(COLUMNS) - 1))
    table = Table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if empty:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table.setStyle(TableStyle(commands))
    return table


def _story(data: ControlSlipData) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    due = esc(vn_datetime(data.due_at)) if data.due_at else PLACEHOLDER
    return [
        national_header(data.agency, data.place_date),
        *title_block(form, space_after=0),
        code_block("Mã hồ sơ", data.dossier_code,
                   below=[Spacer(1, 1 * mm), para(f"({esc(COPY_LABEL)})", s.subtitle)]),
        Spacer(1, 2 * mm),
        label_value("Kèm theo hồ sơ của", f"<b>{esc_or_blank(data.attached_to or data.owner_name)}</b>"),
        procedure_line(data.procedure_name, data.procedure_code),
        label_value("Thời gian nhận hồ sơ", esc(vn_datetime(data.received_at))),
        label_value("Thời gian hẹn trả kết quả", due),
        label_value("Cơ quan (bộ phận) giải quyết hồ sơ", esc_or_blank(data.processing_units)),
        label_value("Cơ quan phối hợp giải quyết", esc_or_blank(data.coordinating_agencies)),
        Spacer(1, 2 * mm),
        handoff_table(data.rows, blank_rows=data.blank_rows),
    ]


def render_control_slip(data: ControlSlipData, out: PdfTarget) -> None:
    """Write form 06 (one copy, kept with the dossier at the one-stop desk)."""
    form = form_info(FORM_KEY)
    build_pdf(out, form, [Copy("", _story(data))], title=f"{form.printed_title} — {data.dossier_code}",
              author=data.agency.name)
