"""Printed forms (ReportLab). No Qt and no SQLAlchemy here: every renderer takes the
frozen dataclasses of :mod:`counter_app.printing.data` and writes a PDF to a path or a
binary file object.

Shared layout pieces live in :mod:`counter_app.printing.layout`; form numbers, titles
and legal bases come from ``counter_app/resources/forms/registry.json`` via
:mod:`counter_app.printing.registry`.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the real names for type checkers; at run time they load on first use (below)
    from .data import (
        AgencyInfo,
        ApplicantInfo,
        DocumentLine,
        ReceiptData,
        RefusalData,
        SupplementItem,
        SupplementNoticeData,
    )
    from .fonts import font_paths, register_fonts
    from .receipt import render_receipt
    from .refusal import render_refusal
    from .registry import FormInfo, all_forms, form_info
    from .supplement import render_supplement_notice
    from .text import place_date_text, vn_date, vn_datetime

# Names and the module that defines them. Loaded on first use: ReportLab costs a sixth of a
# second at start-up, and a desk only needs it when it prints.
_EXPORTS = {
    **dict.fromkeys(("AgencyInfo", "ApplicantInfo", "DocumentLine", "ReceiptData", "RefusalData",
                     "SupplementItem", "SupplementNoticeData"), "data"),
    **dict.fromkeys(("font_paths", "register_fonts"), "fonts"),
    "render_receipt": "receipt",
    "render_refusal": "refusal",
    **dict.fromkeys(("FormInfo", "all_forms", "form_info"), "registry"),
    "render_supplement_notice": "supplement",
    **dict.fromkeys(("place_date_text", "vn_date", "vn_datetime"), "text"),
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
