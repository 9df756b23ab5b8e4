"""Giấy biên nhận trả kết quả — the receipt the person taking the result signs (two copies)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import ReturnReceiptData
from counter_app.printing.layout import (
    FRAME_WIDTH,
    Column,
    Copy,
    PdfTarget,
    Signer,
    applicant_lines,
    build_pdf,
    code_block,
    grid_table,
    label_value,
    national_header,
    para,
    procedure_line,
    signature_blocks,
    styles,
    title_block,
)
from counter_app.printing.registry import form_info
from counter_app.printing.text import PLACEHOLDER, esc, esc_nobreak, esc_or_blank, vn_datetime

FORM_KEY = "return_receipt"
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nhận kết quả")

RESULT_COLUMNS = (
    Column("TT", 10 * mm, "CENTER"),
    Column("Loại giấy tờ kết quả", 52 * mm),
    Column("Số, ký hiệu", 32 * mm, "CENTER"),
    Column("Trích yếu nội dung", 0),
)


def _story(data: ReturnReceiptData, copy_label: str) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    receiver = data.receiver
    capacity = "chủ hồ sơ" if receiver.is_applicant else "người được chủ hồ sơ ủy quyền"
    rows = [(str(i), d.type, d.number, d.summary) for i, d in enumerate(data.documents, start=1)]
    due = esc(vn_datetime(data.due_at)) if data.due_at else PLACEHOLDER
    return [
        national_header(data.agency, data.place_date),
        *title_block(form, space_after=0),
        code_block("Mã hồ sơ", data.dossier_code,
                   below=[Spacer(1, 1 * mm), para(f"({esc(copy_label)})", s.subtitle)]),
        Spacer(1, 2 * mm),
        para("Bộ phận tiếp nhận và trả kết quả giao kết quả giải quyết hồ sơ của thủ tục hành chính:"),
        procedure_line(data.procedure_name, data.procedure_code, label="Thủ tục"),
        label_value("Thời gian nhận hồ sơ", esc(vn_datetime(data.received_at))),
        label_value("Thời gian hẹn trả kết quả", due),
        para("1. Chủ hồ sơ:"),
        *applicant_lines(data.owner),
        para(f"2. Người nhận kết quả ({esc(capacity)}):"),
        label_value("Ông/Bà", f"<b>{esc_or_blank(receiver.name)}</b>", s.body_indent),
        label_value("Số định danh cá nhân/CCCD", esc_or_blank(receiver.id_number), s.body_indent),
        label_value("Số điện thoại", esc_nobreak(receiver.phone) or PLACEHOLDER, s.body_indent),
        para("3. Kết quả giải quyết hồ sơ đã nhận:"),
        grid_table(RESULT_COLUMNS, rows, width=FRAME_WIDTH, empty_text="(Không ghi giấy tờ kết quả)"),
        Spacer(1, 1 * mm),
        *signature_blocks(
            Signer("NGƯỜI NHẬN KẾT QUẢ", receiver.name),
            Signer("NGƯỜI TRẢ KẾT QUẢ", data.officer_name),
            keep_with=[
                label_value("4. Thời gian trả kết quả", f"<b>{esc(vn_datetime(data.returned_at))}</b>"),
                para("Người nhận đã kiểm tra và nhận đủ kết quả nêu trên."),
            ],
        ),
    ]


def render_return_receipt(data: ReturnReceiptData, out: PdfTarget) -> None:
    """Write the return receipt: "Liên 1: Lưu" then "Liên 2: Giao người nhận kết quả"."""
    form = form_info(FORM_KEY)
    copies = [Copy(label, _story(data, label)) for label in COPY_LABELS]
    build_pdf(out, form, copies, title=f"{form.printed_title} — {data.dossier_code}", author=data.agency.name)
