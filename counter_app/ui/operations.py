"""Run a unit of work off the GUI thread (after Anki's aqt.operations).

``run_in_background(parent, work, on_success, on_failure)`` runs ``work()`` in the global thread
pool; the callbacks run on the GUI thread through queued signals. Workers never touch widgets:
``work`` gets only plain data and returns plain data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = False  # the page that asked is gone: drop the result


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # noqa: BLE001 - handed to on_failure on the GUI thread
            self._report(self._relay.failed, exc)
        else:
            self._report(self._relay.succeeded, result)

    @staticmethod
    def _report(signal, value: Any) -> None:  # noqa: ANN001 - bound Signal
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down and took the relay with it
            log.debug("background result dropped at shutdown")


_running: set[_Relay] = set()  # keeps relays alive until their task reports


def run_in_background(parent: QObject, work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[Exception], None] | None = None) -> None:
    # No Qt parent: a worker may finish after the page (and its children) were destroyed, e.g. when
    # the window closes during a refresh; the relay must outlive it and the result is then dropped.
    relay = _Relay()
    _running.add(relay)
    parent.destroyed.connect(lambda *_: setattr(relay, "cancelled", True))

    def done(callback: Callable[[Any], None] | None, value: Any) -> None:
        _running.discard(relay)
        relay.deleteLater()
        if relay.cancelled:
            return
        if callback is not None:
            callback(value)
        elif isinstance(value, Exception):
            log.error("background operation failed", exc_info=value)

    relay.succeeded.connect(lambda result: done(on_success, result))
    relay.failed.connect(lambda exc: done(on_failure, exc))
    QThreadPool.globalInstance().start(_Task(work, relay))
