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

from counter_app.i18n import QT_TR_NOOP, tr

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


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F, Cs exactly U+D800-U+DFFF: one
# regular expression finds them (a loop over unicodedata.category per character was most of the
# central's cost of checking a pushed record).
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


# A single-line value already in its stored form: runs of characters that are neither white space
# nor refused, one plain space between runs, nothing at the ends. Such a value passes steps 2-4
# unchanged, so ``clean`` returns it after the NFC and length checks without the regex rewrites
# (the central checks ~20 fields of every pushed event; nearly all arrive clean).
_CLEAN_LINE = re.compile("(?:[^\\s\x00-\x1f\x7f-\x9f\ud800-\udfff]+(?: [^\\s\x00-\x1f\x7f-\x9f\ud800-\udfff]+)*)?")


def _bad_character(text: str) -> str | None:
    """The first control character (other than tab and line breaks) or lone surrogate, if any."""
    found = _BAD_CHARACTER.search(text)
    return found.group() if found else None


def normalise(rule: FieldRule, value: str) -> str:
    """Steps 1–3 only (no refusal): what ``clean`` stores when the value is acceptable."""
    text = value
    if _bad_character(value) is None and not unicodedata.is_normalized("NFC", value):
        text = unicodedata.normalize("NFC", value)
    if rule.multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _SPACES.sub(" ", text).strip()


def clean(rule: FieldRule, value: str | None) -> str:
    """The stored form of ``value`` under ``rule``; raises FieldError with a Vietnamese message."""
    if (type(value) is str and not rule.multiline and len(value) <= rule.max_length and (value or not rule.required)
            and _CLEAN_LINE.fullmatch(value) is not None
            and (value.isascii() or unicodedata.is_normalized("NFC", value))):
        return value  # already in its stored form: exactly what the steps below would return
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FieldError(rule, tr("{label} phải là chuỗi ký tự.").format(label=tr(rule.label)))
    bad = _bad_character(value)
    if bad is not None:
        what = tr("ký tự NUL") if bad == "\x00" else tr("ký tự điều khiển U+{code:04X}").format(code=ord(bad))
        raise FieldError(rule, tr("{label} chứa {what} không hợp lệ; hãy nhập lại (không dán ký tự lạ).").format(
            label=tr(rule.label), what=what))
    text = normalise(rule, value)
    if rule.required and not text:
        raise FieldError(rule, tr("Hãy nhập {label}.").format(label=_lower_first(tr(rule.label))))
    if len(text) > rule.max_length:
        raise FieldError(rule, tr("{label} dài {count} ký tự, tối đa {max_length} ký tự.").format(
            label=tr(rule.label), count=number(len(text)), max_length=number(rule.max_length)))
    return text


# ---------------------------------------------------------------- the stored form as a pattern

# Characters a value may hold that ``clean`` never rewrites: not white space, not refused, and inert
# under NFC (a starter that no later character composes with). Any run of them, single spaces between
# runs, is returned by ``clean`` exactly as it came. Taken from the scripts of this country's records
# (Latin with the Vietnamese letters, punctuation, currency, letter-like symbols): a value with any
# other character is still accepted, by ``clean`` itself (tests/unit/test_fields.py checks the set).
_INERT_BLOCKS = ((0x21, 0x24F), (0x1E00, 0x1EFF), (0x2010, 0x20CF), (0x2100, 0x214F))


def _inert(c: str) -> bool:
    return (not c.isspace() and _BAD_CHARACTER.match(c) is None and unicodedata.combining(c) == 0
            and unicodedata.normalize("NFC", c) == c)


def _inert_class() -> str:
    """The inert characters as a regular-expression class body, ``\\x{21}-\\x{7E}…`` (Rust syntax)."""
    ranges: list[tuple[int, int]] = []
    for first, last in _INERT_BLOCKS:
        for code in range(first, last + 1):
            if not _inert(chr(code)):
                continue
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" if a < b else f"\\x{{{a:X}}}" for a, b in ranges)


_INERT_CLASS = _inert_class()


def stored_form_pattern(rule: FieldRule) -> str:
    """A regular expression (the syntax of Rust's regex crate, which pydantic-core runs) that matches
    only values ``clean(rule, value)`` returns unchanged, up to ``rule.max_length`` checked beside it:
    one line of inert characters, single spaces inside, nothing at the ends, not empty if required.
    What it refuses may still be acceptable: ask ``clean``. Multi-line rules get the one-line form."""
    run = f"[{_INERT_CLASS}]+"
    line = f"{run}(?: {run})*"
    return f"^{line}$" if rule.required else f"^(?:{line})?$"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


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
AGENCY_CODE = _rule("MaDonVi", QT_TR_NOOP("Mã cơ quan"), 40)
DOSSIER_CODE = _rule("MaHoSo", QT_TR_NOOP("Mã hồ sơ"), 64)
PROCEDURE_CODE = _rule("MaTTHC", QT_TR_NOOP("Mã thủ tục"), 40)
CASE_CODE = _rule("MaTruongHop", QT_TR_NOOP("Mã trường hợp"), 40)
FIELD_CODE = _rule("MALINHVUC", QT_TR_NOOP("Mã lĩnh vực"), 40)
DOCUMENT_CODE = _rule("MAGIAYTO", QT_TR_NOOP("Mã giấy tờ"), 40)
# Catalog texts
PROCEDURE_NAME = _rule("TenTTHC", QT_TR_NOOP("Tên thủ tục"), 1000)  # national names run past 500 characters
CASE_NAME = _rule("TENTRUONGHOP", QT_TR_NOOP("Tên trường hợp"), 1000)
FIELD_NAME = _rule("TENLINHVUC", QT_TR_NOOP("Tên lĩnh vực"), 255)
DOCUMENT_NAME = _rule("TENGIAYTO", QT_TR_NOOP("Tên giấy tờ"), 500)
FORM_TEMPLATE = _rule("MAUDON", QT_TR_NOOP("Mẫu đơn, tờ khai"), 255)
CATALOG_SOURCE = _rule("NGUON", QT_TR_NOOP("Nguồn"), 500)
CATALOG_TEXT = _rule("", QT_TR_NOOP("Nội dung"), 4000)  # other catalog texts (agencies, results, legal basis)
# Applicant and dossier record
APPLICANT_NAME = _rule("ChuHoSo", QT_TR_NOOP("Họ và tên (tên tổ chức)"), 255)
APPLICANT_KIND = _rule("LoaiDoiTuong", QT_TR_NOOP("Loại đối tượng"), 16)
ID_NUMBER = _rule("SoGiayTo", QT_TR_NOOP("Số giấy tờ"), 20)
PHONE = _rule("SoDienThoai", QT_TR_NOOP("Số điện thoại"), 20)
EMAIL = _rule("Email", "Email", 255)
ADDRESS = _rule("DiaChi", QT_TR_NOOP("Địa chỉ"), 500)
SEX = _rule("GioiTinh", QT_TR_NOOP("Giới tính"), 8)
NATIONALITY = _rule("QuocTich", QT_TR_NOOP("Quốc tịch"), 100)
CHANNEL = _rule("KenhThucHien", QT_TR_NOOP("Kênh thực hiện"), 16)
DELIVERY_METHOD = _rule("HinhThucTraKQ", QT_TR_NOOP("Hình thức trả kết quả"), 16)
OFFICER_NAME = _rule("CanBoTiepNhan", QT_TR_NOOP("Họ và tên cán bộ"), 255)
# Desk administration
UNIT_NAME = _rule("TenDonVi", QT_TR_NOOP("Tên cơ quan"), 255)
PLACE = _rule("DiaDanh", QT_TR_NOOP("Địa danh"), 100)
# The two header lines of the printed forms (unit settings): governing body, then the centre/section
FORM_HEADER_GOVERNING = _rule("CoQuanChuQuan", QT_TR_NOOP("Dòng tiêu đề thứ nhất (cơ quan chủ quản)"), 120)
FORM_HEADER_UNIT = _rule("TenDonViTrenMau", QT_TR_NOOP("Dòng tiêu đề thứ hai (trung tâm hoặc bộ phận)"), 120)
DESK_NAME = _rule("TenQuay", QT_TR_NOOP("Tên quầy"), 100)
# Reasons and notes written at the desk or by the back office
REASON = _rule("LyDo", QT_TR_NOOP("Lý do"), 1000)
REFUSAL_REASON = _rule("LyDoTuChoi", QT_TR_NOOP("Lý do từ chối"), 2000, multiline=True)
SUPPLEMENT_ITEM = _rule("TenGiayTo", QT_TR_NOOP("Tên giấy tờ cần bổ sung"), 500, required=True)
STOP_REASON = _rule("LyDoDung", QT_TR_NOOP("Lý do dừng xử lý"), 2000, multiline=True, required=True)
RESULT_TYPE = _rule("LoaiKetQua", QT_TR_NOOP("Loại giấy tờ kết quả"), 255, required=True)
RESULT_NUMBER = _rule("SoKetQua", QT_TR_NOOP("Số giấy tờ kết quả"), 100)
NOTE = _rule("GhiChu", QT_TR_NOOP("Ghi chú"), 4000, multiline=True)
AGENCY_NAME = _rule("CoQuanXuLy", QT_TR_NOOP("Cơ quan xử lý"), 255)
# Fees paid at the desk (issue #14)
PAYMENT_REFERENCE = _rule("MaGiaoDich", QT_TR_NOOP("Mã giao dịch thanh toán"), 100)
PAYER_NAME = _rule("NguoiNop", QT_TR_NOOP("Người nộp tiền"), 255)

# The push envelope
EVENT_KIND = _rule("kind", QT_TR_NOOP("Loại sự kiện"), 64, required=True)
ENTITY_KEY = _rule("entity_key", QT_TR_NOOP("Khóa đối tượng"), 64)
INTAKE_ID = _rule("MaLuotTiepNhan", QT_TR_NOOP("Mã lượt tiếp nhận"), 36)

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


def check_moment(value: datetime, label: str = QT_TR_NOOP("Thời điểm")) -> datetime:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(tr("{label} phải trong các năm {MIN_YEAR}–{MAX_YEAR} (nhận được năm {year}).").format(label=tr(label), MIN_YEAR=MIN_YEAR, MAX_YEAR=MAX_YEAR, year=value.year))
    return value


def moment_pattern(date_sep: str, middle: str, time_sep: str) -> str:
    """A regular expression (as ``stored_form_pattern``) of exactly the real calendar moments of
    MIN_YEAR–MAX_YEAR written ``yyyy{date_sep}MM{date_sep}dd{middle}HH{time_sep}mm{time_sep}ss``: what
    ``check_moment`` accepts once parsed, checked without parsing."""
    century = MIN_YEAR // 100
    assert MIN_YEAR % 400 == 0 and MAX_YEAR == MIN_YEAR + 99  # one century whose first year is a leap year
    assert {date_sep, middle, time_sep} <= {"", "-", " ", ":", "T"}  # literal in a pattern as they are
    d = date_sep
    month_day = (f"(?:(?:0[13578]|1[02]){d}(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11){d}(?:0[1-9]|[12][0-9]|30)"
                 f"|02{d}(?:0[1-9]|1[0-9]|2[0-8]))")
    day = f"(?:{century}[0-9]{{2}}{d}{month_day}|{century}(?:[02468][048]|[13579][26]){d}02{d}29)"
    t = time_sep
    return f"^{day}{middle}(?:[01][0-9]|2[0-3]){t}[0-5][0-9]{t}[0-5][0-9]$"


def max_processing(*, hours: bool) -> int:
    """The largest processing time a catalog may declare, in hours or in (working or calendar) days."""
    return MAX_PROCESSING_HOURS if hours else MAX_PROCESSING_DAYS
