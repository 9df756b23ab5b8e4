"""What happens to errors nobody caught in the GUI, and to Qt's own messages.

``install_excepthook``: an exception escaping a slot used to vanish (PySide prints it and goes
on); now it is logged with its traceback and the officer sees one Vietnamese message that says
where the log is and how to send it. ``install_qt_message_handler``: qWarning/qCritical from Qt
go to the ``qt`` logger instead of stderr. Both are installed by ``app.run_gui`` only (the
tests keep pytest-qt's own handlers).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.i18n import tr

log = logging.getLogger("counter_app.crash")
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def error_message(exc: BaseException, log_file: Path | None) -> str:
    where = (tr("Chi tiết đã được ghi vào nhật ký: {path}.").format(path=log_file) if log_file
             else tr("Chi tiết đã được ghi vào nhật ký."))
    return (tr("Đã xảy ra lỗi không mong muốn: {error}. Công việc đang làm có thể chưa được lưu; "
               "hãy kiểm tra lại rồi làm tiếp.").format(error=type(exc).__name__) + "\n\n" + where + "\n"
            + tr("Nếu lỗi lặp lại, hãy vào Cài đặt → «Xuất nhật ký…» và gửi tệp cho bộ phận kỹ thuật."))


def install_excepthook(log_file: Path | None,
                       show: Callable[[str], None] | None = None) -> Callable[..., None]:
    """Log unexpected exceptions and tell the officer; returns the hook (also set as ``sys.excepthook``)."""

    def show_box(message: str) -> None:
        app = QApplication.instance()
        if app is None:
            return
        parent = QApplication.activeWindow()
        QMessageBox.critical(parent, tr("Lỗi không mong muốn"), message)

    shower = show or show_box
    busy = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal busy
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unexpected error in the GUI:\n%s", "".join(traceback.format_exception(kind, exc, tb)).rstrip())
        if busy:  # an error while the box is up: logged, not stacked
            return
        busy = True
        try:
            shower(error_message(exc, log_file))
        except Exception:  # noqa: BLE001 - the hook must never raise
            log.exception("could not show the error message")
        finally:
            busy = False

    sys.excepthook = hook
    return hook


def qt_message_handler(mode: QtMsgType, context: object, message: str) -> None:
    category = getattr(context, "category", None) or "default"
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "[%s] %s", category, message)


def install_qt_message_handler() -> object:
    """Route Qt's messages to the ``qt`` logger; returns the handler it replaced."""
    return qInstallMessageHandler(qt_message_handler)
