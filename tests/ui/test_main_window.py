"""The login form by keyboard, then the main window with the officer and desk in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.models import Officer
from counter_app.ui.login import LoginForm
from counter_app.ui.main_window import MainWindow
from tests.ui.qt_helpers import show_active, type_text


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
    with qtbot.waitSignal(form.signed_in, timeout=20_000):
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


def test_main_window_fits_a_1366_by_768_screen(db, desk_context, qtbot, tmp_path):
    """Counter PCs often have 1366×768 screens: the work area of an officer with every role (so every
    page) and the demo's long unit name must fit one, frame and taskbar included, on every page."""
    from counter_app.models import Role
    from tests.helpers import make_dossier

    assert all(desk_context.has_role(role) for role in Role)
    assert len(desk_context.unit_name) > 40  # "Trung tâm Phục vụ hành chính công xã Tân Thành"
    with db.write() as s:
        code = make_dossier(s).code
    window = MainWindow(db, desk_context)
    show_active(qtbot, window)
    minimum = window.minimumSizeHint()
    assert minimum.width() <= 1340 and minimum.height() <= 700, minimum

    # Nothing is lost to make it fit: the unit and agency code stay in the status bar (cut with "…"
    # only when the window is narrower) and all of it is in the tooltip.
    who = window.officer_label
    for part in (desk_context.officer_name, desk_context.unit_name, desk_context.agency_code, "Quầy số 1"):
        assert part in who.toolTip()
    assert desk_context.unit_name in who.text() and desk_context.agency_code in who.text()

    window.resize(1366, 740)
    qtbot.waitUntil(lambda: window.width() == 1366 and window.height() == 740)
    assert not who.is_elided()  # at 1366 pixels the whole line shows
    # The pages with the most on them: a procedure chosen with a proxy submitter, a dossier open.
    window.reception_page.focus_procedure()
    type_text(window.reception_page.procedure_search, "dang ky khai sinh")
    qtbot.keyClick(window.reception_page.procedure_search, Qt.Key.Key_Return)
    assert window.reception_page.procedure is not None
    window.reception_page.submitter_check.setChecked(True)
    window.return_page.scan.setText(code)
    window.return_page.process_scan()
    window.search_page.run_search()
    qtbot.waitUntil(lambda: not window.search_page.searching)
    window.search_page.open_current()
    assert window.search_page.detail.detail is not None

    names = []
    for index in range(window.pages.count()):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.AltModifier)
        page = window.pages.currentWidget()
        assert page is window.pages.widget(index)
        qtbot.waitUntil(page.isVisible)
        available, needed = window.pages.size(), page.minimumSizeHint()
        name = type(page).__name__
        names.append(name)
        assert needed.width() <= available.width() and needed.height() <= available.height(), (name, needed, available)
        assert page.size() == available, name
        window.grab().save(str(tmp_path / f"fit_{name}.png"))
    assert names == ["ReceptionPage", "CatalogPage", "ReturnPage", "SearchPage", "DashboardPage", "OfficersPage",
                     "CalendarPage", "SettingsPage", "AttentionPage"]

    # A long error from the central and a clock warning in the status bar do not widen the window.
    from counter_app.sync.service import SyncStatus

    window.sync_status.show_status(SyncStatus(
        configured=True, state="revoked", pending=3, last_success_at=None, last_attempt_at=None,
        last_error="Mã truy cập của quầy đã bị thu hồi: hãy xin mã mới từ quản trị viên hệ thống trung tâm",
        clock_skew_seconds=900))
    warning = window.sync_status.warning_label
    assert warning.isVisible() and "Đồng hồ máy" in warning.toolTip() and "thu hồi" in warning.toolTip()
    assert window.minimumSizeHint().width() <= 1340

    window.resize(minimum)  # the narrowest the window goes: the unit name is cut, the officer and desk are not
    qtbot.waitUntil(lambda: window.width() == minimum.width())
    assert who.width() < who.fontMetrics().horizontalAdvance(who.text())
    head = f"Cán bộ: {desk_context.officer_name} · Quầy số 1"
    assert who.width() >= who.fontMetrics().horizontalAdvance(head)
