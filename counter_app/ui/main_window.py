"""Main window: a page list on the left (Alt+1…9), the pages on the right, the desk in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from counter_app.models import Role
from counter_app.models.db import Database
from counter_app.services.org import DeskContext

from .catalog_page import CatalogPage
from .dashboard_page import DashboardPage
from .events import DeskEvents
from .officers_page import OfficersPage
from .reception_page import ReceptionPage
from .return_page import ReturnPage
from .search_page import SearchPage
from .settings_page import SettingsPage
from .sync_status import SyncController, SyncStatusWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, context: DeskContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.db = db
        self.context = context
        self.events = DeskEvents(self)
        self.setWindowTitle(tr("Một Cửa Counter — {unit}, quầy số {desk}").format(
            unit=context.unit_name, desk=context.desk_number))
        self.resize(1280, 800)

        self.nav = QListWidget(objectName="navigation")
        self.nav.setFixedWidth(200)
        self.pages = QStackedWidget()
        if context.has_role(Role.RECEPTION):
            self.reception_page = ReceptionPage(db, context, self.events, self)
            self.add_page(tr("Tiếp nhận hồ sơ"), self.reception_page)
            self.events.notice_scanned.connect(self._open_notice)
        self.catalog_page = CatalogPage(db, self)
        self.add_page(tr("Danh mục thủ tục"), self.catalog_page)
        # Result return and dossier search. Officers without the return role still scan here to
        # tell a citizen where the dossier stands; the hand-over form needs the role.
        self.return_page = ReturnPage(db, context, self.events, self)
        self.add_page(tr("Trả kết quả"), self.return_page)
        self.search_page = SearchPage(db, context, self.events, self)
        self.add_page(tr("Tra cứu hồ sơ"), self.search_page)
        if not hasattr(self, "reception_page"):  # a notice scanned here belongs to a reception desk
            self.events.notice_scanned.connect(lambda code: self.statusBar().showMessage(
                tr("Mã {code} là phiếu yêu cầu bổ sung: mời công dân sang quầy tiếp nhận.").format(code=code), 15000))
        # Supervision: the dashboard for supervisors only, officer administration for admins only.
        if context.has_role(Role.SUPERVISOR):
            self.dashboard_page = DashboardPage(db, context, self.events, self)
            self.add_page(tr("Bảng theo dõi"), self.dashboard_page)
        if context.has_role(Role.ADMIN):
            self.officers_page = OfficersPage(db, context, self.events, self)
            self.add_page(tr("Quản lý cán bộ"), self.officers_page)
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        who = QLabel(tr("Cán bộ: {name} · {unit} ({code}) · Quầy số {desk}").format(
            name=context.officer_name, unit=context.unit_name, code=context.agency_code, desk=context.desk_number))
        self.statusBar().addPermanentWidget(who)

        quit_action = QAction(tr("Thoát"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

        # Sync with the central system: settings page, status-bar indicator, "Đồng bộ ngay".
        self.sync_controller = SyncController(db, self, events=self.events)
        self.settings_page = SettingsPage(db, context, self.sync_controller, self)
        self.add_page(tr("Cài đặt"), self.settings_page)
        self.sync_status = SyncStatusWidget(self.sync_controller, self)
        self.statusBar().addWidget(self.sync_status)
        self.sync_controller.start()

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        page = self.pages.widget(index)
        focus = getattr(page, "focus_primary", None)
        if callable(focus):
            focus()

    def _open_notice(self, code: str) -> None:
        """A notice scanned at another page continues at the reception page."""
        self.show_page(self.reception_page)
        self.reception_page.open_notice(code)

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def add_page(self, title: str, page: QWidget) -> None:
        index = self.pages.addWidget(page)
        self.nav.addItem(title)
        if index < 9:
            action = QAction(self)
            action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key(Qt.Key.Key_1 + index)))
            action.triggered.connect(lambda _=False, i=index: self.nav.setCurrentRow(i))
            self.addAction(action)
