"""Bundled fonts with full Vietnamese coverage, registered once in ReportLab.

The family is Liberation Serif 2.x (SIL OFL 1.1, licence in
``counter_app/resources/fonts/LICENSE-LiberationFonts-OFL.txt``): metric-compatible with Times New
Roman, the face of Vietnamese administrative documents (Decree 30/2020/NĐ-CP), and it
covers every precomposed Vietnamese letter (ẫ ặ ộ ự ỹ Đ đ ...) in all four styles.
The UI loads the same files into Qt through :func:`font_paths`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.resources import resource_path

FAMILY = "LiberationSerif"
REGULAR = "LiberationSerif"
BOLD = "LiberationSerif-Bold"
ITALIC = "LiberationSerif-Italic"
BOLD_ITALIC = "LiberationSerif-BoldItalic"

LICENSE_FILE = "LICENSE-LiberationFonts-OFL.txt"

# style key -> (ReportLab font name, file name in counter_app/resources/fonts, bold, italic)
_STYLES: dict[str, tuple[str, str, int, int]] = {
    "regular": (REGULAR, "LiberationSerif-Regular.ttf", 0, 0),
    "bold": (BOLD, "LiberationSerif-Bold.ttf", 1, 0),
    "italic": (ITALIC, "LiberationSerif-Italic.ttf", 0, 1),
    "bold_italic": (BOLD_ITALIC, "LiberationSerif-BoldItalic.ttf", 1, 1),
}

_lock = threading.Lock()
_registered = False


def font_paths() -> dict[str, Path]:
    """Font files by style: ``regular``, ``bold``, ``italic``, ``bold_italic``."""
    return {style: resource_path("fonts", spec[1]) for style, spec in _STYLES.items()}


def license_path() -> Path:
    return resource_path("fonts", LICENSE_FILE)


def register_fonts() -> None:
    """Register the family in ReportLab (idempotent, thread-safe, parses each file once).

    After this, Paragraph markup ``<b>``/``<i>`` on a style whose ``fontName`` is
    :data:`REGULAR` switches to the bundled bold/italic faces.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        known = set(pdfmetrics.getRegisteredFontNames())
        paths = font_paths()
        for style, (name, _file, bold, italic) in _STYLES.items():
            if name not in known:
                pdfmetrics.registerFont(TTFont(name, str(paths[style])))
            addMapping(FAMILY, bold, italic, name)
        _registered = True
