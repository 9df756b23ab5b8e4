"""Printed forms (ReportLab). No Qt and no SQLAlchemy here: every renderer takes the
frozen dataclasses of :mod:`counter_app.printing.data` and writes a PDF to a path or a
binary file object.

Shared layout pieces live in :mod:`counter_app.printing.layout`; form numbers, titles
and legal bases come from ``resources/forms/registry.json`` via
:mod:`counter_app.printing.registry`.
"""

from counter_app.printing.data import (
    AgencyInfo,
    ApplicantInfo,
    DocumentLine,
    ReceiptData,
    RefusalData,
    SupplementItem,
    SupplementNoticeData,
)
from counter_app.printing.fonts import font_paths, register_fonts
from counter_app.printing.receipt import render_receipt
from counter_app.printing.refusal import render_refusal
from counter_app.printing.registry import FormInfo, all_forms, form_info
from counter_app.printing.supplement import render_supplement_notice
from counter_app.printing.text import place_date_text, vn_date, vn_datetime

__all__ = [
    "AgencyInfo",
    "ApplicantInfo",
    "DocumentLine",
    "FormInfo",
    "ReceiptData",
    "RefusalData",
    "SupplementItem",
    "SupplementNoticeData",
    "all_forms",
    "font_paths",
    "form_info",
    "place_date_text",
    "register_fonts",
    "render_receipt",
    "render_refusal",
    "render_supplement_notice",
    "vn_date",
    "vn_datetime",
]
