"""The desk's GUI side of sync against a real central: settings page, status bar, "Đồng bộ ngay"."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from central.db import CentralDatabase
from counter_app.services import returns
from counter_app.sync.service import SyncService
from counter_app.ui.main_window import MainWindow
from tests.ui.qt_helpers import show_active

from .harness import back_office, free_port, make_desk, register_desk, run_central_cli


class ThreadRecordingService(SyncService):
    """The real service; remembers which threads it ran on."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.threads: list[threading.Thread] = []

    def sync_once(self, progress=None):  # noqa: ANN001, ANN201
        self.threads.append(threading.current_thread())
        return super().sync_once(progress)


def _enter_settings(qtbot, window, url: str, token: str) -> None:  # noqa: ANN001
    page = window.settings_page
    window.show_page(page)
    page.url_edit.clear()
    qtbot.keyClicks(page.url_edit, url)
    page.token_edit.clear()
    qtbot.keyClicks(page.token_edit, token)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)


def test_status_bar_settings_and_sync_now(tmp_path, qtbot, central_factory, scanner_clock):
    desk = make_desk(tmp_path)
    codes = desk.receive(2)
    window = MainWindow(desk.db, desk.context)
    controller = window.sync_controller
    controller.service = service = ThreadRecordingService(desk.db, page_size=10, timeout=3.0)
    show_active(qtbot, window)
    bar = window.sync_status
    assert bar.state_label.text() == "○ Chưa cấu hình đồng bộ"
    assert bar.pending_label.text() == "Chờ gửi: 2 sự kiện"
    assert bar.last_label.text() == "Chưa đồng bộ lần nào"

    # Configured, but the central is down: offline, retry scheduled, nothing lost.
    _enter_settings(qtbot, window, f"http://127.0.0.1:{free_port()}", "ma-tam")
    assert window.settings_page.message.text().startswith("Đã lưu cài đặt đồng bộ")
    qtbot.waitUntil(lambda: bar.state_label.text().startswith("● Ngoại tuyến — thử lại lúc"), timeout=10_000)
    assert bar.pending_label.text() == "Chờ gửi: 2 sự kiện"
    assert "Không kết nối được máy chủ trung tâm" in window.settings_page.state.text()
    assert "Không kết nối được" in bar.state_label.toolTip()

    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    _enter_settings(qtbot, window, central.url, register_desk(cdb, desk))
    qtbot.waitUntil(lambda: bar.state_label.text() == "● Trực tuyến", timeout=10_000)
    assert bar.pending_label.text() == "Chờ gửi: 0 sự kiện"
    assert bar.last_label.text().startswith("Đồng bộ lần cuối: ")
    assert not window.settings_page.token_edit.text()  # the token is never shown again

    # A large pull with progress; the return desk sees the result made ready in the back office.
    back_office(cdb, codes[0], "result", result_type="Giấy khai sinh", result_number="7/2026")
    for _ in range(30):
        back_office(cdb, codes[1], "process")
        back_office(cdb, codes[1], "supplement", agency=f"Phòng {_}", items=[{"name": "Tờ khai"}])
    seen: list[tuple[str, int, int]] = []
    controller.progress.connect(lambda *a: seen.append(a))
    with qtbot.waitSignal(window.events.dossiers_changed, timeout=15_000):
        qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
        assert not bar.sync_button.isEnabled() and bar.progress_bar.isVisible()
    qtbot.waitUntil(lambda: not bar.progress_bar.isVisible(), timeout=10_000)
    pulls = [s for s in seen if s[0] == "pull"]
    assert len(pulls) >= 6 and pulls[-1][1] == pulls[-1][2] == 61
    assert [d for _, d, _ in pulls] == sorted(d for _, d, _ in pulls)
    page = window.return_page  # the return desk scans the slip: the result is there
    window.show_page(page)
    qtbot.keyClicks(page.scan, codes[0])
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.message.text() == f"Hồ sơ {codes[0]}: đã có kết quả, sẵn sàng trả."
    assert page.result_type.text() == "Giấy khai sinh" and page.result_number.text() == "7/2026"
    assert page.hand_over_button.isEnabled()
    assert returns.detail(desk.db, codes[0]).can_hand_over
    assert all(t is not threading.main_thread() for t in service.threads) and len(service.threads) >= 3

    # Revoked: a clear message on the desk, the outbox kept, no automatic retries.
    assert run_central_cli(central.database_url, "desk", "revoke", "--unit", desk.unit_code, "--desk", "1").returncode == 0
    waiting = desk.pending() + 1  # deadlines the desk recomputed after the pull, and a new receipt
    desk.receive(1)
    qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.state_label.text() == "● Mã truy cập đã bị thu hồi", timeout=10_000)
    assert bar.warning_label.isVisible() and "Mã truy cập của quầy đã bị thu hồi" in bar.warning_label.text()
    assert bar.pending_label.text() == f"Chờ gửi: {waiting} sự kiện" and desk.pending() == waiting
    assert controller.auto_blocked and controller.next_attempt_at is None
    cdb.dispose()


def test_connection_check_names_the_desk_the_token_belongs_to(tmp_path, qtbot, central):
    desk = make_desk(tmp_path)
    cdb = CentralDatabase(central.database_url)
    other = make_desk(tmp_path / "other", number=2)
    window = MainWindow(desk.db, desk.context)
    show_active(qtbot, window)
    page = window.settings_page
    window.show_page(page)
    page.url_edit.setText(central.url)
    page.token_edit.setText(register_desk(cdb, other))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_button.isEnabled() and "quầy số 2" in page.message.text(), timeout=10_000)
    assert page.message.text().startswith("Mã truy cập này cấp cho quầy số 2 của đơn vị 000.00.01.H12")
    page.token_edit.setText(register_desk(cdb, desk))
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Kết nối thành công"), timeout=10_000)
    page.url_edit.setText("ftp://sai")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Địa chỉ máy chủ trung tâm phải bắt đầu bằng http:// hoặc https://."
    cdb.dispose()
