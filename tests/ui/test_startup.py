"""Start-up: the main window with the login form first, the database opened behind it.

``counter-app`` shows its one main window before SQLAlchemy, the services or any page module are
imported; the database opens off the GUI thread while the officer types; signing in turns the same
window into the work area. Failures to open the database are told in the window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool

from counter_app.ui import application
from counter_app.ui.application import DeskStartup
from counter_app.ui.login import LoginForm
from counter_app.ui.main_window import MainWindow
from tests.ui.qt_helpers import show_active, type_text

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "tests" / "data" / "screens.json"

SHOWN_BEFORE_DB = r"""
import json, sys
from counter_app.ui import application

seen = {}
open_database = application.DeskStartup.open_database

def spy(self):  # called by start() right after window.show()
    app = application.QApplication.instance()
    seen.update(sqlalchemy="sqlalchemy" in sys.modules, visible=self.window.isVisible(),
                title=self.window.windowTitle(), size=[self.window.width(), self.window.height()],
                maximized=self.window.isMaximized(),
                frame=self.window.frameGeometry().getRect(), screen=app.primaryScreen().geometry().getRect(),
                login_form=self.window.centralWidget() is self.form,
                top_level=[w is self.window for w in app.topLevelWidgets() if w.isVisible()],
                ours=sorted(m for m in sys.modules if m.startswith("counter_app")),
                qt=sorted(m.split(".")[1] for m in sys.modules if m.startswith("PySide6.Qt")))
    self.ready.connect(lambda db: (seen.update(ready=True, sqlalchemy_when_ready="sqlalchemy" in sys.modules),
                                   self.window.close()))
    open_database(self)

application.DeskStartup.open_database = spy
from counter_app import cli  # the `counter-app` entry point: cli -> app.run_gui -> application.start

seen["exit"] = cli.main(["--db", sys.argv[1]])
print(json.dumps(seen))
"""


def test_window_with_the_login_form_is_shown_before_sqlalchemy_is_imported(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={SCREENS}"}  # a 1366×768 desk screen
    out = subprocess.run([sys.executable, "-c", SHOWN_BEFORE_DB, str(tmp_path / "desk.sqlite")], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["sqlalchemy"] is False
    assert seen["visible"] and seen["login_form"] and seen["title"] == "Một Cửa Counter"
    assert seen["top_level"] == [True]  # the one main window, maximised on the 1366×768 screen
    assert seen["maximized"] and seen["screen"] == [0, 0, 1366, 768], seen
    x, y, w, h = seen["frame"]
    assert x >= 0 and y >= 0 and x + w <= 1366 and y + h <= 768 and seen["size"][1] > 700, seen
    assert set(seen["qt"]) <= {"QtCore", "QtGui", "QtWidgets"}
    assert set(seen["ours"]) <= {"counter_app", "counter_app.app", "counter_app.cli", "counter_app.resources",
                                 "counter_app.usage",  # the command line's parser: argparse and i18n only
                                 "counter_app.domain.storage",  # the error classes, stdlib only
                                 "counter_app.services", "counter_app.services.errors", "counter_app.ui",
                                 "counter_app.domain", "counter_app.domain.errors",
                                 "counter_app.ui.application", "counter_app.ui.login", "counter_app.logs",
                                 "counter_app.ui.diagnostics", "counter_app.i18n", "counter_app.ui.translations",
                                 "counter_app.ui.language",  # the language setting, split out of translations
                                 "counter_app.ui.main_window", "counter_app.ui.operations",
                                 "counter_app.ui.screen_fit", "counter_app.ui.qt_vietnamese"}, seen["ours"]
    assert seen.get("ready") and seen["sqlalchemy_when_ready"], seen  # then the database opened behind it
    assert seen["exit"] == 0


@pytest.fixture
def start_desk(qtbot):
    """``start_desk(path, demo_setup=...)``: what ``application.start`` does, on the tests' QApplication."""
    started: list[DeskStartup] = []

    def start(path: Path, *, demo_setup: bool = True, before_open=None) -> DeskStartup:  # noqa: ANN001
        window = MainWindow()
        startup = DeskStartup(window, path, demo_setup=demo_setup)
        started.append(startup)
        show_active(qtbot, window)
        if before_open is not None:
            before_open(startup)
        startup.open_database()
        return startup

    yield start
    QThreadPool.globalInstance().waitForDone(10_000)
    for startup in started:
        if startup.window.has_work_area():
            startup.window.sync_controller.stop()
    QThreadPool.globalInstance().waitForDone(10_000)
    for startup in started:
        if startup.db is not None:
            startup.db.dispose()


@pytest.fixture
def desk_path(db, db_path):
    """A set-up desk database (small catalog, demo unit, desk and officer), closed again."""
    db.dispose()
    return db_path


def test_keyboard_only_login_turns_the_same_window_into_the_work_area(desk_path, start_desk, qtbot, tmp_path):
    startup = start_desk(desk_path)
    window, form = startup.window, startup.form
    assert isinstance(window.centralWidget(), LoginForm) and form.username.hasFocus()
    assert window.windowTitle() == "Một Cửa Counter"
    with qtbot.waitSignal(startup.ready, timeout=30_000):
        pass
    assert form.login_button.isEnabled() and form.status.text() == ""
    qtbot.keyClicks(form.username, "demo")
    qtbot.keyClick(form.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.password, "demo")
    window.grab().save(str(tmp_path / "startup_login.png"))
    with qtbot.waitSignal(startup.signed_in, timeout=10_000):
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert window.has_work_area() and window.centralWidget().objectName() == "workArea"
    assert window.isVisible() and "quầy số 1" in window.windowTitle()
    assert window.pages.currentWidget() is window.reception_page
    qtbot.waitUntil(window.reception_page.procedure_search.hasFocus, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.catalog_page and window.catalog_page.search.hasFocus()
    window.grab().save(str(tmp_path / "startup_main.png"))
    assert (tmp_path / "startup_login.png").stat().st_size > 5_000


def test_enter_before_the_database_is_ready_signs_in_once_it_is(desk_path, start_desk, qtbot, monkeypatch):
    release = threading.Event()
    real_open = application._open_in_background

    def slow_open(*args, **kwargs):  # noqa: ANN002, ANN003
        assert release.wait(20), "the test never released the database"
        return real_open(*args, **kwargs)

    monkeypatch.setattr(application, "_open_in_background", slow_open)
    startup = start_desk(desk_path)
    form = startup.form
    assert form.status.text() == "Đang mở cơ sở dữ liệu…" and not form.login_button.isEnabled()
    type_text(form.username, "demo")
    qtbot.keyClick(form.username, Qt.Key.Key_Tab)
    type_text(form.password, "demo")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert form.is_pending() and not startup.window.has_work_area()
    assert "sẽ đăng nhập ngay khi sẵn sàng" in form.status.text()
    assert form.username.text() == "demo" and form.password.text() == "demo"
    with qtbot.waitSignal(startup.signed_in, timeout=30_000) as signed_in:
        release.set()
    assert signed_in.args[0].officer_name == "Nguyễn Thị Minh Thư"
    assert startup.window.has_work_area() and startup.window.pages.currentWidget() is startup.window.reception_page


def test_wrong_password_is_told_in_the_form_and_nothing_else_changes(desk_path, start_desk, qtbot):
    startup = start_desk(desk_path)
    form = startup.form
    with qtbot.waitSignal(startup.ready, timeout=30_000):
        pass
    qtbot.keyClicks(form.username, "demo")
    qtbot.keyClick(form.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.password, "sai")
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert form.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert form.password.text() == "" and form.username.text() == "demo" and form.password.hasFocus()
    assert startup.window.centralWidget() is form and not startup.window.has_work_area()
    assert startup.window.windowTitle() == "Một Cửa Counter" and form.login_button.isEnabled()


@pytest.mark.parametrize("case", ["parent_is_a_file", "garbage_file"])
def test_database_that_cannot_be_opened_is_told_in_the_window(case, start_desk, qtbot, tmp_path):
    if case == "parent_is_a_file":
        (tmp_path / "not-a-dir").write_text("x")
        path = tmp_path / "not-a-dir" / "desk.sqlite"
        expected = "trên đường dẫn có một tệp trùng tên thư mục"
    else:
        path = tmp_path / "desk.sqlite"
        path.write_bytes(b"this is not SQLite \x00\xff" * 512)
        expected = "bị hỏng hoặc không phải cơ sở dữ liệu của Một Cửa Counter"
    startup = start_desk(path)
    form = startup.form
    type_text(form.username, "demo")
    with qtbot.waitSignal(startup.failed, timeout=30_000) as failed:
        pass
    assert expected in failed.args[0] and str(path.parent if case == "parent_is_a_file" else path) in failed.args[0]
    assert form.error.text() == failed.args[0] and "Traceback" not in form.error.text()
    assert not form.login_button.isEnabled() and not form.password.isEnabled()
    assert startup.db is None and startup.window.centralWidget() is form
    form.password.setText("demo")
    form.submit()  # Enter can do nothing now
    assert not startup.window.has_work_area()
    assert form.quit_button.isEnabled() and form.quit_button.hasFocus()
    qtbot.keyClick(form.quit_button, Qt.Key.Key_Return)  # "Thoát" quits
    assert not startup.window.isVisible()


@pytest.fixture
def empty_desk_path(empty_db, db_path):
    """Migrated, with the small catalog (so the bundled one is not loaded), but no unit or officer."""
    from counter_app.services import catalog
    from tests.conftest import SMALL_CATALOG

    catalog.import_file(empty_db, SMALL_CATALOG)
    empty_db.dispose()
    return db_path


def test_empty_database_without_demo_asks_for_the_setup_before_login(empty_desk_path, start_desk, qtbot):
    from tests.ui.test_setup_dialog import fill

    startup = start_desk(empty_desk_path, demo_setup=False)
    qtbot.waitUntil(lambda: startup.setup_dialog is not None and startup.setup_dialog.isVisible(), timeout=30_000)
    dialog = startup.setup_dialog
    assert not startup.form.is_ready()  # no login before the desk is set up
    fill(dialog)
    with qtbot.waitSignal(startup.ready, timeout=10_000):
        qtbot.keyClick(dialog.inputs["password_again"], Qt.Key.Key_Return)
    form = startup.form
    assert form.username.text() == "ntlan"
    qtbot.waitUntil(form.password.hasFocus, timeout=3000)  # the main window is active again
    type_text(form.password, "mat-khau-1")
    with qtbot.waitSignal(startup.signed_in, timeout=10_000) as signed_in:
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert signed_in.args[0].officer_name == "Ngô Thị Lan"
    assert startup.window.has_work_area() and "Trung tâm Phục vụ hành chính công phường An Xuyên" in (
        startup.window.windowTitle())


def test_cancelling_the_first_run_setup_quits(empty_desk_path, start_desk, qtbot):
    startup = start_desk(empty_desk_path, demo_setup=False)
    qtbot.waitUntil(lambda: startup.setup_dialog is not None and startup.setup_dialog.isVisible(), timeout=30_000)
    startup.setup_dialog.reject()  # "Thoát" or Esc
    assert not startup.window.isVisible() and not startup.window.has_work_area()


def _sqlalchemy_error(message: str) -> Exception:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    return OperationalError("PRAGMA journal_mode=WAL", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize(("make_error", "expected"), [
    (lambda: _sqlalchemy_error("database or disk is full"), "Ổ đĩa đã đầy"),
    (lambda: OSError(28, "No space left on device"), "Ổ đĩa đã đầy"),
    (lambda: _sqlalchemy_error("attempt to write a readonly database"), "Không có quyền ghi cơ sở dữ liệu"),
    (lambda: PermissionError(13, "Permission denied", "/srv/desk"), "Không có quyền ghi vào «/srv/desk»"),
    (lambda: _sqlalchemy_error("unable to open database file"), "thư mục không tồn tại hoặc không có quyền ghi"),
    (lambda: _sqlalchemy_error("database is locked"), "đang bị một chương trình khác giữ"),
])
def test_open_errors_are_told_in_vietnamese(make_error, expected):
    message = application.describe_open_error(make_error(), "/srv/desk/desk.sqlite")
    assert expected in message, message


def test_a_database_newer_than_the_app_is_told_in_the_window(desk_path, start_desk, qtbot):
    from sqlalchemy import text

    from counter_app.models.db import Database

    db = Database(desk_path)
    with db.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.dispose()
    startup = start_desk(desk_path)
    with qtbot.waitSignal(startup.failed, timeout=30_000) as failed:
        pass
    assert "Không nâng cấp được cơ sở dữ liệu" in failed.args[0] and startup.form.error.text() == failed.args[0]
    assert not startup.form.login_button.isEnabled()
