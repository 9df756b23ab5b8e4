"""QApplication set-up and the desk's start-up: the window first, the database behind it.

``start()`` shows the application's one main window with the login form before SQLAlchemy, the
services or any page module are imported (cold start close to a bare PySide6 window). Right
after the show, ``DeskStartup`` opens the database off the GUI thread and pre-imports the page
modules while the officer types; then the first-run set-up dialog if the desk is not set up yet,
then signing in turns the same window into the work area (``MainWindow.open_work_area``).

Only PySide6 and tiny modules of ours may be imported at the top of this module.
"""

from __future__ import annotations

import errno
import gc
import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from counter_app.i18n import tr
from counter_app.resources import resource_path

from .login import LoginForm
from .main_window import WORK_AREA_MODULES, MainWindow
from .operations import run_in_background

if TYPE_CHECKING:
    from counter_app.models.db import Database
    from counter_app.services.org import DeskContext

    from .setup_dialog import SetupDialog

log = logging.getLogger(__name__)

UI_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf")
UI_FONT_FAMILY = "Liberation Sans"


def install_fonts(app: QApplication) -> None:
    """The UI font ships with the app, so diacritics render the same on every desk."""
    for name in UI_FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    font = QFont(UI_FONT_FAMILY)
    font.setPointSize(11)
    app.setFont(font)


def install_qt_vietnamese(app: QApplication) -> None:
    """Qt's own visible strings (context menus, standard buttons, print and file dialogs) in
    Vietnamese: Qt's ``qtbase_vi`` if the installation has one, else ours (PySide6 ships none)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt = QTranslator(app)
    locale = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        return
    from .qt_vietnamese import QtVietnamese

    app.installTranslator(QtVietnamese(app))


def create_application(argv: list[str] | None = None) -> QApplication:
    app = cast(QApplication, QApplication.instance()) or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Một Cửa Counter")
    app.setOrganizationName("mot-cua-counter")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    install_fonts(app)
    from .translations import install_translation

    if install_translation(app) == "vi":  # the screens' language (Settings → Ngôn ngữ); forms print in Vietnamese
        install_qt_vietnamese(app)  # and Qt's own texts (menus, standard buttons, print dialog) with them
    return app


def _open_in_background(db_path: Path | str | None, demo_setup: bool) -> tuple[Database, bool]:
    """Worker: migrate and fill the database, tell whether the desk is set up, warm the imports.

    Runs off the GUI thread: plain data in, plain data out, no widget.
    """
    from counter_app.services import org
    from counter_app.services.desk_database import open_desk_database

    db = open_desk_database(db_path, demo_setup=demo_setup, recreate=False)  # a known desk gone: said, not made anew
    try:
        set_up = org.desk_is_set_up(db)
    except BaseException:
        db.dispose()
        raise
    for name in (*WORK_AREA_MODULES, "counter_app.ui.setup_dialog"):
        importlib.import_module(name)  # so that signing in does not stop on imports
    return db, set_up


def describe_open_error(exc: BaseException, path: Path | str | None) -> str:
    """One Vietnamese message for a database that could not be opened, fit for the officer."""
    import sqlite3

    from counter_app.domain.storage import causes
    from counter_app.services.errors import ServiceError

    where = f"«{path}»" if path else tr("của quầy")
    for item in causes(exc):
        if isinstance(item, ServiceError):
            return item.message
        if isinstance(item, sqlite3.DatabaseError):
            text = str(item).lower()
            if "not a database" in text or "malformed" in text or "encrypted" in text:
                return tr("Tệp cơ sở dữ liệu {where} bị hỏng hoặc không phải cơ sở dữ liệu của Một Cửa Counter. "
                          "Hãy khôi phục tệp từ bản sao lưu, hoặc chọn tệp khác (--db).").format(where=where)
            if "full" in text:
                return tr("Ổ đĩa đã đầy: không ghi được cơ sở dữ liệu {where}. "
                          "Hãy giải phóng dung lượng rồi mở lại phần mềm.").format(where=where)
            if "readonly" in text or "read-only" in text:
                return tr("Không có quyền ghi cơ sở dữ liệu {where}. "
                          "Hãy kiểm tra quyền của tệp và thư mục, hoặc chọn tệp khác (--db).").format(where=where)
            if "locked" in text or "busy" in text:
                return tr("Cơ sở dữ liệu {where} đang bị một chương trình khác giữ. "
                          "Hãy đóng chương trình đó rồi mở lại phần mềm.").format(where=where)
            if "unable to open" in text:
                return tr("Không mở được tệp cơ sở dữ liệu {where}: thư mục không tồn tại hoặc không có quyền ghi. "
                          "Hãy chọn tệp khác (--db).").format(where=where)
            if "disk i/o" in text:
                return tr("Lỗi đọc/ghi ổ đĩa khi mở cơ sở dữ liệu {where}. "
                          "Hãy kiểm tra ổ đĩa rồi mở lại phần mềm.").format(where=where)
        if isinstance(item, OSError):
            name = item.filename or path
            if item.errno == errno.ENOSPC:
                return tr("Ổ đĩa đã đầy: không ghi được cơ sở dữ liệu {where}. "
                          "Hãy giải phóng dung lượng rồi mở lại phần mềm.").format(where=where)
            if item.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return tr("Không có quyền ghi vào «{name}». Hãy kiểm tra quyền của thư mục, "
                          "hoặc chọn tệp khác (--db).").format(name=name)
            if item.errno in (errno.EEXIST, errno.ENOTDIR):
                return tr("Không tạo được thư mục «{name}» cho cơ sở dữ liệu: trên đường dẫn có một tệp "
                          "trùng tên thư mục. Hãy chọn đường dẫn khác (--db).").format(name=name)
            return tr("Không mở được cơ sở dữ liệu {where}: {error}").format(
                where=where, error=item.strerror or item)
        if type(item).__module__.startswith("alembic"):
            return tr("Không nâng cấp được cơ sở dữ liệu {where} lên phiên bản mới: {error}. "
                      "Hãy khôi phục từ bản sao lưu hoặc liên hệ bộ phận kỹ thuật.").format(where=where, error=item)
    return tr("Không mở được cơ sở dữ liệu {where}: {error}").format(where=where, error=exc)


class DeskStartup(QObject):
    """Drives the main window from the login form to the work area.

    ``ready(Database)`` when the database is open and signing in is possible, ``failed(str)``
    with the message shown when it could not be opened, ``signed_in(DeskContext)`` once the
    window shows the work area.
    """

    ready = Signal(object)
    failed = Signal(str)
    signed_in = Signal(object)
    damage_found = Signal(str)  # the full integrity check after a start whose quick check ran out of time

    def __init__(self, window: MainWindow, db_path: Path | str | None = None, *, demo_setup: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.db_path = db_path
        self.demo_setup = demo_setup
        self.db: Database | None = None
        self.error: str | None = None  # why the database could not be opened
        self.integrity_checked: bool | None = None  # the full check after a partial one: None not needed
        self.setup_dialog: SetupDialog | None = None
        self.form = LoginForm()
        window.setCentralWidget(self.form)
        self.form.quit_requested.connect(window.close)
        self.form.signed_in.connect(self._signed_in)

    def open_database(self) -> None:
        """Open the database off the GUI thread; the login form takes typing meanwhile."""
        self.form.set_opening()
        run_in_background(self, lambda: _open_in_background(self.db_path, self.demo_setup),
                          self._opened, self._open_failed)

    def _opened(self, result: tuple[Database, bool]) -> None:
        self.db, set_up = result
        if self.db.fully_checked is False:
            self._check_in_full(self.db)
        if set_up:
            self._ready()
            return
        from .setup_dialog import SetupDialog

        self.form.status.setText(tr("Quầy chưa được thiết lập: mời nhập thông tin đơn vị và cán bộ đầu tiên."))
        self.setup_dialog = SetupDialog(self.db, self.window)
        self.setup_dialog.finished.connect(self._setup_finished)
        self.setup_dialog.open()

    def _setup_finished(self, result: int) -> None:
        dialog, self.setup_dialog = self.setup_dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self.window.close()  # cancelling the first-run set-up quits, as before
            return
        self.form.prefill(dialog.text("username"))
        self.window.activateWindow()
        self._ready()

    def _ready(self) -> None:
        assert self.db is not None
        log.info("desk database open (%s): ready to sign in", self.db_path or "default path")
        self.form.set_ready(self.db)
        self.ready.emit(self.db)
        self.form.resume_pending()  # Enter was pressed while the database was opening: sign in now

    def _open_failed(self, exc: Exception) -> None:
        path = self.db_path
        if path is None:
            try:
                from counter_app.models.db import default_db_path

                path = default_db_path()
            except Exception:  # noqa: BLE001 - the message goes without the path
                path = None
        # One line on the console (the window says it in Vietnamese); the traceback at debug level.
        log.warning("the desk database %s could not be opened: %r", path, exc)
        log.debug("opening the desk database failed", exc_info=exc)
        message = describe_open_error(exc, path)
        self.error = message
        self.form.set_failed(message)
        self.failed.emit(message)

    def _check_in_full(self, db: Database) -> None:
        """The file was too large to check within the start's budget: the whole check runs now, off the
        GUI thread, while the officer signs in and works; damage found is said at once (never assumed
        sound)."""
        from counter_app.services.desk_database import full_check

        self.integrity_checked = False
        run_in_background(self, lambda: full_check(db), self._checked_in_full, self._damage_found)

    def _checked_in_full(self, _result: object) -> None:
        self.integrity_checked = True

    def _damage_found(self, exc: Exception) -> None:
        message = describe_open_error(exc, self.db_path)
        log.warning("the full integrity check of %s failed: %r", self.db_path, exc)
        self.error = message
        if not self.window.has_work_area():
            self.form.set_failed(message)  # not signed in yet: no work on a damaged file
        else:
            box = QMessageBox(QMessageBox.Icon.Critical, tr("Tệp dữ liệu bị hỏng"), message,
                              QMessageBox.StandardButton.Ok, self.window)
            box.setObjectName("integrityMessage")
            box.open()
        self.damage_found.emit(message)

    def _signed_in(self, context: DeskContext) -> None:
        assert self.db is not None
        if self.window.has_work_area():  # a second click that was already queued
            return
        self.window.open_work_area(self.db, context)
        # Everything loaded so far (modules, pages, the catalog index) lives as long as the window.
        # Frozen, the collector stops walking it: a full collection during a scan or a dashboard
        # refresh drops from ~100 ms to ~5 ms (bench: dashboard p99 170 -> 75 ms).
        gc.freeze()
        self.signed_in.emit(context)


def start(db_path: Path | str | None = None, *, demo_setup: bool = True,
          argv: list[str] | None = None) -> DeskStartup:
    """Show the main window with the login form now; open the database right after, off the GUI thread."""
    create_application(argv)
    window = MainWindow()
    startup = DeskStartup(window, db_path, demo_setup=demo_setup)
    window.show()
    startup.open_database()
    return startup
