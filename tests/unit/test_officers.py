"""Officer administration: create, roles, password reset, deactivate, unlock — all audited, admin only;
and the lock after five failed logins (services/org.py)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from counter_app.models import AuditEvent, Officer, Role
from counter_app.services import officers, org
from counter_app.services.errors import PermissionDeniedError, ValidationError
from counter_app.services.officers import NewOfficer


@pytest.fixture
def admin(db):
    return org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD)  # the demo officer has every role


def audit_rows(db, action: str) -> list[AuditEvent]:  # noqa: ANN001
    with db.read() as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())


def create_clerk(db, admin, username: str = "vo.thi.hong") -> officers.OfficerRow:  # noqa: ANN001
    return officers.create(db, admin, NewOfficer(username, "Võ Thị Hồng", "matkhau123",
                                                 frozenset({Role.RECEPTION}), "0912 000 111"))


def test_create_officer_and_log_in(db, admin):
    row = create_clerk(db, admin)
    assert (row.username, row.full_name, row.roles, row.active) == ("vo.thi.hong", "Võ Thị Hồng",
                                                                     frozenset({Role.RECEPTION}), True)
    ctx = org.login(db, "vo.thi.hong", "matkhau123")
    assert ctx.roles == frozenset({Role.RECEPTION})
    [event] = audit_rows(db, "officer.created")[-1:]
    assert (event.entity_key, event.actor) == ("vo.thi.hong", "Nguyễn Thị Minh Thư")


@pytest.mark.parametrize(("form", "field"), [
    (NewOfficer("Vo Hong", "Võ Thị Hồng", "matkhau123", frozenset({Role.RECEPTION})), "username"),
    (NewOfficer("demo", "Võ Thị Hồng", "matkhau123", frozenset({Role.RECEPTION})), "username"),
    (NewOfficer("vo.hong", " ", "matkhau123", frozenset({Role.RECEPTION})), "full_name"),
    (NewOfficer("vo.hong", "Võ Thị Hồng", "ngan", frozenset({Role.RECEPTION})), "password"),
    (NewOfficer("vo.hong", "Võ Thị Hồng", "matkhau123", frozenset()), "roles"),
])
def test_create_validation_names_the_field(db, admin, form, field):
    with pytest.raises(ValidationError) as err:
        officers.create(db, admin, form)
    assert err.value.field == field


def test_roles_password_deactivate_are_audited(db, admin):
    clerk = create_clerk(db, admin)
    officers.set_roles(db, admin, clerk.id, {Role.RECEPTION, Role.RETURN})
    assert org.login(db, "vo.thi.hong", "matkhau123").roles == {Role.RECEPTION, Role.RETURN}
    [event] = audit_rows(db, "officer.roles_changed")
    assert json.loads(event.details) == {"from": "reception", "to": "reception,return"}
    officers.reset_password(db, admin, clerk.id, "moi-mat-khau")
    with pytest.raises(ValidationError):
        org.login(db, "vo.thi.hong", "matkhau123")
    assert org.login(db, "vo.thi.hong", "moi-mat-khau").officer_name == "Võ Thị Hồng"
    officers.set_active(db, admin, clerk.id, False)
    with pytest.raises(ValidationError, match="Sai tên đăng nhập hoặc mật khẩu"):
        org.login(db, "vo.thi.hong", "moi-mat-khau")
    officers.set_active(db, admin, clerk.id, True)
    for action in ("officer.password_reset", "officer.deactivated", "officer.activated"):
        [event] = audit_rows(db, action)
        assert (event.entity_key, event.officer_id) == ("vo.thi.hong", admin.officer_id)


def test_only_admins_administer(db, admin):
    create_clerk(db, admin)
    clerk = org.login(db, "vo.thi.hong", "matkhau123")
    with pytest.raises(PermissionDeniedError, match="Chỉ quản trị viên"):
        officers.list_officers(db, clerk)
    with pytest.raises(PermissionDeniedError):
        officers.set_roles(db, clerk, clerk.officer_id, {Role.ADMIN})
    with pytest.raises(PermissionDeniedError):
        officers.create(db, clerk, NewOfficer("x.y.z", "X Y Z", "matkhau123", frozenset({Role.ADMIN})))


def test_the_last_admin_cannot_lock_themselves_out(db, admin):
    with pytest.raises(ValidationError, match="tự ngừng hoạt động"):
        officers.set_active(db, admin, admin.officer_id, False)
    with pytest.raises(ValidationError, match="tự bỏ vai trò quản trị"):
        officers.set_roles(db, admin, admin.officer_id, {Role.SUPERVISOR})
    officers.create(db, admin, NewOfficer("admin.hai", "Quản Trị Hai", "matkhau123", frozenset({Role.ADMIN})))
    second = org.login(db, "admin.hai", "matkhau123")
    officers.set_roles(db, second, admin.officer_id, {Role.SUPERVISOR})  # another admin takes over
    assert Role.ADMIN not in org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD).roles
    with pytest.raises(PermissionDeniedError):  # the demoted account lost the admin pages' services
        officers.list_officers(db, admin)


def test_five_failed_logins_lock_for_a_while_and_an_admin_can_unlock(db, admin):
    create_clerk(db, admin)
    t0 = datetime(2026, 4, 29, 9, 0)
    with db.write() as s:
        for i in range(org.MAX_FAILED_LOGINS):
            with pytest.raises(ValidationError, match="Sai tên đăng nhập"):
                org.authenticate(s, "vo.thi.hong", "sai", now=t0 + timedelta(seconds=i))
    with db.write() as s:
        with pytest.raises(ValidationError, match="Tài khoản đang bị khóa đến 09:15"):
            org.authenticate(s, "vo.thi.hong", "matkhau123", now=t0 + timedelta(minutes=1))
    assert [e.entity_key for e in audit_rows(db, "officer.locked")] == ["vo.thi.hong"]
    # "for a while": the lock ends by itself
    with db.write() as s:
        assert org.authenticate(s, "vo.thi.hong", "matkhau123", now=t0 + org.LOCK_DURATION + timedelta(
            seconds=5)).username == "vo.thi.hong"
    # lock again, then the admin lifts it (counted as an audited action)
    with db.write() as s:
        for _ in range(org.MAX_FAILED_LOGINS):
            with pytest.raises(ValidationError):
                org.authenticate(s, "vo.thi.hong", "sai")
    with db.read() as s:
        clerk_id = s.execute(select(Officer.id).where(Officer.username == "vo.thi.hong")).scalar_one()
    row = next(r for r in officers.list_officers(db, admin) if r.id == clerk_id)
    assert row.state_text(datetime.now()).startswith("Bị khóa đến")
    officers.unlock(db, admin, clerk_id)
    assert org.login(db, "vo.thi.hong", "matkhau123").officer_name == "Võ Thị Hồng"
    [event] = audit_rows(db, "officer.unlocked")
    assert event.officer_id == admin.officer_id
