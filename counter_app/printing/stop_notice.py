"""Form 05 — Thông báo dừng giải quyết hồ sơ (processing stopped, or withdrawn at the applicant's request)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import StopNoticeData
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
from counter_app.printing.text import PLACEHOLDER, esc, esc_or_blank

FORM_KEY = "stop_notice"


def _story(data: StopNoticeData) -> list[Flowable]:
    s = styles()
    form = form_info(FORM_KEY)
    if data.withdrawn:
        decision = ("Theo đề nghị rút hồ sơ của Ông/Bà, Bộ phận tiếp nhận và trả kết quả thông báo "
                    "<b>dừng giải quyết</b> hồ sơ nêu trên.")
        subtitle = "(Rút hồ sơ theo đề nghị của người nộp)"
    else:
        decision = "Bộ phận tiếp nhận và trả kết quả thông báo <b>dừng giải quyết</b> hồ sơ nêu trên."
        subtitle = ""
    return [
        national_header(data.agency, data.place_date, number=data.number),
        *title_block(form, subtitle),
        para(f"Kính gửi: <b>{esc_or_blank(data.applicant.name)}</b>", s.line),
        Spacer(1, 2 * mm),
        received_opening(data.received_at, data.procedure_name, data.procedure_code),
        label_value("Mã hồ sơ", f"<b>{esc(data.dossier_code)}</b>", s.body_indent),
        Spacer(1, 1 * mm),
        letter(decision),
        letter(f"Lý do: {sentence(data.reason) or PLACEHOLDER}"),
        letter("Giấy tờ bản chính trong hồ sơ (nếu có) được trả lại cho Ông/Bà tại Bộ phận tiếp nhận và "
               "trả kết quả."),
        *signature_blocks(
            Signer("NGƯỜI NHẬN THÔNG BÁO", data.applicant.signing_name), Signer(data.signer_title, data.signer_name),
            keep_with=[letter("Xin thông báo để Ông/Bà được biết./.")],
        ),
    ]


def render_stop_notice(data: StopNoticeData, out: PdfTarget) -> None:
    """Write form 05 as a one-copy PDF."""
    form = form_info(FORM_KEY)
    build_pdf(out, form, [Copy("", _story(data))], title=f"{form.printed_title} — {data.dossier_code}",
              author=data.agency.name)
