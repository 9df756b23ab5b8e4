"""Helpers for driving real widgets in tests."""

from __future__ import annotations


def show_active(qtbot, widget) -> None:  # noqa: ANN001
    """Show ``widget`` as the active window, so keyboard focus behaves as on a real desk."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)
