"""Units, desks, officers: first-run set-up, demo set-up and login."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain import fields
from counter_app.domain.text import nfc
from counter_app.i18n import tr
from counter_app.models import Desk, Officer, Role, Unit, UnitLevel, local_now
from counter_app.models.db import AFTER_ROLLBACK, Database

from . import audit, settings
from .errors import NotFoundError, ValidationError
from .field_input import clean_field

MAX_FAILED_LOGINS = 5
LOCK_DURATION = timedelta(minutes=15)
# QCVN 102:2016 agency codes: groups of digits/letters separated by dots, e.g. 000.00.01.H12.
AGENCY_CODE_RE = re.compile(r"^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){2,4}$")

_hasher = PasswordHasher()

DEMO_AGENCY_CODE = "000.00.01.H12"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"


@dataclass(frozen=True)
class DeskContext:
    """Who is working where: handed to every service call a desk makes."""

    unit_id: int
    unit_name: str
    agency_code: str
    desk_id: int
    desk_number: int
    officer_id: int
    officer_name: str
    roles: frozenset[Role]

    def has_role(self, role: Role) -> bool:
        return role in self.roles


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_dummy_hash: str | None = None


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Hash and verify with ``hasher`` from now on (the test suite's cheap profile). Hashes made
    before keep verifying: Argon2 reads the parameters from the hash itself."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = None  # the unknown-user check must cost what a real one does


def _spend_a_verification(password: str) -> None:
    """Verify against a hash of the same parameters so an unknown user costs what a known one does."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("không-phải-mật-khẩu-của-ai")
    try:
        _hasher.verify(_dummy_hash, password)
    except (VerificationError, InvalidHashError):
        pass


def create_unit(session: Session, *, agency_code: str, name: str, level: UnitLevel = UnitLevel.COMMUNE,
                parent_name: str = "", place: str = "", lookup_url_template: str = "") -> Unit:
    agency_code = agency_code.strip().upper()
    if not AGENCY_CODE_RE.match(agency_code):
        raise ValidationError(
            tr("Mã cơ quan không đúng định dạng QCVN 102:2016 (ví dụ 000.00.01.H12)."), field="agency_code")
    name = clean_field(fields.UNIT_NAME, name, "unit_name")
    if not name:
        raise ValidationError(tr("Hãy nhập tên cơ quan."), field="unit_name")
    unit = Unit(agency_code=agency_code, name=name, parent_name=clean_field(fields.UNIT_NAME, parent_name, "parent_name"),
                level=UnitLevel(level).value, place=clean_field(fields.PLACE, place, "place"),
                lookup_url_template=lookup_url_template.strip())
    session.add(unit)
    session.flush()
    return unit


def create_desk(session: Session, unit: Unit, number: int, name: str = "") -> Desk:
    if not 1 <= number <= 9:
        raise ValidationError(tr("Số quầy phải từ 1 đến 9."), field="desk_number")
    desk = Desk(unit_id=unit.id, number=number, name=clean_field(fields.DESK_NAME, name, "desk_name") or f"Quầy số {number}")
    session.add(desk)
    session.flush()
    return desk


def create_officer(session: Session, unit: Unit, *, username: str, full_name: str, password: str,
                   roles: set[Role], phone: str = "", by: Officer | None = None) -> Officer:
    username = username.strip().lower()
    if not re.fullmatch(r"[a-z0-9._-]{3,64}", username):
        raise ValidationError(tr("Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch."), field="username")
    if session.execute(select(Officer.id).where(Officer.username == username)).first():
        raise ValidationError(tr("Tên đăng nhập «{username}» đã có người dùng.").format(username=username), field="username")
    full_name = clean_field(fields.OFFICER_NAME, full_name, "full_name")
    if not full_name:
        raise ValidationError(tr("Hãy nhập họ và tên cán bộ."), field="full_name")
    phone = clean_field(fields.PHONE, phone, "phone")
    if len(password) < 4:
        raise ValidationError(tr("Mật khẩu phải có ít nhất 4 ký tự."), field="password")
    officer = Officer(unit_id=unit.id, username=username, full_name=full_name, phone=phone,
                      password_hash=hash_password(password),
                      roles=",".join(sorted(r.value for r in roles)))
    session.add(officer)
    session.flush()
    audit.append(session, action="officer.created", entity="officer", entity_key=username, officer=by,
                 details={"roles": officer.roles})
    return officer


def is_set_up(session: Session) -> bool:
    return settings.get(session, "desk_id") is not None


def desk_is_set_up(db: Database) -> bool:
    """Whether the first-run set-up (unit, desk, first officer) has been done on this database."""
    with db.read() as session:
        return is_set_up(session)


def set_current_desk(session: Session, desk: Desk) -> None:
    settings.put(session, "desk_id", desk.id)


def current_desk(session: Session) -> Desk:
    desk_id = settings.get(session, "desk_id")
    desk = session.get(Desk, desk_id) if desk_id is not None else None
    if desk is None:
        raise NotFoundError(tr("Máy này chưa được thiết lập quầy. Hãy chạy thiết lập lần đầu."))
    return desk


def ensure_demo_setup(session: Session) -> bool:
    """Create the demo unit, desk 1 and officer 'demo' (all roles) on an empty database."""
    if session.execute(select(func.count()).select_from(Unit)).scalar_one():
        return False
    unit = create_unit(session, agency_code=DEMO_AGENCY_CODE, name="Trung tâm Phục vụ hành chính công xã Tân Thành",
                       parent_name="Ủy ban nhân dân tỉnh Cà Mau", place="Cà Mau", level=UnitLevel.COMMUNE,
                       lookup_url_template="https://dichvucong.camau.gov.vn/tra-cuu/{code}")
    desk = create_desk(session, unit, 1)
    create_officer(session, unit, username=DEMO_USERNAME, full_name="Nguyễn Thị Minh Thư",
                   password=DEMO_PASSWORD, roles=set(Role), phone="0290 3831 234")
    set_current_desk(session, desk)
    return True


def authenticate(session: Session, username: str, password: str, *, now: datetime | None = None) -> Officer:
    """Check the password; five failures in a row lock the account for a while."""
    now = now or local_now()
    officer = session.execute(
        select(Officer).where(Officer.username == username.strip().lower())
    ).scalar_one_or_none()
    wrong = ValidationError(tr("Sai tên đăng nhập hoặc mật khẩu."), field="password")
    if officer is None or not officer.active:
        _spend_a_verification(password)  # same time as a wrong password: user names cannot be probed
        raise wrong
    if officer.locked_until and officer.locked_until > now:
        raise ValidationError(
            tr("Tài khoản đang bị khóa đến {locked_until:%H:%M} do nhập sai mật khẩu nhiều lần.").format(locked_until=officer.locked_until),
            field="username")
    try:
        _hasher.verify(officer.password_hash, password)
    except (VerificationError, InvalidHashError):
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILED_LOGINS:
            officer.locked_until = now + LOCK_DURATION
            officer.failed_logins = 0
            audit.append(session, action="officer.locked", entity="officer", entity_key=officer.username)
        raise wrong from None
    officer.failed_logins = 0
    officer.locked_until = None
    audit.append(session, action="officer.login", entity="officer", entity_key=officer.username, officer=officer)
    return officer


def desk_context(session: Session, officer: Officer, desk: Desk | None = None) -> DeskContext:
    desk = desk or current_desk(session)
    unit = desk.unit
    return DeskContext(unit.id, unit.name, unit.agency_code, desk.id, desk.number, officer.id,
                       officer.full_name, officer.role_set)


def login(db: Database, username: str, password: str) -> DeskContext:
    """One unit of work: a failed attempt is still recorded (counter, lock) before the error surfaces."""
    error: ValidationError | None = None
    with db.write() as session:
        try:
            officer = authenticate(session, username, password)
            return desk_context(session, officer)
        except ValidationError as exc:
            error = exc
    raise error


def verify_role(session: Session, username: str, password: str, role: Role, *,
                now: datetime | None = None) -> Officer:
    """Credentials of a second officer approving an action (e.g. a supervisor's override).

    An approval is a login: a wrong password counts towards the same lock-out as the login form
    (five in a row lock the account), every failure is audited, and a locked or inactive account
    cannot approve. The caller's unit of work is rolled back when this raises, so the failure is
    recorded in a unit of work of its own that runs after that rollback (``Database.write``'s
    ``after_rollback``); a bare session records it in place.
    """
    from .errors import PermissionDeniedError

    now = now or local_now()
    name = username.strip().lower()
    officer = session.execute(select(Officer).where(Officer.username == name)).scalar_one_or_none()
    wrong = PermissionDeniedError(tr("Tên đăng nhập hoặc mật khẩu của người phê duyệt không đúng."),
                                  field="override_username")
    if officer is None or not officer.active:
        _spend_a_verification(password)
        _record_failed_approval(session, name, now, reason="unknown_or_inactive")
        raise wrong
    if officer.locked_until and officer.locked_until > now:
        _record_failed_approval(session, name, now, reason="locked")
        raise PermissionDeniedError(
            tr("Tài khoản «{username}» đang bị khóa đến {locked_until:%H:%M} do nhập sai mật khẩu "
            "nhiều lần: không thể phê duyệt.").format(username=officer.username, locked_until=officer.locked_until), field="override_username")
    try:
        _hasher.verify(officer.password_hash, password)
    except (VerificationError, InvalidHashError):
        _record_failed_approval(session, name, now, reason="wrong_password")
        raise wrong from None
    if role not in officer.role_set:
        raise PermissionDeniedError(tr("«{full_name}» không có quyền lãnh đạo để phê duyệt.").format(full_name=officer.full_name),
                                    field="override_username")
    officer.failed_logins = 0
    return officer


def _record_failed_approval(session: Session, username: str, now: datetime, *, reason: str) -> None:
    def record(s: Session) -> None:
        officer = s.execute(select(Officer).where(Officer.username == username)).scalar_one_or_none()
        audit.append(s, action="officer.approval_failed", entity="officer", entity_key=username[:64],
                     details={"reason": reason})
        if officer is None or reason != "wrong_password":
            return
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILED_LOGINS:
            officer.locked_until = now + LOCK_DURATION
            officer.failed_logins = 0
            audit.append(s, action="officer.locked", entity="officer", entity_key=officer.username,
                         details={"after": "approval_failed"})

    after_rollback = session.info.get(AFTER_ROLLBACK)
    if after_rollback is None:
        record(session)
    else:
        after_rollback.append(record)


@dataclass(frozen=True)
class FirstRunInput:
    agency_code: str
    unit_name: str
    parent_name: str
    level: UnitLevel
    place: str
    desk_number: int
    username: str
    full_name: str
    password: str
    password_again: str
    phone: str = ""
    lookup_url_template: str = ""


def first_run_setup(db: Database, data: FirstRunInput) -> DeskContext:
    """One unit of work: the unit, this desk and its first officer (every role, to set up the rest)."""
    if data.password != data.password_again:
        raise ValidationError(tr("Hai lần nhập mật khẩu không giống nhau."), field="password_again")
    with db.write() as session:
        if is_set_up(session):
            raise ValidationError(tr("Máy này đã được thiết lập quầy."))
        unit = session.execute(
            select(Unit).where(Unit.agency_code == data.agency_code.strip().upper())).scalar_one_or_none()
        if unit is None:
            unit = create_unit(session, agency_code=data.agency_code, name=data.unit_name, level=data.level,
                               parent_name=data.parent_name, place=data.place,
                               lookup_url_template=data.lookup_url_template)
        if not nfc(data.place):
            raise ValidationError(tr("Hãy nhập địa danh ghi trên giấy tờ (ví dụ: Cà Mau)."), field="place")
        desk = session.execute(
            select(Desk).where(Desk.unit_id == unit.id, Desk.number == data.desk_number)).scalar_one_or_none()
        desk = desk or create_desk(session, unit, data.desk_number)
        officer = create_officer(session, unit, username=data.username, full_name=data.full_name,
                                 password=data.password, roles=set(Role), phone=data.phone)
        set_current_desk(session, desk)
        audit.append(session, action="desk.set_up", entity="desk", entity_key=f"{unit.agency_code}/{desk.number}",
                     officer=officer)
        return desk_context(session, officer, desk)


# ---------------------------------------------------------------- shared counter PCs

IDLE_LOCK_KEY = "lock.idle_minutes"  # 0: the screen never locks by itself


def idle_lock_minutes(db: Database) -> int:
    """Minutes without a key or mouse press after which the desk's screen locks (0: never)."""
    with db.read() as session:
        return int(settings.get(session, IDLE_LOCK_KEY, 0) or 0)


def set_idle_lock_minutes(db: Database, minutes: int) -> int:
    minutes = max(0, min(240, int(minutes)))
    with db.write() as session:
        settings.put(session, IDLE_LOCK_KEY, minutes)
    return minutes
