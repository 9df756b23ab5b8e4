"""The "Cần xử lý" page: the status-bar count opens it, the central's reason shows in Vietnamese, and
a correction typed there goes out as a correcting event; a bad value shows under its field."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import select

from counter_app.models import OutboxEvent
from counter_app.sync import protocol as p
from counter_app.ui.main_window import MainWindow
from tests.helpers import make_dossier
from tests.ui.qt_helpers import show_active

REASON = "Trung tâm từ chối dữ liệu của sự kiện số 1: record.DiaChi: Địa chỉ dài 612 ký tự, tối đa 500 ký tự."


def test_status_bar_count_opens_the_page_and_a_correction_is_sent(db, desk_context, qtbot):
    with db.write() as s:
        code = make_dossier(s).code
        s.execute(select(OutboxEvent)).scalar_one().refused_reason = REASON  # what the central said
    window = MainWindow(db, desk_context)
    show_active(qtbot, window)
    button = window.sync_status.attention_button
    window.sync_controller.refresh_status()
    assert button.isVisible() and button.text() == "⚠ Cần xử lý: 1"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page = window.attention_page
    assert window.pages.currentWidget() is page
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == code and page.model.index(0, 4).data() == REASON

    page.editors["address"].setText("ấp Tân Hưng\x00")
    page.editors["date_of_birth"].setText("05/09/1985")
    page.editors["id_number"].setText("096085001234")
    qtbot.keyClick(page.editors["address"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Địa chỉ chứa ký tự NUL" in page.fields["address"].error.text()
    page.editors["address"].setText("ấp Tân Hưng, xã Tân Thành")
    qtbot.keyClick(page.editors["address"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Đã lưu bản sửa" in page.message.text()
    with db.read() as s:
        sent = s.execute(select(OutboxEvent).where(OutboxEvent.kind == p.EVENT_DOSSIER_CORRECTED)).scalar_one()
    record = json.loads(sent.payload)["record"]
    assert sent.entity_key == code and record["DiaChi"] == "ấp Tân Hưng, xã Tân Thành"
