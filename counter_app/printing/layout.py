"""Shared building blocks of every printed form (one place for each piece of layout).

- :func:`styles` — paragraph styles in the bundled serif family (Decree 30/2020 look).
- :func:`para` / :func:`label_value` / :func:`two_column_line` — text lines.
- :func:`national_header` — agency block (left) and national motto (right), number and
  place/date line.
- :func:`title_block` — form title and optional subtitle lines.
- :func:`code_block` — "Mã …: <code>" with its Code128 barcode, optional QR at the right.
- :func:`grid_table` — ruled table with a bold header row repeated on every page.
- :func:`signature_blocks` — the two signature columns.
- :func:`build_pdf` (:mod:`.document`) — A4 portrait document, one or more copies ("liên"), each
  starting on a new page, footer with the form's legal basis (from the registry) and copy label;
  optionally the code and its barcode repeated at the top of every further page of a copy.
- :data:`DENSITIES` / :func:`density` / :func:`story_height` (:mod:`.page`) — tighter type and
  spacing for a form that must fit one page (form 01 tries them in turn, see ``receipt.render_receipt``).

Forms 04–07 and the return receipt reuse these; each form module only arranges them. The names of
:mod:`.page` and :mod:`.document` the forms use are imported here, so a form imports from one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from counter_app.printing.barcodes import Code128Flowable, QrFlowable
from counter_app.printing.data import AgencyInfo
from counter_app.printing.fonts import BOLD, ITALIC, REGULAR, register_fonts
from counter_app.printing.registry import FormInfo
from counter_app.printing.text import PLACEHOLDER, esc, esc_nobreak, esc_or_blank, nfc

from .document import Copy as Copy
from .document import RepeatedCode as RepeatedCode
from .document import build_pdf as build_pdf
from .document import paper as paper
from .document import receipt_copy_labels as receipt_copy_labels
from .page import DENSITIES as DENSITIES
from .page import FRAME_WIDTH as FRAME_WIDTH
from .page import Density, current_density
from .page import PdfTarget as PdfTarget
from .page import density as density
from .page import frame_height as frame_height
from .page import frame_width as frame_width
from .page import story_height as story_height

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_NOTE = "(Ký và ghi rõ họ tên)"


# --------------------------------------------------------------------------- styles


def styles() -> SimpleNamespace:
    """The paragraph styles of all forms at the current :func:`density` (created once each)."""
    return _styles(current_density())


@lru_cache(maxsize=len(DENSITIES) + 1)
def _styles(d: Density) -> SimpleNamespace:
    register_fonts()

    def ps(name: str, **kw) -> ParagraphStyle:
        base = dict(fontName=REGULAR, fontSize=d.body, leading=d.body * d.leading)
        base.update(kw)
        return ParagraphStyle(name, **base)

    return SimpleNamespace(
        body=ps("body", alignment=TA_JUSTIFY, spaceBefore=1.5, spaceAfter=1.5),
        body_indent_justify=ps("body_indent_justify", alignment=TA_JUSTIFY,
                               leftIndent=8 * mm, spaceBefore=1.5, spaceAfter=1.5),
        line=ps("line", alignment=TA_LEFT, spaceBefore=1.5, spaceAfter=1.5),
        body_indent=ps("body_indent", alignment=TA_LEFT, leftIndent=8 * mm,
                       spaceBefore=1.5, spaceAfter=1.5),
        cell=ps("cell", fontSize=d.body, leading=d.body * 1.2, alignment=TA_LEFT),
        header_parent=ps("header_parent", fontSize=d.header, leading=d.header * 1.2,
                         alignment=TA_CENTER),
        header_agency=ps("header_agency", fontName=BOLD, fontSize=d.header,
                         leading=d.header * 1.2, alignment=TA_CENTER),
        national=ps("national", fontName=BOLD, fontSize=d.header,
                    leading=d.header * 1.2, alignment=TA_CENTER),
        motto=ps("motto", fontName=BOLD, fontSize=d.motto, leading=d.motto * 1.2,
                 alignment=TA_CENTER),
        number=ps("number", fontSize=d.motto, leading=d.motto * 1.2,
                  alignment=TA_CENTER),
        place_date=ps("place_date", fontName=ITALIC, fontSize=d.motto,
                      leading=d.motto * 1.2, alignment=TA_CENTER),
        title=ps("title", fontName=BOLD, fontSize=d.title, leading=d.title * 1.25,
                 alignment=TA_CENTER),
        subtitle=ps("subtitle", fontName=ITALIC, fontSize=d.body,
                    leading=d.body * 1.25, alignment=TA_CENTER),
        code=ps("code", fontSize=d.body + 1, leading=(d.body + 1) * 1.25,
                alignment=TA_CENTER),
        table_head=ps("table_head", fontName=BOLD, fontSize=d.table,
                      leading=d.table * d.table_leading, alignment=TA_CENTER),
        table_cell=ps("table_cell", fontSize=d.table, leading=d.table * d.table_leading,
                      alignment=TA_LEFT),
        table_num=ps("table_num", fontSize=d.table, leading=d.table * d.table_leading,
                     alignment=TA_CENTER),
        sign_title=ps("sign_title", fontName=BOLD, fontSize=d.body,
                      leading=d.body * 1.25, alignment=TA_CENTER),
        sign_note=ps("sign_note", fontName=ITALIC, fontSize=d.body - 1,
                     leading=(d.body - 1) * 1.25, alignment=TA_CENTER),
        sign_name=ps("sign_name", fontName=BOLD, fontSize=d.body,
                     leading=d.body * 1.25, alignment=TA_CENTER),
    )


# --------------------------------------------------------------------------- text lines


def para(markup: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph of ReportLab markup; values inside must already be escaped (:func:`esc`).

    The whole markup is NFC-normalised here, so no text reaches the PDF decomposed.
    """
    return Paragraph(nfc(markup), style or styles().body)


def label_value(label: str, value_markup: str, style: ParagraphStyle | None = None) -> Paragraph:
    """``Label: value`` on one paragraph (label plain, value as given), left-aligned."""
    return para(f"{esc(label)}: {value_markup}", style or styles().line)


def two_column_line(left: Flowable, right: Flowable, split: float = 0.5,
                    width: float = FRAME_WIDTH) -> Table:
    """Two flowables side by side without rules (e.g. phone | email)."""
    t = Table([[left, right]], colWidths=[width * split, width * (1 - split)])
    t.setStyle(_PLAIN)
    return t


_PLAIN = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
])


class HRule(Flowable):
    """A centred horizontal rule of a fixed width (the lines under header blocks)."""

    def __init__(self, width: float, thickness: float = 0.6, space_before: float = 1.0,
                 space_after: float = 2.0) -> None:
        super().__init__()
        self.width = width
        self.thickness = thickness
        self.height = space_before + thickness + space_after
        self._y = space_after
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self._y, self.width, self._y)
        self.canv.restoreState()


# --------------------------------------------------------------------------- header


def _fit_font_size(lines: Sequence[tuple[str, str]], width: float, size: float,
                   min_size: float) -> float:
    """Largest size <= ``size`` (>= ``min_size``) at which every (text, font) fits ``width``."""
    fit = size
    for text, font in lines:
        w = stringWidth(text, font, size)
        if w > width:
            fit = min(fit, size * width / w)
    return max(min_size, int(fit * 4) / 4)  # quarter points, rounded down


def _balanced_markup(text: str, font: str, size: float, width: float) -> str:
    """Escaped ``text``; if it needs two lines, break it where both halves are most even
    (``TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG`` rather than a lone last word)."""
    if stringWidth(text, font, size) <= width:
        return esc(text)
    words = text.split()
    best: tuple[float, int] | None = None
    for i in range(1, len(words)):
        w = max(stringWidth(" ".join(words[:i]), font, size),
                stringWidth(" ".join(words[i:]), font, size))
        if w <= width and (best is None or w < best[0]):
            best = (w, i)
    if best is None:  # needs three lines or more: let the paragraph wrap it
        return esc(text)
    i = best[1]
    return f"{esc(' '.join(words[:i]))}<br/>{esc(' '.join(words[i:]))}"


def national_header(agency: AgencyInfo, place_date: str, number: str = "",
                    width: float = FRAME_WIDTH) -> Table:
    """The two-column header of an administrative document.

    Left: parent agency (regular), agency and the receiving unit (bold), a short rule,
    then ``Số: …`` when given. Right: national name, motto with a rule of its own width,
    then the place/date line in italics.

    The right column is as wide as the national name needs; the left block takes the
    rest and its lines shrink together (12 pt down to 10 pt) so that typical agency
    names stay on one line each; longer names wrap at the most even break.
    """
    s = styles()
    d = current_density()
    gutter = 6.0
    right_w = stringWidth(NATIONAL_NAME, BOLD, d.header) + 4
    left_w = width - right_w - gutter
    parent = nfc(agency.parent_name).strip().upper()
    lines = [(t, f) for t, f in (
        (parent, REGULAR),
        (nfc(agency.name).strip().upper(), BOLD),
        (nfc(agency.desk_unit_name).strip().upper(), BOLD),
    ) if t]
    size = _fit_font_size(lines, left_w, d.header, d.header - 2)
    left: list[Flowable] = []
    for text, font in lines:
        base = s.header_parent if font == REGULAR else s.header_agency
        st = base if size == base.fontSize else ParagraphStyle(
            f"{base.name}_{size}", parent=base, fontSize=size, leading=size * 1.2)
        left.append(para(_balanced_markup(text, font, size, left_w), st))
    left.append(HRule(left_w * 0.35, space_before=2.5))

    right: list[Flowable] = [
        para(NATIONAL_NAME, s.national),
        para(NATIONAL_MOTTO, s.motto),
        HRule(stringWidth(NATIONAL_MOTTO, BOLD, d.motto), space_before=1.5),
    ]
    number_cell = para(f"Số: {esc(number)}", s.number) if nfc(number).strip() else ""
    date_cell = para(esc(place_date), s.place_date) if nfc(place_date).strip() else ""
    t = Table([[left, "", right], [number_cell, "", date_cell]],
              colWidths=[left_w, gutter, right_w])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 3),
    ]))
    return t


# --------------------------------------------------------------------------- title, codes


def title_block(form: FormInfo, *subtitles: str, space_before: float = 5 * mm,
                space_after: float = 3 * mm) -> list[Flowable]:
    """Form title (registry title in upper case) and italic subtitle lines."""
    s = styles()
    space_before *= current_density().space
    space_after *= current_density().space
    out: list[Flowable] = [Spacer(1, space_before), para(esc(form.printed_title), s.title)]
    for sub in subtitles:
        if nfc(sub).strip():
            out.append(para(esc(sub), s.subtitle))
    if space_after:
        out.append(Spacer(1, space_after))
    return out


def code_block(label: str, code: str, *, qr_value: str = "", qr_caption: str = "Quét mã để tra cứu hồ sơ",
               below: Sequence[Flowable] = (), width: float = FRAME_WIDTH,
               qr_size: float | None = None) -> Table:
    """``Label: <b>code</b>`` centred with its Code128 barcode under it; QR at the right.

    ``below`` flowables (e.g. the copy label) go under the barcode in the centre column.
    The left column mirrors the QR column so the code stays centred on the page.
    """
    s = styles()
    qr_size = qr_size or current_density().qr
    bar = Code128Flowable(code, bar_height=current_density().bar_height)
    centre: list[Flowable] = [para(f"{esc(label)}: <b>{esc(code)}</b>", s.code), Spacer(1, 1.5 * mm), bar, *below]
    side_w = qr_size + 4 * mm
    qr_cell: list[Flowable] | str = (
        [QrFlowable(qr_value, size=qr_size, caption=qr_caption)] if nfc(qr_value).strip() else ""
    )
    t = Table([["", centre, qr_cell]], colWidths=[side_w, width - 2 * side_w, side_w])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return t


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # points; one column may be 0 to take the remaining width
    align: str = "LEFT"  # LEFT | CENTER | RIGHT


def grid_table(columns: Sequence[Column], rows: Sequence[Sequence[object]],
               width: float = FRAME_WIDTH, empty_text: str = "") -> Table:
    """A ruled table: bold header row (repeated on page breaks), one Paragraph per cell.

    Cell values are plain text (escaped and NFC-normalised here); long text wraps.
    """
    s = styles()
    fixed = sum(c.width for c in columns)
    widths = [c.width if c.width else max(width - fixed, 20 * mm) for c in columns]
    cell_style = {"LEFT": s.table_cell, "CENTER": s.table_num}
    data: list[list[object]] = [[para(esc(c.header), s.table_head) for c in columns]]
    for row in rows:
        data.append([
            para(esc(v), cell_style.get(c.align, s.table_cell)) for c, v in zip(columns, row, strict=False)
        ])
    if not rows and empty_text:
        data.append([para(esc(empty_text), s.table_cell)] + [""] * (len(columns) - 1))
    t = Table(data, colWidths=widths, repeatRows=1)
    cmds = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * current_density().cell_pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * current_density().cell_pad),
    ]
    if not rows and empty_text:
        cmds.append(("SPAN", (0, 1), (-1, 1)))
    t.setStyle(TableStyle(cmds))
    return t


# --------------------------------------------------------------------------- signatures


@dataclass(frozen=True)
class Signer:
    title: str  # "NGƯỜI TIẾP NHẬN HỒ SƠ"
    name: str = ""  # printed under the signing space
    note: str = SIGN_NOTE


def signature_blocks(left: Signer | None, right: Signer | None, *,
                     keep_with: Sequence[Flowable] = (), sign_space: float | None = None,
                     width: float = FRAME_WIDTH, space_before: float = 4 * mm) -> list[Flowable]:
    """Two signature columns (either may be ``None``), kept together on one page.

    ``keep_with``: the closing lines that must stay on the signatures' page, so a form
    that overflows never ends with signatures alone on the last page.
    """
    s = styles()
    sign_space = sign_space if sign_space is not None else current_density().sign_space
    space_before *= current_density().space

    def cell(signer: Signer | None) -> list[Flowable] | str:
        if signer is None:
            return ""
        out: list[Flowable] = [para(esc(signer.title), s.sign_title)]
        if signer.note:
            out.append(para(esc(signer.note), s.sign_note))
        out.append(Spacer(1, sign_space))
        if nfc(signer.name).strip():
            out.append(para(esc(signer.name), s.sign_name))
        return out

    t = Table([[cell(left), cell(right)]], colWidths=[width / 2, width / 2])
    t.setStyle(_PLAIN)
    return [KeepTogether([*keep_with, Spacer(1, space_before), t])]


# --------------------------------------------------------------------------- common body parts


APPLICANT_LABELS = {
    # kind: (name label, number label)
    "citizen": ("Ông/Bà", "Số định danh cá nhân/CCCD"),
    "passport": ("Ông/Bà", "Số hộ chiếu"),  # a person without a CCCD (issue #13)
    "business": ("Tên doanh nghiệp/hộ kinh doanh", "Mã số thuế/Mã số doanh nghiệp, hộ kinh doanh"),
    "organisation": ("Tên cơ quan, tổ chức", "Mã số định danh của tổ chức"),
}


def applicant_lines(applicant, name_label: str | None = None) -> list[Flowable]:
    """Applicant name (bold), ID number, address, phone | e-mail — empty fields dotted.

    A person prints "Ông/Bà" and the personal ID; a business or organisation its own name and
    tax/registration code (``applicant.kind``)."""
    s = styles()
    default_name, number_label = APPLICANT_LABELS.get(getattr(applicant, "kind", "citizen"),
                                                      APPLICANT_LABELS["citizen"])
    return [
        label_value(name_label or default_name, f"<b>{esc_or_blank(applicant.name)}</b>", s.body_indent),
        label_value(number_label, esc_or_blank(applicant.id_number), s.body_indent),
        label_value("Địa chỉ", esc_or_blank(applicant.address), s.body_indent),
        two_column_line(
            label_value("Số điện thoại", esc_nobreak(applicant.phone) or PLACEHOLDER,
                        s.body_indent),
            label_value("Email", esc_or_blank(applicant.email)),
            split=0.5,
        ),
    ]


def submitter_lines(submitter) -> list[Flowable]:
    """The person who handed the dossier in on the owner's behalf (name, ID, phone)."""
    s = styles()
    return [
        label_value("Người nộp hồ sơ (nộp thay)", f"<b>{esc_or_blank(submitter.name)}</b>", s.body_indent),
        two_column_line(
            label_value("Số định danh cá nhân/CCCD", esc_or_blank(submitter.id_number), s.body_indent),
            label_value("Số điện thoại", esc_nobreak(submitter.phone) or PLACEHOLDER),
            split=0.6,
        ),
    ]


def procedure_line(procedure_name: str, procedure_code: str = "",
                   label: str = "Nội dung yêu cầu giải quyết") -> Paragraph:
    """``Nội dung yêu cầu giải quyết: <b>name</b> (Mã thủ tục: code)``."""
    code = nfc(procedure_code).strip()
    suffix = f" (Mã&nbsp;thủ&nbsp;tục:&nbsp;{esc_nobreak(code)})" if code else ""
    return label_value(label, f"<b>{esc(procedure_name)}</b>{suffix}")


def help_line(officer_name: str, officer_phone: str, extra: str = "",
              lead: str = "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc") -> list[Flowable]:
    """``…, Ông/Bà liên hệ với <officer>, số điện thoại <phone> để được hướng dẫn.``"""
    out: list[Flowable] = [para(
        f"{esc(lead)}, Ông/Bà liên hệ với <b>{esc_or_blank(officer_name)}</b>, "
        f"số điện thoại <b>{esc_nobreak(officer_phone) or PLACEHOLDER}</b> để được hướng dẫn."
    )]
    if nfc(extra).strip():
        out.append(para(esc(extra)))
    return out
