"""Biên lai thu phí, lệ phí — the payment receipt of one dossier's fees (two copies on A4)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.domain.fees import money_text
from counter_app.printing.fees_data import PaymentReceiptData
from counter_app.printing.layout import (
    FRAME_WIDTH,
    Column,
    Copy,
    PdfTarget,
    Signer,
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
from counter_app.printing.text import esc, esc_or_blank, vn_datetime

FORM_KEY = "payment_receipt"
COPY_LABELS = ("Liên 1: Lưu", "Liên 2: Giao người nộp tiền")

FEE_COLUMNS = (
    Column("TT", 10 * mm, "CENTER"),
    Column("Nội dung thu", 0),
    Column("Số tiền (đồng)", 38 * mm, "RIGHT"),
)


def _story(data: PaymentReceiptData, copy_label: str) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    rows = [(str(i), name, money_text(amount).removesuffix(" đồng"))
            for i, (name, amount) in enumerate(data.fee_lines, start=1)]
    return [
        national_header(data.agency, data.place_date, number=data.number),
        *title_block(form, space_after=0),
        code_block("Số biên lai", data.number, below=[Spacer(1, 1 * mm), para(f"({esc(copy_label)})", s.subtitle)]),
        Spacer(1, 2 * mm),
        label_value("Họ và tên người nộp tiền", f"<b>{esc_or_blank(data.payer_name)}</b>"),
        label_value("Số định danh cá nhân/CCCD", esc_or_blank(data.payer_id_number)),
        label_value("Mã hồ sơ", f"<b>{esc(data.dossier_code)}</b>"),
        procedure_line(data.procedure_name, data.procedure_code, label="Thủ tục"),
        para("Các khoản phí, lệ phí của hồ sơ:"),
        grid_table(FEE_COLUMNS, rows, width=FRAME_WIDTH, empty_text="(Không có khoản phí, lệ phí)"),
        *([label_value("Miễn, giảm", esc(data.exemption_text))] if data.exemption_text else []),
        Spacer(1, 1 * mm),
        label_value("Số tiền nộp", f"<b>{esc(money_text(data.amount))}</b>"),
        label_value("Số tiền bằng chữ", f"<i>{esc(data.amount_words)}</i>"),
        label_value("Hình thức thanh toán", esc(data.method_label)
                    + (f" — mã giao dịch: <b>{esc(data.reference)}</b>" if data.reference else "")),
        label_value("Thời gian nộp", esc(vn_datetime(data.paid_at))),
        *signature_blocks(Signer("NGƯỜI NỘP TIỀN", data.payer_name), Signer("NGƯỜI THU TIỀN", data.officer_name)),
    ]


def render_payment_receipt(data: PaymentReceiptData, out: PdfTarget) -> int:
    """Write the receipt: "Liên 1: Lưu" then "Liên 2: Giao người nộp tiền"; returns the page count."""
    form = form_info(FORM_KEY)
    copies = [Copy(label, _story(data, label)) for label in COPY_LABELS]
    return build_pdf(out, form, copies, title=f"{form.printed_title} — {data.number}", author=data.agency.name)
