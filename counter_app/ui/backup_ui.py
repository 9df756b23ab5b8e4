"""Backups in the window: the supervisor's settings box (folder, passphrase, schedule, "Sao lưu
ngay", "Khôi phục…"), the scheduler, and the status-bar note of a desk not backed up or synced for
a day. Work runs through ``run_in_background``; no widget is touched off the GUI thread.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from counter_app.i18n import tr
from counter_app.models import Role
from counter_app.models.db import Database
from counter_app.services import backup
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext

from .operations import run_in_background
from .sync_status import SyncController
from .widgets import ElidedLabel

log = logging.getLogger(__name__)


# Seconds the window waits for a sync pass of another window or process before refusing the restore.
GUI_RESTORE_WAIT = 2.0


class BackupController(QObject):
    """Runs a backup when the schedule says so (checked every few minutes) or on demand."""

    finished = Signal(object)  # BackupInfo, or the exception of a failed backup
    running_changed = Signal(bool)

    def __init__(self, db: Database, parent: QObject | None = None, *, check_seconds: float = 300.0) -> None:
        super().__init__(parent)
        self.db = db
        self.running = False
        self._timer = QTimer(self, interval=int(check_seconds * 1000))
        self._timer.timeout.connect(self.maybe_backup)

    def start(self) -> None:
        self._timer.start()
        QTimer.singleShot(5_000, self.maybe_backup)

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def maybe_backup(self) -> None:
        try:
            config = backup.load_config(self.db)
        except ServiceError:
            return
        if backup.due(config):
            self.backup_now()

    @Slot()
    def backup_now(self) -> bool:
        if self.running:
            return False
        self.running = True
        self.running_changed.emit(True)
        db = self.db
        run_in_background(self, lambda: backup.backup(db), self._done, self._done)
        return True

    def _done(self, result: object) -> None:
        self.running = False
        self.running_changed.emit(False)
        if isinstance(result, Exception) and not isinstance(result, ServiceError):
            log.warning("backup failed unexpectedly", exc_info=result)
        self.finished.emit(result)


def staleness(db: Database, now: datetime | None = None) -> list[str]:
    """What the status bar warns about: a restored desk, no backup / no sync for a day."""
    found = backup.alerts(db, now)
    notes = []
    if found.restored:
        notes.append(tr("⚠ Vừa khôi phục: đồng bộ trước khi tiếp nhận"))
    if found.backup_stale:
        notes.append(tr("⚠ Quá 1 ngày chưa sao lưu"))
    if found.sync_stale:
        notes.append(tr("⚠ Quá 1 ngày chưa đồng bộ"))
    return notes


class BackupStatusLabel(ElidedLabel):
    """Status-bar note, hidden while all is well; refreshed every minute and after each backup or sync.
    Cut with "…" (all of it in the tooltip) so it never widens the window past a 1366-pixel screen."""

    def __init__(self, db: Database, controller: BackupController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("", parent, objectName="backupStatus", min_width=180)
        self.db = db
        self.setStyleSheet("color: #9a6700")
        self._timer = QTimer(self, interval=60_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        if controller is not None:
            controller.finished.connect(lambda _r: self.refresh())
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        try:
            notes = staleness(self.db)
        except ServiceError as exc:
            notes = [exc.message]
        self.setText("  ".join(notes))
        self.setToolTip("\n".join([*notes, tr("Sao lưu: Cài đặt → Sao lưu dữ liệu; đồng bộ: «Đồng bộ ngay».")])
                        if notes else "")
        self.setVisible(bool(notes))


class BackupBox(QGroupBox):
    """Settings → "Sao lưu dữ liệu". Changing the settings is the supervisor's (or admin's)."""

    restored = Signal(str)  # the message to show before the window closes
    restore_failed = Signal(str)  # what went wrong (the desk file was not replaced)

    def __init__(self, db: Database, context: DeskContext, controller: BackupController | None = None,
                 parent: QWidget | None = None, *, sync_controller: SyncController | None = None) -> None:
        super().__init__(tr("Sao lưu dữ liệu"), parent)
        self.db = db
        self.context = context
        self.controller = controller
        self.sync_controller = sync_controller  # stopped, and its running pass awaited, before a restore
        self._waiting: backup.PreparedRestore | None = None
        self._sync_stopped = False
        self.dir_edit = QLineEdit(objectName="backupDir", placeholderText=tr("Ổ đĩa thứ hai hoặc USB, ví dụ E:\\SaoLuu"))
        self.browse_button = QPushButton(tr("Chọn…"), objectName="backupBrowse")
        self.keep_spin = QSpinBox(objectName="backupKeep", minimum=1, maximum=365)
        self.interval_spin = QSpinBox(objectName="backupInterval", minimum=15, maximum=7 * 24 * 60, singleStep=30,
                                      suffix=tr(" phút"))
        self.pass_edit = QLineEdit(objectName="backupPassphrase", echoMode=QLineEdit.EchoMode.Password)
        self.pass_again = QLineEdit(objectName="backupPassphraseAgain", echoMode=QLineEdit.EchoMode.Password)
        self.save_button = QPushButton(tr("Lưu cài đặt sao lưu"), objectName="saveBackup")
        self.now_button = QPushButton(tr("Sao lưu ngay"), objectName="backupNow")
        self.restore_button = QPushButton(tr("Khôi phục từ bản sao lưu…"), objectName="restoreBackup")
        self.message = QLabel(objectName="backupMessage", wordWrap=True)
        self.state = QLabel(objectName="backupState", wordWrap=True)
        folder = QHBoxLayout()
        folder.addWidget(self.dir_edit, 1)
        folder.addWidget(self.browse_button)
        form = QFormLayout(self)
        form.addRow(tr("Thư mục sao lưu:"), folder)
        form.addRow(tr("Giữ lại:"), self.keep_spin)
        form.addRow(tr("Sao lưu tự động mỗi:"), self.interval_spin)
        form.addRow(tr("Mật khẩu sao lưu:"), self.pass_edit)
        form.addRow(tr("Nhập lại mật khẩu:"), self.pass_again)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.now_button, self.restore_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.message)
        form.addRow(self.state)
        self.keep_spin.setSuffix(tr(" bản"))
        may_configure = context.has_role(Role.SUPERVISOR) or context.has_role(Role.ADMIN)
        for w in (self.dir_edit, self.browse_button, self.keep_spin, self.interval_spin, self.pass_edit,
                  self.pass_again, self.save_button, self.restore_button):
            w.setEnabled(may_configure)
        if not may_configure:
            self.setToolTip(tr("Chỉ lãnh đạo hoặc quản trị viên được thay đổi cài đặt sao lưu."))
        self.browse_button.clicked.connect(self.browse)
        self.save_button.clicked.connect(self.save)
        self.now_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore)
        if controller is not None:
            controller.finished.connect(self._backed_up)
            controller.running_changed.connect(lambda running: self.now_button.setEnabled(not running))
        self.load()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e" if error else "color: #0a7a2f")

    def load(self) -> None:
        config = backup.load_config(self.db)
        self.dir_edit.setText(config.directory)
        self.keep_spin.setValue(config.keep)
        self.interval_spin.setValue(config.interval_minutes)
        self.pass_edit.clear()
        self.pass_again.clear()
        self.pass_edit.setPlaceholderText(tr("Đã đặt — để trống nếu giữ nguyên") if config.has_passphrase
                                          else tr("Ít nhất {n} ký tự; cần để khôi phục").format(n=backup.MIN_PASSPHRASE))
        lines = [tr("Lần sao lưu gần nhất: {t} — {f}").format(t=f"{config.last_at:%H:%M %d/%m/%Y}",
                                                               f=Path(config.last_file).name)
                 if config.last_at else tr("Chưa sao lưu lần nào.")]
        if config.last_error:
            lines.append(tr("Lần sao lưu gần nhất không thành công: {e}").format(e=config.last_error))
        self.state.setText("\n".join(lines))

    @Slot()
    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("Chọn thư mục sao lưu"), self.dir_edit.text())
        if chosen:
            self.dir_edit.setText(chosen)

    @Slot()
    def save(self) -> bool:
        passphrase = self.pass_edit.text() or None
        try:
            backup.configure(self.db, self.context, directory=self.dir_edit.text(), keep=self.keep_spin.value(),
                             interval_minutes=self.interval_spin.value(), passphrase=passphrase,
                             passphrase_again=self.pass_again.text() if passphrase else None)
        except ServiceError as exc:
            self._say(exc.message, error=True)
            return False
        self.load()
        self._say(tr("Đã lưu cài đặt sao lưu."))
        return True

    @Slot()
    def backup_now(self) -> None:
        if self.controller is None:
            return
        if self.controller.backup_now():
            self._say(tr("Đang sao lưu…"))

    def _backed_up(self, result: object) -> None:
        self.load()
        if isinstance(result, Exception):
            self._say(result.message if isinstance(result, ServiceError) else str(result), error=True)
        elif isinstance(result, backup.BackupInfo) and result.files_missing:
            self._say(tr("Đã sao lưu: {f}; nhưng {n} tệp số hóa không còn trên đĩa hoặc bị hỏng nên không có trong "
                         "bản sao lưu — hãy kiểm tra thư mục lưu trữ.").format(f=result.path,
                                                                             n=len(result.files_missing)), error=True)
        else:
            self._say(tr("Đã sao lưu và kiểm tra: {f}").format(f=getattr(result, "path", "")))

    @Slot()
    def restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn bản sao lưu"), self.dir_edit.text(),
                                              tr("Bản sao lưu Một Cửa (*.mcbak)"))
        if not path:
            return
        passphrase, ok = QInputDialog.getText(self, tr("Mật khẩu sao lưu"), tr("Mật khẩu của bản sao lưu:"),
                                              QLineEdit.EchoMode.Password)
        if ok and passphrase:
            self.restore_from(path, passphrase)

    def restore_from(self, path: str, passphrase: str) -> None:
        """Decrypt and check the backup off the GUI thread; only then close the database and put the
        backup in place (quick, on the GUI thread, so nothing here touches the file meanwhile)."""
        db_path = self.db.path
        self.restore_button.setEnabled(False)
        self._say(tr("Đang giải mã và kiểm tra bản sao lưu…"))
        run_in_background(self, lambda: backup.prepare_restore(db_path, path, passphrase), self._put_in_place,
                          self._restore_failed)

    def _restore_failed(self, exc: Exception) -> None:
        self.restore_button.setEnabled(True)
        if self.sync_controller is not None and self._sync_stopped:
            self._sync_stopped = False
            self.sync_controller.start(first_delay=5.0)  # the desk file was not replaced: go on syncing
        if not isinstance(exc, ServiceError):
            log.error("restore failed", exc_info=exc)
        self._say(exc.message if isinstance(exc, ServiceError)
                  else tr("Không khôi phục được: {e}").format(e=exc), error=True)
        self.restore_failed.emit(self.message.text())

    def _put_in_place(self, prepared: backup.PreparedRestore) -> None:
        sync = self.sync_controller
        if sync is not None:
            sync.stop()  # no new pass from the timer
            self._sync_stopped = True
            if sync.running:  # the file is swapped once the pass has ended, never under it
                self._waiting = prepared
                sync.finished.connect(self._sync_ended)
                self._say(tr("Đang chờ lượt đồng bộ đang chạy kết thúc rồi mới thay tệp dữ liệu…"))
                return
        self.db.dispose()
        try:
            # The pass of another window or process on this PC: waited for briefly, else refused.
            checked = backup.finish_restore(prepared, wait=GUI_RESTORE_WAIT)
        except Exception as exc:  # noqa: BLE001 - said in the box; the staging copy is gone
            self._restore_failed(exc)
            return
        message = tr("Đã khôi phục bản sao lưu lúc {t} ({n} hồ sơ). Tệp cũ được giữ bên cạnh. Phần mềm sẽ đóng; "
                     "hãy mở lại và bấm «Đồng bộ ngay» trước khi tiếp nhận.").format(t=checked.created_label,
                                                                                    n=checked.dossiers)
        self._say(message)
        self.restored.emit(message)

    def _sync_ended(self, _result: object) -> None:
        prepared, self._waiting = self._waiting, None
        if self.sync_controller is not None:
            self.sync_controller.finished.disconnect(self._sync_ended)
        if prepared is not None:
            self._put_in_place(prepared)


def confirm_restored_and_close(window: QWidget, message: str) -> QMessageBox:
    """Say it, then close the window when the officer presses OK (window-modal, never a nested loop)."""
    box = QMessageBox(QMessageBox.Icon.Information, tr("Đã khôi phục"), message, QMessageBox.StandardButton.Ok,
                      window)
    box.setObjectName("restoredMessage")
    box.finished.connect(lambda _result: window.close())
    box.open()
    return box
