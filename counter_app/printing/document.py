"""The PDF of a form: A4 (or A5 for forms 01–06, the A4 layout scaled), one or more copies ("liên")
each starting on a new page, a footer with the form's legal basis and the copy's label, and the code
with its barcode repeated at the top of every further page of a copy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

from counter_app.printing.barcodes import Code128Flowable
from counter_app.printing.fonts import ITALIC, REGULAR, register_fonts
from counter_app.printing.registry import FormInfo
from counter_app.printing.text import nfc

from .page import (
    FOOTER_SIZE,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_SIZE,
    PdfTarget,
    current_density,
    frame_height,
    frame_width,
)


@dataclass(frozen=True)
class Copy:
    """One copy ("liên") of a form: its label and its story."""

    label: str  # "Liên 1: Lưu"; "" for single-copy forms
    story: Sequence[Flowable]


@dataclass(frozen=True)
class RepeatedCode:
    """``Label: code`` and its barcode, drawn at the top of every page of a copy but its first
    (where the story has them): a sheet that got separated still names its dossier."""

    label: str
    code: str


def _draw_repeated_code(canv, repeat: RepeatedCode, frame_width: float, page_height: float,
                        margin_top: float) -> None:
    bar = Code128Flowable(repeat.code, bar_height=7 * mm, font_size=8)
    bar.wrap(frame_width, margin_top)
    x = MARGIN_LEFT + frame_width - bar.width
    y = page_height - margin_top + 1.5 * mm
    bar.drawOn(canv, x, y)
    canv.saveState()
    canv.setFont(REGULAR, 10)
    canv.drawString(MARGIN_LEFT, y + bar.height / 2, nfc(f"{repeat.label}: {repeat.code}"))
    canv.setFont(ITALIC, 9)
    canv.drawString(MARGIN_LEFT, y + bar.height / 2 - 12, "(tiếp theo)")
    canv.restoreState()


def _footer(form: FormInfo, copy_label: str, frame_width: float = FRAME_WIDTH,
            repeat: RepeatedCode | None = None):
    legal = nfc(form.legal_basis)
    label = nfc(copy_label)
    first_page: list[int] = []  # the page this copy starts on
    margin_top = current_density().margin_top

    def on_page(canv, doc) -> None:
        if not first_page:
            first_page.append(doc.page)
        elif repeat is not None and doc.page != first_page[0]:
            _draw_repeated_code(canv, repeat, frame_width, doc.pagesize[1], margin_top)
        canv.saveState()
        canv.setFont(ITALIC, FOOTER_SIZE)
        y = MARGIN_BOTTOM - 9 * mm
        label_w = stringWidth(label, ITALIC, FOOTER_SIZE) if label else 0.0
        avail = frame_width - (label_w + 6 * mm if label else 0.0)
        lines = simpleSplit(legal, ITALIC, FOOTER_SIZE, avail)
        if label:
            canv.drawRightString(MARGIN_LEFT + frame_width, y, label)
        for i, line in enumerate(reversed(lines)):
            canv.drawString(MARGIN_LEFT, y + i * FOOTER_SIZE * 1.2, line)
        canv.setLineWidth(0.3)
        top = y + len(lines) * FOOTER_SIZE * 1.2
        canv.line(MARGIN_LEFT, top - 1, MARGIN_LEFT + frame_width, top - 1)
        canv.restoreState()

    return on_page


# Paper of the one-page forms (01–06): "A4", or "A5" where the office prints A5 — the A4 layout
# scaled onto the A5 sheet (same content and proportions; 12 pt prints as 8.5 pt).
PAPER_SIZES = ("A4", "A5")
A5_FORMS = ("01", "02", "03", "04", "05", "06")
_paper: ContextVar[str] = ContextVar("paper", default="A4")


@contextmanager
def paper(size: str) -> Iterator[None]:
    """Forms built inside the block print on ``size`` ("A4" or "A5")."""
    if size not in PAPER_SIZES:
        raise ValueError(f"paper size {size!r}: expected one of {PAPER_SIZES}")
    token = _paper.set(size)
    try:
        yield
    finally:
        _paper.reset(token)


def _on_a5(on_page):  # noqa: ANN001, ANN202 - ReportLab page callback
    factor = A5[0] / A4[0]

    def scaled(canv, doc) -> None:  # noqa: ANN001
        canv.setPageSize(A5)
        canv.scale(factor, factor)
        on_page(canv, doc)

    return scaled


def build_pdf(out: PdfTarget, form: FormInfo, copies: Sequence[Copy], *,
              title: str = "", author: str = "", subject: str = "",
              pagesize: tuple[float, float] = PAGE_SIZE, repeat_code: RepeatedCode | None = None) -> int:
    """Write the PDF: every copy starts on a new page and keeps its own footer label; returns
    the number of pages. With ``repeat_code`` every further page of a copy shows the code and
    its barcode at the top.

    ``pagesize=landscape(A4)`` for the wide tables (tracking book, period report); the frame
    is then :func:`frame_width` of that size wide.
    """
    register_fonts()
    target = str(out) if isinstance(out, (str, Path)) else out
    width, height = frame_width(pagesize), frame_height(pagesize)
    doc = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=current_density().margin_top,
        bottomMargin=MARGIN_BOTTOM,
        title=nfc(title or form.printed_title),
        author=nfc(author),
        subject=nfc(subject or form.legal_basis),
        creator="Một Cửa Counter",
    )
    templates = []
    story: list[Flowable] = []
    for i, copy in enumerate(copies):
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, width, height, id=f"f{i}",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        on_page = _footer(form, copy.label, width, repeat_code)
        if pagesize == PAGE_SIZE and _paper.get() == "A5" and form.number in A5_FORMS:
            on_page = _on_a5(on_page)
        templates.append(PageTemplate(id=f"copy{i}", frames=[frame], onPage=on_page))
        if i > 0:
            story.append(NextPageTemplate(f"copy{i}"))
            story.append(PageBreak())
        story.extend(copy.story)
    doc.addPageTemplates(templates)
    doc.build(story)
    return doc.page


def receipt_copy_labels() -> tuple[str, str]:
    """Labels of the two copies of the receipt-type forms."""
    return ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")
