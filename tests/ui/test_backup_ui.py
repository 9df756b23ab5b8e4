"""Backups in the window: the supervisor's box in Cài đặt, "Sao lưu ngay", restore, and the status-bar
note of a desk not backed up or synced for a day (screenshot at 1366×768)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QRect, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGroupBox, QMessageBox

from counter_app.models import local_now
from counter_app.services import backup, settings
from tests.ui.test_screen_fit import open_window

PASS = "mat-khau-sao-luu-2026"


def test_backup_box_status_bar_and_restore(db, desk_context, qtbot, tmp_path, shot):

    window = open_window(qtbot, db, desk_context, "1366x768")
    window.backup_controller.stop()
    label = window.backup_status
    assert not label.isVisible()  # set up today: nothing to say yet
    assert not window.officer_label.is_elided()

    box = window.backup_box
    window.nav.setCurrentRow(window.pages.indexOf(window.settings_page))
    qtbot.waitUntil(box.isVisible)
    folder = tmp_path / "usb"
    folder.mkdir()
    box.dir_edit.setText(str(folder))
    box.pass_edit.setText(PASS)
    box.pass_again.setText("khac-" + PASS)
    assert not box.save() and "không giống nhau" in box.message.text()
    box.pass_again.setText(PASS)
    assert box.save() and "Đã lưu cài đặt sao lưu" in box.message.text()
    shot(window, "backup_settings_saved_1366x768")

    with qtbot.waitSignal(window.backup_controller.finished, timeout=60_000) as done:
        box.now_button.click()
    assert not isinstance(done.args[0], Exception), done.args[0]
    assert "Đã sao lưu và kiểm tra" in box.message.text() and "Lần sao lưu gần nhất" in box.state.text()
    assert not label.isVisible()
    with db.write() as s:  # a day later, and the last sync two days ago
        settings.put(s, backup.LAST_KEY, (local_now() - timedelta(days=1, minutes=5)).isoformat())
        settings.put(s, "sync.last_success_at", (local_now() - timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S"))
    label.refresh()
    assert label.isVisible() and label.text() == "⚠ Quá 1 ngày chưa sao lưu  ⚠ Quá 1 ngày chưa đồng bộ", label.text()
    shot(window.statusBar(), "backup_status_bar_1366x768")
    # At 1366 px the note keeps at least its minimum room beside the officer's line; all of it in the tooltip.
    qtbot.waitUntil(lambda: label.width() >= 180, timeout=3000)
    assert "Quá 1 ngày chưa sao lưu" in label.toolTip() and "Quá 1 ngày chưa đồng bộ" in label.toolTip()
    assert "Cài đặt → Sao lưu dữ liệu" in label.toolTip()

    made = next(folder.glob("*.mcbak"))
    with qtbot.waitSignal(box.restore_failed, timeout=30_000) as failed:
        box.restore_from(str(made), "sai-mat-khau-nhe")
    assert "sai mật khẩu" in failed.args[0] and box.restore_button.isEnabled()
    with qtbot.waitSignal(box.restored, timeout=30_000) as restored:
        box.restore_from(str(made), PASS)
        assert not box.restore_button.isEnabled() and "Đang giải mã" in box.message.text()
    assert "Đã khôi phục" in restored.args[0]
    QThreadPool.globalInstance().waitForDone(10_000)
    message = window.findChild(QMessageBox, "restoredMessage")
    assert message is not None and message.isVisible() and "Đã khôi phục" in message.text()
    screen = window.screen().availableGeometry()
    assert screen.contains(message.frameGeometry()), (message.frameGeometry(), screen)
    shot(message, "backup_restored_message")
    message.accept()  # OK: the window closes; the officer opens the app again on the restored file
    qtbot.waitUntil(lambda: not window.isVisible())


@pytest.mark.parametrize("screen_name", ["1366x768", "1280x720"])
def test_settings_with_the_backup_box_fit_the_desk_screen(db, desk_context, qtbot, shot, screen_name):

    window = open_window(qtbot, db, desk_context, screen_name)
    window.backup_controller.stop()
    window.show_page(window.settings_page)
    qtbot.waitUntil(window.backup_box.isVisible)
    QGuiApplication.processEvents()
    box = window.backup_box
    page = window.settings_page
    for widget in (box, box.restore_button, box.state, page.export_logs_button, page.idle_lock_box,
                   page.state, window.statusBar()):
        top_left = widget.mapTo(window, widget.rect().topLeft())
        assert window.rect().contains(QRect(top_left, widget.size())), widget.objectName() or type(widget).__name__
    for group in page.findChildren(QGroupBox):  # none squeezed below the height its rows need
        assert group.height() >= group.sizeHint().height(), (group.title(), group.height(), group.sizeHint())
    shot(window, f"settings_backup_{screen_name}")



def test_a_restore_in_the_window_waits_for_the_running_sync_pass(db, desk_context, qtbot, tmp_path):
    """A real pass hangs on a central that took the connection and never answers: the restore, checked
    and ready, waits for it instead of swapping the file under it, and goes on when the pass ends."""
    import os
    import socket

    from PySide6.QtWidgets import QWidget

    from counter_app.sync import service
    from counter_app.ui.backup_ui import BackupBox
    from counter_app.ui.sync_status import SyncController

    made = backup.backup(db, tmp_path, passphrase=PASS).path
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    try:
        service.save_config(db, f"http://127.0.0.1:{server.getsockname()[1]}", "t" * 43)
        holder = QWidget()
        qtbot.addWidget(holder)
        sync = SyncController(db, holder)  # as the main window wires them (MainWindow._add_backups)
        box = BackupBox(db, desk_context, None, holder, sync_controller=sync)
        assert sync.sync_now() and sync.running
        before = os.stat(db.path).st_ino
        box.restore_from(str(made), PASS)
        qtbot.waitUntil(lambda: "Đang chờ lượt đồng bộ" in box.message.text(), timeout=30_000)
        assert sync.running and os.stat(db.path).st_ino == before  # not swapped under the pass
        with qtbot.waitSignal(box.restored, timeout=30_000):
            server.close()  # the link drops: the pass ends (offline)
    finally:
        server.close()
    assert not sync.running and os.stat(db.path).st_ino != before
    assert sync.next_attempt_at is None  # no pass scheduled on the file being left
    QThreadPool.globalInstance().waitForDone(10_000)
