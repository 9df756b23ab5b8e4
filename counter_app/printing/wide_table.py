"""Dense ruled tables for the A4-landscape documents (tracking book, period report).

:func:`counter_app.printing.layout.grid_table` is sized for the one-page forms (11 pt, one
header row); the books and reports need two header rows with merged group headings and a
smaller face to fit a dozen columns on a landscape page. Everything else (fonts, NFC, header,
footer, signatures) comes from :mod:`counter_app.printing.layout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table, TableStyle

from counter_app.printing.fonts import BOLD, REGULAR
from counter_app.printing.layout import frame_width, para, styles
from counter_app.printing.text import esc

LANDSCAPE = landscape(A4)
LANDSCAPE_WIDTH = frame_width(LANDSCAPE)
CELL_SIZE = 8.5


@lru_cache(maxsize=1)
def dense_styles() -> SimpleNamespace:
    base = styles().table_cell

    def ps(name: str, **kw) -> ParagraphStyle:
        options = dict(fontName=REGULAR, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.2, alignment=TA_LEFT)
        options.update(kw)
        return ParagraphStyle(name, parent=base, **options)

    return SimpleNamespace(
        head=ps("dense_head", fontName=BOLD, alignment=TA_CENTER),
        cell=ps("dense_cell"),
        centre=ps("dense_centre", alignment=TA_CENTER),
        number=ps("dense_number", alignment=TA_RIGHT),
        bold=ps("dense_bold", fontName=BOLD),
        bold_number=ps("dense_bold_number", fontName=BOLD, alignment=TA_RIGHT),
        bold_centre=ps("dense_bold_centre", fontName=BOLD, alignment=TA_CENTER),
    )


@dataclass(frozen=True)
class WideColumn:
    header: str  # second header row (or the only one when ``group`` is empty)
    width: float  # points; one column may be 0 to take the rest of the width
    align: str = "LEFT"  # LEFT | CENTER | RIGHT
    group: str = ""  # first header row, merged over consecutive columns of the same group


def wide_table(columns: Sequence[WideColumn], rows: Sequence[Sequence[object]], *,
               width: float = LANDSCAPE_WIDTH, bold_rows: Sequence[int] = (),
               empty_text: str = "") -> Table:
    """Two header rows (group headings merged, ungrouped headings spanning both), repeated on
    every page; cell values are plain text, ``\\n`` breaks a line; ``bold_rows`` are indexes of
    ``rows`` printed in bold (totals, field lines)."""
    s = dense_styles()
    fixed = sum(c.width for c in columns)
    widths = [c.width or max(width - fixed, 30) for c in columns]
    top: list[object] = []
    bottom: list[object] = []
    spans: list[tuple] = []
    i = 0
    while i < len(columns):
        col = columns[i]
        if not col.group:
            top.append(para(esc(col.header), s.head))
            bottom.append("")
            spans.append(("SPAN", (i, 0), (i, 1)))
            i += 1
            continue
        j = i
        while j + 1 < len(columns) and columns[j + 1].group == col.group:
            j += 1
        for k in range(i, j + 1):
            top.append(para(esc(col.group), s.head) if k == i else "")
            bottom.append(para(esc(columns[k].header), s.head))
        if j > i:
            spans.append(("SPAN", (i, 0), (j, 0)))
        i = j + 1
    bold = set(bold_rows)
    data: list[list[object]] = [top, bottom]
    for n, row in enumerate(rows):
        cells = []
        for col, value in zip(columns, row, strict=False):
            if n in bold:
                style = {"CENTER": s.bold_centre, "RIGHT": s.bold_number}.get(col.align, s.bold)
            else:
                style = {"CENTER": s.centre, "RIGHT": s.number}.get(col.align, s.cell)
            text = "<br/>".join(esc(part) for part in str("" if value is None else value).split("\n"))
            cells.append(para(text, style))
        data.append(cells)
    if not rows and empty_text:
        data.append([para(esc(empty_text), s.centre)] + [""] * (len(columns) - 1))
        spans.append(("SPAN", (0, 2), (-1, 2)))
    table = Table(data, colWidths=widths, repeatRows=2)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        *spans,
    ]
    for n in bold:
        commands.append(("BACKGROUND", (0, n + 2), (-1, n + 2), colors.Color(0.93, 0.93, 0.93)))
    table.setStyle(TableStyle(commands))
    return table
