"""Form 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (every gap, once, in writing)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import SupplementNoticeData
from counter_app.printing.layout import (
    Column,
    Copy,
    PdfTarget,
    Signer,
    applicant_lines,
    build_pdf,
    code_block,
    grid_table,
    help_line,
    national_header,
    para,
    procedure_line,
    signature_blocks,
    title_block,
)
from counter_app.printing.registry import form_info
from counter_app.printing.text import esc, two_digits

FORM_KEY = "supplement_notice"

ITEM_COLUMNS = (
    Column("TT", 10 * mm, "CENTER"),
    Column("Giấy tờ, nội dung cần bổ sung, hoàn thiện", 78 * mm),
    Column("Lý do", 0),
)


def _story(data: SupplementNoticeData) -> list[Flowable]:
    form = form_info(FORM_KEY)
    rows = [(str(i.order), i.name, i.reason) for i in data.items]
    return [
        national_header(data.agency, data.place_date, number=data.number),
        *title_block(form, space_after=0),
        code_block("Mã phiếu", data.notice_code),
        Spacer(1, 2 * mm),
        para("Hồ sơ của:"),
        *applicant_lines(data.applicant),
        procedure_line(data.procedure_name, data.procedure_code),
        *([para(f"Cơ quan giải quyết hồ sơ <b>{esc(data.requesting_agency)}</b> yêu cầu bổ sung, hoàn thiện "
                "hồ sơ trong quá trình giải quyết (mỗi cơ quan chỉ yêu cầu một lần); thời gian giải quyết "
                "được tính lại từ khi nhận đủ hồ sơ đã bổ sung.")]
          if data.stage == "processing" and data.requesting_agency.strip() else []),
        para("Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"),
        grid_table(ITEM_COLUMNS, rows),
        Spacer(1, 1 * mm),
        *signature_blocks(
            None, Signer("NGƯỜI HƯỚNG DẪN", data.officer_name),
            keep_with=[
                para(f"Tổng số: <b>{esc(two_digits(len(data.items)))}</b> nội dung cần bổ sung, "
                     "hoàn thiện."),
                *help_line(data.officer_name, data.officer_phone, data.help_line),
                *([para("Thông tin về thủ tục hành chính được công khai tại: "
                        f"<b>{esc(data.procedure_url)}</b>")] if data.procedure_url.strip() else []),
            ],
        ),
    ]


def render_supplement_notice(data: SupplementNoticeData, out: PdfTarget) -> None:
    """Write form 02 as a one-copy PDF listing every item with its reason."""
    form = form_info(FORM_KEY)
    build_pdf(out, form, [Copy("", _story(data))],
              title=f"{form.printed_title} — {data.notice_code}",
              author=data.agency.name)
