"""The printed page: A4 with the Decree 30/2020 margins, the type sizes, and the densities a form
tries in turn to keep to one page (:func:`density`, :func:`story_height`). :mod:`.layout` builds the
content on it and :mod:`.document` makes the PDF of its pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import ActionFlowable, Flowable, KeepTogether, PageBreak

PAGE_SIZE = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 25 * mm  # Decree 30/2020: wider binding margin on the left
MARGIN_RIGHT = 15 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

BODY_SIZE = 12
HEADER_SIZE = 12
MOTTO_SIZE = 13
TITLE_SIZE = 14
TABLE_SIZE = 11
FOOTER_SIZE = 7.5

PdfTarget = Path | str | BinaryIO


# --------------------------------------------------------------------------- density


@dataclass(frozen=True)
class Density:
    """Type sizes and spacing of a form. The first of :data:`DENSITIES` is the normal look;
    the others are tighter, for a form that must keep to one page (form 01: each copy one A4
    page with 12 documents and 200-character names and addresses)."""

    body: float = BODY_SIZE
    header: float = HEADER_SIZE
    motto: float = MOTTO_SIZE
    title: float = TITLE_SIZE
    table: float = TABLE_SIZE
    leading: float = 1.3
    sign_space: float = 22 * mm
    qr: float = 24 * mm
    space: float = 1.0  # factor on the fixed gaps between blocks
    margin_top: float = MARGIN_TOP  # room for the code repeated on further pages stays (12 mm)
    table_leading: float = 1.2
    cell_pad: float = 1.0  # factor on the table cells' top and bottom padding
    bar_height: float = 11 * mm


DENSITIES = (
    Density(),
    Density(body=11, header=11, motto=12, title=13, table=10, leading=1.2, sign_space=16 * mm, qr=20 * mm,
            space=0.6),
    Density(body=10, header=10, motto=11, title=12, table=9, leading=1.15, sign_space=12 * mm, qr=17 * mm,
            space=0.35, margin_top=13 * mm),
    Density(body=9.5, header=9.5, motto=10.5, title=11.5, table=8.5, leading=1.1, sign_space=10 * mm, qr=16 * mm,
            space=0.25, margin_top=13 * mm, table_leading=1.1, cell_pad=0.4, bar_height=8 * mm),
)
_density: ContextVar[Density] = ContextVar("form_density", default=DENSITIES[0])


@contextmanager
def density(value: Density) -> Iterator[Density]:
    """Build (and render) a story with ``value``'s sizes: every helper below follows it."""
    token = _density.set(value)
    try:
        yield value
    finally:
        _density.reset(token)


def current_density() -> Density:
    return _density.get()


def frame_height(pagesize: tuple[float, float] = PAGE_SIZE) -> float:
    """Height of the text frame at the current density (its top margin)."""
    return pagesize[1] - current_density().margin_top - MARGIN_BOTTOM


def story_height(story: Sequence[Flowable], width: float = FRAME_WIDTH) -> float:
    """Height the story needs in a frame ``width`` wide, without rendering it."""
    from reportlab.platypus.flowables import _listWrapOn

    flat: list[Flowable] = []

    def add(items: Sequence[Flowable]) -> None:
        for f in items:
            if isinstance(f, KeepTogether):
                add(f._content)
            elif not isinstance(f, (ActionFlowable, PageBreak)):
                flat.append(f)

    add(story)
    return _listWrapOn(flat, width, None)[1]


def frame_width(pagesize: tuple[float, float] = PAGE_SIZE) -> float:
    """Width of the text frame on a page of ``pagesize`` (same margins on every form)."""
    return pagesize[0] - MARGIN_LEFT - MARGIN_RIGHT
