"""QApplication set-up: bundled fonts, Vietnamese locale, login, then the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale, QThreadPool
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog

from counter_app.models.db import Database
from counter_app.resources import resource_path

UI_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf")
UI_FONT_FAMILY = "Liberation Sans"


def install_fonts(app: QApplication) -> None:
    """The UI font ships with the app, so diacritics render the same on every desk."""
    for name in UI_FONT_FILES:
        QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    font = QFont(UI_FONT_FAMILY)
    font.setPointSize(11)
    app.setFont(font)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Một Cửa Counter")
    app.setOrganizationName("mot-cua-counter")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    install_fonts(app)
    return app


def run(db: Database) -> int:
    from counter_app.services import org

    from .login import LoginDialog
    from .main_window import MainWindow
    from .setup_dialog import SetupDialog

    app = create_application()
    with db.read() as session:
        set_up = org.is_set_up(session)
    if not set_up:
        setup = SetupDialog(db)
        if setup.exec() != QDialog.DialogCode.Accepted:
            return 0
    login = LoginDialog(db)
    if login.exec() != QDialog.DialogCode.Accepted or login.context is None:
        return 0
    window = MainWindow(db, login.context)
    window.show()
    code = app.exec()
    QThreadPool.globalInstance().waitForDone(10_000)  # let a running sync or refresh finish its transaction
    return code
