"""Catalog browser: search as you type (no diacritics needed), the procedure's cases and documents."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import catalog
from counter_app.services.catalog import CaseDetail, ProcedureDetail, ProcedureHit

from .qt_models import OBJECT_ROLE, Column, ObjectTableModel


class ProcedureHitModel(ObjectTableModel[ProcedureHit]):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__([
            Column(tr("Mã TTHC"), lambda h: h.code),
            Column(tr("Tên thủ tục"), lambda h: h.name),
            Column(tr("Lĩnh vực"), lambda h: h.field_name),
            Column(tr("Cấp"), lambda h: h.levels),
        ], parent)


class SearchField(QLineEdit):
    """Down arrow moves into the results, so the officer never needs the mouse."""

    def __init__(self, results: QTableView, parent=None, **kwargs) -> None:  # noqa: ANN001, ANN003
        super().__init__(parent, **kwargs)
        self._results = results

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._results.model().rowCount():
            self._results.setFocus()
            if not self._results.currentIndex().isValid():
                self._results.selectRow(0)
            return
        super().keyPressEvent(event)


def case_html(detail: ProcedureDetail, case: CaseDetail) -> str:
    def section(title: str, body: str) -> str:
        return f"<h3>{escape(title)}</h3>{body}" if body else ""

    def lines(text: str) -> str:
        return "<br>".join(escape(line) for line in text.splitlines() if line.strip())

    rows = "".join(
        "<tr>"
        f"<td align='center'>{d.position}</td>"
        f"<td>{escape(d.name)}"
        + (f"<br><i>{escape(tr('Mẫu'))}: {escape(d.form_template)}</i>" if d.form_template else "")
        + (f"<br><i>{escape(tr('Khi'))}: {escape(d.condition)}</i>" if d.condition else "")
        + "</td>"
        f"<td align='center'>{d.originals}</td><td align='center'>{d.certified_copies}</td>"
        f"<td align='center'>{d.photocopies}</td>"
        f"<td>{escape(tr('Bắt buộc') if d.mandatory else tr('Có điều kiện'))}</td>"
        "</tr>"
        for d in case.documents
    )
    table = (
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        f"<tr><th>{escape(tr('TT'))}</th><th>{escape(tr('Tên giấy tờ'))}</th><th>{escape(tr('Bản chính'))}</th>"
        f"<th>{escape(tr('Bản chứng thực'))}</th><th>{escape(tr('Bản photo'))}</th><th>{escape(tr('Yêu cầu'))}</th></tr>"
        f"{rows}</table>"
    )
    return (
        f"<h2>{escape(detail.name)}</h2>"
        f"<p><b>{escape(tr('Mã thủ tục'))}:</b> {escape(detail.code)} &nbsp; "
        f"<b>{escape(tr('Lĩnh vực'))}:</b> {escape(detail.field_name)} &nbsp; "
        f"<b>{escape(tr('Cấp thực hiện'))}:</b> {escape(detail.levels)}</p>"
        f"<p><b>{escape(tr('Thời hạn giải quyết'))}:</b> {escape(case.processing_text)}<br>"
        f"<b>{escape(tr('Phí, lệ phí'))}:</b> {escape(case.fee_text)}</p>"
        + section(tr("Thành phần hồ sơ"), table)
        + section(tr("Cơ quan thực hiện"), lines(detail.agencies))
        + section(tr("Kết quả thực hiện"), lines(detail.results))
        + section(tr("Căn cứ pháp lý"), lines(detail.legal_basis))
        + (f"<p><small>{escape(tr('Nguồn'))}: {escape(detail.source)} · "
           f"{escape(tr('phiên bản'))} {detail.version}</small></p>" if detail.source else "")
    )


class CatalogPage(QWidget):
    def __init__(self, db: Database, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self.detail: ProcedureDetail | None = None

        self.results = QTableView(objectName="catalogResults")
        self.model = ProcedureHitModel(self)
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSortingEnabled(True)
        self.results.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep search ranking
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.results.selectionModel().selectionChanged.connect(self._on_selection)

        self.search = SearchField(self.results, objectName="catalogSearch")
        self.search.setPlaceholderText(tr("Gõ tên hoặc mã thủ tục, không cần dấu (ví dụ: dang ky khai sinh, 1.001193)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.run_search)
        self.count_label = QLabel(objectName="catalogCount")

        self.case_box = QComboBox(objectName="catalogCase")
        self.case_box.currentIndexChanged.connect(self._show_case)
        self.case_label = QLabel(tr("Trường hợp:"))
        self.case_label.setBuddy(self.case_box)
        self.view = QTextBrowser(objectName="catalogDetail")
        self.view.setOpenExternalLinks(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel(tr("&Tìm thủ tục:"))
        search_label.setBuddy(self.search)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.results, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        case_row = QHBoxLayout()
        case_row.addWidget(self.case_label)
        case_row.addWidget(self.case_box, 1)
        right_layout.addLayout(case_row)
        right_layout.addWidget(self.view, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        self.run_search("")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    focus_primary = focus_search

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self.search.setFocus()

    def run_search(self, text: str) -> None:
        hits = catalog.search_procedures(self._db, text, limit=200)
        self.model.set_rows(hits)
        self.count_label.setText(tr("{n} thủ tục").format(n=len(hits)))
        if hits:
            self.results.selectRow(0)
        else:
            self._show_detail(None)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        hit = indexes[0].data(OBJECT_ROLE) if indexes else None
        if hit is None:
            return
        self._show_detail(catalog.procedure_detail(self._db, hit.id))

    def current_hit(self) -> ProcedureHit | None:
        index: QModelIndex = self.results.currentIndex()
        return index.data(OBJECT_ROLE) if index.isValid() else None

    def _show_detail(self, detail: ProcedureDetail | None) -> None:
        self.detail = detail
        self.case_box.blockSignals(True)
        self.case_box.clear()
        if detail is not None:
            for case in detail.cases:
                self.case_box.addItem(case.name)
        self.case_box.blockSignals(False)
        several = detail is not None and len(detail.cases) > 1
        self.case_box.setVisible(several)
        self.case_label.setVisible(several)
        self._show_case(0)

    def _show_case(self, index: int) -> None:
        if self.detail is None or not self.detail.cases:
            self.view.setHtml(f"<p>{escape(tr('Không có thủ tục phù hợp.'))}</p>")
            return
        case = self.detail.cases[max(0, index)]
        self.view.setHtml(case_html(self.detail, case))
