"""The login form by keyboard, then the main window with the officer and desk in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.models import Officer
from counter_app.ui.login import LoginForm
from counter_app.ui.main_window import MainWindow
from tests.ui.qt_helpers import show_active


def test_login_by_keyboard_and_wrong_password_message(db, qtbot):
    form = LoginForm()
    show_active(qtbot, form)
    form.set_ready(db)
    signed_in = []
    form.signed_in.connect(signed_in.append)
    assert form.username.hasFocus()
    qtbot.keyClicks(form.username, "demo")
    qtbot.keyClick(form.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.password, "sai")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert form.error.text() == "Sai tên đăng nhập hoặc mật khẩu." and signed_in == []
    assert form.password.text() == "" and form.username.text() == "demo" and form.password.hasFocus()
    qtbot.keyClicks(form.password, "demo")
    with qtbot.waitSignal(form.signed_in, timeout=5000):
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert form.context.officer_name == "Nguyễn Thị Minh Thư" and form.error.text() == ""


def test_enter_after_the_user_name_goes_to_the_password(db, qtbot):
    form = LoginForm()
    show_active(qtbot, form)
    form.set_ready(db)
    qtbot.keyClicks(form.username, "demo")
    qtbot.keyClick(form.username, Qt.Key.Key_Return)
    assert form.password.hasFocus() and form.error.text() == "" and form.context is None


def test_five_failed_logins_lock_the_account(db, qtbot):
    form = LoginForm()
    qtbot.addWidget(form)
    form.set_ready(db)
    form.username.setText("demo")
    for _ in range(5):
        form.password.setText("sai")
        form.try_login()
    form.password.setText("demo")
    form.try_login()
    assert "Tài khoản đang bị khóa" in form.error.text() and form.context is None
    with db.read() as s:
        assert s.execute(select(Officer.locked_until).where(Officer.username == "demo")).scalar() is not None


def test_main_window_shows_desk_and_catalog(db, desk_context, qtbot, tmp_path):
    window = MainWindow(db, desk_context)
    show_active(qtbot, window)
    assert "quầy số 1" in window.windowTitle()
    assert window.pages.currentWidget() is window.reception_page
    assert window.reception_page.procedure_search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.catalog_page
    assert window.catalog_page.search.hasFocus()
    window.grab().save(str(tmp_path / "main.png"))
    assert (tmp_path / "main.png").stat().st_size > 10_000


def test_background_result_after_the_page_is_gone_is_dropped(qtbot):
    """Closing a window during a refresh must not crash the worker or touch deleted widgets."""
    import threading

    from PySide6.QtWidgets import QLabel

    from counter_app.ui import operations

    release = threading.Event()
    label = QLabel("trước")
    results: list[str] = []

    def work() -> str:
        release.wait(5)
        return "sau"

    operations.run_in_background(label, work, lambda value: (results.append(value), label.setText(value)))
    label.deleteLater()
    qtbot.waitUntil(lambda: not operations._running or all(r.cancelled for r in operations._running))
    release.set()
    qtbot.waitUntil(lambda: not operations._running)
    assert results == []
