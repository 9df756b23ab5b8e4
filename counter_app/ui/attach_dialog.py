"""Attach the scan of one document (issue #13): from the scan-to-folder inbox, from files, or from a
document scanner (SANE / WIA), by keyboard.

Enter attaches the new files of the scan folder (all ticked; Space unticks one), Ctrl+O picks files,
Ctrl+S scans with the PC's scanner when there is one, Esc closes. Converting the images into one PDF
runs off the GUI thread; a file that cannot be taken is named in the dialog and nothing is attached.
``on_done(staged, folder_paths)`` gets the files now in the store and the inbox files they came from.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import attachments, scan_devices
from counter_app.services.attachments import StagedFile
from counter_app.services.errors import ServiceError

from .operations import run_in_background
from .widgets import ERROR_STYLE

FILE_FILTER = "PDF, JPEG, PNG, TIFF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"


class AttachDialog(QDialog):
    def __init__(self, db: Database, document_id: int | None, document_name: str,
                 on_done: Callable[[list[StagedFile], list[Path]], None], parent: QWidget | None = None, *,
                 taken: Sequence[Path] = (), devices: Sequence[scan_devices.ScannerDevice] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Đính kèm bản scan"))
        self._db = db
        self._document_id = document_id
        self._on_done = on_done
        self.busy = False
        self.folder = attachments.scan_folder(db)
        self.devices = list(scan_devices.available_devices() if devices is None else devices)
        title = QLabel(tr("Giấy tờ: <b>{name}</b>").format(name=document_name or tr("cả hồ sơ")))
        title.setWordWrap(True)
        self.inbox = QListWidget(objectName="scanInbox")
        for path in attachments.new_scans(self.folder, taken=taken) if self.folder else []:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setCheckState(Qt.CheckState.Checked)
            self.inbox.addItem(item)
        if self.inbox.count():
            self.inbox.setCurrentRow(0)
        folder_text = (tr("Tệp mới trong thư mục quét «{folder}» (Space bỏ chọn):").format(folder=self.folder)
                       if self.folder else tr("Chưa đặt thư mục quét (Cài đặt của máy quét «scan to folder»)."))
        self.folder_label = QLabel(folder_text if self.inbox.count() or not self.folder
                                   else tr("Thư mục quét «{folder}» chưa có tệp mới.").format(folder=self.folder))
        self.folder_label.setWordWrap(True)
        self.attach_button = QPushButton(tr("Đính kèm tệp đã chọn (Enter)"), objectName="attachInbox")
        self.attach_button.clicked.connect(self.attach_inbox)
        self.attach_button.setEnabled(self.inbox.count() > 0)
        self.files_button = QPushButton(tr("Chọn tệp… (Ctrl+O)"), objectName="attachFiles")
        self.files_button.clicked.connect(self.pick_files)
        self.scan_button = QPushButton(tr("Quét bằng máy quét (Ctrl+S)"), objectName="attachScanner")
        self.scan_button.clicked.connect(self.scan)
        self.scan_button.setVisible(bool(self.devices))
        self.status = QLabel(objectName="attachStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.scan_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.inbox, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.inbox.setVisible(self.inbox.count() > 0)
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self.pick_files)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.scan)
        self.attach_button.setDefault(self.inbox.count() > 0)
        self.resize(560, 360)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        (self.inbox if self.inbox.count() else self.files_button).setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.inbox.hasFocus():
            self.attach_inbox()
            return
        super().keyPressEvent(event)

    def chosen_inbox(self) -> list[Path]:
        return [Path(self.inbox.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.inbox.count())
                if self.inbox.item(i).checkState() == Qt.CheckState.Checked]

    def attach_inbox(self) -> None:
        paths = self.chosen_inbox()
        if paths:
            self.take(paths, "folder", from_folder=paths)

    def pick_files(self) -> None:
        if self.busy:
            return
        start = str(self.folder) if self.folder else ""
        names, _ = QFileDialog.getOpenFileNames(self, tr("Chọn tệp bản scan"), start, FILE_FILTER)
        if names:
            self.take([Path(n) for n in names], "file")

    def scan(self) -> None:
        if self.busy or not self.devices:
            return
        device = self.devices[0]
        out_dir = Path(tempfile.mkdtemp(prefix="counter-scan-"))
        self._start(tr("Đang quét bằng «{name}»…").format(name=device.name))
        run_in_background(self, lambda: device.scan(out_dir),
                          lambda pages: self._scanned(pages), self._failed)

    def _scanned(self, pages: list[Path]) -> None:
        self.busy = False
        if not pages:
            self._finish(tr("Không có trang nào được quét."), error=True)
            return
        self.take(pages, "scanner")

    def take(self, paths: list[Path], source: str, *, from_folder: Sequence[Path] = ()) -> None:
        if self.busy:
            return
        self._start(tr("Đang chuyển {n} tệp thành PDF…").format(n=len(paths)))
        folder_paths = list(from_folder)
        run_in_background(
            self, lambda: attachments.stage(self._db, paths, required_document_id=self._document_id, source=source),
            lambda staged: self._staged(staged, folder_paths), self._failed)

    def _start(self, text: str) -> None:
        self.busy = True
        for button in (self.attach_button, self.files_button, self.scan_button):
            button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _staged(self, staged: list[StagedFile], folder_paths: list[Path]) -> None:
        self.busy = False
        self._on_done(staged, folder_paths)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        message = exc.message if isinstance(exc, ServiceError) else tr("Không đính kèm được: {error}").format(error=exc)
        self._finish(message, error=True)

    def _finish(self, text: str, *, error: bool = False) -> None:
        self.busy = False
        self.attach_button.setEnabled(self.inbox.count() > 0)
        self.files_button.setEnabled(True)
        self.scan_button.setEnabled(True)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
        self.files_button.setFocus()
