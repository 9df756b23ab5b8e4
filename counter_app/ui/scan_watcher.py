"""Scanner bursts in the reception's widgets: a dossier or notice code, or a CCCD's QR payload,
told apart from typing (the timing rule is :mod:`.scanner`'s)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from counter_app.domain import codes, identity

from .scanner import BurstTracker


class ScanWatcher(QObject):
    """Watches the reception's widgets for a scanner burst + Enter (see :mod:`.scanner`).

    A burst that is a dossier or notice code is taken out of the field again (the field keeps
    what it held before) and handed to ``on_code``; a burst that is a CCCD QR payload (ended by
    Enter or by the Tab some scanners send) is taken out the same way and handed to
    ``on_identity`` with the widget it went into; anything else is typing and goes on as usual.

    Widgets that are not line edits (lists, the checklist, check boxes, buttons) let the first key
    of a burst through (a 0: CCCD numbers and agency codes open with it, no shortcut uses it) and
    swallow the rest, so a payload's digits and spaces never decide a
    checklist row or press a button. What a Vietnamese input method commits (instead of key
    presses) counts as typed, and a Backspace inside a burst takes the last letter back.
    """

    def __init__(self, on_code: Callable[[str], None], parent: QObject,
                 on_identity: Callable[[str, QWidget], None] | None = None) -> None:
        super().__init__(parent)
        self._on_code = on_code
        self._on_identity = on_identity
        self._bursts: dict[QWidget, BurstTracker] = {}

    def watch(self, widget: QWidget) -> None:
        if widget not in self._bursts:
            self._bursts[widget] = BurstTracker()
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        if watched not in self._bursts:
            return False
        burst = self._bursts[watched]
        edit = watched if isinstance(watched, QLineEdit) else None
        if event.type() == QEvent.Type.ShortcutOverride and burst.continuing() and burst.burst.startswith("0") \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()  # a key of a scan is typed, never a shortcut (5 in the checklist reuses a paper)
            return True
        if event.type() == QEvent.Type.InputMethod and event.commitString():
            burst.key(event.commitString(), edit.text() if edit else "", edit.cursorPosition() if edit else 0)
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            return self._ended(watched, edit, burst, tab=key == Qt.Key.Key_Tab)
        if key == Qt.Key.Key_Backspace:
            if burst.continuing():
                burst.backspace()
                return edit is None
            return False
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Scanned codes start with 0 (every CCCD province code, every agency code); checklist keys
            # are 1–4: a burst that opened with 0 is a scan whatever its speed in a test.
            swallow = edit is None and burst.continuing() and burst.burst.startswith("0")
            burst.key(text, edit.text() if edit else "", edit.cursorPosition() if edit else 0)
            return swallow
        return False

    def _ended(self, watched: QWidget, edit: QLineEdit | None, burst: BurstTracker, *, tab: bool) -> bool:
        before_text, before_cursor = burst.before_text, burst.before_cursor
        fresh = burst.continuing() or not tab
        code = burst.take() if fresh else ""
        if not tab and not code and edit is None:
            return False
        if self._on_identity is not None and fresh:
            typed = edit.text() if edit is not None else ""
            payload = next((t for t in (code, typed) if identity.looks_like_cccd(t)), None)
            if payload is not None:
                if edit is not None:
                    edit.setText(before_text if payload is code else "")
                    edit.setCursorPosition(min(before_cursor, len(edit.text())))
                self._on_identity(payload, watched)
                return True
        if tab or edit is None:
            return False
        if code and code in edit.text() and codes.parse_code(code) is not None:
            edit.setText(before_text)
            edit.setCursorPosition(min(before_cursor, len(before_text)))
            self._on_code(code)
            return True
        return False
