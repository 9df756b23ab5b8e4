"""Background sync for the GUI: a QTimer-driven controller and the status-bar indicator.

``SyncController`` runs ``SyncService.sync_once`` through ``run_in_background`` (never on the
GUI thread), one pass at a time: every ``interval`` seconds while things work, after an
exponential backoff with jitter when the central cannot be reached, and not at all on its own
after a token/permission problem (retrying cannot help; "Đồng bộ ngay" still can). Progress is
relayed from the worker through a queued signal; the worker never touches a widget.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models.db import Database
from counter_app.sync.client import SyncError
from counter_app.sync.service import Backoff, SyncReport, SyncService, SyncStatus, skew_text, status

from .events import DeskEvents
from .operations import run_in_background
from .widgets import ElidedLabel

log = logging.getLogger(__name__)
# A pass started by the timer while another window or process syncs this desk file waits this long,
# then gives up quietly (SyncBusyError) and tries again later: closing the window never waits long.
GUI_SYNC_WAIT = 10.0


class _ProgressRelay(QObject):
    """Lives in the GUI thread; the worker emits on it and Qt queues the call over."""

    progress = Signal(str, int, int)


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    running_changed = Signal(bool)
    progress = Signal(str, int, int)  # phase ("push" / "pull"), done, total
    finished = Signal(object)  # SyncReport, or the exception of a failed pass

    def __init__(self, db: Database, parent: QObject | None = None, *, events: DeskEvents | None = None,
                 service: SyncService | None = None, interval: float = 60.0, status_interval: float = 5.0,
                 backoff: Backoff | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.events = events
        self.service = service or SyncService(db, wait=GUI_SYNC_WAIT)
        self.interval = interval
        self.backoff = backoff or Backoff()
        self.running = False
        self.auto_blocked = False  # a token or permission problem: wait for new settings
        self.next_attempt_at: datetime | None = None
        self.last_status: SyncStatus | None = None
        self._relay = _ProgressRelay(self)
        self._relay.progress.connect(self._on_progress)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.sync_now)
        self._status_timer = QTimer(self, interval=int(status_interval * 1000))
        self._status_timer.timeout.connect(self.refresh_status)
        if parent is not None:
            parent.installEventFilter(self)  # stop the timers when the window closes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Close and watched is self.parent():
            self.stop()
        return False

    def start(self, first_delay: float = 2.0) -> None:
        self._status_timer.start()
        current = self.refresh_status()
        if current.configured:
            self._schedule(first_delay)

    def stop(self) -> None:
        self._timer.stop()
        self._status_timer.stop()
        self.next_attempt_at = None

    def settings_changed(self) -> None:
        """New URL or token: forget earlier failures and try at once."""
        self.backoff.reset()
        self.auto_blocked = False
        if self.refresh_status().configured:
            self._schedule(0)

    def refresh_status(self) -> SyncStatus:
        self.last_status = status(self.db)
        self.status_changed.emit(self.last_status)
        return self.last_status

    def _schedule(self, seconds: float) -> None:
        self.next_attempt_at = datetime.now() + timedelta(seconds=seconds)
        self._timer.start(int(seconds * 1000))

    @Slot()
    def sync_now(self) -> bool:
        """Start a pass unless one is running; returns whether it started."""
        if self.running:
            return False
        self._timer.stop()
        self.next_attempt_at = None
        self.running = True
        self.running_changed.emit(True)
        relay = self._relay
        service = self.service
        run_in_background(self, lambda: service.sync_once(progress=relay.progress.emit),
                          self._succeeded, self._failed)
        return True

    @Slot(str, int, int)
    def _on_progress(self, phase: str, done: int, total: int) -> None:
        self.progress.emit(phase, done, total)

    def _done(self) -> None:
        self.running = False
        self.running_changed.emit(False)

    def _succeeded(self, report: SyncReport) -> None:
        self._done()
        self.backoff.reset()
        self.auto_blocked = False
        self.refresh_status()
        if self.events is not None:
            if report.changed_codes:
                self.events.dossiers_changed.emit()
            if report.catalog_changed:
                self.events.catalog_changed.emit()
        self._schedule(self.interval)
        self.finished.emit(report)

    def _failed(self, exc: Exception) -> None:
        self._done()
        if isinstance(exc, SyncError) and not exc.retry_later:
            self.auto_blocked = True
            self.next_attempt_at = None
        else:
            if not isinstance(exc, SyncError):  # e.g. the desk database was busy for too long
                log.warning("sync pass failed unexpectedly", exc_info=exc)
            self._schedule(self.backoff.next_delay())
        self.refresh_status()
        self.finished.emit(exc)


STATE_TEXT = {
    "ok": (QT_TR_NOOP("● Trực tuyến"), "#0a7a2f"),
    "offline": (QT_TR_NOOP("● Ngoại tuyến"), "#9a6700"),
    "error": (QT_TR_NOOP("● Ngoại tuyến"), "#9a6700"),
    "auth": (QT_TR_NOOP("● Sai mã truy cập"), "#b3261e"),
    "revoked": (QT_TR_NOOP("● Mã truy cập đã bị thu hồi"), "#b3261e"),
    "rejected": (QT_TR_NOOP("● Trung tâm từ chối dữ liệu"), "#b3261e"),
    "": (QT_TR_NOOP("● Chưa đồng bộ"), "#555555"),
}


def last_sync_text(value: datetime | None) -> str:
    return tr("Đồng bộ lần cuối: {t}").format(t=f"{value:%H:%M %d/%m/%Y}") if value else tr("Chưa đồng bộ lần nào")


class SyncStatusWidget(QWidget):
    """Status-bar indicator: online/offline, events waiting, last success, "Đồng bộ ngay", and the
    count of events the central refused ("Cần xử lý: N", a button to that page) until it is zero."""

    attention_clicked = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.state_label = QLabel(objectName="syncState")
        self.pending_label = QLabel(objectName="syncPending")
        self.last_label = QLabel(objectName="syncLast")
        # A long error from the central must not widen the window: cut with "…", all of it in the tooltip.
        self.warning_label = ElidedLabel(objectName="syncWarning", min_width=160)
        self.warning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label.setStyleSheet("color: #b3261e")
        self.progress_bar = QProgressBar(objectName="syncProgress", maximumWidth=180, textVisible=True)
        self.progress_bar.hide()
        self.attention_button = QToolButton(objectName="syncAttention")
        self.attention_button.setStyleSheet("color: #b3261e; font-weight: bold")
        self.attention_button.setToolTip(tr("Sự kiện trung tâm từ chối và giữ lại: mở trang «Cần xử lý» để sửa"))
        self.attention_button.clicked.connect(self.attention_clicked)
        self.attention_button.hide()
        self.sync_button = QToolButton(objectName="syncNow", text=tr("Đồng bộ ngay"))
        self.sync_button.setToolTip(tr("Gửi ngay các thay đổi chờ gửi và nhận cập nhật từ hệ thống trung tâm"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.state_label, self.pending_label, self.attention_button, self.last_label, self.warning_label,
                  self.progress_bar, self.sync_button):
            layout.addWidget(w)
        self.sync_button.clicked.connect(self._sync_clicked)
        controller.status_changed.connect(self.show_status)
        controller.running_changed.connect(self.show_running)
        controller.progress.connect(self.show_progress)
        if controller.last_status is not None:
            self.show_status(controller.last_status)

    @Slot()
    def _sync_clicked(self) -> None:
        self.controller.sync_now()

    @Slot(object)
    def show_status(self, st: SyncStatus) -> None:
        if not st.configured:
            text, color = tr("○ Chưa cấu hình đồng bộ"), "#555555"
            tip = tr("Nhập địa chỉ máy chủ trung tâm và mã truy cập trong trang Cài đặt.")
        else:
            text, color = STATE_TEXT.get(st.state, STATE_TEXT["error"])
            text = tr(text)
            text = tr(text)
            tip = st.last_error
            if st.state in ("offline", "error") and self.controller.next_attempt_at is not None:
                text += tr(" — thử lại lúc {t}").format(t=f"{self.controller.next_attempt_at:%H:%M:%S}")
        if self.controller.running:
            text, color = tr("⟳ Đang đồng bộ…"), "#1a5fb4"
        self.state_label.setText(text)
        self.state_label.setStyleSheet(f"color: {color}")
        self.state_label.setToolTip(tip)
        self.pending_label.setText(tr("Chờ gửi: {n} sự kiện").format(n=st.pending))
        self.attention_button.setText(tr("⚠ Cần xử lý: {n}").format(n=st.attention))
        self.attention_button.setVisible(st.attention > 0)
        self.last_label.setText(last_sync_text(st.last_success_at))
        problems = []
        if st.configured and st.state in ("auth", "revoked", "rejected"):
            problems.append(st.last_error)
        if st.clock_warning:
            problems.append(tr("⚠ Đồng hồ máy {skew} so với máy chủ trung tâm").format(
                skew=skew_text(st.clock_skew_seconds)))
        self.warning_label.setText("  ".join(problems))
        self.warning_label.setToolTip("\n".join(problems))
        self.warning_label.setVisible(bool(problems))

    @Slot(bool)
    def show_running(self, running: bool) -> None:
        self.sync_button.setEnabled(not running)
        self.progress_bar.setVisible(running)
        if running:
            self.progress_bar.setRange(0, 0)  # busy until the first progress report
        if self.controller.last_status is not None:
            self.show_status(self.controller.last_status)

    @Slot(str, int, int)
    def show_progress(self, phase: str, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)))
        what = tr("Gửi") if phase == "push" else tr("Nhận")
        self.progress_bar.setFormat(f"{what} {done}/{total}")
