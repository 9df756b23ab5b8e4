"""The supervisor's backlog import (issue #15): pick the tracking book, import it off the GUI thread,
and when rows are refused list every one of them with its reasons (nothing was imported)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import backlog
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext

from .dashboard_widgets import table_view
from .operations import run_in_background
from .qt_models import Column, ObjectTableModel

ERROR_STYLE = "color: #b00020;"


class RefusedRowsDialog(QDialog):
    """Every refused row of a book: the sheet's row number, the code, the reasons."""

    def __init__(self, report: backlog.ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="backlogRefused")
        self.setWindowTitle(tr("Nhập hồ sơ tồn: có dòng không hợp lệ"))
        self.report = report
        self.summary = QLabel(tr("Không nhập hồ sơ nào: {refused} trong {rows} dòng của «{name}» không hợp lệ. "
                                 "Hãy sửa các dòng dưới đây trong bảng tính rồi nhập lại cả tệp.").format(
            refused=len(report.refused), rows=report.rows, name=report.path.name), objectName="backlogSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(ERROR_STYLE)
        self.model: ObjectTableModel[backlog.RefusedRow] = ObjectTableModel([
            Column(tr("Dòng"), lambda r: r.row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            Column(tr("Mã hồ sơ"), lambda r: r.code),
            Column(tr("Lý do"), lambda r: "; ".join(r.reasons)),
        ], self)
        self.model.set_rows(report.refused)
        self.table = table_view("backlogRefusedTable", self.model, stretch=2)
        self.table.setWordWrap(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the sheet's order
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 520)


class BacklogImport:
    """Runs one import for a page: ``start(path)``; the page hears back through its callbacks."""

    def __init__(self, page: QWidget, db: Database, context: DeskContext, tell, changed) -> None:  # noqa: ANN001
        self._page, self._db, self._context = page, db, context
        self._tell, self._changed = tell, changed
        self.dialog: RefusedRowsDialog | None = None
        self.report: backlog.ImportReport | None = None

    def start(self, path: Path) -> None:
        db, ctx = self._db, self._context
        self._tell(tr("Đang kiểm tra và nhập «{name}»…").format(name=path.name), False)
        run_in_background(self._page, lambda: backlog.import_book(db, ctx, path), self._done, self._failed)

    def _done(self, report: backlog.ImportReport) -> None:
        self.report = report
        if report.ok:
            self._tell(tr("Đã nhập {count} hồ sơ tồn từ «{name}»; chúng sẽ được đồng bộ như các hồ sơ khác.").format(
                count=report.imported, name=report.path.name), False)
            self._changed()
            return
        self._tell(tr("Không nhập hồ sơ nào: {refused} dòng không hợp lệ.").format(refused=len(report.refused)),
                   True)
        self.dialog = RefusedRowsDialog(report, self._page)
        self.dialog.open()

    def _failed(self, exc: Exception) -> None:
        self._tell(exc.message if isinstance(exc, ServiceError) else tr("Không nhập được tệp: {error}").format(
            error=getattr(exc, "strerror", None) or exc), True)
