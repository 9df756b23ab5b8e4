"""Login form: the main window's first content. User name, password, Enter signs in.

The form is on screen before the database is open (see ``application.DeskStartup``): the officer
can type at once. Pressing Enter before the database is ready is remembered and the sign-in
happens as soon as it is. Errors (wrong password, locked account) are shown in the form.
Only PySide6 is imported here; the services are imported when signing in.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import tr

if TYPE_CHECKING:
    from counter_app.models.db import Database
    from counter_app.services.org import DeskContext

log = logging.getLogger(__name__)


class LoginForm(QWidget):
    """``signed_in(DeskContext)`` after a successful login; ``quit_requested`` on "Thoát"."""

    signed_in = Signal(object)
    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="loginForm")
        self._db: Database | None = None
        self._pending = False  # Enter was pressed before the database was ready
        self.context: DeskContext | None = None

        title = QLabel(tr("<b>Bộ phận tiếp nhận và trả kết quả</b>"), objectName="loginTitle")
        subtitle = QLabel(tr("Một Cửa Counter — đăng nhập cán bộ"), objectName="loginSubtitle")
        subtitle.setWordWrap(True)
        self.subtitle = subtitle
        self.username = QLineEdit(objectName="username")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="loginError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.status = QLabel(objectName="loginStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Tên đăng nhập:"), self.username)
        form.addRow(tr("Mật khẩu:"), self.password)
        buttons = QDialogButtonBox()
        self.login_button: QPushButton = buttons.addButton(tr("Đăng nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.quit_button: QPushButton = buttons.addButton(tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("quitButton")
        for button in (self.login_button, self.quit_button):
            button.setAutoDefault(True)  # Enter on a focused button presses it, as in a dialog
        self.login_button.setEnabled(False)
        self.login_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.quit_requested)
        self.username.returnPressed.connect(self._enter_in_username)
        self.password.returnPressed.connect(self.submit)

        box = QFrame(objectName="loginBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setFixedWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.status)
        inner.addWidget(buttons)
        # Centred with stretches, not Qt.AlignmentFlag: the Qt namespace's enums cost 13 ms to
        # create on first use, a fifth of a bare window's start.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setFocusProxy(self.username)
        self.username.setFocus()

    # -- start-up states ----------------------------------------------------------------------

    def set_opening(self) -> None:
        self.status.setText(tr("Đang mở cơ sở dữ liệu…"))
        self.login_button.setEnabled(False)

    def set_ready(self, db: Database) -> None:
        """The database is open: signing in is possible (see ``resume_pending``)."""
        self._db = db
        self.status.clear()
        self.login_button.setEnabled(True)

    def resume_pending(self) -> None:
        """Sign in now if Enter was pressed while the database was opening, with what is typed now."""
        if self._pending and self._db is not None:
            self._pending = False
            self.try_login()

    def set_failed(self, message: str) -> None:
        """The database could not be opened: say why; signing in stays off, "Thoát" works."""
        self._db = None
        self._pending = False
        self.status.clear()
        self.error.setText(message)
        self.login_button.setEnabled(False)
        self.username.setEnabled(False)
        self.password.setEnabled(False)
        self.quit_button.setFocus()

    def prefill(self, username: str) -> None:
        """After the first-run set-up: the new officer's user name, the password to type."""
        self._pending = False
        self.username.setText(username)
        self.password.clear()
        self.password.setFocus()

    def set_locked(self, officer_name: str, *, switching: bool = False) -> None:
        """The form of a locked screen: the same officer's password opens it again, another
        officer signing in takes the desk over."""
        if switching:
            self.subtitle.setText(tr("Đổi cán bộ: cán bộ nhận ca đăng nhập. (Cán bộ {name} đăng nhập lại để "
                                     "quay về công việc đang làm.)").format(name=officer_name))
        else:
            self.subtitle.setText(tr("Màn hình đã khóa. Cán bộ {name} nhập tên đăng nhập và mật khẩu để mở lại; "
                                     "cán bộ khác đăng nhập để đổi ca.").format(name=officer_name))

    def is_ready(self) -> bool:
        return self._db is not None

    def is_pending(self) -> bool:
        return self._pending

    # -- signing in ---------------------------------------------------------------------------

    def _enter_in_username(self) -> None:
        if not self.password.text():
            self.password.setFocus()  # Enter after the user name goes on to the password
            return
        self.submit()

    def submit(self) -> None:
        """Enter or "Đăng nhập": sign in now, or as soon as the database is open."""
        if self._db is not None:
            self.try_login()
        elif self.username.isEnabled():
            self._pending = True
            self.status.setText(tr("Đang mở cơ sở dữ liệu… sẽ đăng nhập ngay khi sẵn sàng."))

    def try_login(self) -> None:
        from counter_app.services import org
        from counter_app.services.errors import ServiceError

        if self._db is None:
            return
        try:
            context = org.login(self._db, self.username.text(), self.password.text())
        except ServiceError as exc:
            self._refuse(exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - e.g. the disk failed under the database: say so, keep the form
            log.exception("login failed")
            self._refuse(tr("Không đăng nhập được do lỗi cơ sở dữ liệu: {error}").format(error=exc))
            return
        self.error.clear()
        self.context = context
        self.signed_in.emit(context)

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.password.clear()
        self.password.setFocus()
