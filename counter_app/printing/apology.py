"""Form 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (one copy, to the applicant)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import ApologyData
from counter_app.printing.layout import (
    Copy,
    PdfTarget,
    Signer,
    build_pdf,
    label_value,
    national_header,
    para,
    signature_blocks,
    styles,
    title_block,
)
from counter_app.printing.letters import letter, received_opening, sentence
from counter_app.printing.registry import form_info
from counter_app.printing.text import PLACEHOLDER, esc, esc_or_blank, vn_date, vn_datetime, vn_time

FORM_KEY = "apology"
SIGN_AND_SEAL = "(Ký, ghi rõ họ tên và đóng dấu)"


def _story(data: ApologyData) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    return [
        national_header(data.agency, data.place_date, number=data.number),
        *title_block(form),
        para(f"Kính gửi: <b>{esc_or_blank(data.applicant.name)}</b>", s.line),
        Spacer(1, 2 * mm),
        received_opening(data.received_at, data.procedure_name, data.procedure_code),
        label_value("Mã hồ sơ", f"<b>{esc(data.dossier_code)}</b>", s.body_indent),
        label_value("Thời gian hẹn trả kết quả giải quyết hồ sơ", esc(vn_datetime(data.due_at)), s.body_indent),
        Spacer(1, 1 * mm),
        letter(f"Tuy nhiên, đến nay <b>{esc_or_blank(data.late_agency)}</b> chưa giải quyết xong hồ sơ của "
               "Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả."),
        letter(f"Lý do: {sentence(data.reason) or PLACEHOLDER}"),
        letter("Sự chậm trễ này đã gây phiền hà, tốn kém thời gian, chi phí đi lại của Ông/Bà. "
               "Chúng tôi trân trọng xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ; "
               "kết quả giải quyết hồ sơ sẽ được trả cho Ông/Bà vào "
               f"<b>{esc(vn_time(data.new_due_at))}, {esc(vn_date(data.new_due_at))}</b>."),
        *signature_blocks(
            None, Signer(data.signer_title, data.signer_name, note=SIGN_AND_SEAL),
            keep_with=[letter("Xin trân trọng cảm ơn./.")],
        ),
    ]


def render_apology(data: ApologyData, out: PdfTarget) -> None:
    """Write form 04 as a one-copy PDF."""
    form = form_info(FORM_KEY)
    build_pdf(out, form, [Copy("", _story(data))], title=f"{form.printed_title} — {data.dossier_code}",
              author=data.agency.name)
