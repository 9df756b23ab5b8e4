"""Officer administration page (admin role) with real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.models import AuditEvent, Role
from counter_app.services import org
from counter_app.services.errors import PermissionDeniedError, ValidationError
from counter_app.ui.officers_page import OfficersPage
from tests.ui.qt_helpers import show_active


@pytest.fixture
def page(db, desk_context, qtbot):
    page = OfficersPage(db, desk_context)
    page.resize(1200, 700)
    show_active(qtbot, page)
    return page


def test_create_an_officer_from_the_keyboard_with_errors_at_the_field(page, db, qtbot, shot):
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.username.hasFocus()
    qtbot.keyClicks(page.username, "vo.thi.hong")
    page.full_name.insert("Võ Thị Hồng")  # keyClicks cannot type Vietnamese letters
    qtbot.keyClicks(page.password, "ngan")
    page.new_roles[Role.RETURN].setChecked(True)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.fields["password"].error.text() == "Mật khẩu phải có ít nhất 8 ký tự."
    assert page.username.text() == "vo.thi.hong"  # nothing typed is lost
    page.password.clear()
    qtbot.keyClicks(page.password, "matkhau123")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.message.text() == "Đã tạo tài khoản vo.thi.hong cho Võ Thị Hồng."
    assert page.current().username == "vo.thi.hong"
    assert page.model.index(page.table.currentIndex().row(), 3).data() == "Tiếp nhận, Trả kết quả"
    assert org.login(db, "vo.thi.hong", "matkhau123").roles == {Role.RECEPTION, Role.RETURN}
    shot(page, "officers_page_created")


def test_roles_reset_deactivate_unlock(page, db, qtbot):
    page.username.setText("le.van.an")
    page.full_name.setText("Lê Văn An")
    page.password.setText("matkhau123")
    page.create_officer()
    page.select_username("le.van.an")
    page.edit_roles[Role.SUPERVISOR].setChecked(True)
    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.message.text() == "Đã lưu vai trò của Lê Văn An."
    assert Role.SUPERVISOR in org.login(db, "le.van.an", "matkhau123").roles
    page.new_password.setText("doi-mat-khau")
    page.reset_password()
    assert org.login(db, "le.van.an", "doi-mat-khau").officer_name == "Lê Văn An"
    for _ in range(org.MAX_FAILED_LOGINS):
        with pytest.raises(ValidationError):
            org.login(db, "le.van.an", "sai")
    page.reload()
    page.select_username("le.van.an")
    row = page.table.currentIndex().row()
    assert page.model.index(row, 4).data().startswith("Bị khóa đến")
    assert page.unlock_button.isEnabled()
    page.unlock()
    assert org.login(db, "le.van.an", "doi-mat-khau")
    page.select_username("le.van.an")
    page.toggle_active()
    assert page.message.text() == "Đã ngừng hoạt động tài khoản của Lê Văn An."
    assert page.model.index(page.table.currentIndex().row(), 4).data() == "Ngừng hoạt động"
    with db.read() as s:
        actions = s.execute(select(AuditEvent.action).where(AuditEvent.entity_key == "le.van.an")).scalars().all()
    for action in ("officer.created", "officer.roles_changed", "officer.password_reset", "officer.locked",
                   "officer.unlocked", "officer.deactivated"):
        assert action in actions


def test_self_protection_message(page, desk_context):
    page.select_username(org.DEMO_USERNAME)
    page.toggle_active()
    assert page.message.text() == "Không thể tự ngừng hoạt động tài khoản đang đăng nhập."


def test_model_and_role_check(page, db, qtmodeltester):
    qtmodeltester.check(page.model, force_py=True)
    page.username.setText("chi.tiep.nhan")
    page.full_name.setText("Chỉ Tiếp Nhận")
    page.password.setText("matkhau123")
    page.create_officer()
    clerk = org.login(db, "chi.tiep.nhan", "matkhau123")
    with pytest.raises(PermissionDeniedError):
        OfficersPage(db, clerk)
