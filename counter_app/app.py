"""Composition root: the one place that decides how the desk starts.

``counter-app`` (the ``counter_app.cli`` package) comes here for the GUI. ``run_gui`` checks the display,
sets up logging and the crash handlers, asks ``counter_app.ui.application.start`` for the window (the
login form first, the database opened behind it through :func:`counter_app.services.desk_database.open_desk_database`, the
same call the command line uses), runs the event loop and closes the database at the end.
Nothing imports this module back, and nothing heavy is imported at its top: ``run_gui`` must show
the window before SQLAlchemy is imported.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

NO_DISPLAY_MESSAGE = (
    "Không tìm thấy màn hình (DISPLAY/WAYLAND_DISPLAY chưa đặt): hãy chạy trong phiên đồ họa, "
    "dưới Xvfb (xvfb-run make run), hoặc đặt QT_QPA_PLATFORM=offscreen để chạy không hiển thị."
)


NO_XCB_CURSOR_MESSAGE = (
    "Thiếu thư viện libxcb-cursor0 mà Qt cần để mở cửa sổ trên X11: hãy cài nó "
    "(Ubuntu/Debian: sudo apt install libxcb-cursor0), hoặc chạy trong phiên Wayland "
    "(QT_QPA_PLATFORM=wayland), hoặc đặt QT_QPA_PLATFORM=offscreen để chạy không hiển thị."
)


def uses_xcb() -> bool:
    """Qt will open its X11 (xcb) platform: Linux with an X display and no other platform chosen."""
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def xcb_cursor_missing() -> bool:
    """Qt ≥ 6.5 aborts with an English message without libxcb-cursor0: look for it first."""
    import ctypes
    import ctypes.util

    if ctypes.util.find_library("xcb-cursor"):
        return False
    try:
        ctypes.CDLL("libxcb-cursor.so.0")
    except OSError:
        return True
    return False


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(db_path: Path | str | None = None, *, demo_setup: bool = True) -> int:
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    if uses_xcb() and xcb_cursor_missing():
        print(NO_XCB_CURSOR_MESSAGE, file=sys.stderr)
        return 2
    # Imported only now: the logs, Qt and the window come after the checks above.
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from counter_app.logs import setup_logging
    from counter_app.ui.application import start
    from counter_app.ui.diagnostics import install_excepthook, install_qt_message_handler

    log_file = setup_logging("desk")
    logging.getLogger(__name__).info("Một Cửa Counter starting (database %s)", db_path or "default")
    install_qt_message_handler()
    install_excepthook(log_file)
    # The window with the login form comes first; the database opens behind it, off the GUI thread.
    startup = start(db_path, demo_setup=demo_setup)
    app = QApplication.instance()
    assert app is not None  # start() created it
    code = app.exec()
    QThreadPool.globalInstance().waitForDone(10_000)  # let a running sync or refresh finish its transaction
    if startup.db is not None:
        startup.db.dispose()
    return 1 if code == 0 and startup.error is not None else code
