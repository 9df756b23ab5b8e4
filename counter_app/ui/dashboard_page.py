"""Supervisor dashboard: the day's (or a period's) counters, tables by desk / officer / procedure /
field, 30 working days of received vs returned, and the watch lists with their actions.

Keyboard: F5 refreshes; Ctrl+L writes an apology/extension letter, Ctrl+D a stop notice and
Ctrl+W records a withdrawal for the dossier selected in a watch list; Ctrl+E exports the report.
The numbers are computed off the GUI thread (``stats.dashboard_for``, the same call as
``counter-app report daily``) after every change on this desk (``dossiers_changed``: reception,
return, sync; while the page is hidden it refreshes when shown again) and every minute while
shown; a refresh asked for while one runs is queued, never doubled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.digitisation import rate_text
from counter_app.i18n import tr
from counter_app.models import Role
from counter_app.models.db import Database
from counter_app.services import reports, stats, supervision
from counter_app.services.errors import PermissionDeniedError, ServiceError
from counter_app.services.org import DeskContext
from counter_app.services.stats_records import (
    CHANNEL_LABELS,
    DashboardStats,
    WatchItem,
)
from counter_app.sync import attention

from .backlog_dialog import BacklogImport
from .dashboard_models import BreakdownModel, IndicatorModel, SecondPassModel, WatchModel, short_moment
from .dashboard_widgets import Tile, TrendChart, table_view
from .events import DeskEvents
from .operations import run_in_background
from .pdf_preview import PdfPreviewDialog
from .qt_models import OBJECT_ROLE, ObjectTableModel
from .supervision_dialogs import ApologyDialog, ClosureDialog

REFRESH_INTERVAL_MS = 60_000
CHANGE_DEBOUNCE_MS = 250
ERROR_STYLE = "color: #b00020;"


# --------------------------------------------------------------------------- the page


class DashboardPage(QWidget):
    refreshed = Signal()  # the widgets show a new DashboardStats
    refresh_failed = Signal(str)

    def __init__(self, db: Database, context: DeskContext, events: DeskEvents, parent=None) -> None:  # noqa: ANN001
        if not context.has_role(Role.SUPERVISOR):
            raise PermissionDeniedError(tr("Chỉ lãnh đạo mới mở được bảng theo dõi."))
        super().__init__(parent)
        self._db, self._context, self._events = db, context, events
        self.stats: DashboardStats | None = None
        self._busy = False
        self._pending = False
        self.dialog: ApologyDialog | ClosureDialog | None = None
        self.preview: PdfPreviewDialog | None = None

        # --- controls
        self.mode = QComboBox(objectName="dashboardMode")
        self.mode.addItem(tr("Theo ngày"), "day")
        self.mode.addItem(tr("Theo khoảng thời gian"), "period")
        self.start = self._date_edit("dashboardStart")
        self.end = self._date_edit("dashboardEnd")
        self.end_label = QLabel(tr("đến ngà&y:"))
        self.end_label.setBuddy(self.end)
        self.today_button = QPushButton(tr("&Hôm nay"), objectName="dashboardToday")
        self.refresh_button = QPushButton(tr("Làm mới (F5)"), objectName="dashboardRefresh")
        self.export_button = QToolButton(objectName="dashboardExport")
        self.export_button.setText(tr("Xuất báo cáo (Ctrl+E)"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for text, kind, fmt in (
            (tr("Báo cáo tiếp nhận, giải quyết — PDF"), "report", "pdf"),
            (tr("Báo cáo tiếp nhận, giải quyết — XLSX"), "report", "xlsx"),
            (tr("Sổ theo dõi hồ sơ (Mẫu 07) — PDF"), "book", "pdf"),
            (tr("Sổ theo dõi hồ sơ (Mẫu 07) — XLSX"), "book", "xlsx"),
        ):
            menu.addAction(text, partial(self.choose_export, kind, fmt))
        menu.addSeparator()
        menu.addAction(tr("Nhập hồ sơ tồn từ sổ theo dõi (XLSX)…"), self.choose_import)
        self.export_button.setMenu(menu)
        self.backlog = BacklogImport(self, db, context, self._tell, self._events.dossiers_changed.emit)
        self.status = QLabel(objectName="dashboardStatus")
        day_label = QLabel(tr("&Ngày:"))
        day_label.setBuddy(self.start)
        controls = QHBoxLayout()
        controls.addWidget(self.mode)
        controls.addWidget(day_label)
        controls.addWidget(self.start)
        controls.addWidget(self.end_label)
        controls.addWidget(self.end)
        controls.addWidget(self.today_button)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.export_button)
        controls.addStretch(1)
        # Events the central refused and keeps aside (sync/attention.py): shown until zero.
        self.attention_label = QLabel(objectName="dashboardAttention")
        self.attention_label.setStyleSheet(ERROR_STYLE)
        self.attention_label.hide()
        controls.addWidget(self.attention_label)
        controls.addWidget(self.status)

        # --- tiles
        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, (key, caption, colour) in enumerate((
            ("received", tr("Tiếp nhận"), "#1f3b5c"),
            ("supplements", tr("Yêu cầu bổ sung"), "#1f3b5c"),
            ("refusals", tr("Từ chối tiếp nhận"), "#1f3b5c"),
            ("returned", tr("Đã trả kết quả"), "#1f3b5c"),
            ("closed", tr("Rút / dừng giải quyết"), "#1f3b5c"),
            ("apologies", tr("Văn bản xin lỗi, gia hạn"), "#8a5a00"),
            ("unfinished", tr("Chưa giải quyết xong"), "#1f3b5c"),
            ("within", tr("Còn trong hạn"), "#2e7d32"),
            ("due_soon", tr("Sắp đến hạn (≤ 1 ngày làm việc)"), "#b26a00"),
            ("overdue", tr("Quá hạn"), "#b00020"),
        )):
            tile = Tile(key, caption, colour)
            self.tiles[key] = tile
            grid.addWidget(tile, i // 5, i % 5)

        # --- tables and chart
        self.models = {
            "desk": BreakdownModel(tr("Quầy"), self),
            "officer": BreakdownModel(tr("Cán bộ tiếp nhận"), self),
            "procedure": BreakdownModel(tr("Thủ tục hành chính"), self),
            "field": BreakdownModel(tr("Lĩnh vực"), self),
        }
        self.tables = {key: table_view(f"table_{key}", model) for key, model in self.models.items()}
        for table in self.tables.values():
            # Every number (the overdue ones last) in view without sideways scrolling at 1280 or
            # 1366 pixels: the name takes what is left, cut with "…" (the tooltip has it all).
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setMinimumSectionSize(40)
        self.breakdown_tabs = QTabWidget(objectName="breakdownTabs")
        for key, title in (("desk", tr("Theo quầy")), ("officer", tr("Theo cán bộ")),
                           ("procedure", tr("Theo thủ tục")), ("field", tr("Theo lĩnh vực"))):
            self.breakdown_tabs.addTab(self.tables[key], title)
        # Service-index indicators (issue #14): on-time, online, digitisation, fees online, satisfaction.
        self.indicator_model = IndicatorModel(self)
        self.indicator_table = table_view("table_indicators", self.indicator_model, stretch=0)
        self.breakdown_tabs.addTab(self.indicator_table, tr("Chỉ số phục vụ (766)"))
        self.chart = TrendChart(self)
        self.chart.setMinimumWidth(260)
        numbers = sum(self.tables["desk"].horizontalHeader().sectionSizeHint(c)
                      for c in range(1, self.models["desk"].columnCount()))
        self.breakdown_tabs.setMinimumWidth(numbers + 70)  # the name keeps some room; more when there is
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.breakdown_tabs)
        upper.addWidget(self.chart)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setSizes([numbers + 160, 380])

        # --- watch lists
        self.overdue_model = WatchModel(tr("Quá hạn"), self)
        self.due_soon_model = WatchModel(tr("Còn lại"), self)
        self.second_pass_model = SecondPassModel(self)
        self.overdue_table = table_view("watchOverdue", self.overdue_model, stretch=2)
        self.due_soon_table = table_view("watchDueSoon", self.due_soon_model, stretch=2)
        self.second_pass_table = table_view("watchSecondPass", self.second_pass_model, stretch=6)
        self.watch_tabs = QTabWidget(objectName="watchTabs")
        self.watch_tabs.addTab(self.overdue_table, tr("Quá hạn"))
        self.watch_tabs.addTab(self.due_soon_table, tr("Sắp đến hạn, chưa có văn bản xin lỗi"))
        self.watch_tabs.addTab(self.second_pass_table, tr("Yêu cầu bổ sung lần hai"))
        self.apology_button = QPushButton(tr("Văn bản xin &lỗi, gia hạn… (Ctrl+L)"), objectName="actionApology")
        self.stop_button = QPushButton(tr("&Dừng giải quyết… (Ctrl+D)"), objectName="actionStop")
        self.withdraw_button = QPushButton(tr("&Rút hồ sơ… (Ctrl+W)"), objectName="actionWithdraw")
        self.message = QLabel(objectName="dashboardMessage")
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.apology_button, self.stop_button, self.withdraw_button):
            actions.addWidget(button)
        actions.addWidget(self.message, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        watch_title = QLabel(tr("<b>Danh sách cần theo dõi</b> (tính đến hiện tại)"))
        lower_layout.addWidget(watch_title)
        lower_layout.addWidget(self.watch_tabs, 1)
        lower_layout.addLayout(actions)

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(upper)
        body.addWidget(lower)
        body.setSizes([330, 330])

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(grid)
        layout.addWidget(body, 1)

        # --- behaviour
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self.today_button.clicked.connect(self.show_today)
        self.refresh_button.clicked.connect(self.refresh)
        self.apology_button.clicked.connect(self.open_apology)
        self.stop_button.clicked.connect(lambda: self.open_closure(withdraw=False))
        self.withdraw_button.clicked.connect(lambda: self.open_closure(withdraw=True))
        self.watch_tabs.currentChanged.connect(self._update_actions)
        for view in (self.overdue_table, self.due_soon_table):
            view.selectionModel().selectionChanged.connect(self._update_actions)
        self._shortcut(QKeySequence(Qt.Key.Key_F5), self.refresh)
        self._shortcut(QKeySequence("Ctrl+L"), self.open_apology)
        self._shortcut(QKeySequence("Ctrl+D"), lambda: self.open_closure(withdraw=False))
        self._shortcut(QKeySequence("Ctrl+W"), lambda: self.open_closure(withdraw=True))  # Ctrl+R: refuse, reception
        self._shortcut(QKeySequence("Ctrl+E"), self.export_button.showMenu)
        self._changed = QTimer(self, singleShot=True, interval=CHANGE_DEBOUNCE_MS)
        self._changed.timeout.connect(self.refresh)
        self._stale = False
        events.dossiers_changed.connect(self._on_dossiers_changed)
        self.timer = QTimer(self, interval=REFRESH_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._update_actions()
        self._mode_changed()  # the first refresh

    @property
    def is_refreshing(self) -> bool:
        return self._busy or self._pending

    # ------------------------------------------------------------------ helpers

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate(), objectName=name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _shortcut(self, keys: QKeySequence, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(keys, self, activated=slot)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def focus_primary(self) -> None:
        self.overdue_table.setFocus()

    def window_dates(self) -> tuple[date, date]:
        start = cast(date, self.start.date().toPython())
        if self.mode.currentData() == "day":
            return start, start
        return start, max(start, cast(date, self.end.date().toPython()))

    def set_day(self, day: date) -> None:
        """Show one day (the day picker's job; also for tests and the "Hôm nay" button)."""
        self.mode.setCurrentIndex(0)
        self.start.setDate(QDate(day.year, day.month, day.day))

    def set_period(self, start: date, end: date) -> None:
        self.mode.setCurrentIndex(1)
        self.start.blockSignals(True)
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.start.blockSignals(False)
        self.end.setDate(QDate(end.year, end.month, end.day))
        self._dates_changed()

    def show_today(self) -> None:
        self.set_day(date.today())
        self.refresh()

    def _mode_changed(self) -> None:
        period = self.mode.currentData() == "period"
        self.end.setVisible(period)
        self.end_label.setVisible(period)
        self._dates_changed()

    def _dates_changed(self) -> None:
        if hasattr(self, "timer"):
            self.refresh()

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def _on_dossiers_changed(self) -> None:
        """A reception, return or sync happened: refresh now if shown, else when next shown."""
        if self.isVisible():
            self._changed.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    # ------------------------------------------------------------------ refresh

    def refresh(self) -> None:
        """Recompute off the GUI thread; a request during a refresh runs once it is done."""
        if self._busy:
            self._pending = True
            return
        self._busy = True
        self.status.setStyleSheet("")
        self.status.setText(tr("Đang cập nhật…"))
        db, ctx = self._db, self._context
        start, end = self.window_dates()
        run_in_background(self, lambda: (stats.dashboard_for(db, ctx, start, end), attention.open_count(db)),
                          self._apply_with_attention, self._failed)

    def _apply_with_attention(self, result: tuple[DashboardStats, int]) -> None:
        s, held = result
        self.attention_label.setText(tr("Trung tâm giữ lại {n} sự kiện: xem trang «Cần xử lý»").format(n=held))
        self.attention_label.setVisible(held > 0)
        self._apply(s)

    def _finish(self) -> None:
        self._busy = False
        if self._pending:
            self._pending = False
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        message = exc.message if isinstance(exc, ServiceError) else tr("Không tính được số liệu: {error}").format(
            error=exc)
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)
        self.refresh_failed.emit(message)
        self._finish()

    def _apply(self, s: DashboardStats) -> None:
        self.stats = s
        channels = ", ".join(f"{tr(CHANNEL_LABELS.get(k, k)).lower()} {v}" for k, v in s.received_by_channel.items())
        d = s.digitisation  # issue #13: digitisation and reuse rates, once checklists were recorded
        digitised = tr("số hóa đủ {rate}, tái sử dụng {reuse}").format(
            rate=rate_text(d.fully_digitised, d.received),
            reuse=rate_text(d.reused_documents, d.provided_documents)) if d.provided_documents else ""
        self.tiles["received"].set(s.received, "; ".join(t for t in (channels, digitised) if t))
        self.tiles["supplements"].set(s.supplement_notices, tr("lần hai: {n}").format(n=s.second_pass_notices))
        self.tiles["refusals"].set(s.refusals)
        r = s.returned
        self.tiles["returned"].set(r.total, tr("trước hạn {e}, đúng hạn {o}, quá hạn {l}").format(
            e=r.early, o=r.on_time, l=r.late))
        self.tiles["closed"].set(s.withdrawn + s.stopped, tr("rút {w}, dừng {s}").format(w=s.withdrawn, s=s.stopped))
        self.tiles["apologies"].set(s.apologies, tr("ban hành sau hạn: {n}").format(n=s.apologies_late))
        u = s.unfinished
        self.tiles["unfinished"].set(u.total, tr("đến {moment}").format(moment=short_moment(s.as_of)))
        self.tiles["within"].set(u.within_deadline, tr("tạm dừng tính thời gian: {n}").format(n=u.paused))
        self.tiles["due_soon"].set(u.due_soon)
        self.tiles["overdue"].set(u.overdue)
        for key, rows in (("desk", s.by_desk), ("officer", s.by_officer), ("procedure", s.by_procedure),
                          ("field", s.by_field)):
            self._set_rows(self.tables[key], self.models[key], rows)
        self.chart.set_points(s.trend)
        self._set_rows(self.indicator_table, self.indicator_model, s.indicators)
        for view, model, watch in ((self.overdue_table, self.overdue_model, s.overdue_list),
                                   (self.due_soon_table, self.due_soon_model, s.due_soon_without_apology)):
            # Keep the selected dossier selected across refreshes; else the first row, so that
            # Ctrl+L / Ctrl+D / Ctrl+W work straight from the keyboard.
            current = view.currentIndex().data(OBJECT_ROLE) if view.currentIndex().isValid() else None
            self._set_rows(view, model, watch)
            codes = [model.row_object(r).code for r in range(model.rowCount())]
            if codes:
                view.selectRow(codes.index(current.code) if current is not None and current.code in codes else 0)
        self._set_rows(self.second_pass_table, self.second_pass_model, s.second_pass)
        shown = len(s.overdue_list)
        overdue_title = tr("Quá hạn ({n})").format(n=s.overdue_total) if shown == s.overdue_total else \
            tr("Quá hạn ({shown}/{n} trễ nhất)").format(shown=shown, n=s.overdue_total)
        self.watch_tabs.setTabText(0, overdue_title)
        self.watch_tabs.setTabText(1, tr("Sắp đến hạn, chưa có văn bản xin lỗi ({n})").format(
            n=len(s.due_soon_without_apology)))
        self.watch_tabs.setTabText(2, tr("Yêu cầu bổ sung lần hai ({n})").format(n=len(s.second_pass)))
        self.status.setStyleSheet("")
        self.status.setText(tr("Cập nhật lúc {time}").format(time=s.now.strftime("%H:%M:%S")))
        self._update_actions()
        self.refreshed.emit()
        self._finish()

    def _set_rows(self, view: QTableView, model: ObjectTableModel, rows) -> None:  # noqa: ANN001
        """New rows, keeping the user's sort column and order."""
        header = view.horizontalHeader()
        model.set_rows(rows)
        if header.sortIndicatorSection() >= 0 and view.isSortingEnabled():
            model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    # ------------------------------------------------------------------ actions

    def selected_item(self) -> WatchItem | None:
        view = {0: self.overdue_table, 1: self.due_soon_table}.get(self.watch_tabs.currentIndex())
        if view is None:
            return None
        index = view.currentIndex()
        if not index.isValid():
            rows = view.selectionModel().selectedRows()
            index = rows[0] if rows else index
        return index.data(OBJECT_ROLE) if index.isValid() else None

    def _update_actions(self) -> None:
        has = self.selected_item() is not None
        self.apology_button.setEnabled(has)
        self.stop_button.setEnabled(has)
        self.withdraw_button.setEnabled(has)

    def _tell(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.message.setText(text)

    def open_apology(self) -> ApologyDialog | None:
        item = self.selected_item()
        if item is None:
            self._tell(tr("Hãy chọn một hồ sơ trong danh sách quá hạn hoặc sắp đến hạn."), error=True)
            return None
        try:
            suggested = supervision.suggest_new_due(self._db, item.code)
        except ServiceError as exc:
            self._tell(exc.message, error=True)
            return None
        self.dialog = ApologyDialog(self._db, self._context, item, suggested=suggested, parent=self)
        self.dialog.accepted.connect(lambda d=self.dialog: self._done(
            tr("Đã lập văn bản xin lỗi, hẹn trả mới {moment}.").format(moment=short_moment(d.result_value.new_due_at)),
            d.result_value.pdf_path, tr("Văn bản xin lỗi và đề nghị gia hạn")))
        self.dialog.open()
        return self.dialog

    def open_closure(self, *, withdraw: bool) -> ClosureDialog | None:
        item = self.selected_item()
        if item is None:
            self._tell(tr("Hãy chọn một hồ sơ trong danh sách quá hạn hoặc sắp đến hạn."), error=True)
            return None
        self.dialog = ClosureDialog(self._db, self._context, item, withdraw=withdraw, parent=self)
        done = tr("Đã ghi nhận rút hồ sơ {code}.") if withdraw else tr("Đã dừng giải quyết hồ sơ {code}.")
        self.dialog.accepted.connect(lambda d=self.dialog: self._done(
            done.format(code=d.item.code), d.result_value.pdf_path, tr("Thông báo dừng giải quyết hồ sơ")))
        self.dialog.open()
        return self.dialog

    def _done(self, message: str, pdf: Path | None, title: str) -> None:
        self._tell(message)
        self._events.dossiers_changed.emit()
        if pdf is not None:
            self.preview = PdfPreviewDialog(pdf, title, self)
            self.preview.open()

    # ------------------------------------------------------------------ export

    def choose_export(self, kind: str, fmt: str) -> None:
        start, end = self.window_dates()
        name = reports.default_name("so-theo-doi" if kind == "book" else "bao-cao", start, end,
                                    reports.ReportFormat(fmt))
        path, _ = QFileDialog.getSaveFileName(self, tr("Lưu báo cáo"), str(Path.home() / name),
                                              "PDF (*.pdf)" if fmt == "pdf" else "Excel (*.xlsx)")
        if path:
            self.export(kind, fmt, Path(path))

    def choose_import(self) -> None:
        """The backlog received before the software: a tracking book in the export's layout."""
        path, _ = QFileDialog.getOpenFileName(self, tr("Chọn sổ theo dõi hồ sơ cần nhập"), str(Path.home()),
                                              "Excel (*.xlsx)")
        if path:
            self.backlog.start(Path(path))

    def export(self, kind: str, fmt: str, path: Path, on_done: Callable[[Path], None] | None = None) -> None:
        """Write the report / tracking book of the shown days off the GUI thread."""
        db = self._db
        start, end = self.window_dates()
        if kind == "book":
            def work() -> Path | str:
                return reports.export_tracking_book(db, start, end, fmt, path)
        elif start == end:
            def work() -> Path | str:
                return reports.export_daily(db, start, fmt, path)
        else:
            def work() -> Path | str:
                return reports.export_period_report(db, start, end, fmt, path)
        self._tell(tr("Đang xuất báo cáo…"))

        def done(result: Path) -> None:
            self._tell(tr("Đã lưu: {path}").format(path=result))
            if on_done is not None:
                on_done(result)

        def failed(exc: Exception) -> None:
            self._tell(exc.message if isinstance(exc, ServiceError) else tr("Không xuất được báo cáo: {error}").format(
                error=getattr(exc, "strerror", None) or exc), error=True)

        run_in_background(self, work, done, failed)
