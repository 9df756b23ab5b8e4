"""Main window: a page list on the left (Alt+1…9), the pages on the right, the desk in the status bar.

The desk application has one top-level window for its whole life. At start-up it is shown empty
(the login form goes in, see ``application.DeskStartup``) before the database, the services or any
page module are imported; ``open_work_area`` then turns the same window into the work area. Keep
the imports at the top of this module to PySide6 and tiny modules: the heavy ones are loaded in
``open_work_area`` (and pre-imported off the GUI thread by the start-up, see ``WORK_AREA_MODULES``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:
    from counter_app.models.db import Database
    from counter_app.services.org import DeskContext

    from .events import DeskEvents
    from .sync_status import SyncController

# Everything open_work_area imports; the start-up imports them off the GUI thread while the
# officer types their password, so signing in does not freeze on imports.
WORK_AREA_MODULES = (
    "counter_app.models",
    "counter_app.services.org",
    "counter_app.ui.events",
    "counter_app.ui.reception_page",
    "counter_app.ui.catalog_page",
    "counter_app.ui.return_page",
    "counter_app.ui.search_page",
    "counter_app.ui.dashboard_page",
    "counter_app.ui.officers_page",
    "counter_app.ui.settings_page",
    "counter_app.ui.sync_status",
)

WINDOW_TITLE = "Một Cửa Counter"


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # the context lupdate gives bare tr() calls


class MainWindow(QMainWindow):
    """``MainWindow(db, context)`` is the work area at once; ``MainWindow()`` an empty shell for start-up."""

    db: Database
    context: DeskContext
    events: DeskEvents
    sync_controller: SyncController

    def __init__(self, db: Database | None = None, context: DeskContext | None = None,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(tr(WINDOW_TITLE))
        self.resize(1280, 800)
        quit_action = QAction(tr("Thoát"), self)
        # Ctrl+Q where the platform has no Quit key (Windows, offscreen). setShortcuts, not
        # setShortcut: the latter's overloads create the Qt namespace's enums (13 ms of a cold start).
        quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        if context is not None:
            if db is None:
                raise ValueError("MainWindow needs the database with the context")
            self.open_work_area(db, context)

    def has_work_area(self) -> bool:
        return hasattr(self, "context")

    def open_work_area(self, db: Database, context: DeskContext) -> None:
        """Build the pages for the signed-in officer; replaces whatever the window showed (the login form)."""
        from counter_app.models import Role

        from .attention_page import AttentionPage
        from .catalog_page import CatalogPage
        from .dashboard_page import DashboardPage
        from .events import DeskEvents
        from .officers_page import OfficersPage
        from .reception_page import ReceptionPage
        from .return_page import ReturnPage
        from .search_page import SearchPage
        from .settings_page import SettingsPage
        from .sync_status import SyncController, SyncStatusWidget
        from .widgets import ElidedLabel

        if self.has_work_area():
            raise RuntimeError("the work area is already open")
        self.db = db
        self.context = context
        self.events = DeskEvents(self)
        self.setWindowTitle(tr("Một Cửa Counter — {unit}, quầy số {desk}").format(
            unit=context.unit_name, desk=context.desk_number))

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
        if context.has_role(Role.SUPERVISOR) or context.has_role(Role.ADMIN):
            from .calendar_page import CalendarPage

            self.calendar_page = CalendarPage(db, context, self)
            self.add_page(tr("Lịch làm việc"), self.calendar_page)

        central = QWidget(objectName="workArea")
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)  # deletes the login form, if there was one

        # Officer and desk first: on a narrow (1366-pixel) screen the unit name is cut with "…"
        # rather than widening the window; the tooltip (and the window title) has all of it.
        head = tr("Cán bộ: {name} · Quầy số {desk}").format(name=context.officer_name, desk=context.desk_number)
        self.officer_label = ElidedLabel(tr("{head} · {unit} ({code})").format(
            head=head, unit=context.unit_name, code=context.agency_code), objectName="officerDesk")
        head_width = self.officer_label.fontMetrics().horizontalAdvance(head + " · …")
        self.officer_label.set_min_width(min(head_width + 4, 420))
        self.officer_label.setToolTip(tr("Cán bộ: {name}\nĐơn vị: {unit} ({code})\nQuầy số {desk}").format(
            name=context.officer_name, unit=context.unit_name, code=context.agency_code, desk=context.desk_number))
        self.statusBar().addPermanentWidget(self.officer_label)

        # Sync with the central system: settings page, status-bar indicator, "Đồng bộ ngay".
        self.sync_controller = SyncController(db, self, events=self.events)
        self.settings_page = SettingsPage(db, context, self.sync_controller, self)
        self.add_page(tr("Cài đặt"), self.settings_page)
        self.sync_status = SyncStatusWidget(self.sync_controller, self)
        self.statusBar().addWidget(self.sync_status)
        # Events the central refused and kept aside: the status-bar count opens this page.
        self.attention_page = AttentionPage(db, context, self)
        self.add_page(tr("Cần xử lý"), self.attention_page)
        self.sync_status.attention_clicked.connect(lambda: self.show_page(self.attention_page))
        self.sync_controller.finished.connect(lambda *_: self.attention_page.refresh())
        self.attention_page.sent.connect(lambda *_: self.sync_controller.refresh_status())

        self.nav.currentRowChanged.connect(self._show_page)
        if self.isVisible():
            # The window was already on screen (signed in through the login form): show the new
            # widgets now, so the first page can take the keyboard focus at once.
            central.show()
        self.nav.setCurrentRow(0)
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
        from PySide6.QtCore import Qt  # not at the top: its enums cost 13 ms of the cold start

        index = self.pages.addWidget(page)
        self.nav.addItem(title)
        if index < 9:
            action = QAction(self)
            action.setShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key(Qt.Key.Key_1 + index)))
            action.triggered.connect(lambda _=False, i=index: self.nav.setCurrentRow(i))
            self.addAction(action)
