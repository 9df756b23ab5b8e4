"""Helpers for driving real widgets in tests."""

from __future__ import annotations


def show_active(qtbot, widget) -> None:  # noqa: ANN001
    """Show ``widget`` as the active window, so keyboard focus behaves as on a real desk."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)


def type_text(widget, text: str) -> None:  # noqa: ANN001
    """Type ``text`` into ``widget`` as key events, Vietnamese letters included.

    QTest.keyClicks only knows ASCII (it asserts on 'ễ'); a Vietnamese keyboard layout (Telex
    through an input method) delivers the composed letter as the key event's text, which is
    what is sent here for non-ASCII characters.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
