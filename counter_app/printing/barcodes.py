"""Barcodes drawn as vector graphics (no raster images): Code128 and QR.

Code128 module patterns come from python-barcode (``barcode.Code128(code).build()``),
so the symbol is exactly what the library specifies (start, charset switching, check
symbol, stop); we only draw each run of dark modules as one filled rectangle.
QR uses the encoder of ReportLab's ``QrCodeWidget``, drawn the same way.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

import barcode
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from counter_app.printing.fonts import ITALIC, REGULAR, register_fonts
from counter_app.printing.text import nfc

# 0.30 mm: comfortably above the 0.19 mm minimum of common CCD/laser desk scanners.
DEFAULT_MODULE_WIDTH = 0.30 * mm
DEFAULT_BAR_HEIGHT = 11 * mm
QUIET_ZONE_MODULES = 10  # ISO/IEC 15417 minimum


@lru_cache(maxsize=256)
def code128_modules(code: str) -> str:
    """Module string ('1' dark, '0' light) of the Code128 symbol for ``code``."""
    return barcode.Code128(code).build()[0]


def bar_runs(modules: str) -> list[tuple[int, int]]:
    """``(start, length)`` in modules of every run of dark modules."""
    runs: list[tuple[int, int]] = []
    pos = 0
    for bit, group in groupby(modules):
        n = sum(1 for _ in group)
        if bit == "1":
            runs.append((pos, n))
        pos += n
    return runs


@lru_cache(maxsize=256)
def _runs_operators(rows: tuple[str, ...]) -> str:
    """PDF path operators filling every dark run of ``rows`` in module units.

    Row 0 is the top row; the result covers the unit box ``[0, width] x [0, len(rows)]``
    and is placed and scaled by a ``cm`` transform at draw time. Built once per symbol
    (both copies of a receipt reuse it) instead of formatting thousands of coordinates
    for every page.
    """
    n = len(rows)
    ops: list[str] = []
    for r, row in enumerate(rows):
        y = n - 1 - r
        ops.extend(f"{start} {y} {length} 1 re" for start, length in bar_runs(row))
    ops.append("f")
    return "\n".join(ops)


def _fill_modules(canv, rows: tuple[str, ...], x: float, y: float, module_w: float,
                  module_h: float) -> None:
    """Fill the dark modules of ``rows`` with the lower-left corner at ``(x, y)``."""
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.transform(module_w, 0, 0, module_h, x, y)
    canv.addLiteral(_runs_operators(rows))
    canv.restoreState()


class Code128Flowable(Flowable):
    """A Code128 symbol with quiet zones and the human-readable code printed under it."""

    def __init__(
        self,
        code: str,
        *,
        module_width: float = DEFAULT_MODULE_WIDTH,
        bar_height: float = DEFAULT_BAR_HEIGHT,
        quiet_zone: int = QUIET_ZONE_MODULES,
        show_text: bool = True,
        font_name: str = REGULAR,
        font_size: float = 9,
        text_gap: float = 1.5,
        h_align: str = "CENTER",
    ) -> None:
        super().__init__()
        register_fonts()
        self.code = nfc(code).strip()
        if not self.code:
            raise ValueError("empty barcode value")
        self.modules = code128_modules(self.code)
        self.module_width = module_width
        self.bar_height = bar_height
        self.quiet_zone = quiet_zone
        self.show_text = show_text
        self.font_name = font_name
        self.font_size = font_size
        self.text_gap = text_gap
        self.hAlign = h_align
        self.symbol_width = len(self.modules) * module_width
        self.width = self.symbol_width + 2 * quiet_zone * module_width
        self.text_height = (font_size + text_gap) if show_text else 0.0
        self.height = bar_height + self.text_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        _fill_modules(canv, (self.modules,), self.quiet_zone * self.module_width,
                      self.text_height, self.module_width, self.bar_height)
        canv.saveState()
        if self.show_text:
            canv.setFont(self.font_name, self.font_size)
            # Baseline slightly above the bottom so descenders stay inside the box.
            canv.drawCentredString(self.width / 2, self.font_size * 0.22, self.code)
        canv.restoreState()


@lru_cache(maxsize=64)
def qr_matrix(value: str, level: str = "M") -> tuple[str, ...]:
    """QR module rows ('1' dark) encoded by ReportLab's ``QrCodeWidget`` encoder.

    Cached: the two copies of a receipt share one encoding.
    """
    widget = QrCodeWidget(value, barLevel=level)
    widget.qr.make()
    return tuple("".join("1" if m else "0" for m in row) for row in widget.qr.modules)


class QrFlowable(Flowable):
    """A square QR code of ``size`` points (vector), with an optional caption under it.

    The matrix comes from ReportLab's ``QrCodeWidget`` encoder; it is drawn here as one
    filled path of horizontal runs (cached operators), which is an order of magnitude
    faster than rendering the widget's one-shape-per-run Drawing, same picture.
    """

    def __init__(
        self,
        value: str,
        *,
        size: float = 24 * mm,
        level: str = "M",
        border: int = 4,
        caption: str = "",
        caption_font: str = ITALIC,
        caption_size: float = 7.5,
        h_align: str = "CENTER",
    ) -> None:
        super().__init__()
        register_fonts()
        self.value = nfc(value).strip()
        if not self.value:
            raise ValueError("empty QR value")
        self.rows = qr_matrix(self.value, level)
        self.border = border
        self.size = size
        self.caption = nfc(caption).strip()
        self.caption_font = caption_font
        self.caption_size = caption_size
        self.hAlign = h_align
        self.caption_height = caption_size * 1.2 if self.caption else 0.0
        cap_w = stringWidth(self.caption, caption_font, caption_size) if self.caption else 0.0
        self.width = max(size, cap_w)
        self.height = size + self.caption_height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        box = self.size / (len(self.rows) + 2 * self.border)
        _fill_modules(canv, self.rows, (self.width - self.size) / 2 + self.border * box,
                      self.caption_height + self.border * box, box, box)
        canv.saveState()
        if self.caption:
            canv.setFont(self.caption_font, self.caption_size)
            canv.drawCentredString(self.width / 2, self.caption_size * 0.25, self.caption)
        canv.restoreState()
