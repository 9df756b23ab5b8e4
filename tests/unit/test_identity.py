"""The CCCD QR payload parser (counter_app/domain/identity.py) and applicants without a CCCD."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain import identity
from counter_app.domain.identity import CccdCard, CccdPayloadError, format_cccd, looks_like_cccd, parse_cccd
from counter_app.models import ApplicantKind
from counter_app.services import applicants
from counter_app.services.applicants import ApplicantInput
from counter_app.services.errors import ValidationError

TODAY = date(2026, 12, 1)
# Shaped as the chip-based card prints it: 7 fields, the old 9-digit CMND present.
SEVEN = "096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Ấp Tân Hưng, Xã Tân Thành, Tỉnh Cà Mau|20042021"
# A card issued since 1/7/2024 (no old ID) with fields after the seven.
EXTRAS = "001200012345||Trần Văn Đức|15032000|Nam|Số 12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội|02082024|xyz|01012039"


def test_seven_fields():
    card = parse_cccd(SEVEN, today=TODAY)
    assert card == CccdCard("096185001234", "381234567", "Nguyễn Thị Ánh Tuyết", date(1985, 9, 5), "Nữ",
                            "Ấp Tân Hưng, Xã Tân Thành, Tỉnh Cà Mau", date(2021, 4, 20))


def test_extras_ignored_and_empty_old_id():
    card = parse_cccd(EXTRAS, today=TODAY)
    assert card.id_number == "001200012345" and card.old_id_number == ""
    assert card.birth_date == date(2000, 3, 15) and card.sex == "Nam" and card.extras == ("xyz", "01012039")


def test_nfd_text_is_stored_nfc():
    card = parse_cccd(unicodedata.normalize("NFD", SEVEN), today=TODAY)
    assert card.name == "Nguyễn Thị Ánh Tuyết" and unicodedata.is_normalized("NFC", card.name + card.address)
    assert card.sex == "Nữ"


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n", "\t", " \t"])
def test_scanner_endings_trimmed(end):
    assert parse_cccd(SEVEN + end, today=TODAY).issue_date == date(2021, 4, 20)


def test_vietnamese_keyboard_layout_number_row():
    """The Windows Vietnamese layout types 1234567890 as ă â ê ô ̀ ̉ ̃ ́ ̣ đ; an input method may then
    compose ă + ́ into ắ. Only the digit fields are mapped back."""
    row = str.maketrans("1234567890", "ăâêô\u0300\u0309\u0303\u0301\u0323đ")
    parts = SEVEN.split("|")
    for i in (0, 1, 3, 6):
        # the input method composes a letter with the tone mark typed right after it (ă + ́ → ắ)
        parts[i] = re.sub("[ăâêô][\u0300\u0309\u0303\u0301\u0323]", lambda m: unicodedata.normalize("NFC", m[0]),
                          parts[i].translate(row))
    typed = "|".join(parts)
    assert "ắ" in typed or "ề" in typed or "đ" in typed
    assert looks_like_cccd(typed)
    assert parse_cccd(typed, today=TODAY) == parse_cccd(SEVEN, today=TODAY)


def test_azerty_number_row():
    row = str.maketrans("1234567890", "&é\"'(-è_çà")
    parts = SEVEN.split("|")
    for i in (0, 1, 3, 6):
        parts[i] = parts[i].translate(row)
    assert parse_cccd("|".join(parts), today=TODAY).id_number == "096185001234"


@pytest.mark.parametrize("bar", ["¦", "｜"])
def test_bar_variants(bar):
    assert parse_cccd(SEVEN.replace("|", bar), today=TODAY).name == "Nguyễn Thị Ánh Tuyết"


@pytest.mark.parametrize(("payload", "words"), [
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau", "cần ít nhất 7"),
    ("09618500123|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau|20042021", "12 chữ số"),
    ("096185001234|38123|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau|20042021", "CMND cũ"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|31021985|Nữ|Cà Mau|20042021", "ngày có thật"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|5/9/1985|Nữ|Cà Mau|20042021", "DDMMYYYY"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau|2004202", "ngày cấp"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091986|Nữ|Cà Mau|20042021", "năm sinh"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nam|Cà Mau|20042021", "giới tính không khớp"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|X|Cà Mau|20042021", "Nam hoặc Nữ"),
    ("096185001234|381234567||05091985|Nữ|Cà Mau|20042021", "họ và tên"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ||20042021", "nơi thường trú"),
    ("096185001234|381234567|Nguyễn\x00Thị|05091985|Nữ|Cà Mau|20042021", "NUL"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau|20041984", "trước ngày sinh"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau|20042027", "tương lai"),
    ("999185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau|20042021", "mã tỉnh"),
])
def test_malformed(payload, words):
    with pytest.raises(CccdPayloadError) as caught:
        parse_cccd(payload, today=TODAY)
    assert words in caught.value.message


def test_looks_like_cccd():
    assert looks_like_cccd(SEVEN) and looks_like_cccd(EXTRAS + "\t")
    assert not looks_like_cccd("000.00.01.H12-261125-1001")  # a dossier code
    assert not looks_like_cccd("Nguyễn|Văn|A|b|c|d|e")  # not an ID first
    assert not looks_like_cccd("0961|85")


# ---------------------------------------------------------------- property-based

_PROVINCES = sorted(identity.CCCD_PROVINCE_CODES)
_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYáàảãạếềểễệốồổỗộứừửữự"
_words = st.text(alphabet=_LETTERS, min_size=1, max_size=12)
_names = st.lists(_words, min_size=1, max_size=5).map(" ".join)
_addresses = st.lists(st.text(alphabet=_LETTERS + "0123456789,/-", min_size=1, max_size=15), min_size=1,
                      max_size=8).map(" ".join)


@st.composite
def cards(draw) -> CccdCard:  # noqa: ANN001
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)))
    issued = draw(st.dates(min_value=birth, max_value=TODAY))
    sex = draw(st.sampled_from(identity.SEXES))
    century_digit = (birth.year - 1900) // 100 * 2 + (0 if sex == "Nam" else 1)
    id_number = f"{draw(st.sampled_from(_PROVINCES))}{century_digit}{birth.year % 100:02d}" \
                f"{draw(st.integers(0, 999999)):06d}"
    old = draw(st.sampled_from(["", f"{draw(st.integers(0, 10**9 - 1)):09d}"]))
    extras = tuple(draw(st.lists(st.text(alphabet=_LETTERS + "0123456789", max_size=10), max_size=3)))
    return CccdCard(id_number, old, draw(_names), birth, sex, draw(_addresses), issued, extras)


@settings(max_examples=150, deadline=None)
@given(cards(), st.sampled_from(["NFC", "NFD"]), st.sampled_from(["", "\r", "\t", "\r\n"]))
def test_round_trip(card, form, end):
    payload = unicodedata.normalize(form, format_cccd(card)) + end
    assert looks_like_cccd(payload)
    assert parse_cccd(payload, today=TODAY) == card


@settings(max_examples=150, deadline=None)
@given(cards(), st.integers(0, 6))
def test_a_field_missing_is_refused_never_half_read(card, drop):
    parts = format_cccd(card).split("|")[:7]
    del parts[drop]
    with pytest.raises(CccdPayloadError):
        parse_cccd("|".join(parts), today=TODAY)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_any_text_parses_or_is_refused_in_vietnamese(text):
    try:
        card = parse_cccd(text, today=TODAY)
    except CccdPayloadError as exc:
        assert exc.message and "CCCD" in exc.message
    else:
        assert len(card.id_number) == 12 and card.name and card.address


# ---------------------------------------------------------------- applicants without a CCCD


def test_passport_holder():
    data = applicants.validate(ApplicantInput(ApplicantKind.PASSPORT, "c 1234 567", "John Smith", date(1980, 1, 2),
                                              "12 Lê Lợi, Phường Bến Nghé, TP Hồ Chí Minh", nationality="Hoa Kỳ"),
                               today=TODAY)
    assert data.id_number == "C1234567" and data.nationality == "Hoa Kỳ"
    with pytest.raises(ValidationError) as caught:
        applicants.validate(ApplicantInput(ApplicantKind.PASSPORT, "C1234567", "John Smith", date(1980, 1, 2),
                                           "12 Lê Lợi, TP Hồ Chí Minh"), today=TODAY)
    assert [e.field for e in caught.value.errors] == ["nationality"]
    with pytest.raises(ValidationError) as caught:
        applicants.validate(ApplicantInput(ApplicantKind.PASSPORT, "C12#", "John Smith", date(1980, 1, 2),
                                           "12 Lê Lợi, TP Hồ Chí Minh", nationality="Pháp"), today=TODAY)
    assert [e.field for e in caught.value.errors] == ["id_number"]


def test_no_phone_is_a_choice_not_a_fake_number():
    base = ApplicantInput(ApplicantKind.CITIZEN, "096185001234", "Nguyễn Thị Ánh Tuyết", date(1985, 9, 5),
                          "Ấp Tân Hưng, Xã Tân Thành, Cà Mau")
    assert applicants.validate(base.__class__(**{**base.__dict__, "no_phone": True}), today=TODAY).no_phone
    for fake in ("0000000000", "0123456789", "1111111111"):
        with pytest.raises(ValidationError) as caught:
            applicants.validate(ApplicantInput(**{**base.__dict__, "phone": fake}), today=TODAY)
        assert caught.value.field == "phone" and "Không có điện thoại" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        applicants.validate(ApplicantInput(**{**base.__dict__, "phone": "0912345678", "no_phone": True}), today=TODAY)
    assert caught.value.field == "phone"


def test_sex_checked_against_the_cccd():
    base = ApplicantInput(ApplicantKind.CITIZEN, "096185001234", "Nguyễn Thị Ánh Tuyết", date(1985, 9, 5),
                          "Ấp Tân Hưng, Xã Tân Thành, Cà Mau")
    assert applicants.validate(ApplicantInput(**{**base.__dict__, "sex": "nữ"}), today=TODAY).sex == "Nữ"
    with pytest.raises(ValidationError) as caught:
        applicants.validate(ApplicantInput(**{**base.__dict__, "sex": "Nam"}), today=TODAY)
    assert caught.value.field == "sex"
