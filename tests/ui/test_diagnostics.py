"""Unexpected errors in the GUI are logged and explained in Vietnamese; Qt's messages reach the log;
the settings page exports the log files."""

from __future__ import annotations

import logging
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QPushButton

from counter_app.ui import diagnostics


@pytest.fixture
def restore_excepthook():
    before = sys.excepthook
    yield
    sys.excepthook = before


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown(qtbot, caplog, restore_excepthook, tmp_path: Path) -> None:
    shown: list[str] = []
    diagnostics.install_excepthook(tmp_path / "desk.log", show=shown.append)
    button = QPushButton("Nhận hồ sơ")
    qtbot.addWidget(button)

    def broken() -> None:
        raise ZeroDivisionError("the slot failed")

    button.clicked.connect(broken)
    button.click()

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and "ZeroDivisionError: the slot failed" in errors[0].getMessage()  # with its traceback
    assert "broken" in errors[0].getMessage()
    assert len(shown) == 1
    assert "Đã xảy ra lỗi không mong muốn" in shown[0] and str(tmp_path / "desk.log") in shown[0]
    assert "Xuất nhật ký" in shown[0]
    caplog.clear()  # the error log was the point of this test


def test_qt_messages_go_to_the_log(qtbot, caplog) -> None:
    previous = diagnostics.install_qt_message_handler()
    try:
        with caplog.at_level(logging.DEBUG, logger="qt"):
            qWarning("a warning from Qt")
    finally:
        qInstallMessageHandler(previous)
    records = [r for r in caplog.records if r.name == "qt"]
    assert records and records[0].levelno == logging.WARNING
    assert "a warning from Qt" in records[0].getMessage()


def test_settings_page_exports_the_logs(qtbot, db, desk_context, tmp_path: Path, monkeypatch) -> None:
    from counter_app.ui.settings_page import SettingsPage

    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / "desk.log").write_text("2026-12-01 10:00:00 INFO counter_app: Đã nhận hồ sơ\n", encoding="utf-8")
    monkeypatch.setenv("COUNTER_LOG_DIR", str(log_dir))
    page = SettingsPage(db, desk_context)
    qtbot.addWidget(page)
    assert page.export_logs_button.text() == "Xuất nhật ký…"
    written = page.export_logs_to(tmp_path / "support.zip")
    assert written == tmp_path / "support.zip"
    with zipfile.ZipFile(written) as archive:
        assert "Đã nhận hồ sơ" in archive.read("desk.log").decode("utf-8")
    assert str(written) in page.support_message.text()
