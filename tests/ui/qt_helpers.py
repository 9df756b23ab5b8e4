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


def scan_burst(qtbot, widget, code: str) -> None:  # noqa: ANN001
    """What a USB scanner does: the whole code as key presses within milliseconds, then Enter,
    a while after the last key a person pressed (the ``scanner_clock`` fixture's pace)."""
    from PySide6.QtCore import Qt

    from counter_app.ui import scanner
    from tests.helpers import ScannerClock

    clock = scanner.current_clock()
    assert isinstance(clock, ScannerClock), "the scanner_clock fixture sets the scanner clock"
    clock.pause(0.3)
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_by_hand(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Keys at a person's pace (200 ms apart on the scanner clock): typing, never a scan."""
    from counter_app.ui import scanner

    for ch in text:
        scanner.current_clock().pause(0.2)
        qtbot.keyClicks(widget, ch)
