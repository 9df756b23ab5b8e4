"""Plain frozen dataclasses the services fill and the printing functions read.

No ORM or Qt types here: the services copy what a form needs into these records, so a
document can be rendered (and tested) without a database or a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

DESK_UNIT_NAME = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"


@dataclass(frozen=True)
class AgencyInfo:
    parent_name: str  # "ỦY BAN NHÂN DÂN TỈNH CÀ MAU"
    name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    agency_code: str  # QCVN 102:2016 code, e.g. "000.00.01.H12"
    place: str  # place name of the place/date line, e.g. "Cà Mau"
    lookup_url_template: str = ""  # e.g. "https://dichvucong.camau.gov.vn/tra-cuu?ma={code}"
    # Third line of the agency block; "" when the agency itself is the receiving unit.
    desk_unit_name: str = DESK_UNIT_NAME

    def lookup_url(self, code: str) -> str:
        """Lookup URL for a dossier code from the template (``{code}`` placeholder)."""
        if not self.lookup_url_template:
            return ""
        return self.lookup_url_template.format(code=quote(code, safe=".-_"))


@dataclass(frozen=True)
class ApplicantInfo:
    name: str
    id_number: str = ""  # 12-digit personal ID (CCCD), or tax code for a business
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class DocumentLine:
    order: int
    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass(frozen=True)
class ReceiptData:
    """Form 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    agency: AgencyInfo
    dossier_code: str
    place_date: str  # "Cà Mau, ngày 25 tháng 11 năm 2025" (see text.place_date_text)
    applicant: ApplicantInfo
    procedure_name: str
    procedure_code: str
    documents: tuple[DocumentLine, ...]
    sets: int
    processing_time_text: str  # "03 ngày làm việc"
    received_at: datetime
    due_at: datetime
    delivery_method: str  # "Tại Bộ phận Một cửa" / "Qua dịch vụ bưu chính công ích"
    book_volume: str
    book_number: str
    officer_name: str
    lookup_url: str = ""  # empty: built from agency.lookup_url_template

    def effective_lookup_url(self) -> str:
        return self.lookup_url or self.agency.lookup_url(self.dossier_code)


@dataclass(frozen=True)
class SupplementItem:
    order: int
    name: str  # document to add or correct
    reason: str


@dataclass(frozen=True)
class SupplementNoticeData:
    """Form 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    agency: AgencyInfo
    notice_code: str  # own code, barcoded
    number: str  # "15/HDHS"
    place_date: str
    applicant: ApplicantInfo
    procedure_name: str
    items: tuple[SupplementItem, ...]
    officer_name: str
    officer_phone: str
    help_line: str = ""  # extra help text, e.g. "Đường dây nóng: 0290 3 829 999"
    procedure_code: str = ""


@dataclass(frozen=True)
class RefusalData:
    """Form 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    agency: AgencyInfo
    place_date: str
    applicant: ApplicantInfo
    procedure_name: str
    reason: str
    officer_name: str
    officer_phone: str
    number: str = ""  # optional "Số: …" of the slip
    help_line: str = ""
    procedure_code: str = ""


__all__ = [
    "DESK_UNIT_NAME",
    "AgencyInfo",
    "ApplicantInfo",
    "DocumentLine",
    "ReceiptData",
    "SupplementItem",
    "SupplementNoticeData",
    "RefusalData",
]
