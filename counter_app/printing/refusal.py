"""Form 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

from __future__ import annotations

from reportlab.platypus import Flowable

from counter_app.printing.data import RefusalData
from counter_app.printing.layout import (
    Copy,
    PdfTarget,
    Signer,
    applicant_lines,
    build_pdf,
    help_line,
    national_header,
    para,
    procedure_line,
    signature_blocks,
    styles,
    title_block,
)
from counter_app.printing.registry import form_info
from counter_app.printing.text import esc_or_blank

FORM_KEY = "refusal"


def _story(data: RefusalData) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    return [
        national_header(data.agency, data.place_date, number=data.number),
        *title_block(form),
        para("Hồ sơ của:"),
        *applicant_lines(data.applicant),
        procedure_line(data.procedure_name, data.procedure_code),
        para("Qua xem xét, Bộ phận tiếp nhận và trả kết quả thông báo không tiếp nhận, "
             "giải quyết hồ sơ này với lý do cụ thể như sau:"),
        para(esc_or_blank(data.reason), s.body_indent_justify),
        *signature_blocks(
            Signer("NGƯỜI NỘP HỒ SƠ", data.applicant.signing_name),
            Signer("NGƯỜI TIẾP NHẬN HỒ SƠ", data.officer_name),
            keep_with=[
                *help_line(data.officer_name, data.officer_phone, data.help_line,
                           lead="Mọi vướng mắc về nội dung trên"),
                para("Xin thông báo để Ông/Bà được biết và thực hiện./."),
            ],
        ),
    ]


def render_refusal(data: RefusalData, out: PdfTarget) -> None:
    """Write form 03 as a one-copy PDF."""
    form = form_info(FORM_KEY)
    build_pdf(out, form, [Copy("", _story(data))], title=form.printed_title,
              author=data.agency.name)
