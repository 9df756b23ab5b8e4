"""Identity papers: the 12-digit CCCD, the QR code on the chip-based card, passports.

The QR code printed on the chip-based CCCD (and on the "thẻ căn cước" issued since 1/7/2024)
holds the holder's identity as text fields separated by ``|``::

    012345678901|123456789|Nguyễn Văn An|15031990|Nam|Số 1, ấp Tân Hưng, xã Tân Thành, Cà Mau|20042021

12-digit ID | old 9-digit ID (may be empty) | full name | birth date DDMMYYYY | sex (Nam/Nữ) |
permanent address | issue date DDMMYYYY. Newer cards may carry more fields after these seven:
they are kept in ``extras`` and otherwise ignored.

A USB scanner in keyboard mode ("keyboard wedge") types that text into whatever field has the
focus, and what arrives is not always what the card holds (README, "Setting up a scanner"):

- the Windows *Vietnamese* keyboard layout turns the number row into ``ă â ê ô ̀ ̉ ̃ ́ ̣ đ``,
  and a French (AZERTY) layout into ``& é " ' ( - è _ ç à``: in the fields that can only hold
  digits (the IDs and dates) these are mapped back to the digits of the same keys;
- a Vietnamese input method (Unikey, EVKey, ibus-bamboo in Telex or VNI) may compose or
  decompose the letters of the name and address: the text is brought back to NFC;
- some layouts give ``¦`` or a full-width ``｜`` for the bar key; scanners end with Enter, CR/LF
  or Tab: separators are normalised and the end is trimmed.

Whatever cannot be repaired is refused as a whole with one Vietnamese sentence
(:class:`CccdPayloadError`): a payload is never half applied.

Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from counter_app.i18n import tr

from . import fields

# Province/city codes that open a 12-digit CCCD (Circular 07/2016/TT-BCA, Appendix I).
CCCD_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 "
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 "
    "083 084 086 087 089 091 092 093 094 095 096".split()
)

SEX_MALE = "Nam"
SEX_FEMALE = "Nữ"
SEXES = (SEX_MALE, SEX_FEMALE)

QR_MIN_FIELDS = 7
SEPARATOR = "|"
_SEPARATOR_VARIANTS = str.maketrans({"¦": SEPARATOR, "｜": SEPARATOR, "│": SEPARATOR})

# The number row 1234567890 as other keyboard layouts type it when the scanner sends the keys of
# a US keyboard: the Windows Vietnamese layout (precomposed letters and combining tone marks) and
# French AZERTY. Used only in fields that hold digits, where these characters cannot be meant.
_NUMBER_ROWS = {
    "vietnamese": "ăâêô\u0300\u0309\u0303\u0301\u0323đ",
    "vietnamese_upper": "ĂÂÊÔ\u0300\u0309\u0303\u0301\u0323Đ",
    "azerty": "&é\"'(-è_çà",
}
_ASCII_DIGITS = frozenset("0123456789")
_SHAPE_MARKS = frozenset("\u0306\u0302")  # breve, circumflex: part of the letters ă â ê ô
_DIGIT_REPAIR = {ch: str((i + 1) % 10) for row in _NUMBER_ROWS.values() for i, ch in enumerate(row)}

PASSPORT_RE = re.compile(r"^[A-Z0-9]{6,20}$")
# Numbers nobody has: what officers typed when a system insisted on a phone (0000000000, 0123456789).
_FAKE_PHONES = re.compile(r"^([0-9])\1+$|^0123456789$|^0987654321$")


class CccdPayloadError(ValueError):
    """The scanned text is not a usable CCCD QR payload; ``message`` is one Vietnamese sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CccdCard:
    id_number: str
    old_id_number: str
    name: str
    birth_date: date
    sex: str  # SEX_MALE or SEX_FEMALE
    address: str
    issue_date: date
    extras: tuple[str, ...] = ()


def check_cccd(id_number: str, date_of_birth: date | None = None) -> str | None:
    """Structure of a 12-digit CCCD: province, century/sex digit, birth year. None when valid."""
    if not re.fullmatch(r"[0-9]{12}", id_number):
        return tr("Số CCCD phải gồm đúng 12 chữ số.")
    if id_number[:3] not in CCCD_PROVINCE_CODES:
        return tr("Số CCCD không hợp lệ: «{id_number}» không phải mã tỉnh, thành phố nơi đăng ký khai sinh.").format(id_number=id_number[:3])
    if date_of_birth is not None:
        century = 1900 + 100 * (int(id_number[3]) // 2)
        if century + int(id_number[4:6]) != date_of_birth.year:
            return tr("Số CCCD không khớp với năm sinh (chữ số thứ 4–6 mã hóa thế kỷ và năm sinh).")
    return None


def cccd_sex(id_number: str) -> str | None:
    """The sex the 4th digit of a 12-digit CCCD encodes (even: male, odd: female)."""
    if not re.fullmatch(r"[0-9]{12}", id_number):
        return None
    return SEX_MALE if int(id_number[3]) % 2 == 0 else SEX_FEMALE


def normalise_passport(text: str) -> str:
    """Passport numbers as printed: capitals and digits, spaces and dashes dropped."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFC", text)).upper()


def check_passport(number: str) -> str | None:
    if not PASSPORT_RE.match(number):
        return tr("Số hộ chiếu gồm 6–20 chữ cái in hoa và chữ số (không dấu, không ký hiệu).")
    return None


def is_fake_phone(digits: str) -> bool:
    """A placeholder typed because a phone seemed required (0000000000, 1111111111, 0123456789)."""
    return bool(_FAKE_PHONES.match(digits))


def normalise_sex(text: str) -> str:
    """'Nam' / 'Nữ' (any case, with or without the diacritic, NFC or not); '' for anything else."""
    folded = unicodedata.normalize("NFC", text).strip().casefold()
    if folded == "nam":
        return SEX_MALE
    if folded in ("nữ", "nu"):
        return SEX_FEMALE
    return ""


# ---------------------------------------------------------------- the QR payload


def clean_scan(text: str) -> str:
    """What the scanner typed, with its end (Enter, CR/LF, Tab) and separator variants normalised."""
    text = text.translate(_SEPARATOR_VARIANTS)
    return text.strip("\r\n\t \x00")


def looks_like_cccd(text: str) -> bool:
    """True for text that is meant as a CCCD QR payload, read whole or cut short: three separators or
    more after 9 to 12 digits (typed through any layout). Such a burst is parsed, never kept as typed."""
    text = clean_scan(text)
    if text.count(SEPARATOR) < 3:
        return False
    head = _repair_digits(text.split(SEPARATOR, 1)[0].strip())
    return head is not None and 9 <= len(head) <= 12


def _repair_digits(raw: str) -> str | None:
    """The ASCII digits behind ``raw`` typed through another layout, or None when it is not that.

    A tone mark typed after a letter of the number row may have been composed with it (ă + ́ = ắ)
    by the input method or by NFC: such a letter is taken apart again.
    """
    out = []
    for ch in raw:
        if ch in _ASCII_DIGITS or ch in _DIGIT_REPAIR:
            out.append(_DIGIT_REPAIR.get(ch, ch))
            continue
        # At most one tone mark is composed into a letter, after the breve or circumflex of ă/â/ê/ô.
        parts = unicodedata.normalize("NFD", ch)
        shape = "".join(m for m in parts[1:] if m in _SHAPE_MARKS)
        tones = [m for m in parts[1:] if m not in _SHAPE_MARKS]
        letter = unicodedata.normalize("NFC", parts[0] + shape)
        if len(parts) < 2 or letter not in _DIGIT_REPAIR or len(tones) > 1 or any(t not in _DIGIT_REPAIR for t in tones):
            return None
        out.extend(_DIGIT_REPAIR[c] for c in (letter, *tones))
    return "".join(out)


def _digits(raw: str) -> str:
    """A field that can only hold digits, typed through another layout, back to its digits."""
    raw = raw.strip()
    repaired = _repair_digits(raw)
    return repaired if repaired is not None else unicodedata.normalize("NFC", raw)


def _date(raw: str, label: str) -> date:
    digits = _digits(raw)
    if not re.fullmatch(r"[0-9]{8}", digits):
        raise CccdPayloadError(tr("Mã QR trên CCCD có {label} «{value}» không đúng dạng ngày tháng năm (DDMMYYYY).").format(label=label, value=raw.strip()))
    try:
        return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        raise CccdPayloadError(tr("Mã QR trên CCCD có {label} «{value}» không phải ngày có thật.").format(label=label, value=raw.strip())) from None


def _text(rule: fields.FieldRule, raw: str, label: str) -> str:
    try:
        value = fields.clean(rule, raw)
    except fields.FieldError as exc:
        raise CccdPayloadError(tr("Mã QR trên CCCD: {message}").format(message=exc.message)) from None
    if not value:
        raise CccdPayloadError(tr("Mã QR trên CCCD không có {label}.").format(label=label))
    return value


def parse_cccd(text: str, *, today: date | None = None) -> CccdCard:
    """The card behind a scanned QR payload; raises :class:`CccdPayloadError` (Vietnamese)."""
    cleaned = clean_scan(text)
    parts = cleaned.split(SEPARATOR)
    if len(parts) < QR_MIN_FIELDS:
        raise CccdPayloadError(tr("Không đọc được mã QR trên CCCD: có {count} trường, cần ít nhất {QR_MIN_FIELDS} "
                               "(số CCCD|số CMND cũ|họ tên|ngày sinh|giới tính|địa chỉ|ngày cấp). Hãy quét lại.").format(count=len(parts), QR_MIN_FIELDS=QR_MIN_FIELDS))
    id_raw, old_raw, name_raw, birth_raw, sex_raw, address_raw, issue_raw, *extras = parts
    id_number = _digits(id_raw)
    if not re.fullmatch(r"[0-9]{12}", id_number):
        raise CccdPayloadError(tr("Mã QR trên CCCD có số định danh «{value}» không gồm đúng 12 chữ số. "
                               "Hãy quét lại.").format(value=id_raw.strip()))
    old_id = _digits(old_raw)
    if old_id and not re.fullmatch(r"[0-9]{9}|[0-9]{12}", old_id):
        raise CccdPayloadError(tr("Mã QR trên CCCD có số CMND cũ «{value}» không gồm 9 chữ số.").format(value=old_raw.strip()))
    birth = _date(birth_raw, tr("ngày sinh"))
    issued = _date(issue_raw, tr("ngày cấp"))
    if problem := check_cccd(id_number, birth):
        raise CccdPayloadError(tr("Mã QR trên CCCD: {problem}").format(problem=problem))
    if birth.year < 1900:
        raise CccdPayloadError(tr("Mã QR trên CCCD có năm sinh trước 1900."))
    if issued < birth:
        raise CccdPayloadError(tr("Mã QR trên CCCD có ngày cấp trước ngày sinh."))
    if today is not None and (birth > today or issued > today):
        raise CccdPayloadError(tr("Mã QR trên CCCD có ngày sinh hoặc ngày cấp ở tương lai: hãy kiểm tra đồng hồ máy "
                               "và quét lại."))
    sex = normalise_sex(sex_raw)
    if not sex:
        raise CccdPayloadError(tr("Mã QR trên CCCD có giới tính «{value}», không phải Nam hoặc Nữ.").format(value=sex_raw.strip()))
    if sex != cccd_sex(id_number):
        raise CccdPayloadError(tr("Mã QR trên CCCD: giới tính không khớp với số định danh (chữ số thứ 4). Hãy quét lại."))
    name = _text(fields.APPLICANT_NAME, name_raw, tr("họ và tên"))
    address = _text(fields.ADDRESS, address_raw, tr("nơi thường trú"))
    return CccdCard(id_number, old_id, name, birth, sex, address, issued,
                    tuple(unicodedata.normalize("NFC", e) for e in extras))


def format_cccd(card: CccdCard) -> str:
    """The payload a card's QR code holds (tests and demo data)."""
    parts = [card.id_number, card.old_id_number, card.name, f"{card.birth_date:%d%m%Y}", card.sex, card.address,
             f"{card.issue_date:%d%m%Y}", *card.extras]
    return SEPARATOR.join(parts)
