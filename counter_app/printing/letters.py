"""Shared pieces of the letters to the applicant (forms 04 and 05): body style and opening."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from counter_app.printing.layout import para, styles
from counter_app.printing.text import esc, nfc, vn_date


@lru_cache(maxsize=1)
def letter_style() -> ParagraphStyle:
    """Justified body with a first-line indent and air between paragraphs (Decree 30/2020 look)."""
    return ParagraphStyle("letter", parent=styles().body, firstLineIndent=10 * mm, spaceBefore=2, spaceAfter=4)


def sentence(text: str) -> str:
    """Escaped text ending with a full stop (reasons are typed without one)."""
    text = nfc(text).strip()
    if text and text[-1] not in ".!?…":
        text += "."
    return esc(text)


def letter(markup: str) -> Paragraph:
    return para(markup, letter_style())


def received_opening(received_at: datetime, procedure_name: str, procedure_code: str) -> Paragraph:
    """``Ngày …, Bộ phận tiếp nhận và trả kết quả đã tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết
    thủ tục hành chính: <b>…</b> (mã thủ tục …).``"""
    code = nfc(procedure_code).strip()
    suffix = f" (mã thủ tục {esc(code)})" if code else ""
    return letter(
        f"{esc(vn_date(received_at)).capitalize()}, Bộ phận tiếp nhận và trả kết quả đã tiếp nhận hồ sơ của "
        f"Ông/Bà đề nghị giải quyết thủ tục hành chính: <b>{esc(procedure_name)}</b>{suffix}.")
