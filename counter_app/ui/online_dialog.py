"""The queue "Hồ sơ trực tuyến chờ tiếp nhận" (issue #15), opened from the reception page (F6).

Enter on a dossier checks it at the reception page (its procedure and applicant filled in, the
portal's code kept); the files the applicant uploaded open from here. The second tab lists what
this desk decided, with the central's confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import online
from counter_app.services.errors import ServiceError

from .dashboard_widgets import table_view
from .qt_models import Column, ObjectTableModel

ERROR_STYLE = "color: #b00020;"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _columns(status: bool) -> list[Column[online.OnlineItem]]:
    columns: list[Column[online.OnlineItem]] = [
        Column(tr("Mã hồ sơ (Cổng DVC)"), lambda i: i.code),
        Column(tr("Thủ tục"), lambda i: f"{i.procedure_code} – {i.procedure_name}"),
        Column(tr("Chủ hồ sơ"), lambda i: i.applicant_name),
        Column(tr("Nộp lúc"), lambda i: f"{i.submitted_at:%H:%M %d/%m/%Y}", sort_key=lambda i: i.submitted_at),
        Column(tr("Tệp"), lambda i: len(i.files), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    ]
    if status:
        columns.append(Column(tr("Tình trạng"), lambda i: i.status_text))
    return columns


class OnlineQueueDialog(QDialog):
    def __init__(self, db: Database, on_start: Callable[[str], None], files_dir: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="onlineQueue")
        self.setWindowTitle(tr("Hồ sơ trực tuyến chờ tiếp nhận"))
        self._db, self._on_start, self._files_dir = db, on_start, files_dir
        self.waiting_model: ObjectTableModel[online.OnlineItem] = ObjectTableModel(_columns(False), self)
        self.done_model: ObjectTableModel[online.OnlineItem] = ObjectTableModel(_columns(True), self)
        self.waiting_table = table_view("onlineWaiting", self.waiting_model, stretch=1)
        self.done_table = table_view("onlineDecided", self.done_model, stretch=1)
        self.tabs = QTabWidget(objectName="onlineTabs")
        self.tabs.addTab(self.waiting_table, "")
        self.tabs.addTab(self.done_table, tr("Đã xử lý tại quầy này"))
        self.files = QListWidget(objectName="onlineFiles")
        self.files.setMaximumHeight(110)
        self.open_file_button = QPushButton(tr("Mở tệp (Ctrl+O)"), objectName="onlineOpenFile")
        self.start_button = QPushButton(tr("Kiểm tra và tiếp nhận (Enter)"), objectName="onlineStart")
        self.start_button.setDefault(True)
        self.message = QLabel(objectName="onlineMessage")
        self.message.setWordWrap(True)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(self.open_file_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Hồ sơ công dân nộp trên Cổng Dịch vụ công, chờ quầy kiểm tra theo danh mục giấy "
                                   "tờ như tại quầy: tiếp nhận (giữ mã hồ sơ của Cổng), yêu cầu bổ sung một lần, "
                                   "hoặc từ chối."), wordWrap=True))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel(tr("Tệp công dân đã tải lên:")))
        layout.addLayout(files_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.start_button.clicked.connect(self.start_selected)
        self.open_file_button.clicked.connect(self.open_selected_file)
        self.files.itemActivated.connect(lambda _item: self.open_selected_file())
        self.waiting_table.activated.connect(lambda _index: self.start_selected())
        self.tabs.currentChanged.connect(self._show_files)
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self.open_selected_file)
        self.opened: Path | None = None  # the last file opened
        self.viewer: Callable[[Path], object] = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.refresh()
        self.resize(1100, 560)

    def refresh(self) -> None:
        waiting = online.queue(self._db)
        self.waiting_model.set_rows(waiting)
        self.done_model.set_rows(online.decided(self._db))
        self.tabs.setTabText(0, tr("Chờ tiếp nhận ({n})").format(n=len(waiting)))
        for table in (self.waiting_table, self.done_table):
            table.selectionModel().currentRowChanged.connect(lambda *_: self._show_files())
        if waiting:
            self.waiting_table.selectRow(0)
        self.waiting_table.setFocus()
        self._show_files()

    def _table(self):  # noqa: ANN202 - QTableView
        return self.waiting_table if self.tabs.currentIndex() == 0 else self.done_table

    def selected(self) -> online.OnlineItem | None:
        table = self._table()
        index = table.currentIndex()
        if not index.isValid():
            return None
        model = table.model()
        return model.row_object(index.row()) if isinstance(model, ObjectTableModel) else None

    def _show_files(self, *_args: object) -> None:
        self.files.clear()
        item = self.selected()
        self.start_button.setEnabled(item is not None and self.tabs.currentIndex() == 0)
        if item is None:
            return
        for f in item.files:
            text = f"{f.document_name}: {f.name} ({_size(f.size)})"
            if not f.downloaded:
                text += " — " + tr("chưa tải về, hãy đồng bộ")
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, f.id)
            self.files.addItem(entry)
        if item.files:
            self.files.setCurrentRow(0)

    def open_selected_file(self) -> None:
        entry = self.files.currentItem()
        if entry is None:
            return
        try:
            self.opened = online.open_file(self._db, int(entry.data(Qt.ItemDataRole.UserRole)), self._files_dir)
        except (ServiceError, OSError) as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(getattr(exc, "message", None) or str(exc))
            return
        self.message.setStyleSheet("")
        self.message.setText(tr("Đã mở {path}").format(path=self.opened))
        self.viewer(self.opened)

    def start_selected(self) -> None:
        item = self.selected()
        if item is None or self.tabs.currentIndex() != 0:
            return
        self.accept()
        self._on_start(item.code)
