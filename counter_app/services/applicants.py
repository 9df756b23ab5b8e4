"""Applicant input: validation of Vietnamese identifiers and contacts, lookup of returning applicants."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain import fields, identity
from counter_app.domain.identity import CCCD_PROVINCE_CODES, check_cccd  # noqa: F401 - re-exported
from counter_app.domain.text import fold
from counter_app.i18n import QT_TR_NOOP, tr  # labels translated where shown
from counter_app.models import Applicant, ApplicantKind, local_now
from counter_app.models.db import Database

from .errors import ValidationError
from .field_input import clean_field

TAX_CODE_RE = re.compile(r"^\d{10}(-\d{3})?$")
ORG_CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z./-]{2,19}$")
MOBILE_RE = re.compile(r"^0[35789]\d{8}$")
LANDLINE_RE = re.compile(r"^02\d{9}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '.-][^\W\d_]+)*$")

KIND_LABELS = {
    ApplicantKind.CITIZEN: QT_TR_NOOP("Công dân"),
    ApplicantKind.BUSINESS: QT_TR_NOOP("Doanh nghiệp, hộ kinh doanh"),
    ApplicantKind.ORGANISATION: QT_TR_NOOP("Cơ quan, tổ chức"),
    ApplicantKind.PASSPORT: QT_TR_NOOP("Cá nhân dùng hộ chiếu (người nước ngoài…)"),
}


@dataclass(frozen=True)
class ApplicantInput:
    kind: ApplicantKind = ApplicantKind.CITIZEN
    id_number: str = ""
    name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    sex: str = ""  # identity.SEX_MALE / SEX_FEMALE / "" (not given)
    nationality: str = ""  # passport holders
    no_phone: bool = False  # the applicant has no phone: an explicit choice, not a made-up number


@dataclass(frozen=True)
class SubmitterInput:
    """Who hands the dossier in, when not the applicant (an authorised person)."""

    name: str = ""
    id_number: str = ""
    phone: str = ""


def normalise_phone(text: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def parse_birth_date(text: str) -> date | None:
    """'dd/mm/yyyy' (also with - or .) → date; '' → None; raises ValidationError otherwise."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    try:
        if not m:
            raise ValueError
        value = date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        raise ValidationError(tr("Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/1985."), field="date_of_birth") from None
    return value


def validate(data: ApplicantInput, *, today: date | None = None) -> ApplicantInput:
    """Check every field; returns the cleaned input (NFC, normalised phone) or raises one
    :class:`ValidationError` listing every bad field (``errors``), the first one's message on top.

    A phone number is not a condition of receipt (nor of a refusal): it is checked when given.
    """
    today = today or local_now().date()
    errors: list[ValidationError] = []

    def bad(message: str, field: str) -> None:
        errors.append(ValidationError(message, field=field))

    def cleaned(rule: fields.FieldRule, value: str, field: str) -> str:
        try:
            return clean_field(rule, value, field)
        except ValidationError as exc:
            errors.append(exc)
            return ""

    kind = ApplicantKind(data.kind)
    id_number = cleaned(fields.ID_NUMBER, data.id_number, "id_number").upper()
    if kind is ApplicantKind.PASSPORT:
        id_number = identity.normalise_passport(id_number)
    if any(e.field == "id_number" for e in errors):
        pass
    elif kind is ApplicantKind.CITIZEN:
        if problem := check_cccd(id_number, data.date_of_birth):
            bad(problem, "id_number")
    elif kind is ApplicantKind.PASSPORT:
        if problem := identity.check_passport(id_number):
            bad(problem, "id_number")
    elif kind is ApplicantKind.BUSINESS:
        if not TAX_CODE_RE.match(id_number) and not re.fullmatch(r"\d{12}", id_number):
            bad(tr("Mã số thuế gồm 10 chữ số (chi nhánh: 10 số, dấu gạch và 3 số) "
                "hoặc 12 chữ số CCCD của chủ hộ kinh doanh."), "id_number")
    elif not ORG_CODE_RE.match(id_number):
        bad(tr("Mã cơ quan, tổ chức gồm 3–20 ký tự chữ, số, dấu chấm hoặc gạch."), "id_number")

    name = cleaned(fields.APPLICANT_NAME, data.name, "name")
    if any(e.field == "name" for e in errors):
        pass
    elif not name:
        bad(tr("Hãy nhập họ và tên (hoặc tên tổ chức)."), "name")
    elif kind in (ApplicantKind.CITIZEN, ApplicantKind.PASSPORT) and not NAME_RE.match(name):
        bad(tr("Họ và tên chỉ gồm chữ cái và khoảng trắng, không có chữ số hay ký hiệu."), "name")

    if data.date_of_birth is not None:
        if data.date_of_birth > today:
            bad(tr("Ngày sinh không thể ở tương lai."), "date_of_birth")
        elif data.date_of_birth.year < 1900:
            bad(tr("Năm sinh phải từ 1900 trở đi."), "date_of_birth")
    elif kind in (ApplicantKind.CITIZEN, ApplicantKind.PASSPORT):
        bad(tr("Hãy nhập ngày sinh của công dân (ngày/tháng/năm)."), "date_of_birth")

    sex = identity.normalise_sex(data.sex)
    if data.sex.strip() and not sex:
        bad(tr("Giới tính là Nam hoặc Nữ."), "sex")
    elif sex and kind is ApplicantKind.CITIZEN and not any(e.field == "id_number" for e in errors) \
            and identity.cccd_sex(id_number) != sex:
        bad(tr("Giới tính không khớp với số CCCD (chữ số thứ 4: chẵn là Nam, lẻ là Nữ)."), "sex")

    nationality = cleaned(fields.NATIONALITY, data.nationality, "nationality") \
        if kind is ApplicantKind.PASSPORT else ""
    if kind is ApplicantKind.PASSPORT and not nationality and not any(e.field == "nationality" for e in errors):
        bad(tr("Hãy nhập quốc tịch ghi trên hộ chiếu."), "nationality")

    address = cleaned(fields.ADDRESS, data.address, "address")
    if not any(e.field == "address" for e in errors) and len(address) < 5:
        bad(tr("Hãy nhập địa chỉ (số nhà/ấp, xã/phường, tỉnh)."), "address")

    phone = normalise_phone(cleaned(fields.PHONE, data.phone, "phone"))
    if phone and data.no_phone:
        bad(tr("Đã chọn «Không có điện thoại»: hãy xóa số đã nhập, hoặc bỏ chọn ô đó."), "phone")
    elif phone and identity.is_fake_phone(phone):
        bad(tr("«{value}» không phải số điện thoại thật. Người nộp không có điện thoại thì chọn "
            "«Không có điện thoại» (Alt+K), không nhập số giả.").format(value=data.phone.strip()), "phone")
    elif phone and not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
        bad(tr("Số điện thoại không hợp lệ: di động 10 số bắt đầu bằng 03, 05, 07, 08, 09; "
            "cố định 11 số bắt đầu bằng 02."), "phone")

    email = cleaned(fields.EMAIL, data.email, "email")
    if email and not EMAIL_RE.match(email):
        bad(tr("Địa chỉ email không hợp lệ."), "email")
    if errors:
        raise ValidationError.combine(errors)
    return replace(data, kind=kind, id_number=id_number, name=name, address=address, phone=phone, email=email,
                   sex=sex, nationality=nationality)


def validate_submitter(data: SubmitterInput) -> SubmitterInput:
    name = clean_field(fields.APPLICANT_NAME, data.name, "submitter_name")
    if not name:
        return SubmitterInput()
    if not NAME_RE.match(name):
        raise ValidationError(tr("Họ tên người nộp thay chỉ gồm chữ cái và khoảng trắng."), field="submitter_name")
    id_number = clean_field(fields.ID_NUMBER, data.id_number, "submitter_id_number")
    if problem := check_cccd(id_number):
        raise ValidationError(tr("Người nộp thay: {problem}").format(problem=problem), field="submitter_id_number")
    phone = normalise_phone(clean_field(fields.PHONE, data.phone, "submitter_phone"))
    if phone and not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
        raise ValidationError(tr("Số điện thoại người nộp thay không hợp lệ."), field="submitter_phone")
    return SubmitterInput(name, id_number, phone)


def find(session: Session, id_number: str) -> Applicant | None:
    id_number = id_number.strip().upper()
    if not id_number:
        return None
    return session.execute(
        select(Applicant).where(Applicant.id_number == id_number).order_by(Applicant.id.desc()).limit(1)
    ).scalar_one_or_none()


def lookup(db: Database, id_number: str) -> ApplicantInput | None:
    """A returning applicant found by ID number, to pre-fill the form."""
    with db.read() as session:
        row = find(session, id_number)
        if row is None:
            return None
        return as_input(row)


def as_input(row: Applicant) -> ApplicantInput:
    """A stored applicant as the form's input (pre-filling a returning applicant, reopening an intake)."""
    return ApplicantInput(ApplicantKind(row.kind), row.id_number, row.name, row.date_of_birth, row.address,
                          row.phone, row.email, row.sex, row.nationality, row.no_phone)


def upsert(session: Session, data: ApplicantInput) -> Applicant:
    """Store a validated applicant; a returning one gets the latest contact details."""
    row = session.execute(
        select(Applicant).where(Applicant.id_number == data.id_number, Applicant.kind == data.kind.value)
    ).scalar_one_or_none()
    if row is None:
        row = Applicant(kind=data.kind.value, id_number=data.id_number)
        session.add(row)
    row.name, row.name_folded = data.name, fold(data.name)
    row.date_of_birth, row.address, row.phone, row.email = data.date_of_birth, data.address, data.phone, data.email
    row.sex = data.sex or row.sex or ""
    row.nationality, row.no_phone = data.nationality, data.no_phone
    session.flush()
    return row
