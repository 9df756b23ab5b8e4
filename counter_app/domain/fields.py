"""Field limits and normalisation: one definition for the desk's forms, the catalog importer, officer
administration and the central's schemas (issue #11, "one limit, one place").

Every text the sync protocol carries is cleaned by ``clean(rule, value)``:

1. Unicode NFC (what is stored and printed);
2. single-line fields: every run of white space (tabs and line breaks included) becomes one space;
   multi-line fields keep line breaks (``\\r\\n`` and ``\\r`` become ``\\n``), tabs become spaces;
3. leading and trailing white space is trimmed;
4. NUL, every other control character (Unicode category Cc) and lone surrogates (Cs) are
   **refused**, never silently dropped: they are never typed on purpose, and PostgreSQL cannot
   store a NUL at all;
5. the length (in characters, after 1–3) must not exceed ``max_length``; a required field must not
   be empty.

The desk calls it where the officer types (a Vietnamese message under that field), the central
calls it from its pydantic schemas, so a value the central would refuse cannot be saved at the
desk. Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[^\S\n]+")  # white space other than a line break
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class FieldRule:
    key: str  # the protocol / record name, e.g. "DiaChi"
    label: str  # Vietnamese, for messages: "Địa chỉ"
    max_length: int
    multiline: bool = False
    required: bool = False


class FieldError(ValueError):
    """A value a rule refuses; ``message`` is a Vietnamese sentence naming the field."""

    def __init__(self, rule: FieldRule, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message


def _bad_character(text: str) -> str | None:
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs" or (category == "Cc" and ch not in "\t\n\r"):
            return ch
    return None


def normalise(rule: FieldRule, value: str) -> str:
    """Steps 1–3 only (no refusal): what ``clean`` stores when the value is acceptable."""
    text = unicodedata.normalize("NFC", value) if _bad_character(value) is None else value
    if rule.multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _SPACES.sub(" ", text).strip()


def clean(rule: FieldRule, value: str | None) -> str:
    """The stored form of ``value`` under ``rule``; raises FieldError with a Vietnamese message."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FieldError(rule, f"{rule.label} phải là chuỗi ký tự.")
    bad = _bad_character(value)
    if bad is not None:
        what = "ký tự NUL" if bad == "\x00" else f"ký tự điều khiển U+{ord(bad):04X}"
        raise FieldError(rule, f"{rule.label} chứa {what} không hợp lệ; hãy nhập lại (không dán ký tự lạ).")
    text = normalise(rule, value)
    if rule.required and not text:
        raise FieldError(rule, f"Hãy nhập {rule.label[0].lower()}{rule.label[1:]}.")
    if len(text) > rule.max_length:
        raise FieldError(rule, f"{rule.label} dài {number(len(text))} ký tự, tối đa {number(rule.max_length)} ký tự.")
    return text


def number(n: int) -> str:
    """1.000 — Vietnamese thousands separator."""
    return f"{n:,}".replace(",", ".")


def problem(rule: FieldRule, value: str | None) -> str | None:
    """None when ``value`` is acceptable, else the Vietnamese message."""
    try:
        clean(rule, value)
    except FieldError as exc:
        return exc.message
    return None


# ---------------------------------------------------------------- the rules

def _rule(key: str, label: str, max_length: int, **kw: bool) -> FieldRule:
    return FieldRule(key, label, max_length, **kw)


# Codes
AGENCY_CODE = _rule("MaDonVi", "Mã cơ quan", 40)
DOSSIER_CODE = _rule("MaHoSo", "Mã hồ sơ", 64)
PROCEDURE_CODE = _rule("MaTTHC", "Mã thủ tục", 40)
CASE_CODE = _rule("MaTruongHop", "Mã trường hợp", 40)
FIELD_CODE = _rule("MALINHVUC", "Mã lĩnh vực", 40)
DOCUMENT_CODE = _rule("MAGIAYTO", "Mã giấy tờ", 40)
# Catalog texts
PROCEDURE_NAME = _rule("TenTTHC", "Tên thủ tục", 1000)  # national names run past 500 characters
CASE_NAME = _rule("TENTRUONGHOP", "Tên trường hợp", 1000)
FIELD_NAME = _rule("TENLINHVUC", "Tên lĩnh vực", 255)
DOCUMENT_NAME = _rule("TENGIAYTO", "Tên giấy tờ", 500)
FORM_TEMPLATE = _rule("MAUDON", "Mẫu đơn, tờ khai", 255)
CATALOG_SOURCE = _rule("NGUON", "Nguồn", 500)
CATALOG_TEXT = _rule("", "Nội dung", 4000)  # other catalog texts (agencies, results, legal basis)
# Applicant and dossier record
APPLICANT_NAME = _rule("ChuHoSo", "Họ và tên (tên tổ chức)", 255)
APPLICANT_KIND = _rule("LoaiDoiTuong", "Loại đối tượng", 16)
ID_NUMBER = _rule("SoGiayTo", "Số giấy tờ", 20)
PHONE = _rule("SoDienThoai", "Số điện thoại", 20)
EMAIL = _rule("Email", "Email", 255)
ADDRESS = _rule("DiaChi", "Địa chỉ", 500)
SEX = _rule("GioiTinh", "Giới tính", 8)
NATIONALITY = _rule("QuocTich", "Quốc tịch", 100)
CHANNEL = _rule("KenhThucHien", "Kênh thực hiện", 16)
DELIVERY_METHOD = _rule("HinhThucTraKQ", "Hình thức trả kết quả", 16)
OFFICER_NAME = _rule("CanBoTiepNhan", "Họ và tên cán bộ", 255)
# Desk administration
UNIT_NAME = _rule("TenDonVi", "Tên cơ quan", 255)
PLACE = _rule("DiaDanh", "Địa danh", 100)
# The two header lines of the printed forms (unit settings): governing body, then the centre/section
FORM_HEADER_GOVERNING = _rule("CoQuanChuQuan", "Dòng tiêu đề thứ nhất (cơ quan chủ quản)", 120)
FORM_HEADER_UNIT = _rule("TenDonViTrenMau", "Dòng tiêu đề thứ hai (trung tâm hoặc bộ phận)", 120)
DESK_NAME = _rule("TenQuay", "Tên quầy", 100)
# Reasons and notes written at the desk or by the back office
REASON = _rule("LyDo", "Lý do", 1000)
REFUSAL_REASON = _rule("LyDoTuChoi", "Lý do từ chối", 2000, multiline=True)
SUPPLEMENT_ITEM = _rule("TenGiayTo", "Tên giấy tờ cần bổ sung", 500, required=True)
STOP_REASON = _rule("LyDoDung", "Lý do dừng xử lý", 2000, multiline=True, required=True)
RESULT_TYPE = _rule("LoaiKetQua", "Loại giấy tờ kết quả", 255, required=True)
RESULT_NUMBER = _rule("SoKetQua", "Số giấy tờ kết quả", 100)
NOTE = _rule("GhiChu", "Ghi chú", 4000, multiline=True)
AGENCY_NAME = _rule("CoQuanXuLy", "Cơ quan xử lý", 255)
# Fees paid at the desk (issue #14)
PAYMENT_REFERENCE = _rule("MaGiaoDich", "Mã giao dịch thanh toán", 100)
PAYER_NAME = _rule("NguoiNop", "Người nộp tiền", 255)

# The push envelope
EVENT_KIND = _rule("kind", "Loại sự kiện", 64, required=True)
ENTITY_KEY = _rule("entity_key", "Khóa đối tượng", 64)
INTAKE_ID = _rule("MaLuotTiepNhan", "Mã lượt tiếp nhận", 36)

# The dossier sync record (counter_app/domain/records.py), field by field.
RECORD_TEXT_RULES: dict[str, FieldRule] = {r.key: r for r in (
    AGENCY_CODE, PROCEDURE_CODE, PROCEDURE_NAME, CASE_CODE, APPLICANT_NAME, APPLICANT_KIND, ID_NUMBER, PHONE,
    EMAIL, ADDRESS, SEX, NATIONALITY, CHANNEL, DELIVERY_METHOD, OFFICER_NAME)}

# ---------------------------------------------------------------- numbers and moments

# Processing times a catalog may declare (a procedure taking longer is a data error, not a law).
MAX_PROCESSING_DAYS = 730  # working or calendar days
MAX_PROCESSING_HOURS = MAX_PROCESSING_DAYS * 8  # working hours
# Moments carried by the protocol (received, due, returned …): codes carry a two-digit year, and a
# due date beyond 2099 is a typo that would make every deadline computation walk centuries.
MIN_YEAR = 2000
MAX_YEAR = 2099
MAX_SETS = 99  # sets of papers in one dossier
MAX_SEQ = 2**62  # sequence numbers and cursors (fit a signed 64-bit column)


def check_moment(value: datetime, label: str = "Thời điểm") -> datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"{label} phải trong các năm {MIN_YEAR}–{MAX_YEAR} (nhận được năm {value.year}).")
    return value


def max_processing(*, hours: bool) -> int:
    """The largest processing time a catalog may declare, in hours or in (working or calendar) days."""
    return MAX_PROCESSING_HOURS if hours else MAX_PROCESSING_DAYS
