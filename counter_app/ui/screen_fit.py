"""Windows that fit the desk's screen: most commune desk PCs have 1366×768, some 1280×720.

The main window opens maximised when its preferred size does not fit the available area (the
screen minus the taskbar); dialogs are never taller or wider than that area and are moved
back onto it when centring over the main window pushed them off.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MAIN_WINDOW_SIZE = QSize(1280, 800)
# Room a window manager's frame and title bar take around a top-level window (estimate used
# before the window is shown; afterwards the real frame is measured).
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(widget: QWidget) -> QRect:
    """The available geometry of the screen ``widget`` is on (or will open on)."""
    parent = widget.parentWidget()
    anchor = parent.window() if parent is not None else widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_allowance(widget: QWidget) -> QSize:
    if widget.isVisible():
        frame, inner = widget.frameGeometry().size(), widget.geometry().size()
        if frame != inner:
            return frame - inner
    return FRAME_ALLOWANCE


def fit_main_window(window: QWidget, preferred: QSize = MAIN_WINDOW_SIZE) -> bool:
    """Size the main window for its screen; True when it should open maximised."""
    from PySide6.QtCore import Qt

    area = available_area(window)
    room = area.size() - frame_allowance(window)
    if preferred.width() > room.width() or preferred.height() > room.height():
        window.resize(min(preferred.width(), room.width()), min(preferred.height(), room.height()))
        window.move(area.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return True
    window.resize(preferred)
    return False


def fit_dialog(dialog: QWidget, preferred: QSize | None = None) -> None:
    """Never taller or wider than the screen: cap the size, and move the frame onto the screen."""
    area = available_area(dialog)
    extra = frame_allowance(dialog)
    room = area.size() - extra
    dialog.setMaximumSize(room)
    size = preferred or dialog.size()
    dialog.resize(min(size.width(), room.width()), min(size.height(), room.height()))
    keep_on_screen(dialog)


def keep_on_screen(widget: QWidget) -> None:
    """Move a top-level widget so that its frame is inside the available area."""
    area = available_area(widget)
    extra = frame_allowance(widget)
    frame = QRect(widget.pos(), widget.size() + extra)
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.left()), max(y, area.top()))
