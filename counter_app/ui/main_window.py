"""Main window: a page list on the left (Alt+1…9), the pages on the right, the desk in the status bar.

Shared counter PCs: Ctrl+Shift+L locks the screen (the same officer's password opens it again
with everything as it was; another officer signing in there switches officer), Ctrl+Shift+U
switches officer, Ctrl+Shift+Q signs out; the idle auto-lock is a desk setting. The work area
is built for the officer signed in (``open_work_area``) and thrown away when another one signs in,
so every action is attributed to the officer signed in at that moment.

The desk application has one top-level window for its whole life. At start-up it is shown empty
(the login form goes in, see ``application.DeskStartup``) before the database, the services or any
page module are imported; ``open_work_area`` then turns the same window into the work area. Keep
the imports at the top of this module to PySide6 and tiny modules: the heavy ones are loaded in
``open_work_area`` (and pre-imported off the GUI thread by the start-up, see ``WORK_AREA_MODULES``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from counter_app.i18n import tr

if TYPE_CHECKING:
    from counter_app.models.db import Database
    from counter_app.services.org import DeskContext

    from .events import DeskEvents
    from .login import LoginForm
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
    "counter_app.ui.rating_window",
)

WINDOW_TITLE = "Một Cửa Counter"


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
        self._fitted = False  # sized for its screen on the first show (see screen_fit)
        self._work_actions: list[QAction] = []  # Alt+1…9 of the current work area
        self._kept_work_area: QWidget | None = None  # the work area while the screen is locked
        self.lock_form: LoginForm | None = None  # the sign-in form of a locked or signed-out window
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

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        if not self._fitted:
            self._fitted = True
            from .screen_fit import fit_main_window

            fit_main_window(self)  # maximised on a 1366×768 or 1280×720 screen
        super().showEvent(event)

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
        self.lock_form = None
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
        self.events.dossier_scanned.connect(self._open_dossier)
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

        self._install_session_menu()
        central = QWidget(objectName="workArea")
        layout = QHBoxLayout(central)
        side = QVBoxLayout()
        side.addWidget(self.nav, 1)
        side.addWidget(self.session_button)
        self.session_button.setFixedWidth(self.nav.width())
        layout.addLayout(side)
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
        # The citizen's rating window (second screen): the officer sees "pending" / "given", never the answer.
        from .rating_window import RatingController

        self.rating = RatingController(db, self)
        self.rating_status = QLabel(objectName="ratingStatus")
        self.statusBar().addWidget(self.rating_status)
        self.rating.status.connect(self._rating_status)
        self.events.rating_requested.connect(
            lambda code, stage, officer=context.officer_id: self.rating.request(code, officer, stage))
        # Events the central refused and kept aside: the status-bar count opens this page.
        self.attention_page = AttentionPage(db, context, self)
        self.add_page(tr("Cần xử lý"), self.attention_page)
        self.sync_status.attention_clicked.connect(lambda: self.show_page(self.attention_page))
        self.sync_controller.finished.connect(lambda *_: self.attention_page.refresh())
        if hasattr(self, "reception_page"):  # online dossiers arrive with a sync (issue #15)
            self.sync_controller.finished.connect(lambda *_: self.reception_page.refresh_online_count())
        self.attention_page.sent.connect(lambda *_: self.sync_controller.refresh_status())
        self._add_backups(db, context)

        self.nav.currentRowChanged.connect(self._show_page)
        if self.isVisible():
            # The window was already on screen (signed in through the login form): show the new
            # widgets now, so the first page can take the keyboard focus at once.
            central.show()
        self.nav.setCurrentRow(0)
        self.sync_controller.start()
        self._start_idle_lock()
        self.backup_controller.start()

    def _add_backups(self, db: Database, context: DeskContext) -> None:
        """Scheduled backups, the settings box under the sync settings, the status-bar note (issue #17)."""
        from .backup_ui import BackupBox, BackupController, BackupStatusLabel, confirm_restored_and_close

        self.backup_controller = BackupController(db, self)
        self.backup_box = BackupBox(db, context, self.backup_controller, self.settings_page,
                                    sync_controller=self.sync_controller)
        self.settings_page.boxes.insertWidget(1, self.backup_box)
        self.backup_box.restored.connect(lambda message: confirm_restored_and_close(self, message))
        self.backup_status = BackupStatusLabel(db, self.backup_controller, self)
        self.statusBar().addWidget(self.backup_status)
        self.sync_controller.finished.connect(lambda _result: self.backup_status.refresh())

    def _rating_status(self, short: str, full: str) -> None:
        self.rating_status.setText(short)
        self.rating_status.setToolTip(full)

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

    def _open_dossier(self, code: str) -> None:
        """A dossier code scanned at the reception page: the return page shows the dossier."""
        self.show_page(self.return_page)
        self.return_page.scan.setText(code)
        self.return_page.process_scan()

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
            self._work_actions.append(action)

    # ------------------------------------------------------------------ shared PCs

    def _install_session_menu(self) -> None:
        """Lock, switch officer, sign out: a menu in the status bar, one shortcut each."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMenu, QToolButton

        if not hasattr(self, "session_actions"):
            self.session_actions = {}
            for name, text, keys, slot in (
                    ("lock", tr("Khóa màn hình"), "Ctrl+Shift+L", self.lock),
                    ("switch", tr("Đổi cán bộ"), "Ctrl+Shift+U", self.switch_officer),
                    ("sign_out", tr("Đăng xuất"), "Ctrl+Shift+Q", self.sign_out)):
                action = QAction(f"{text} ({keys})", self)
                action.setShortcuts([QKeySequence(keys)])
                action.triggered.connect(slot)
                self.addAction(action)
                self.session_actions[name] = action
        # Under the page list, where there is room (the status bar keeps the officer and desk whole).
        self.session_button = QToolButton(objectName="sessionMenu")
        self.session_button.setText(tr("Khóa máy, đăng xuất…"))
        self.session_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.session_button)
        for action in self.session_actions.values():
            menu.addAction(action)
        self.session_button.setMenu(menu)
        self.session_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for action in self.session_actions.values():
            action.setEnabled(True)

    def _start_idle_lock(self) -> None:
        from counter_app.services import org

        from .shared_pc import IdleLock

        if not hasattr(self, "idle_lock"):
            self.idle_lock = IdleLock(self.lock, self)
        self.idle_lock.set_minutes(org.idle_lock_minutes(self.db))

    def is_locked(self) -> bool:
        return self._kept_work_area is not None

    def lock(self, *, switching: bool = False) -> None:
        """Hide the work area behind a sign-in form; what was on screen waits for the same officer."""
        from .login import LoginForm

        if not self.has_work_area() or self.is_locked():
            return
        self._kept_work_area = self.takeCentralWidget()
        for action in (*self._work_actions, *self.session_actions.values()):
            action.setEnabled(False)
        self.sync_status.setEnabled(False)  # "Đồng bộ ngay", "Cần xử lý": nothing acts behind the lock
        form = self.lock_form = LoginForm()
        form.set_locked(self.context.officer_name, switching=switching)
        form.set_ready(self.db)
        form.signed_in.connect(self._unlocked)
        form.quit_requested.connect(self.close)
        self.setCentralWidget(form)
        form.show()
        form.username.setFocus()

    def switch_officer(self) -> None:
        """Another officer takes the desk: the lock form, where their sign-in replaces the work area."""
        self.lock(switching=True)

    def _unlocked(self, context: DeskContext) -> None:
        kept, self._kept_work_area = self._kept_work_area, None
        if kept is None:
            return
        if context.officer_id == self.context.officer_id:
            self.setCentralWidget(kept)  # the lock form goes; everything typed is still there
            kept.show()
            for action in (*self._work_actions, *self.session_actions.values()):
                action.setEnabled(True)
            self.sync_status.setEnabled(True)
            self.lock_form = None
            self.idle_lock.touch()
            self._show_page(self.pages.currentIndex())
            return
        kept.deleteLater()  # the previous officer's work area: nothing of it acts for the new one
        self._close_work_area(keep_central=True)
        self.open_work_area(self.db, context)

    def sign_out(self) -> None:
        """The officer leaves: the work area is thrown away, the sign-in form takes the window."""
        from .login import LoginForm

        if not self.has_work_area():
            return
        if self._kept_work_area is not None:
            self._kept_work_area.deleteLater()
            self._kept_work_area = None
        db = self.db
        self._close_work_area()
        form = self.lock_form = LoginForm()
        form.set_ready(db)
        form.signed_in.connect(lambda context: self.open_work_area(db, context))
        form.quit_requested.connect(self.close)
        self.setCentralWidget(form)
        form.show()
        form.username.setFocus()

    def _close_work_area(self, *, keep_central: bool = False) -> None:
        """Stop and drop everything of the signed-in officer's work area (pages, timers, status bar)."""
        self.sync_controller.stop()
        self.sync_controller.deleteLater()
        self.idle_lock.set_minutes(0)
        for action in self._work_actions:
            self.removeAction(action)
            action.deleteLater()
        self._work_actions = []
        self.rating.close()
        self.rating.deleteLater()
        for widget in (self.officer_label, self.sync_status, self.rating_status):
            self.statusBar().removeWidget(widget)
            widget.deleteLater()
        if not keep_central:
            central = self.takeCentralWidget()
            if central is not None:
                central.deleteLater()
        for name in ("context", "events", "reception_page", "catalog_page", "return_page", "search_page",
                     "dashboard_page", "officers_page", "settings_page"):
            if name in self.__dict__:
                delattr(self, name)
        self.setWindowTitle(tr(WINDOW_TITLE))
