"""Form 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (two copies in one PDF)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import ReceiptData
from counter_app.printing.layout import (
    DENSITIES,
    FRAME_WIDTH,
    Column,
    Copy,
    PdfTarget,
    RepeatedCode,
    Signer,
    applicant_lines,
    build_pdf,
    code_block,
    density,
    frame_height,
    grid_table,
    label_value,
    national_header,
    para,
    procedure_line,
    receipt_copy_labels,
    signature_blocks,
    story_height,
    styles,
    submitter_lines,
    title_block,
)
from counter_app.printing.registry import form_info
from counter_app.printing.text import esc, esc_or_blank, two_digits, vn_datetime

FORM_KEY = "receipt"
NUMBER_BLANK = "………/TNHS"


def submitter_name(data: ReceiptData) -> str:
    """Who signs as "NGƯỜI NỘP HỒ SƠ": the proxy when one handed it in, else the owner when a
    person (a business or organisation is represented by someone who writes their own name)."""
    if data.submitter is not None:
        return data.submitter.name
    return data.applicant.signing_name


# Narrow count columns (the headers wrap): the document names get the width, fewer lines each.
DOCUMENT_COLUMNS = (
    Column("TT", 9 * mm, "CENTER"),
    Column("Tên giấy tờ", 0),
    Column("Bản chính", 16 * mm, "CENTER"),
    Column("Bản chứng thực", 19 * mm, "CENTER"),
    Column("Bản photo", 16 * mm, "CENTER"),
)


def _story(data: ReceiptData, copy_label: str) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    rows = [
        (str(d.order), d.name, str(d.originals), str(d.certified_copies), str(d.photocopies))
        for d in data.documents
    ]
    story: list[Flowable] = [
        national_header(data.agency, data.place_date, number=data.number or NUMBER_BLANK),
        *title_block(form, space_after=0),
        code_block(
            "Mã hồ sơ",
            data.dossier_code,
            qr_value=data.effective_lookup_url(),
            below=[Spacer(1, 1 * mm), para(f"({esc(copy_label)})", s.subtitle)],
        ),
        Spacer(1, 2 * mm),
        para("Bộ phận tiếp nhận và trả kết quả đã tiếp nhận hồ sơ của:"),
        *applicant_lines(data.applicant),
        *(submitter_lines(data.submitter) if data.submitter else []),
        procedure_line(data.procedure_name, data.procedure_code),
        para("1. Thành phần hồ sơ nộp gồm:"),
        grid_table(DOCUMENT_COLUMNS, rows, width=FRAME_WIDTH,
                   empty_text="(Không có giấy tờ kèm theo)"),
        Spacer(1, 1 * mm),
        *signature_blocks(
            Signer("NGƯỜI NỘP HỒ SƠ", submitter_name(data)),
            Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name),
            keep_with=[
                label_value("2. Số lượng hồ sơ", f"{esc(two_digits(data.sets))} bộ"),
                label_value("3. Thời gian giải quyết hồ sơ theo quy định",
                            esc_or_blank(data.processing_time_text)),
                *([label_value("Phí, lệ phí", esc(data.fee_text))] if data.fee_text.strip() else []),
                label_value("4. Thời gian nhận hồ sơ", esc(vn_datetime(data.received_at))),
                label_value("5. Thời gian trả kết quả giải quyết hồ sơ",
                            f"<b>{esc(vn_datetime(data.due_at))}</b>"),
                label_value("6. Đăng ký nhận kết quả tại", esc_or_blank(data.delivery_method)),
                para(
                    f"Vào Sổ theo dõi hồ sơ, Quyển số: <b>{esc_or_blank(data.book_volume)}</b>, "
                    f"Số thứ tự: <b>{esc_or_blank(data.book_number)}</b>."
                ),
            ],
        ),
    ]
    return story


def render_receipt(data: ReceiptData, out: PdfTarget) -> int:
    """Write form 01 as a PDF: "Liên 1: Lưu" then "Liên 2: Giao người nộp hồ sơ",
    each starting on a new page; returns the number of pages.

    Each copy keeps to one A4 page: the normal look when it fits, else the tighter
    :data:`~counter_app.printing.layout.DENSITIES` in turn (12 documents and 200-character
    names and addresses fit the tightest). A copy longer than that still names its dossier on
    every page: the code and its barcode are repeated at the top of each further page.
    """
    form = form_info(FORM_KEY)
    labels = receipt_copy_labels()
    for level in DENSITIES:
        with density(level):
            if level is not DENSITIES[-1] and story_height(_story(data, labels[0])) > frame_height():
                continue
            copies = [Copy(label, _story(data, label)) for label in labels]
            return build_pdf(out, form, copies,
                             title=f"{form.printed_title} — {data.dossier_code}",
                             author=data.agency.name,
                             repeat_code=RepeatedCode("Mã hồ sơ", data.dossier_code))
    raise AssertionError("unreachable: the last density always renders")
