"""Shared counter PCs: lock after idle minutes (a desk setting), with an injectable clock.

The main window owns the sign-out, switch-officer and lock actions (see ``MainWindow``); this
module only watches for user input while auto-lock is on. The watch is an application-wide
event filter, installed only when the setting is on, doing one comparison per event.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                          QEvent.Type.MouseMove})


class IdleLock(QObject):
    """Calls ``lock`` when no key or mouse input came for ``minutes`` (0 turns it off)."""

    def __init__(self, lock: Callable[[], None], parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic, check_every_ms: int = 15_000) -> None:
        super().__init__(parent)
        self._lock = lock
        self.clock = clock
        self.minutes = 0
        self.last_input = clock()
        self._types = {int(t.value) for t in INPUT_EVENTS}
        self._timer = QTimer(self, interval=check_every_ms)
        self._timer.timeout.connect(self.check)
        self._watching = False

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, int(minutes))
        self.touch()
        app = QApplication.instance()
        if app is None:
            return
        if self.minutes and not self._watching:
            app.installEventFilter(self)
            self._timer.start()
            self._watching = True
        elif not self.minutes and self._watching:
            app.removeEventFilter(self)
            self._timer.stop()
            self._watching = False

    def touch(self) -> None:
        self.last_input = self.clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if int(event.type().value) in self._types:
            self.last_input = self.clock()
        return False

    def check(self) -> bool:
        """Lock if idle long enough; True when it locked."""
        if self.minutes and self.clock() - self.last_input >= self.minutes * 60:
            self.touch()
            self._lock()
            return True
        return False

    def stop(self) -> None:
        self.set_minutes(0)
