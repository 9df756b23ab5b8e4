"""Dossier search: one box for code / name (no diacritics needed) / ID number / phone, filters for
status, due state and received dates; a sortable table; Enter or double-click opens the dossier in
the shared detail view, from which the control slip (form 06) prints.

Keyboard: Ctrl+F (or Alt+T) to the search box, Enter searches, Down moves into the results, Enter on
a row opens it, Alt+P prints the control slip, Alt+N turns the received-date range on.

The search runs off the GUI thread and shows its first page (200 hits) as soon as it has it; scrolling
(or moving with the arrows) to the end of the list fetches the next page the same way. A newer search
supersedes an older one: the older one's query is interrupted and its answer never shown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import lifecycle
from counter_app.domain.due_state import FILTER_LABELS, FILTERS, URGENCY, DueState
from counter_app.i18n import tr
from counter_app.models import DossierStatus
from counter_app.models.db import Database
from counter_app.services import returns, search
from counter_app.services.dossiers import DossierSummary
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext
from counter_app.services.search import SearchQuery

from .dossier_detail import DUE_STATE_COLOURS, ERROR_STYLE, DossierDetailWidget, moment_text
from .events import DeskEvents
from .operations import run_in_background
from .qt_models import OBJECT_ROLE, Column, Index, ObjectTableModel
from .widgets import ColumnFitter

DUE_STATE_COLUMN = 8


def _moment_key(value):  # noqa: ANN001, ANN202
    return (value is None, value or 0)


class DossierSearchModel(ObjectTableModel[DossierSummary]):
    """Search hits; the due-state column is coloured like the detail's badge."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        center = Qt.AlignmentFlag.AlignCenter
        super().__init__([
            Column(tr("Mã hồ sơ"), lambda d: d.code),
            Column(tr("Chủ hồ sơ"), lambda d: d.applicant_name),
            Column(tr("Số giấy tờ"), lambda d: d.applicant_id_number),
            Column(tr("Điện thoại"), lambda d: d.applicant_phone),
            Column(tr("Thủ tục"), lambda d: d.procedure_name),
            Column(tr("Tiếp nhận"), lambda d: moment_text(d.received_at), sort_key=lambda d: d.received_at),
            Column(tr("Hẹn trả"), lambda d: moment_text(d.due_at), sort_key=lambda d: _moment_key(d.due_at)),
            Column(tr("Trạng thái"), lambda d: d.status_label, sort_key=lambda d: d.status),
            Column(tr("Hạn xử lý"), lambda d: d.due_state_label, center,
                   sort_key=lambda d: URGENCY[DueState(d.due_state)]),
        ], parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == DUE_STATE_COLUMN
                and 0 <= index.row() < self.rowCount()):
            state = DueState(self.row_object(index.row()).due_state)
            return QBrush(QColor(DUE_STATE_COLOURS[state]))
        return super().data(index, role)


class ResultsView(QTableView):
    """Enter on a row opens it (``activated``); Up on the first row goes back to the search box."""

    def __init__(self, search_box: QLineEdit, parent=None, **kwargs) -> None:  # noqa: ANN001, ANN003
        super().__init__(parent, **kwargs)
        self._search_box = search_box

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self._search_box.setFocus()
            return
        super().keyPressEvent(event)


class SearchBox(QLineEdit):
    def __init__(self, page: SearchPage, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._page = page

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() == Qt.Key.Key_Down and self._page.model.rowCount():
            self._page.results.setFocus()
            if not self._page.results.currentIndex().isValid():
                self._page.results.selectRow(0)
            return
        super().keyPressEvent(event)


class _Latest:
    """The newest search's number, read by the workers to know they were superseded (a plain object,
    not the widget: a worker may outlive the page)."""

    value = 0


class SearchPage(QWidget):
    def __init__(self, db: Database, context: DeskContext, events: DeskEvents, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self._ctx = context
        self._stale = False
        self._latest = _Latest()  # the newest search started; older answers are dropped
        self._pending = 0  # searches running in the background
        self._more_pending = False  # the next page is being fetched
        self._more = False  # the shown search has more hits than the rows shown
        self.last_query: SearchQuery | None = None
        events.dossiers_changed.connect(self._on_dossiers_changed)

        self.text = SearchBox(self, objectName="searchText")
        self.text.setPlaceholderText(tr("Mã hồ sơ, họ tên (không cần dấu), số CCCD hoặc số điện thoại"))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(360)
        self.text.returnPressed.connect(self.run_search)
        self.status = QComboBox(objectName="searchStatus")
        self.status.addItem(tr("Mọi trạng thái"), None)
        for status in DossierStatus:
            if status not in (DossierStatus.NEW, DossierStatus.REFUSED):
                self.status.addItem(tr(lifecycle.label(status)), status.value)
        self.due_state = QComboBox(objectName="searchDueState")
        self.due_state.addItem(tr("Mọi hạn xử lý"), None)
        for state in FILTERS:
            self.due_state.addItem(tr(FILTER_LABELS[state]), state.value)
        self.use_dates = QCheckBox(tr("Tiếp &nhận từ"), objectName="searchUseDates")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30), objectName="searchFrom")
        self.date_to = QDateEdit(today, objectName="searchTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.search_button = QPushButton(tr("Tìm (Enter)"), objectName="searchButton")
        self.search_button.clicked.connect(self.run_search)
        self.count_label = QLabel(objectName="searchCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.results = ResultsView(self.text, objectName="searchResults")
        self.model = DossierSearchModel(self)
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Keep the service's order (along the index that found the rows) until a header is clicked.
        self.results.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.results.setSortingEnabled(True)
        self.results.verticalHeader().hide()
        # Name and procedure share the spare width; at 1366 or 1280 pixels the phone, the receipt
        # time and the ID number step aside (in that order) rather than push the status off-screen.
        self.column_fitter = ColumnFitter(self.results, stretch=(1, 4), optional=(3, 5, 2), minimum=150)
        self.results.activated.connect(self.open_index)
        self.results.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.results.selectionModel().currentRowChanged.connect(self._current_moved)

        self.detail = DossierDetailWidget(db, self, context=context)
        self.detail.changed.connect(lambda _detail: events.dossiers_changed.emit())
        self.detail.action_finished.connect(self.results.setFocus)
        self.detail.fees_changed.connect(lambda _code: events.dossiers_changed.emit())

        # Two rows, so the page fits a 1366×768 screen: the search box and its button, then the filters.
        filters = QHBoxLayout()
        search_label = QLabel(tr("&Tìm:"))
        search_label.setBuddy(self.text)
        filters.addWidget(search_label)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.search_button)
        more_filters = QHBoxLayout()
        more_filters.addWidget(self.status)
        more_filters.addWidget(self.due_state)
        more_filters.addSpacing(12)
        more_filters.addWidget(self.use_dates)
        more_filters.addWidget(self.date_from)
        more_filters.addWidget(QLabel(tr("đến")))
        more_filters.addWidget(self.date_to)
        more_filters.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.results)
        splitter.addWidget(self.detail)
        splitter.setSizes([380, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(more_filters)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_primary,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ------------------------------------------------------------------ focus

    def focus_primary(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if self._stale and self.last_query is not None:
            self._run(self.last_query)
        self.focus_primary()

    def _on_dossiers_changed(self) -> None:
        if self.isVisible() and self.last_query is not None:
            self._run(self.last_query)
        else:
            self._stale = True

    # ------------------------------------------------------------------ searching

    page_size = search.DEFAULT_LIMIT  # hits fetched at a time

    def query(self) -> SearchQuery:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        dates = self.use_dates.isChecked()
        state = self.due_state.currentData()
        return SearchQuery(
            text=self.text.text(), status=self.status.currentData(),
            due_state=DueState(state) if state else None,
            received_from=day(self.date_from) if dates else None, received_to=day(self.date_to) if dates else None,
            limit=self.page_size,
        )

    def run_search(self) -> None:
        self._run(self.query())

    @property
    def searching(self) -> bool:
        """A search is running in the background (its result is not shown yet)."""
        return self._pending > 0

    def _run(self, query: SearchQuery) -> None:
        """Search off the GUI thread (a multi-million-dossier file must never freeze the window); the
        previous results stay until the new ones arrive, and only the newest search's answer is shown:
        an older search still running is interrupted (its worker stops at SQLite's next step)."""
        self._stale = False
        self._latest.value += 1
        generation = self._latest.value
        self._pending += 1
        self._more_pending = False
        self.count_label.setStyleSheet("")
        self.count_label.setText(tr("Đang tìm…"))
        db = self._db

        latest = self._latest

        def superseded() -> bool:  # read by the worker: a plain int comparison, no widget
            return generation != latest.value

        def done(result: search.SearchResult | Exception) -> None:
            self._pending -= 1
            if superseded():
                return  # a newer search was started meanwhile: its answer is the one to show
            if isinstance(result, ServiceError):
                self.count_label.setStyleSheet(ERROR_STYLE)
                self.count_label.setText(result.message)
            elif isinstance(result, Exception):
                self.count_label.setStyleSheet(ERROR_STYLE)
                self.count_label.setText(tr("Không tìm được: {error}").format(error=result))
            else:
                self._show(query, result)

        run_in_background(self, lambda: search.search(db, query, cancelled=superseded), done, done)

    def _show(self, query: SearchQuery, result: search.SearchResult) -> None:
        self.last_query = query
        self.model.set_rows(result.rows)
        self._more = result.more
        self._show_count()
        if result.rows:
            self.results.selectRow(0)
        shown = self.detail.detail
        if shown is not None:  # keep the open dossier up to date
            self._open_code(shown.code)

    def _show_count(self) -> None:
        self.count_label.setStyleSheet("")
        n = self.model.rowCount()
        if self._more:
            self.count_label.setText(tr("{n} hồ sơ đầu tiên (kéo xuống cuối danh sách để xem thêm)").format(n=n))
        else:
            self.count_label.setText(tr("{n} hồ sơ").format(n=n))

    @property
    def fetching_more(self) -> bool:
        """The next page of the shown search is being fetched in the background."""
        return self._more_pending

    def _scrolled(self, value: int) -> None:
        if value >= self.results.verticalScrollBar().maximum():  # scrolled to the end of the list
            self.fetch_more()

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() == self.model.rowCount() - 1:  # arrows down to the last row
            self.fetch_more()

    def fetch_more(self) -> None:
        """The next page of the shown search, appended when it arrives (off the GUI thread)."""
        if not self._more or self._more_pending or self._pending or self.last_query is None:
            return
        self._more_pending = True
        generation = self._latest.value
        query = replace(self.last_query, offset=self.model.rowCount())
        db = self._db

        latest = self._latest

        def superseded() -> bool:
            return generation != latest.value

        def done(result: search.SearchResult | Exception) -> None:
            if superseded():
                return  # a new search replaced the list (it reset _more_pending)
            self._more_pending = False
            if isinstance(result, Exception):
                self.count_label.setStyleSheet(ERROR_STYLE)
                message = result.message if isinstance(result, ServiceError) else str(result)
                self.count_label.setText(tr("Không tìm được: {error}").format(error=message))
                self._more = False
                return
            self.model.append_rows(result.rows)
            self._more = result.more
            header = self.results.horizontalHeader()
            if header.sortIndicatorSection() >= 0:  # the officer sorted by a column: the new rows too
                self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            self._show_count()

        run_in_background(self, lambda: search.search(db, query, cancelled=superseded), done, done)

    def open_index(self, index: QModelIndex) -> None:
        summary = index.data(OBJECT_ROLE) if index.isValid() else None
        if summary is not None:
            self._open_code(summary.code)

    def open_current(self) -> None:
        self.open_index(self.results.currentIndex())

    def _open_code(self, code: str) -> None:
        try:
            detail = returns.detail(self._db, code)
        except ServiceError as exc:
            self.detail.set_detail(None)
            self.count_label.setStyleSheet(ERROR_STYLE)
            self.count_label.setText(exc.message)
            return
        self.detail.set_detail(detail)
