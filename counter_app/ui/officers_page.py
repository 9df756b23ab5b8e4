"""Officer administration (admin role): accounts, roles, password resets, deactivation, unlocking.

Keyboard: Ctrl+N jumps to the new-account form, Ctrl+S saves the roles of the selected officer;
every button has an Alt mnemonic. Each action is one service call (services/officers.py) that is
audited with the admin's name; errors show under the field they belong to.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import Role, local_now
from counter_app.models.db import Database
from counter_app.services import officers
from counter_app.services.errors import PermissionDeniedError, ServiceError
from counter_app.services.officers import ROLE_LABELS, ROLE_ORDER, NewOfficer, OfficerRow
from counter_app.services.org import DeskContext

from .events import DeskEvents
from .qt_models import OBJECT_ROLE, Column, ObjectTableModel
from .widgets import ERROR_STYLE, FieldBox

# Translated when shown (tr at import time would keep the language of the first import).
ROLE_TEXT = {
    Role.RECEPTION: QT_TR_NOOP("Tiếp nhận"),
    Role.RETURN: QT_TR_NOOP("Trả kết quả"),
    Role.SUPERVISOR: QT_TR_NOOP("Lãnh đạo"),
    Role.ADMIN: QT_TR_NOOP("Quản trị"),
}


class OfficerModel(ObjectTableModel[OfficerRow]):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__([
            Column(tr("Tên đăng nhập"), lambda o: o.username),
            Column(tr("Họ và tên"), lambda o: o.full_name),
            Column(tr("Điện thoại"), lambda o: o.phone),
            Column(tr("Vai trò"), lambda o: ", ".join(tr(ROLE_TEXT[r]) for r in ROLE_ORDER if r in o.roles)),
            Column(tr("Trạng thái"), lambda o: o.state_text(local_now())),
        ], parent)


def _role_boxes(prefix: str) -> dict[Role, QCheckBox]:
    return {role: QCheckBox(tr(ROLE_TEXT[role]), objectName=f"{prefix}_{role.value}") for role in ROLE_ORDER}


class OfficersPage(QWidget):
    def __init__(self, db: Database, context: DeskContext, events: DeskEvents | None = None,
                 parent=None) -> None:  # noqa: ANN001
        if not context.has_role(Role.ADMIN):
            raise PermissionDeniedError(tr("Chỉ quản trị viên mới mở được trang quản lý cán bộ."))
        super().__init__(parent)
        self._db, self._context, self._events = db, context, events

        self.model = OfficerModel(self)
        self.table = QTableView(objectName="officersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # service order: by name
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The roles take the room left and wrap, so the state column shows without scrolling at 1366×768.
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selected)

        # --- the selected officer
        self.selected_name = QLabel(objectName="selectedOfficer")
        self.edit_roles = _role_boxes("editRole")
        self.save_roles_button = QPushButton(tr("&Lưu vai trò (Ctrl+S)"), objectName="saveRoles")
        self.roles_field = FieldBox(self._row_of(self.edit_roles.values()))
        self.new_password = QLineEdit(objectName="resetPassword")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(tr("Mật khẩu mới, ít nhất 8 ký tự"))
        self.password_field = FieldBox(self.new_password)
        self.reset_button = QPushButton(tr("Đặt lại &mật khẩu"), objectName="resetPasswordButton")
        self.active_button = QPushButton(tr("&Ngừng hoạt động"), objectName="toggleActive")
        self.unlock_button = QPushButton(tr("Mở &khóa"), objectName="unlockOfficer")
        selected = QGroupBox(tr("Cán bộ đang chọn"))
        form = QFormLayout(selected)
        form.addRow(tr("Cán bộ:"), self.selected_name)
        form.addRow(tr("Vai trò:"), self.roles_field)
        form.addRow("", self.save_roles_button)
        form.addRow(tr("Mật khẩu mới:"), self.password_field)
        form.addRow("", self.reset_button)
        form.addRow("", self._row_of([self.active_button, self.unlock_button]))

        # --- new officer
        self.username = QLineEdit(objectName="newUsername")
        self.username.setPlaceholderText(tr("ví dụ: nguyen.van.an"))
        self.full_name = QLineEdit(objectName="newFullName")
        self.phone = QLineEdit(objectName="newPhone")
        self.password = QLineEdit(objectName="newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_roles = _role_boxes("newRole")
        self.new_roles[Role.RECEPTION].setChecked(True)
        self.fields = {
            "username": FieldBox(self.username), "full_name": FieldBox(self.full_name), "phone": FieldBox(self.phone),
            "password": FieldBox(self.password), "roles": FieldBox(self._row_of(self.new_roles.values())),
        }
        self.create_button = QPushButton(tr("&Tạo tài khoản"), objectName="createOfficer")
        create = QGroupBox(tr("Thêm cán bộ (Ctrl+N)"))
        create_form = QFormLayout(create)
        create_form.addRow(tr("Tên đăng nhập:"), self.fields["username"])
        create_form.addRow(tr("Họ và tên:"), self.fields["full_name"])
        create_form.addRow(tr("Điện thoại:"), self.fields["phone"])
        create_form.addRow(tr("Mật khẩu:"), self.fields["password"])
        create_form.addRow(tr("Vai trò:"), self.fields["roles"])
        create_form.addRow("", self.create_button)

        self.message = QLabel(objectName="officersMessage")
        self.message.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(selected)
        side.addWidget(create)
        side.addWidget(self.message)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(side, 2)

        self.save_roles_button.clicked.connect(self.save_roles)
        self.reset_button.clicked.connect(self.reset_password)
        self.new_password.returnPressed.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        self.create_button.clicked.connect(self.create_officer)
        for edit in (self.username, self.full_name, self.phone, self.password):
            edit.returnPressed.connect(self.create_officer)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.username.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save_roles,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reload()

    @staticmethod
    def _row_of(widgets) -> QWidget:  # noqa: ANN001
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w)
        row.addStretch(1)
        return box

    def focus_primary(self) -> None:
        self.table.setFocus()

    # ------------------------------------------------------------------ data

    def reload(self, select_id: int | None = None) -> None:
        current = self.current()
        select_id = select_id if select_id is not None else (current.id if current else None)
        self.model.set_rows(officers.list_officers(self._db, self._context))
        row = next((i for i in range(self.model.rowCount()) if self.model.row_object(i).id == select_id), 0)
        if self.model.rowCount():
            self.table.selectRow(row)
        self._selected()

    def current(self) -> OfficerRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(OBJECT_ROLE) if rows else None

    def select_username(self, username: str) -> None:
        for i in range(self.model.rowCount()):
            if self.model.row_object(i).username == username:
                self.table.selectRow(i)
                return

    def _selected(self, *_args) -> None:  # noqa: ANN002
        officer = self.current()
        enabled = officer is not None
        for w in (self.save_roles_button, self.reset_button, self.active_button, self.unlock_button,
                  self.new_password, *self.edit_roles.values()):
            w.setEnabled(enabled)
        self.roles_field.clear_error()
        self.password_field.clear_error()
        if officer is None:
            self.selected_name.setText("—")
            return
        self.selected_name.setText(f"<b>{officer.full_name}</b> ({officer.username})")
        for role, box in self.edit_roles.items():
            box.setChecked(role in officer.roles)
        self.active_button.setText(tr("&Ngừng hoạt động") if officer.active else tr("&Kích hoạt lại"))
        self.unlock_button.setEnabled(officer.is_locked(local_now()))

    def _tell(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.message.setText(text)

    def _act(self, action: Callable[[], OfficerRow], done: str, field: FieldBox | None = None) -> OfficerRow | None:
        try:
            row = action()
        except ServiceError as exc:
            if field is not None and exc.field in ("roles", "password", None):
                field.show_error(exc.message)
            else:
                self._tell(exc.message, error=True)
            return None
        self._tell(done.format(name=row.full_name))
        self.reload(row.id)
        return row

    # ------------------------------------------------------------------ actions

    def save_roles(self) -> None:
        officer = self.current()
        if officer is None:
            return
        self.roles_field.clear_error()
        roles = {r for r, box in self.edit_roles.items() if box.isChecked()}
        self._act(lambda: officers.set_roles(self._db, self._context, officer.id, roles),
                  tr("Đã lưu vai trò của {name}."), self.roles_field)

    def reset_password(self) -> None:
        officer = self.current()
        if officer is None:
            return
        self.password_field.clear_error()
        password = self.new_password.text()
        if self._act(lambda: officers.reset_password(self._db, self._context, officer.id, password),
                     tr("Đã đặt lại mật khẩu của {name}."), self.password_field):
            self.new_password.clear()

    def toggle_active(self) -> None:
        officer = self.current()
        if officer is None:
            return
        active = not officer.active
        self._act(lambda: officers.set_active(self._db, self._context, officer.id, active),
                  tr("Đã kích hoạt lại tài khoản của {name}.") if active else
                  tr("Đã ngừng hoạt động tài khoản của {name}."))

    def unlock(self) -> None:
        officer = self.current()
        if officer is None:
            return
        self._act(lambda: officers.unlock(self._db, self._context, officer.id), tr("Đã mở khóa tài khoản của {name}."))

    def create_officer(self) -> None:
        for field in self.fields.values():
            field.clear_error()
        form = NewOfficer(self.username.text(), self.full_name.text(), self.password.text(),
                          frozenset(r for r, box in self.new_roles.items() if box.isChecked()), self.phone.text())
        try:
            row = officers.create(self._db, self._context, form)
        except ServiceError as exc:
            box = self.fields.get(exc.field or "")
            if box is not None:
                box.show_error(exc.message)
            else:
                self._tell(exc.message, error=True)
            return
        for edit in (self.username, self.full_name, self.phone, self.password):
            edit.clear()
        self._tell(tr("Đã tạo tài khoản {username} cho {name}.").format(username=row.username, name=row.full_name))
        self.reload(row.id)


__all__ = ["ROLE_LABELS", "OfficersPage", "OfficerModel"]
