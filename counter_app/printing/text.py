"""Text helpers shared by every printed form: NFC, markup escaping, Vietnamese dates.

Everything that reaches a PDF goes through :func:`nfc` — the bundled fonts have the
precomposed Vietnamese letters, and ReportLab does no mark positioning, so decomposed
input (NFD, as produced by some keyboards and macOS) would print with floating marks.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from xml.sax.saxutils import escape as _xml_escape

PLACEHOLDER = "…………………"


def nfc(value: object) -> str:
    """NFC-normalised text; ``None`` becomes the empty string."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value))


def esc(value: object) -> str:
    """NFC text escaped for ReportLab Paragraph markup."""
    return _xml_escape(nfc(value))


def esc_nobreak(value: object) -> str:
    """Escaped text whose spaces do not break (phone numbers, codes, short labels)."""
    return esc(value).strip().replace(" ", "&nbsp;")


def esc_or_blank(value: object, placeholder: str = PLACEHOLDER) -> str:
    """Escaped value, or a dotted line to fill in by hand when the value is empty."""
    text = nfc(value).strip()
    return _xml_escape(text) if text else placeholder


def day_text(d: date) -> str:
    """Day as written in administrative documents: two digits below 10 (Decree 30/2020)."""
    return f"{d.day:02d}"


def month_text(d: date) -> str:
    """Month as written in administrative documents: 01 and 02 padded, others not."""
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def vn_date(d: date) -> str:
    """``ngày 05 tháng 3 năm 2026``."""
    return f"ngày {day_text(d)} tháng {month_text(d)} năm {d.year}"


def vn_time(dt: datetime) -> str:
    """``08 giờ 30 phút``."""
    return f"{dt.hour:02d} giờ {dt.minute:02d} phút"


def vn_datetime(dt: datetime) -> str:
    """``08 giờ 30 phút, ngày 25 tháng 11 năm 2025``."""
    return f"{vn_time(dt)}, {vn_date(dt)}"


def place_date_text(place: str, d: date) -> str:
    """Place/date line of the header: ``Cà Mau, ngày 25 tháng 11 năm 2025``."""
    return nfc(f"{nfc(place).strip()}, {vn_date(d)}")


def two_digits(n: int | str) -> str:
    """Counts on forms are written with two digits: ``01`` set, ``03`` days."""
    if isinstance(n, int):
        return f"{n:02d}"
    return nfc(n)
