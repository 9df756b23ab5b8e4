"""A shared counter PC: lock, unlock, switch officer, sign out, idle auto-lock; every action is
attributed to the officer signed in at that moment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.models import Intake, Role, Unit
from counter_app.services import org
from counter_app.ui.main_window import MainWindow
from tests.ui.qt_helpers import show_active, type_text


def add_officer(db) -> None:  # noqa: ANN001
    with db.write() as s:
        unit = s.execute(select(Unit)).scalars().first()
        org.create_officer(s, unit, username="lan", full_name="Trần Thị Lan", password="matkhau-lan",
                           roles={Role.RECEPTION})


def sign_in(qtbot, form, username: str, password: str) -> None:  # noqa: ANN001
    assert QApplication.focusWidget() is form.username
    qtbot.keyClicks(form.username, username)
    qtbot.keyClick(form.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.password, password)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)


def refuse_one(qtbot, window) -> None:  # noqa: ANN001
    """A quick refusal at the reception page: an action to attribute."""
    page = window.reception_page
    page.reset()
    type_text(page.procedure_search, "khai sinh")
    qtbot.keyClick(page.procedure_search, Qt.Key.Key_Return)
    for name, value in (("id_number", "096185001234"), ("name", "Nguyễn Thị Ánh Tuyết"),
                        ("date_of_birth", "05/09/1985"), ("address", "ấp Tân Hưng, xã Tân Thành")):
        page.field(name).setText(value)
    page.start_refusal()
    page.refusal_dialog.reason.setPlainText("Thủ tục không thuộc thẩm quyền của xã")
    page.refusal_dialog.submit()
    page.preview.close()


def officers_of_intakes(db) -> list[str]:  # noqa: ANN001
    with db.read() as s:
        return [i.officer.full_name for i in s.execute(select(Intake).order_by(Intake.id)).scalars()]


def test_lock_then_the_same_officer_finds_everything_as_it_was(db, desk_context, qtbot):
    window = MainWindow(db, desk_context)
    show_active(qtbot, window)
    page = window.reception_page
    type_text(page.procedure_search, "khai sinh")
    qtbot.keyClick(page.procedure_search, Qt.Key.Key_Return)
    type_text(page.field("id_number"), "0961850")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.is_locked() and window.centralWidget() is window.lock_form
    assert "đã khóa" in window.lock_form.subtitle.text()
    assert not window.sync_status.sync_button.isEnabled()  # "Đồng bộ ngay" does not act behind the lock
    assert not window.sync_status.attention_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # no page behind the lock
    assert window.centralWidget() is window.lock_form
    sign_in(qtbot, window.lock_form, "demo", "sai")
    assert window.is_locked() and "Sai" in window.lock_form.error.text()
    qtbot.keyClicks(window.lock_form.password, "demo")
    qtbot.keyClick(window.lock_form.password, Qt.Key.Key_Return)
    assert not window.is_locked() and window.reception_page is page
    assert window.sync_status.sync_button.isEnabled()
    assert page.field("id_number").text() == "0961850" and page.procedure is not None


def test_switch_officer_and_sign_out_attribute_actions_to_who_is_signed_in(db, desk_context, qtbot):
    add_officer(db)
    window = MainWindow(db, desk_context)
    show_active(qtbot, window)
    refuse_one(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.is_locked() and "Đổi cán bộ" in window.lock_form.subtitle.text()
    sign_in(qtbot, window.lock_form, "lan", "matkhau-lan")
    assert not window.is_locked() and window.context.officer_name == "Trần Thị Lan"
    assert "Trần Thị Lan" in window.officer_label.text()
    assert not hasattr(window, "dashboard_page")  # her roles, not the previous officer's
    refuse_one(qtbot, window)
    assert officers_of_intakes(db) == ["Nguyễn Thị Minh Thư", "Trần Thị Lan"]

    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.has_work_area() and window.centralWidget() is window.lock_form
    assert window.windowTitle() == "Một Cửa Counter"
    sign_in(qtbot, window.lock_form, "demo", "demo")
    assert window.has_work_area() and window.context.officer_name == "Nguyễn Thị Minh Thư"
    refuse_one(qtbot, window)
    assert officers_of_intakes(db)[-1] == "Nguyễn Thị Minh Thư"


def test_idle_auto_lock_follows_the_setting(db, desk_context, qtbot):
    window = MainWindow(db, desk_context)
    show_active(qtbot, window)
    now = [1000.0]
    window.idle_lock.clock = lambda: now[0]
    window.idle_lock.touch()
    assert window.idle_lock.minutes == 0  # off by default
    window.show_page(window.settings_page)
    window.settings_page.idle_lock_box.setValue(5)
    now[0] += 4 * 60
    qtbot.keyClick(window.settings_page.idle_lock_box, Qt.Key.Key_Shift)  # any key counts as use
    now[0] += 4 * 60
    assert not window.idle_lock.check() and not window.is_locked()
    now[0] += 61
    assert window.idle_lock.check() and window.is_locked()
    # The setting is kept: a new window (next start) locks after 5 minutes too.
    window.close()
    again = MainWindow(db, desk_context)
    qtbot.addWidget(again)
    assert again.idle_lock.minutes == 5
