"""Officer administration (admin role): list, create, assign roles, reset passwords, deactivate,
unlock. Login, password hashing and the lock after five failed logins live in ``org.py``; this
module only adds the admin's use cases on top, each one unit of work with its audit row naming
the admin who acted.

Guards (decision): an admin cannot deactivate their own account or take the admin role away
from themselves, and the last active admin can never be removed — otherwise nobody could fix
the desk's accounts without editing the database by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import Officer, Role, Unit, local_now
from counter_app.models.db import Database

from . import audit, org
from .errors import NotFoundError, PermissionDeniedError, ValidationError
from .org import MAX_FAILED_LOGINS, DeskContext

ROLE_LABELS = {
    Role.RECEPTION: QT_TR_NOOP("Tiếp nhận"),
    Role.RETURN: QT_TR_NOOP("Trả kết quả"),
    Role.SUPERVISOR: QT_TR_NOOP("Lãnh đạo"),
    Role.ADMIN: QT_TR_NOOP("Quản trị"),
}
ROLE_ORDER = (Role.RECEPTION, Role.RETURN, Role.SUPERVISOR, Role.ADMIN)
MIN_PASSWORD = 8  # for passwords an admin sets; org.create_officer's floor is lower (demo accounts)


@dataclass(frozen=True)
class OfficerRow:
    id: int
    username: str
    full_name: str
    phone: str
    roles: frozenset[Role]
    active: bool
    locked_until: datetime | None
    failed_logins: int

    @property
    def roles_text(self) -> str:
        return ", ".join(tr(ROLE_LABELS[r]) for r in ROLE_ORDER if r in self.roles)

    def state_text(self, now: datetime) -> str:
        if not self.active:
            return tr("Ngừng hoạt động")
        if self.locked_until and self.locked_until > now:
            return tr("Bị khóa đến {locked_until:%H:%M %d/%m/%Y}").format(locked_until=self.locked_until)
        return tr("Đang hoạt động")

    def is_locked(self, now: datetime) -> bool:
        return bool(self.locked_until and self.locked_until > now)


@dataclass(frozen=True)
class NewOfficer:
    username: str
    full_name: str
    password: str
    roles: frozenset[Role]
    phone: str = ""


def _admin(session: Session, ctx: DeskContext) -> Officer:
    if not ctx.has_role(Role.ADMIN):
        raise PermissionDeniedError(tr("Chỉ quản trị viên mới được quản lý tài khoản cán bộ."))
    admin = session.get(Officer, ctx.officer_id)
    if admin is None or not admin.active or Role.ADMIN not in admin.role_set:
        raise PermissionDeniedError(tr("Tài khoản hiện tại không còn quyền quản trị."))
    return admin


def _officer(session: Session, officer_id: int) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise NotFoundError(tr("Không tìm thấy cán bộ."))
    return officer


def _row(o: Officer) -> OfficerRow:
    return OfficerRow(o.id, o.username, o.full_name, o.phone, o.role_set, o.active, o.locked_until, o.failed_logins)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(tr("Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.").format(MIN_PASSWORD=MIN_PASSWORD), field="password")


def _check_roles(roles: frozenset[Role] | set[Role]) -> frozenset[Role]:
    roles = frozenset(Role(r) for r in roles)
    if not roles:
        raise ValidationError(tr("Hãy chọn ít nhất một vai trò."), field="roles")
    return roles


def _other_active_admins(session: Session, officer: Officer) -> int:
    return sum(1 for o in session.execute(
        select(Officer).where(Officer.active.is_(True), Officer.id != officer.id)).scalars()
        if Role.ADMIN in o.role_set)


def list_officers(db: Database, ctx: DeskContext) -> list[OfficerRow]:
    with db.read() as session:
        _admin(session, ctx)
        return [_row(o) for o in session.execute(
            select(Officer).where(Officer.unit_id == ctx.unit_id).order_by(Officer.full_name, Officer.id)).scalars()]


def create(db: Database, ctx: DeskContext, form: NewOfficer) -> OfficerRow:
    with db.write() as session:
        admin = _admin(session, ctx)
        roles = _check_roles(form.roles)
        _check_password(form.password)
        unit = session.get_one(Unit, ctx.unit_id)
        officer = org.create_officer(session, unit, username=form.username, full_name=form.full_name,
                                     password=form.password, roles=set(roles), phone=form.phone, by=admin)
        return _row(officer)


def set_roles(db: Database, ctx: DeskContext, officer_id: int, roles: frozenset[Role] | set[Role]) -> OfficerRow:
    with db.write() as session:
        admin = _admin(session, ctx)
        roles = _check_roles(roles)
        officer = _officer(session, officer_id)
        before = officer.roles
        if Role.ADMIN in officer.role_set and Role.ADMIN not in roles:
            if officer.id == admin.id:
                raise ValidationError(tr("Không thể tự bỏ vai trò quản trị của chính mình."), field="roles")
            if officer.active and not _other_active_admins(session, officer):
                raise ValidationError(tr("Phải còn ít nhất một quản trị viên đang hoạt động."), field="roles")
        officer.roles = ",".join(sorted(r.value for r in roles))
        audit.append(session, action="officer.roles_changed", entity="officer", entity_key=officer.username,
                     officer=admin, details={"from": before, "to": officer.roles})
        return _row(officer)


def reset_password(db: Database, ctx: DeskContext, officer_id: int, password: str) -> OfficerRow:
    """New password set by the admin; it also lifts a lock from failed logins."""
    with db.write() as session:
        admin = _admin(session, ctx)
        _check_password(password)
        officer = _officer(session, officer_id)
        officer.password_hash = org.hash_password(password)
        officer.failed_logins = 0
        officer.locked_until = None
        audit.append(session, action="officer.password_reset", entity="officer", entity_key=officer.username,
                     officer=admin)
        return _row(officer)


def set_active(db: Database, ctx: DeskContext, officer_id: int, active: bool) -> OfficerRow:
    with db.write() as session:
        admin = _admin(session, ctx)
        officer = _officer(session, officer_id)
        if not active:
            if officer.id == admin.id:
                raise ValidationError(tr("Không thể tự ngừng hoạt động tài khoản đang đăng nhập."), field="officer")
            if Role.ADMIN in officer.role_set and not _other_active_admins(session, officer):
                raise ValidationError(tr("Phải còn ít nhất một quản trị viên đang hoạt động."), field="officer")
        if officer.active != active:
            officer.active = active
            audit.append(session, action="officer.activated" if active else "officer.deactivated",
                         entity="officer", entity_key=officer.username, officer=admin)
        return _row(officer)


def unlock(db: Database, ctx: DeskContext, officer_id: int, *, now: datetime | None = None) -> OfficerRow:
    now = now or local_now()
    with db.write() as session:
        admin = _admin(session, ctx)
        officer = _officer(session, officer_id)
        was_locked = bool(officer.locked_until and officer.locked_until > now)
        officer.locked_until = None
        officer.failed_logins = 0
        if was_locked:
            audit.append(session, action="officer.unlocked", entity="officer", entity_key=officer.username,
                         officer=admin)
        return _row(officer)


__all__ = ["MAX_FAILED_LOGINS", "ROLE_LABELS", "ROLE_ORDER", "NewOfficer", "OfficerRow", "create", "list_officers",
           "reset_password", "set_active", "set_roles", "unlock"]
