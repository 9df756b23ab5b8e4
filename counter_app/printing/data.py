"""Plain frozen dataclasses the services fill and the printing functions read.

No ORM or Qt types here: the services copy what a form needs into these records, so a
document can be rendered (and tested) without a database or a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

DESK_UNIT_NAME = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
# Where a procedure is published (form 02): the national portal's page, "{code}" replaced by MATTHC.
NATIONAL_PROCEDURE_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"


def procedure_page_url(code: str, template: str = "") -> str:
    return (template or NATIONAL_PROCEDURE_URL).replace("{code}", quote(code, safe=".-_"))


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


APPLICANT_CITIZEN = "citizen"
APPLICANT_BUSINESS = "business"
APPLICANT_ORGANISATION = "organisation"


@dataclass(frozen=True)
class ApplicantInfo:
    name: str
    id_number: str = ""  # 12-digit personal ID (CCCD), or tax code for a business
    address: str = ""
    phone: str = ""
    email: str = ""
    kind: str = APPLICANT_CITIZEN  # citizen / passport / business / organisation: labels of name and number

    @property
    def is_person(self) -> bool:
        return self.kind in (APPLICANT_CITIZEN, "passport")

    @property
    def signing_name(self) -> str:
        """The name printed under the applicant's signature: a person's own; a business or an
        organisation is represented by someone who writes their own name there."""
        return self.name if self.is_person else ""


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
    delivery_method: str  # item 6 "Đăng ký nhận kết quả tại": "Bộ phận tiếp nhận và trả kết quả" / by post
    book_volume: str
    book_number: str
    officer_name: str
    lookup_url: str = ""  # empty: built from agency.lookup_url_template
    number: str = ""  # "Số: 125/TNHS" (the tracking-book number of the receipt)
    submitter: ApplicantInfo | None = None  # who handed the dossier in on the owner's behalf
    fee_text: str = ""  # "8.000 đồng (…)" from the catalog; "" prints no fee line

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
    procedure_url: str = ""  # where the procedure can be looked up (national / provincial portal)
    stage: str = "intake"  # intake / processing (a processing agency asks, at most once)
    requesting_agency: str = ""  # the processing agency that asks (stage "processing")


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
    "ReceiverInfo",
    "ResultDocumentInfo",
    "ReturnReceiptData",
    "ControlSlipRow",
    "ControlSlipData",
]


@dataclass(frozen=True)
class ReceiverInfo:
    """Who took the result: the applicant or an authorised person."""

    name: str
    id_number: str = ""
    phone: str = ""
    is_applicant: bool = True


@dataclass(frozen=True)
class ResultDocumentInfo:
    type: str  # "Giấy khai sinh"
    number: str = ""  # "Số 125/2026"
    summary: str = ""  # trích yếu


@dataclass(frozen=True)
class ReturnReceiptData:
    """Giấy biên nhận trả kết quả (outside Annex I; two copies: kept / given to the receiver)."""

    agency: AgencyInfo
    dossier_code: str
    place_date: str
    procedure_name: str
    procedure_code: str
    owner: ApplicantInfo  # chủ hồ sơ
    receiver: ReceiverInfo
    documents: tuple[ResultDocumentInfo, ...]
    received_at: datetime
    due_at: datetime | None
    returned_at: datetime
    officer_name: str  # who returned the result


@dataclass(frozen=True)
class ControlSlipRow:
    """One hand-off of the dossier (form 06)."""

    order: int
    from_unit: str
    to_unit: str
    at: datetime
    given_by: str = ""
    taken_by: str = ""
    result: str = ""  # "Trước hạn" / "Đúng hạn" / "Quá hạn" / ""
    note: str = ""


@dataclass(frozen=True)
class ControlSlipData:
    """Form 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    agency: AgencyInfo
    dossier_code: str
    place_date: str
    procedure_name: str
    procedure_code: str
    owner_name: str
    received_at: datetime
    due_at: datetime | None
    processing_units: str  # "Cơ quan (bộ phận) giải quyết hồ sơ"
    rows: tuple[ControlSlipRow, ...]
    attached_to: str = ""  # "Kèm theo hồ sơ của": the owner, with the procedure
    coordinating_agencies: str = ""  # "Cơ quan phối hợp giải quyết"
    blank_rows: int = 0  # empty rows to fill by hand (a slip printed at receipt)


# --------------------------------------------------------------------------- supervision (issue 5)


@dataclass(frozen=True)
class ApologyData:
    """Form 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết."""

    agency: AgencyInfo
    place_date: str
    applicant: ApplicantInfo
    dossier_code: str
    procedure_name: str
    received_at: datetime
    due_at: datetime  # the appointment being extended
    late_agency: str  # the agency that is late
    reason: str
    new_due_at: datetime
    signer_name: str  # the supervisor who approved the letter
    number: str = ""
    procedure_code: str = ""
    issued_late: bool = False  # issued after the due moment: flagged, and counted
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    extension_number: int = 1  # 1st, 2nd … extension of this dossier


@dataclass(frozen=True)
class StopNoticeData:
    """Form 05 — Thông báo dừng giải quyết hồ sơ (also for a withdrawal at the applicant's request)."""

    agency: AgencyInfo
    place_date: str
    applicant: ApplicantInfo
    dossier_code: str
    procedure_name: str
    received_at: datetime
    reason: str
    signer_name: str
    withdrawn: bool = False  # True: the applicant asked to withdraw the dossier (status 7)
    number: str = ""
    procedure_code: str = ""
    signer_title: str = "LÃNH ĐẠO CƠ QUAN"


@dataclass(frozen=True)
class TrackingBookRow:
    """One dossier line of the tracking book (form 07)."""

    order: int
    dossier_code: str
    content: str  # the procedure
    sets: int
    owner_name: str
    address: str
    phone: str
    received_at: datetime
    due_at: datetime | None
    returned_at: datetime | None
    returned_by: str  # officer who handed the result over
    taken_by: str  # person who took it
    receiving_officer: str
    note: str = ""
    lead_agency: str = ""  # cơ quan chủ trì giải quyết
    transferred_at: datetime | None = None  # handed to the lead agency
    result_back_at: datetime | None = None  # result received back at the desk
    # Beyond form 07, so a book exported from one desk imports into another (issue #15,
    # ``counter-app dossier import``): written after the form's columns in the XLSX only.
    procedure_code: str = ""
    owner_id_number: str = ""
    status: int = 0
    result_type: str = ""
    result_number: str = ""


@dataclass(frozen=True)
class TrackingBookData:
    """Form 07 — Sổ theo dõi hồ sơ, for a date range."""

    agency: AgencyInfo
    place_date: str
    start: date
    end: date
    rows: tuple[TrackingBookRow, ...]
    volume: str = ""


@dataclass(frozen=True)
class PeriodReportLine:
    """One line of the period statistics report: a field, a procedure under it, or the total."""

    order: str  # "I", "1", "" for the total
    code: str
    name: str
    carried_over: int
    received: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    closed: int
    unfinished_within: int
    unfinished_overdue: int
    level: int = 1  # 0 total, 1 field, 2 procedure

    @property
    def total(self) -> int:
        return self.carried_over + self.received

    @property
    def resolved(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def unfinished(self) -> int:
        return self.unfinished_within + self.unfinished_overdue


@dataclass(frozen=True)
class PeriodReportData:
    """Báo cáo thống kê tình hình tiếp nhận, giải quyết hồ sơ trong kỳ."""

    agency: AgencyInfo
    place_date: str
    start: date
    end: date
    as_of: datetime
    lines: tuple[PeriodReportLine, ...]  # total first, then each field followed by its procedures
    summary: tuple[tuple[str, str], ...] = ()  # (label, value) lines above the table
    signer_name: str = ""
    # Service-index indicators (issue #14): (group, name, rate texts in domain.indicators.INDICATORS order)
    indicators: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


__all__ += [
    "ApologyData",
    "StopNoticeData",
    "TrackingBookRow",
    "TrackingBookData",
    "PeriodReportLine",
    "PeriodReportData",
]
