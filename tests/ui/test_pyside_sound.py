"""A long day at the return desk: thousands of widget updates must not exhaust None's references.

PySide6 6.12.0 on Python 3.11 lost one reference to None per void call and aborted the
interpreter ("none_dealloc") after a few hundred scans; pyproject.toml keeps that release out.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):  # more than None's whole reference count at start-up
        label.setText(str(i))
    assert abs(before - sys.getrefcount(None)) < 100
    assert label.text() == "19999"
